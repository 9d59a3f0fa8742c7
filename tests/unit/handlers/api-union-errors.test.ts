import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/handlers/api';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

/**
 * A topic entry is either `{id}` (built in) or a full definition: when neither fits, the 400 must
 * name the fields of the one the caller meant, not "(root): Invalid input".
 */
const table = fakeTable();
const putTopic = (id: string, body: unknown) => handler(httpEvent('PUT /watchlist/topics/{id}', { id, body }), context);

beforeEach(() => table.reset());

describe('PUT /watchlist/topics/{id} with an invalid entry', () => {
  it('names the field of a full definition that is wrong', async () => {
    // Prepare
    const definition = { terms: { SANCTION: ['sanction*'] }, rules: [{ all: ['SANCTION'], weight: 2 }] };

    // Act
    const response = await putTopic('sanctions', definition);

    // Assess
    expect(response.statusCode).toBe(400);
    const paths = bodyOf(response).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['rules.0.weight']);
    expect(bodyOf(response).error.message).toContain('rules.0.weight');
  });

  it('names a wrong key inside a rule, not "terms" and "rules" as unknown fields of a built-in reference', async () => {
    // A rule that says "score" where the format says "weight": one unknown key, against the two a
    // built-in reference would not know.
    const response = await putTopic('sanctions', { terms: { SANCTION: ['sanction*'] }, rules: [{ all: ['SANCTION'], score: 0.6 }] });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([
      { path: 'rules.0.weight', message: 'Required: expected number' },
      { path: 'rules.0.score', message: 'unknown field' },
    ]);
  });

  it('names the wrong key of every rule when each rule says "score", not "terms" and "rules" as unknown fields', async () => {
    // Two rules, one wrong key each: as many unknown keys as a built-in reference has ("terms", "rules").
    const rules = [
      { all: ['SANCTION'], score: 0.6 },
      { all: ['EMBARGO'], score: 0.4 },
    ];
    const response = await putTopic('sanctions', { terms: { SANCTION: ['sanction*'], EMBARGO: ['embargo*'] }, rules });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([
      { path: 'rules.0.weight', message: 'Required: expected number' },
      { path: 'rules.0.score', message: 'unknown field' },
      { path: 'rules.1.weight', message: 'Required: expected number' },
      { path: 'rules.1.score', message: 'unknown field' },
    ]);
  });

  it('says "rules" is required when a definition gives "terms" without it, not that "terms" is unknown', async () => {
    const response = await putTopic('sanctions', { terms: { SANCTION: ['sanction*'] } });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'rules', message: 'Required: expected array' }]);
  });

  it('still explains that an id alone must be a built-in topic', async () => {
    // Act
    const response = await putTopic('sanctions', {});

    // Assess
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'id', message: expect.stringContaining('is not a built-in topic') }]);
  });
});

describe('GET /alerts with a since that is not a date', () => {
  it('says what since must be (a date or a date-time), not one branch\'s "Invalid ISO datetime"', async () => {
    const response = await handler(httpEvent('GET /alerts', { query: { since: 'yesterday' } }), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'since', message: 'must be an ISO-8601 date or date-time' }]);
  });
});
