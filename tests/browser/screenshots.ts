/**
 * npm run console:screenshots — one screenshot of each console view, for the README, saved under
 * docs/console/. Runs a local runtime with the founding article, the examples, a subscription, a broken
 * feed and the alerts they produce; needs Debian's Chromium like the browser tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, createQueue, SEED_ARTICLE, startTestRuntime, stopTestRuntime } from '../integration/helpers';
import { launchBrowser, openConsole, signIn, startBrokenFeed } from './browser';

// The SDK's notice about Node 20 is turned off wherever newswatch starts its clients (README): here too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const OUT = fileURLToPath(new URL('../../docs/console/', import.meta.url));
const examples = readFileSync(fileURLToPath(new URL('../../examples/more-articles.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

async function main(): Promise<void> {
  const [runtime, browser, broken] = await Promise.all([startTestRuntime(), launchBrowser(), startBrokenFeed()]);
  try {
    const queue = await createQueue(runtime, 'screenshots');
    await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'], delivery: 'story' });
    await api(runtime, 'POST', '/feeds', { url: `${broken.url}/world.xml`, source: 'Broken Wire' });
    await api(runtime, 'POST', '/feeds/poll', {});
    const seed = await api(runtime, 'POST', '/articles', SEED_ARTICLE);
    await api(runtime, 'POST', '/articles', { articles: examples });
    await runtime.streamIdle();

    const { page, context } = await openConsole(browser, runtime.apiUrl, { width: 1200, height: 800 });
    const shot = async (name: string, hash: string, ready: string) => {
      await page.goto(`${runtime.apiUrl}/${hash}`);
      await page.locator(ready).first().waitFor();
      await page.screenshot({ path: join(OUT, `${name}.png`) });
      console.log(`docs/console/${name}.png`);
    };
    await page.getByLabel('API key').waitFor();
    await page.screenshot({ path: join(OUT, 'sign-in.png') });
    await signIn(page, runtime.apiKey);
    await shot('stories', '#/stories', '.card');
    await shot('story', `#/stories/${seed.body.storyId}`, '.card');
    await shot('article', `#/articles/${seed.body.id}`, '.body mark');
    await shot('articles', '#/articles', '.card');
    await shot('watchlist', '#/watchlist', '.entry');
    await shot('subscriptions', '#/subscriptions', 'tr[data-subscription-id]');
    await shot('feeds', '#/feeds', '.feed-error');
    await shot('alerts', '#/alerts', 'tr[data-alert-id]');
    await context.close();
  } finally {
    await browser.close();
    await broken.close();
    await stopTestRuntime(runtime);
  }
}

await main();
