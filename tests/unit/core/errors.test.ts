import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ArticleInput } from '../../../functions/core/article';
import { validationFailed, zodDetails } from '../../../functions/core/errors';
import { PersonEntry } from '../../../functions/core/watchlist';

describe('zodDetails', () => {
  it('names every wrong field and each unknown field by path', () => {
    const schema = z.object({ body: z.string(), nested: z.object({ n: z.number() }) }).strict();
    const error = schema.safeParse({ body: 1, nested: { n: 'x' }, author: 'a' }).error!;
    const paths = zodDetails(error).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body', 'nested.n', 'author']));
  });

  it('names a value of the wrong type by its type alone, not also by checks that only fit the right type', () => {
    // An array has a length: zod's length checks of a string field run on it too.
    const article = ArticleInput.safeParse({ body: [], title: 5 }).error!;
    const person = PersonEntry.safeParse({ id: 'zed', name: 'Zed Zed', aliases: [[], ''] }).error!;

    expect(zodDetails(article)).toEqual([
      { path: 'title', message: 'Invalid input: expected string, received number' },
      { path: 'body', message: 'Invalid input: expected string, received array' },
    ]);
    expect(zodDetails(person)).toEqual([
      { path: 'aliases.0', message: 'Invalid input: expected string, received array' },
      { path: 'aliases.1', message: 'must not be empty' },
    ]);
  });

  it('summarises the details in the message', () => {
    const error = z.object({ body: z.string() }).safeParse({}).error!;
    expect(validationFailed(error).message).toMatch(/^Invalid request: body: /);
  });
});
