import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/handlers/api';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
const poll = (body: unknown) => handler(httpEvent('POST /feeds/poll', { body }), context);

beforeEach(() => table.reset());

describe('POST /feeds/poll', () => {
  it('polls every feed for the body the contract names, {}', async () => {
    const response = await poll({});

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ results: [] });
  });

  it('answers 400 naming an unknown field, as every other body is checked', async () => {
    const response = await poll({ everyMinutes: 5 });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'everyMinutes', message: 'unknown field' }],
    });
  });
});
