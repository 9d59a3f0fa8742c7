import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, type ConsoleFile, findConsoleDir } from '../../../console/build';

/** The console's weight budget: every file, gzip-compressed as CloudFront and browsers do. */
const BUDGET_BYTES = 150 * 1024;
const SOURCE_DIR = join(findConsoleDir(), 'src');

let files: ConsoleFile[];
beforeAll(async () => {
  files = await buildConsole();
});

const text = (path: string) => Buffer.from(files.find((f) => f.path === path)?.body ?? []).toString('utf8');

describe('console build', () => {
  it('stays within 150 KB compressed, all files together', () => {
    const compressed = files.reduce((sum, f) => sum + gzipSync(f.body, { level: 9 }).length, 0);
    expect(compressed).toBeGreaterThan(0);
    expect(compressed).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('has a page without inline script or style that loads only its own files', () => {
    const html = text('/index.html');
    expect(html).toMatch(/<script type="module" src="console.js"><\/script>/);
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]+<\/script>|<style|style=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it("never writes HTML from data: the console's own code has no innerHTML, dangerouslySetInnerHTML or document.write", () => {
    const sources = readdirSync(SOURCE_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      expect(readFileSync(join(SOURCE_DIR, file), 'utf8'), file).not.toMatch(
        /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/,
      );
    }
  });

  it('keeps the key in sessionStorage, never in localStorage', () => {
    const js = text('/console.js');
    expect(js).toContain('sessionStorage');
    expect(js).not.toContain('localStorage');
  });

  it('ships an empty config locally, so the API is on the same origin', () => {
    expect(JSON.parse(text('/config.json'))).toEqual({});
  });
});
