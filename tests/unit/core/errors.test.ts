import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ArticleInput } from '../../../functions/core/article';
import { MAX_DETAILS, validationFailed, zodDetails } from '../../../functions/core/errors';
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

describe('an error answer for a body with very many problems', () => {
  it('names the first MAX_DETAILS and counts the rest, so the answer stays small', () => {
    const body = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 0]));
    const parsed = z.strictObject({ body: z.string() }).safeParse({ body: 'x', ...body });

    const error = validationFailed(parsed.error!);

    expect(error.details).toHaveLength(MAX_DETAILS);
    expect(error.details?.[0]).toEqual({ path: 'k0', message: 'unknown field' });
    expect(error.message).toMatch(/; and 4980 more problems$/);
    expect(error.message.length).toBeLessThan(1_000);
  });
});
