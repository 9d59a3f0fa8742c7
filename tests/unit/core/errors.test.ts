import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { validationFailed, zodDetails } from '../../../functions/core/errors';

describe('zodDetails', () => {
  it('names every wrong field and each unknown field by path', () => {
    const schema = z.object({ body: z.string(), nested: z.object({ n: z.number() }) }).strict();
    const error = schema.safeParse({ body: 1, nested: { n: 'x' }, author: 'a' }).error!;
    const paths = zodDetails(error).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body', 'nested.n', 'author']));
  });

  it('summarises the details in the message', () => {
    const error = z.object({ body: z.string() }).safeParse({}).error!;
    expect(validationFailed(error).message).toMatch(/^Invalid request: body: /);
  });
});
