/**
 * A push cut short — the server gone mid-way, or Ctrl-C — says how far it got and what to do, instead of
 * ending on a progress line up to 2 s old (or on nothing at all).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const cli = join(__dirname, '..', '..', '..', 'bin', 'newswatch-cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'newswatch-push-stopped-'));
const file = join(dir, 'articles.jsonl');
writeFileSync(file, `${Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `a${i}`, body: `Article ${i}` })).join('\n')}\n`);

/** POST /articles as newswatch answers a batch: every article new. */
async function answerBatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const { articles } = JSON.parse(raw) as { articles: Array<{ id: string }> };
  const results = articles.map((a, index) => ({ index, status: 201, id: a.id, duplicate: false, people: [], topics: [] }));
  res.writeHead(200, { 'content-type': 'application/json', 'x-newswatch': '1' }).end(JSON.stringify({ results }));
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

/** A server that answers `answered` batches, then does what `then` says with the next request. */
async function serverThat(answered: number, then: (req: IncomingMessage, res: ServerResponse, s: Server) => void): Promise<string> {
  let seen = 0;
  server = createServer((req, res) => (seen++ < answered ? void answerBatch(req, res) : then(req, res, server!)));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function push(url: string) {
  const child = spawn(
    process.execPath,
    [cli, 'push', file, '--url', url, '--api-key', 'k-0123456789', '--batch-size', '10', '--concurrency', '1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('a push cut short', () => {
  it('says how many articles were settled, and that a re-run is safe, when the server goes away mid-way (exit 1)', async () => {
    const url = await serverThat(2, (_req, _res, s) => {
      s.close();
      s.closeAllConnections();
    });

    const run = push(url);

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(
      'push stopped after 20 of 30 articles (20 new, 0 duplicate, 0 rejected, 0 failed); the rest were not confirmed: run the same push again (what was stored is answered as duplicate)',
    );
  });

  it('says the same on Ctrl-C and exits 130', async () => {
    let held: (() => void) | undefined;
    const reached = new Promise<void>((resolve) => (held = resolve));
    // The second batch is never answered: Ctrl-C comes while it is in flight.
    const url = await serverThat(1, () => held?.());

    const run = push(url);
    await reached;
    run.child.kill('SIGINT');

    expect(await run.exited).toBe(130);
    expect(run.stderr()).toContain('push stopped after 10 of 30 articles (10 new, 0 duplicate, 0 rejected, 0 failed)');
  });
});
