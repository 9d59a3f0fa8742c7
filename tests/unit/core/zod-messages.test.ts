import { describe, expect, it } from 'vitest';
import { ArticleInput } from '../../../functions/core/article';
import { zodDetails } from '../../../functions/core/errors';
import { FeedInput } from '../../../functions/core/feeds/feed';
import { SubscriptionRequest } from '../../../functions/core/subscription-policy';

// The schemas use zod/mini, which has no messages of its own ("Invalid input" for everything):
// functions/core/zod.ts installs the English locale, so a 400 says what is wrong, as with classic zod.
describe('the reasons a core schema gives', () => {
  it('are the English ones: type, size and format named', () => {
    const error = ArticleInput.safeParse({ body: 1, title: 'x'.repeat(2_001), language: 'e' }).error!;
    expect(zodDetails(error)).toEqual([
      { path: 'title', message: 'Too big: expected string to have <=2000 characters' },
      { path: 'body', message: 'Invalid input: expected string, received number' },
      { path: 'language', message: 'Too small: expected string to have >=2 characters' },
    ]);
  });

  it('say a field left out is required, not that its value was wrong', () => {
    const error = ArticleInput.safeParse({ title: 'x' }).error!;
    expect(zodDetails(error)).toEqual([{ path: 'body', message: 'Required: expected string' }]);
  });

  it('say a choice left out is required, naming the choices, not that the option was invalid', () => {
    const error = SubscriptionRequest.safeParse({ endpoint: 'arn:aws:sqs:us-east-1:000000000000:q' }).error!;
    expect(zodDetails(error)).toContainEqual({
      path: 'protocol',
      message: 'Required: expected one of "email"|"sms"|"https"|"sqs"|"lambda"',
    });
  });

  it('name an unknown field and keep the messages a schema sets itself', () => {
    const error = FeedInput.safeParse({ url: 'ftp://example.com', everyMinutes: 2, colour: 'red' }).error!;
    expect(zodDetails(error)).toEqual([
      { path: 'url', message: 'must be an http(s) URL' },
      { path: 'everyMinutes', message: 'must be at least 5 minutes' },
      { path: 'colour', message: 'unknown field' },
    ]);
  });
});
