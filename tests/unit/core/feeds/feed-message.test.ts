import { describe, expect, it } from 'vitest';
import { parseFeedMessage } from '../../../../functions/core/feeds/feed-message';

describe('a feed queue message', () => {
  it('gives the poller the feed id it carries', () => {
    expect(parseFeedMessage('{"feedId":"feed_0123456789abcdef0123"}')).toEqual({ feedId: 'feed_0123456789abcdef0123' });
  });

  it.each(['{}', 'null', '{"feedId":""}', '{"feedId":7}'])('is refused without a feed id: %s', (body) => {
    expect(() => parseFeedMessage(body)).toThrow('feed message without a feedId');
  });
});
