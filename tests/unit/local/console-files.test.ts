import { describe, expect, it } from 'vitest';
import type { ConsoleFile } from '../../../console/build';
import { consoleSite } from '../../../functions/local/http/console-files';

const file = (path: string, body: string): ConsoleFile => ({ path, contentType: 'text/plain', body: Buffer.from(body) });
const FILES = [file('/index.html', '<!doctype html>'), file('/console.js', 'js'), file('/config.json', '{}')];

describe('console files on the local HTTP API', () => {
  it('serves the page at / with a CSP that allows no inline script and only this origin', async () => {
    const site = consoleSite(async () => FILES);
    const reply = await site.reply('GET', '/');
    expect(reply?.status).toBe(200);
    expect(Buffer.from(reply?.body ?? '').toString()).toBe('<!doctype html>');
    const csp = reply?.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(reply?.headers['x-content-type-options']).toBe('nosniff');
  });

  it('leaves API routes, other methods and unknown paths to the API', async () => {
    const site = consoleSite(async () => FILES);
    expect(await site.reply('GET', '/articles')).toBeUndefined();
    expect(await site.reply('POST', '/')).toBeUndefined();
    expect(await site.reply('GET', '/../package.json')).toBeUndefined();
    expect(await site.reply('GET', '/console.js')).toBeDefined();
  });

  it('builds once and keeps the files', async () => {
    let builds = 0;
    const site = consoleSite(async () => {
      builds++;
      return FILES;
    });
    await Promise.all([site.reply('GET', '/'), site.reply('GET', '/console.js'), site.reply('GET', '/config.json')]);
    expect(builds).toBe(1);
  });

  it('answers 500 naming the problem when the build fails, and tries again on the next request', async () => {
    let attempt = 0;
    const site = consoleSite(async () => {
      attempt++;
      if (attempt === 1) throw new Error('Could not resolve "preact"');
      return FILES;
    });
    const failed = await site.reply('GET', '/');
    expect(failed?.status).toBe(500);
    expect(String(failed?.body)).toContain('Could not resolve "preact"');
    expect((await site.reply('GET', '/'))?.status).toBe(200);
  });
});
