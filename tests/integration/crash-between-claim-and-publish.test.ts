/**
 * The fault the claim lease exists for: `newswatch serve` is SIGKILLed after the dispatcher claimed an
 * alert and before SNS took it (the SNS stand-in's fault hook kills the process on the first Publish).
 * The alert must not be lost: on the next start the claim is known dead and the alert is published, once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { api, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';
import { localDynamoClient } from '../support/local-dynamo';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /newswatch ready on (http:\/\/127\.0\.0\.1:\d+)/;
const KEY = 'crash-test-key-0123456789';

const article = {
  id: 'crash-1',
  title: 'Viktor Bout asks the court again',
  body: 'Viktor Bout, the Russian arms dealer, asked the court again for a transfer.',
  url: 'https://example.com/crash/1',
};

/** Starts `newswatch serve` with the kill-on-first-publish hook; resolves with its API URL and its exit. */
async function serveWithKillHook(dataDir: string): Promise<{ url: string; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ['bin/newswatch-cli.mjs', 'serve', '--data-dir', dataDir, '--port', '0', '--sns-port', '0'], {
    cwd: root,
    env: { ...process.env, NEWSWATCH_API_KEY: KEY, NEWSWATCH_FAULT_KILL_ON_PUBLISH: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = READY.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`serve exited before it was ready: ${out}`)));
  });
  return { url, exited };
}

describe('a crash between claiming an alert and publishing it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-crash-'));
  let runtime: TestRuntime | undefined;
  afterAll(async () => {
    await stopTestRuntime(runtime, { keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes the alert on the next start, exactly once, instead of losing it', async () => {
    const first = await serveWithKillHook(dataDir);
    const id = article.id;
    // The process may die before it answers (the alert is published within the same second): either way the article is stored.
    await fetch(`${first.url}/articles`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify(article),
    }).catch(() => undefined);
    expect(await first.exited).toBe('SIGKILL');

    runtime = await startTestRuntime({ dataDir, apiKey: KEY });

    const doc = DynamoDBDocumentClient.from(localDynamoClient(runtime.dynamodbEndpoint, runtime.region));
    const marker = await doc.send(
      new GetCommand({ TableName: runtime.tableName, Key: { pk: `ALERT#${id}`, sk: 'A' }, ConsistentRead: true }),
    );
    const owed = await doc.send(
      new ScanCommand({
        TableName: runtime.tableName,
        FilterExpression: 'begins_with(pk, :due)',
        ExpressionAttributeValues: { ':due': 'ALERTDUE#' },
      }),
    );
    doc.destroy();
    expect(marker.Item).toMatchObject({ status: 'published' });
    expect(owed.Items).toEqual([]);
    expect((await api(runtime, 'GET', `/articles/${id}`)).status).toBe(200);
  });
});
