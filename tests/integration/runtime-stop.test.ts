/**
 * What the local runtime leaves behind in its process when it stops: the handlers' table clients are
 * routed in-process to its DynamoDB stand-in while it runs (adapters/table.ts useLocalTableClients),
 * and a table client made after the stop is a plain SDK client again, reaching whatever endpoint the
 * environment names — not a route to a stand-in that is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/table';
import { startDynalite } from '../../functions/local/dynamo/dynamo-standin';
import { startTestRuntime, stopTestRuntime } from './helpers';

describe('the local runtime stopping', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('makes later table clients in the same process plain SDK clients again', async () => {
    const runtime = await startTestRuntime();
    await stopTestRuntime(runtime);
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-after-stop-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const other = await startDynalite(dir, 0);
    cleanups.push(() => other.close());
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${other.port}`;

    const client = createDocumentClient();
    cleanups.push(() => client.destroy());
    const listed = await client.send(new ListTablesCommand({}));

    expect(listed.TableNames).toEqual([]);
  });
});
