import { describe, expect, it } from 'vitest';
import { detailsToList, retryMayHelp } from '../../../console/src/error-details';

describe("an API error's details under its message", () => {
  it('leaves out a detail the message already says, with or without its field', () => {
    const endpoint = { path: 'endpoint', message: 'no such SQS queue (arn:aws:sqs:us-east-1:000000000000:gone)' };
    const name = { path: 'name', message: 'must not be empty' };

    expect(detailsToList(`The endpoint was refused: ${endpoint.message}`, [endpoint])).toEqual([]);
    expect(detailsToList('name: must not be empty', [name])).toEqual([]);
  });

  it('lists the details the message does not say, in their order', () => {
    const first = { path: 'people.0', message: 'not on the watchlist' };
    const second = { path: 'minScore', message: 'must be a number from 0 to 1' };

    expect(detailsToList('The request was refused', [first, second])).toEqual([first, second]);
  });
});

describe('the Retry button under an error', () => {
  it('is offered where asking again can help: the network, a server error, a throttled or timed-out request', () => {
    expect(retryMayHelp('network', 0)).toBe(true);
    expect(retryMayHelp('server', 502)).toBe(true);
    expect(retryMayHelp('bad-request', 429)).toBe(true);
    expect(retryMayHelp('bad-request', 408)).toBe(true);
  });

  it('is not offered for a refusal that stands, nor for a feature the server lacks', () => {
    expect(retryMayHelp('bad-request', 400)).toBe(false);
    expect(retryMayHelp('bad-request', 403)).toBe(false);
    expect(retryMayHelp('unavailable', 404)).toBe(false);
  });
});
