import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/core/routes';

// docs/api.md tells clients which scope each route needs; a read key that meets a 403 where the
// contract promised it access is a broken contract, so the sentence is checked against the route table.
const API_DOC = readFileSync(resolve(__dirname, '../../../docs/api.md'), 'utf8');
// Only the bullet that states the scopes: other conventions may name GET routes for other reasons.
const SCOPES_START = API_DOC.indexOf('Keys have scopes:');
const SCOPES = API_DOC.slice(SCOPES_START, API_DOC.indexOf('\n- ', SCOPES_START));

describe('the scopes docs/api.md states', () => {
  it('names, as an exception to "read: the GET routes", every GET route that needs another scope', () => {
    const exceptions = routes.filter((r) => r.key.startsWith('GET ') && r.scope !== 'read').map((r) => r.key);

    const unnamed = exceptions.filter((key) => !SCOPES.includes(`\`${key}\``));

    expect(SCOPES).toContain('`read`');
    expect(exceptions.length).toBeGreaterThan(0);
    expect(unnamed).toEqual([]);
  });

  it('names no GET route as an exception that a read key may call', () => {
    const readable = routes.filter((r) => r.key.startsWith('GET ') && r.scope === 'read').map((r) => r.key);

    expect(readable.filter((key) => SCOPES.includes(`\`${key}\``))).toEqual([]);
  });
});
