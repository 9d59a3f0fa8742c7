/**
 * npm run bench:console — the web console's weight and its first view, in Debian's Chromium.
 *
 * 1. Weight: every file the console serves, raw, gzip -9 and brotli (CloudFront compresses with either).
 * 2. First view: 100 stories (and 100 articles) posted to a local runtime; a fresh browser context
 *    opens the page with the key already in sessionStorage; the time from navigation start until the
 *    100th card is on screen, median of RUNS. Baseline in the same run: the sign-in page (no API call).
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildConsole } from '../console/build';
import { api, startTestRuntime, stopTestRuntime, type TestRuntime } from '../tests/integration/helpers';
import { launchBrowser } from '../tests/browser/browser';
import { distinctStories } from '../tests/browser/seed';
import { percentile } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ITEMS = 100;

async function weight(): Promise<void> {
  const files = await buildConsole();
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  console.log('file\traw\tgzip\tbrotli');
  for (const file of files) {
    const g = gzipSync(file.body, { level: 9 }).length;
    const b = brotliCompressSync(file.body).length;
    raw += file.body.length;
    gzip += g;
    brotli += b;
    console.log(`${file.path}\t${file.body.length}\t${g}\t${b}`);
  }
  console.log(`total\t${raw}\t${gzip}\t${brotli}\t(budget 153600 compressed)`);
}

/** Milliseconds from navigation start until `ready` holds, in a fresh context signed in through sessionStorage. */
/** Page-side predicates are functions, not strings: the console's CSP forbids eval. */
type Ready = { kind: 'cards'; count: number } | { kind: 'sign-in' };
const isReady = (ready: Ready) => {
  const doc = (globalThis as any).document;
  return ready.kind === 'cards' ? doc.querySelectorAll('.card').length >= ready.count : !!doc.getElementById('api-key');
};

async function firstView(browser: Browser, runtime: TestRuntime, hash: string, ready: Ready, signedIn = true): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  if (signedIn) await context.addInitScript(`sessionStorage.setItem('newswatch.apiKey', ${JSON.stringify(runtime.apiKey)})`);
  const page = await context.newPage();
  await page.goto(`${runtime.apiUrl}/${hash}`);
  await page.waitForFunction(isReady, ready, { polling: 'raf', timeout: 30_000 });
  const ms = await page.evaluate(() => (globalThis as any).performance.now() as number);
  await context.close();
  return ms;
}

async function main(): Promise<void> {
  await weight();
  const runtime = await startTestRuntime();
  const browser = await launchBrowser();
  try {
    const articles = distinctStories(ITEMS);
    const posted = await api(runtime, 'POST', '/articles', { articles });
    if (posted.status !== 200) throw new Error(`seeding failed: ${posted.status} ${JSON.stringify(posted.body).slice(0, 300)}`);
    const stories = await api(runtime, 'GET', `/stories?person=viktor-bout&limit=${ITEMS}`);
    console.log(`seeded ${articles.length} articles, ${stories.body.items.length} stories`);
    const cards = (count: number): Ready => ({ kind: 'cards', count });
    const views = {
      'sign-in page (baseline)': () => firstView(browser, runtime, '', { kind: 'sign-in' }, false),
      [`${ITEMS} stories`]: () => firstView(browser, runtime, '#/stories', cards(stories.body.items.length)),
      [`${ITEMS} articles`]: () => firstView(browser, runtime, '#/articles', cards(ITEMS)),
    };
    await views['sign-in page (baseline)'](); // warm: the console is built on the first request
    const results: Record<string, number[]> = Object.fromEntries(Object.keys(views).map((name) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const [name, measure] of Object.entries(views)) results[name]!.push(await measure());
    }
    const baseline = percentile(results['sign-in page (baseline)']!, 50);
    console.log(`view\tmedian ms\tp90 ms\tx baseline (runs: ${RUNS})`);
    for (const [name, times] of Object.entries(results)) {
      const median = percentile(times, 50);
      console.log(`${name}\t${median.toFixed(0)}\t${percentile(times, 90).toFixed(0)}\t${(median / baseline).toFixed(2)}`);
    }
  } finally {
    await browser.close();
    await stopTestRuntime(runtime);
  }
}

await main();
