/**
 * The console in a real browser against a real local runtime: sign in, a pushed article appearing by
 * itself with its people highlighted, the watchlist, subscriptions, and hostile article text.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../functions/adapters/api-key-store';
import { api, createQueue, SEED_ARTICLE, startTestRuntime, stopTestRuntime, type TestRuntime } from '../integration/helpers';
import { type BrokenFeed, type ConsolePage, launchBrowser, openConsole, signIn, startBrokenFeed } from './browser';

/** A mention or piece of evidence as GET /articles/{id} gives it. */
type Span = { field: string; text: string };

/** The console polls every 2.5 s and promises 5 s; the rest is room for a loaded machine. */
const APPEARS_WITHIN_MS = 15_000;
/** A filter asks the API at once (no polling): the rest is room for a loaded machine. */
const FILTER_APPLIED_MS = 10_000;
/** A form's answer or its clearing needs no poll either: the rest is room for a loaded machine. */
const FORM_SETTLES_MS = 10_000;

let runtime: TestRuntime;
let browser: Browser;
let opened: ConsolePage | undefined;
let brokenFeed: BrokenFeed;

beforeAll(async () => {
  [runtime, browser, brokenFeed] = await Promise.all([startTestRuntime({ authorizerCacheMs: 0 }), launchBrowser(), startBrokenFeed()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await brokenFeed?.close();
  await stopTestRuntime(runtime);
});

afterEach(async () => {
  await opened?.context.close();
  opened = undefined;
});

/**
 * Signs in on the page at `hash`, which the console then shows first: not by way of the stories page
 * (a stories query per watchlist entry, polled, for nothing) and a second navigation.
 */
async function signedIn(hash = ''): Promise<ConsolePage> {
  opened = await openConsole(browser, runtime.apiUrl, undefined, hash);
  await signIn(opened.page, runtime.apiKey);
  return opened;
}

describe('console in Chromium', () => {
  it('signs in with the key typed into "API key" and keeps it in sessionStorage only', async () => {
    opened = await openConsole(browser, runtime.apiUrl);
    await opened.page.getByLabel('API key').fill('not-a-valid-key-at-all');
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(opened.page.getByRole('alert').textContent()).resolves.toContain('This key was refused');

    await signIn(opened.page, runtime.apiKey);
    // Evaluated in the page (a string: this file is type-checked without the DOM library).
    const storage = await opened.page.evaluate(
      '({ session: Object.entries(sessionStorage), local: localStorage.length, cookie: document.cookie })',
    );
    expect(storage).toEqual({ session: [['newswatch.apiKey', runtime.apiKey]], local: 0, cookie: '' });
  });

  it('sends a key the API refuses once signed in (revoked while the tab was open) back to sign-in with the reason', async () => {
    const { page } = await signedIn('#/articles');
    await page.evaluate("sessionStorage.setItem('newswatch.apiKey', 'revoked-while-open-0123456789')");

    await page.reload();

    await expect(page.getByRole('alert').textContent({ timeout: FORM_SETTLES_MS })).resolves.toContain('The API refused this key');
    await expect(page.getByLabel('API key').isVisible()).resolves.toBe(true);
    await expect(page.evaluate("sessionStorage.getItem('newswatch.apiKey')")).resolves.toBeNull();
  });

  it('keeps a read key signed in where it may not edit, and says an admin key is needed', async () => {
    const { key } = await createApiKey(['read'], { label: 'console read test' });
    opened = await openConsole(browser, runtime.apiUrl, undefined, '#/watchlist');
    await signIn(opened.page, key);
    const { page } = opened;
    const addPerson = page.getByRole('form', { name: 'Add a person' });

    await addPerson.getByLabel('Id (lowercase letters, digits and "-")').fill('read-key-test');
    await addPerson.getByLabel('Name').fill('Read Key Test');
    await addPerson.getByRole('button', { name: 'Add person' }).click();

    await expect(addPerson.getByRole('alert').textContent({ timeout: FORM_SETTLES_MS })).resolves.toContain('admin scope');
    await page.goto(`${runtime.apiUrl}/#/subscriptions`);
    await expect(page.getByText('admin scope').first().textContent({ timeout: FORM_SETTLES_MS })).resolves.toContain(
      'newswatch keys create',
    );
    await expect(page.evaluate("sessionStorage.getItem('newswatch.apiKey')")).resolves.toBe(key);
  });

  it('skips to the content without leaving the page', async () => {
    const { page } = await signedIn('#/watchlist');
    await page.getByRole('heading', { name: 'Watchlist' }).first().waitFor();

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await expect(page.evaluate('[location.hash, document.activeElement && document.activeElement.id]')).resolves.toEqual([
      '#/watchlist',
      'main',
    ]);
  });

  it('keeps the keyboard focus in place through Edit, Cancel, Remove and Escape on the watchlist', async () => {
    const { page } = await signedIn('#/watchlist');
    const entry = page.locator('[data-person-id="viktor-bout"]');
    await entry.waitFor();
    const focused = () =>
      page.evaluate('[document.activeElement.tagName, document.activeElement.id || document.activeElement.textContent]');

    await entry.getByRole('button', { name: /^Edit/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toEqual(['INPUT', 'edit-viktor-bout-name']);
    await page.getByRole('form', { name: 'Edit Viktor Bout' }).getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toEqual(['BUTTON', 'Edit Viktor Bout']);

    await entry.getByRole('button', { name: 'Remove' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toEqual(['BUTTON', 'Remove Viktor Bout']);
    await page.keyboard.press('Escape');
    await expect.poll(focused).toEqual(['BUTTON', 'Remove']);
  });

  it('moves the keyboard focus to the page heading once a confirmed removal has taken its entry away', async () => {
    await api(runtime, 'PUT', '/watchlist/people/focus-removal', { name: 'Focus Removal' });
    const { page } = await signedIn('#/watchlist');
    const entry = page.locator('[data-person-id="focus-removal"]');
    await entry.waitFor();
    const focused = () => page.evaluate('[document.activeElement.tagName, document.activeElement.id]');

    await entry.getByRole('button', { name: 'Remove' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('document.activeElement.textContent')).toBe('Remove Focus Removal');
    await page.keyboard.press('Enter');
    await entry.waitFor({ state: 'detached', timeout: FORM_SETTLES_MS });

    await expect.poll(focused).toEqual(['H1', 'watchlist-heading']);
  });

  it("shows the founding article's story without a reload, and the article with Bout and Yaroshenko in <mark>", async () => {
    const { page } = await signedIn('#/stories');
    await page.getByText('No stories yet').waitFor();

    const pushed = await api(runtime, 'POST', '/articles', SEED_ARTICLE);
    expect(pushed.status).toBe(201);
    const story = page.locator(`[data-story-id="${pushed.body.storyId}"]`);
    await story.waitFor({ timeout: APPEARS_WITHIN_MS });
    await expect(story.locator('.tag.person').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['person: Viktor Bout', 'person: Konstantin Yaroshenko']),
    );
    await story.getByRole('link').click();
    await page.getByRole('link', { name: SEED_ARTICLE.title }).click();
    await page.locator('.body mark.person').first().waitFor();

    const people = await page.locator('.body mark.person').allTextContents();
    expect(people).toEqual(expect.arrayContaining(['Viktor Bout', 'Bout', 'Konstantin Yaroshenko', 'Yaroshenko']));
    // One mark per mention and per piece of evidence, each holding exactly its span's text.
    const stored = (await api(runtime, 'GET', `/articles/${pushed.body.id}`)).body as {
      tags: { people: { id: string; mentions: Span[] }[]; topics: { id: string; evidence: Span[] }[] };
    };
    const spans = [
      ...stored.tags.people.flatMap((p) => p.mentions.filter((m) => m.field === 'body').map((m) => `${p.id}|${m.text}`)),
      ...stored.tags.topics.flatMap((t) => t.evidence.filter((e) => e.field === 'body').map((e) => `${t.id}|${e.text}`)),
    ];
    const marks = await page
      .locator('.body mark')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-person') ?? e.getAttribute('data-topic')}|${e.textContent}`));
    expect(marks.sort()).toEqual(spans.sort());
    const bout = page.locator('.body mark[data-person~="viktor-bout"]').first();
    await expect(bout.getAttribute('title')).resolves.toContain('Viktor Bout');
    expect(await page.locator('.body mark.topic').count()).toBeGreaterThan(0);
    await expect(page.locator('.evidence').textContent()).resolves.toMatch(/prisoner-exchange — score \d\.\d\d/);
  });

  it('lists a newly pushed article on the articles page without a reload', async () => {
    const { page } = await signedIn('#/articles');
    await page.locator('.cards, .state.empty').first().waitFor();
    const fresh = {
      title: 'Bout lawyers discuss a possible exchange',
      body: 'Lawyers for Viktor Bout said he could be traded in a prisoner exchange.',
      publishedAt: new Date().toISOString(),
    };
    expect((await api(runtime, 'POST', '/articles', fresh)).status).toBe(201);
    await page.getByRole('link', { name: fresh.title }).waitFor({ timeout: APPEARS_WITHIN_MS });
  });

  it('renders a hostile title and body as text: the characters show, nothing runs', async () => {
    const hostile = {
      title: '<img src=x onerror=alert(1)>',
      body: 'Viktor Bout <script>alert(2)</script> <b onmouseover=alert(3)>bold</b>',
    };
    const { status, body } = await api(runtime, 'POST', '/articles', hostile);
    expect(status).toBe(201);

    const { page, dialogs } = await signedIn('#/articles');
    const link = page.getByRole('link', { name: hostile.title });
    await link.waitFor({ timeout: APPEARS_WITHIN_MS });
    await link.click();
    await page.locator('.body mark.person').first().waitFor();

    await expect(page.locator('h1.article-title').textContent()).resolves.toBe(hostile.title);
    await expect(page.locator('.body').textContent()).resolves.toBe(hostile.body);
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    expect(body.id).toBeTruthy();
    expect(dialogs).toEqual([]);
  });

  it('adds a person with aliases to the watchlist', async () => {
    const { page } = await signedIn('#/watchlist');
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel(/^Id/).fill('brittney-griner');
    await form.getByLabel(/^Name/).fill('Brittney Griner');
    await form.getByLabel(/^Aliases/).fill('Бриттни Гринер\nBritney Griner');
    await form.getByRole('button', { name: 'Add person' }).click();

    await page.locator('[data-person-id="brittney-griner"]').waitFor();
    const { body } = await api(runtime, 'GET', '/watchlist');
    expect(body.people).toContainEqual(
      expect.objectContaining({ id: 'brittney-griner', name: 'Brittney Griner', aliases: ['Бриттни Гринер', 'Britney Griner'] }),
    );
  });

  it('refuses to add a person whose id is on the watchlist already, and keeps its aliases', async () => {
    const { page } = await signedIn('#/watchlist');
    const before = (await api(runtime, 'GET', '/watchlist')).body.people.find((p: { id: string }) => p.id === 'viktor-bout');
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel(/^Id/).fill('viktor-bout');
    await form.getByLabel(/^Name/).fill('Viktor Bout');
    await form.getByRole('button', { name: 'Add person' }).click();

    await form.getByText('"viktor-bout" is on the watchlist already').waitFor({ timeout: FORM_SETTLES_MS });
    const after = (await api(runtime, 'GET', '/watchlist')).body.people.find((p: { id: string }) => p.id === 'viktor-bout');
    expect(before.aliases.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it('refuses, also a second time, to save an edit of a person changed elsewhere since the form opened', async () => {
    await api(runtime, 'PUT', '/watchlist/people/edited-twice', { name: 'Edited Twice', aliases: ['First Alias'] });
    const { page } = await signedIn('#/watchlist');
    const entry = page.locator('[data-person-id="edited-twice"]');
    await entry.getByRole('button', { name: /^Edit/ }).click();
    const form = page.getByRole('form', { name: 'Edit Edited Twice' });
    await form.waitFor();
    await api(runtime, 'PUT', '/watchlist/people/edited-twice', { name: 'Edited Twice', aliases: ['First Alias', 'Added Elsewhere'] });

    for (let attempt = 0; attempt < 2; attempt++) {
      // Each Save reads the watchlist before it would write: its refusal is this read's, not the last one left on screen.
      const checked = page.waitForResponse((response) => new URL(response.url()).pathname === '/watchlist');
      await form.getByRole('button', { name: 'Save person' }).click();
      await checked;
      await form.getByText('was changed elsewhere since this form opened').waitFor({ timeout: FORM_SETTLES_MS });
    }

    const { body } = await api(runtime, 'GET', '/watchlist');
    expect(body.people.find((p: { id: string }) => p.id === 'edited-twice').aliases).toEqual(['First Alias', 'Added Elsewhere']);
  });

  it('creates a story-delivery subscription to a person and deletes it', async () => {
    const queue = await createQueue(runtime, 'console-subscription-test');
    const { page } = await signedIn('#/subscriptions');
    await page.getByText('No subscriptions yet').waitFor();
    await page.getByLabel('Protocol').selectOption('sqs');
    await page.getByLabel('Endpoint').fill(queue.arn);
    await page.getByRole('group', { name: 'People to follow' }).getByLabel('Viktor Bout').check();
    await page.getByLabel('Delivery').selectOption('story');
    await page.getByRole('button', { name: 'Create subscription' }).click();

    const row = page.locator('tr[data-subscription-id]');
    await row.waitFor();
    const listed = await api(runtime, 'GET', '/subscriptions');
    expect(listed.body.items).toEqual([expect.objectContaining({ protocol: 'sqs', people: ['viktor-bout'], delivery: 'story' })]);
    await expect(row.textContent()).resolves.toContain('story');

    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Delete sqs subscription' }).click();
    await page.getByText('No subscriptions yet').waitFor();
    expect((await api(runtime, 'GET', '/subscriptions')).body.items).toEqual([]);
  });

  it('loads nothing from another origin', async () => {
    const { page, requests, errors } = await signedIn('#/articles');
    await page.locator('.card').first().waitFor();
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((url) => !url.startsWith(`${runtime.apiUrl}/`))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows a broken feed's error after a poll", async () => {
    const { page } = await signedIn('#/feeds');
    await page.getByText('No feeds yet').waitFor();
    await page.getByLabel(/^Feed URL/).fill(`${brokenFeed.url}/broken.xml`);
    await page.getByLabel(/^Source name/).fill('Broken Wire');
    await page.getByRole('button', { name: 'Add feed' }).click();
    const row = page.locator('tr[data-feed-id]');
    await row.getByText('not polled yet').waitFor();

    await page.getByRole('button', { name: 'Poll all now' }).click();
    await row.locator('.feed-error').waitFor({ timeout: APPEARS_WITHIN_MS });
    await expect(row.textContent()).resolves.toMatch(/failing \(HTTP 500\)/);
    expect(brokenFeed.requests()).toBeGreaterThan(0);
  });

  it('says a feed added again with the same settings is on the list already, and lists it once', async () => {
    const { page } = await signedIn('#/feeds');
    const rows = page.locator('tr[data-feed-id]');
    const row = page.locator('tr[data-feed-id]', { hasText: 'Again Wire' });
    const notice = page.getByText('is on the list already, with these settings: nothing changed.');
    const add = async () => {
      await page.getByLabel(/^Feed URL/).fill(`${brokenFeed.url}/again.xml`);
      await page.getByLabel(/^Source name/).fill('Again Wire');
      await page.getByRole('button', { name: 'Add feed' }).click();
    };

    await add();
    await row.waitFor({ timeout: APPEARS_WITHIN_MS });
    const listed = await rows.count();
    const firstTime = await notice.count();
    await add();
    await notice.waitFor({ timeout: APPEARS_WITHIN_MS });

    expect(firstTime).toBe(0);
    expect(await rows.count()).toBe(listed);
    await page
      .getByRole('row', { name: /Again Wire/ })
      .getByRole('button', { name: /Remove/ })
      .click();
  });

  // The browser's own validation blocks the submit before the form's handler runs: the error of the
  // request before stayed on screen under a form that had not been sent.
  it("clears a refused request's error when the browser itself blocks the next submit (a required field left empty)", async () => {
    const { page } = await signedIn('#/feeds');
    const form = page.getByRole('form', { name: 'Add a feed' });
    await form.getByLabel(/^Feed URL/).fill('ftp://example.com/feed.xml');
    await form.getByRole('button', { name: 'Add feed' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor({ timeout: FORM_SETTLES_MS });
    // The server's message names the field already: it is not listed a second time under it.
    await expect(refusal.locator('li').count()).resolves.toBe(0);
    await expect(refusal.textContent()).resolves.toContain('url');

    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await form.getByLabel(/^Feed URL/).fill('');
    await form.getByRole('button', { name: 'Add feed' }).click();

    // Bounded below the test's own timeout, so a failure says what it waited for.
    await refusal.waitFor({ state: 'detached', timeout: FORM_SETTLES_MS });
    await expect(page.evaluate("document.getElementById('feed-url').validity.valueMissing")).resolves.toBe(true);
    expect(posts).toEqual([]);
  });

  it("clears a refused key's message when the browser itself blocks the next sign-in (the key field left empty)", async () => {
    opened = await openConsole(browser, runtime.apiUrl);
    const { page } = opened;
    await page.getByLabel('API key').fill('not-a-valid-key-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refusal = page.getByRole('alert');
    await expect(refusal.textContent()).resolves.toContain('This key was refused');

    await page.getByLabel('API key').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Bounded below the test's own timeout, so a failure says what it waited for.
    await refusal.waitFor({ state: 'detached', timeout: FORM_SETTLES_MS });
    await expect(page.evaluate("document.getElementById('api-key').validity.valueMissing")).resolves.toBe(true);
  });

  it("lists what was sent, with each alert's latency", async () => {
    const { page } = await signedIn('#/alerts');
    const row = page.locator('tr[data-alert-id]').first();
    await row.waitFor({ timeout: APPEARS_WITHIN_MS });
    await expect(row.locator('td.number').textContent()).resolves.toMatch(/^\d+ ms$/);
    await expect(row.textContent()).resolves.toContain('article');
  });

  it("lists only the chosen person's articles", async () => {
    const { page } = await signedIn();
    // One made-up article per person asked for: the unfiltered view asks for every followed person.
    await page.route('**/articles?*', (route) => {
      const person = new URL(route.request().url()).searchParams.get('person') ?? 'nobody';
      const item = {
        id: `made-up-${person}`,
        title: `About ${person}`,
        body: 'x',
        publishedAt: '2026-01-01T00:00:00.000Z',
        people: [person],
        topics: [],
        tags: { people: [], topics: [] },
      };
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [item] }) });
    });
    await page.goto(`${runtime.apiUrl}/#/articles`);
    await page.getByRole('link', { name: 'About konstantin-yaroshenko' }).waitFor();

    await page.getByLabel('Person').selectOption('viktor-bout');
    await page.getByRole('link', { name: 'About konstantin-yaroshenko' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'About viktor-bout' }).waitFor();
  });

  it('says a server failure with no message once: its status in the heading, not repeated as its words', async () => {
    const { page } = await signedIn();
    await page.route('**/articles?*', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: '' }));
    await page.goto(`${runtime.apiUrl}/#/articles`);
    const alert = page.getByText('The server failed (HTTP 500).').first();
    await alert.waitFor({ timeout: APPEARS_WITHIN_MS });

    const said = await alert.locator('xpath=..').textContent();
    expect(said).toContain('The server failed (HTTP 500). Retry in a moment');
    expect(said).not.toContain('HTTP 500 —');
  });

  it("asks for the chosen person's sent alerts", async () => {
    const { page } = await signedIn('#/alerts');
    const asked = page.waitForRequest((request) => new URL(request.url()).searchParams.get('person') === 'viktor-bout');
    await page.getByLabel('Person').selectOption('viktor-bout');
    await asked;
  });

  it("asks for the chosen topic's sent alerts, and for the person's alone once a person is chosen after it", async () => {
    const { page } = await signedIn('#/alerts');
    const byTopic = page.waitForRequest((request) => new URL(request.url()).searchParams.get('topic') === 'prisoner-exchange');
    await page.getByLabel('Topic').selectOption('prisoner-exchange');
    await byTopic;
    const byPerson = page.waitForRequest((request) => {
      const query = new URL(request.url()).searchParams;
      return query.get('person') === 'viktor-bout' && !query.has('topic');
    });
    await page.getByLabel('Person').selectOption('viktor-bout');
    await byPerson;

    await expect(page.getByLabel('Topic').inputValue()).resolves.toBe('');
  });

  it("lists only the chosen topic's articles", async () => {
    const { page } = await signedIn();
    // One made-up article per topic asked for, none per person: the unfiltered view asks for every followed topic too.
    await page.route('**/articles?*', (route) => {
      const topic = new URL(route.request().url()).searchParams.get('topic');
      const made = (id: string) => ({
        id: `made-up-${id}`,
        title: `On ${id}`,
        body: 'x',
        publishedAt: '2026-01-01T00:00:00.000Z',
        people: [],
        topics: [id],
        tags: { people: [], topics: [] },
      });
      // The unfiltered view also shows an article no topic filter asks for.
      const items = topic ? [made(topic)] : [made('no-topic')];
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items }) });
    });
    await page.goto(`${runtime.apiUrl}/#/articles`);
    await page.getByRole('link', { name: 'On no-topic' }).first().waitFor({ timeout: FILTER_APPLIED_MS });

    await page.getByRole('form', { name: 'Filters' }).getByLabel('Topic').selectOption('prisoner-exchange');
    // Bounded below the test's own timeout, so a failure names the link it waited for.
    await page.getByRole('link', { name: 'On no-topic' }).first().waitFor({ state: 'detached', timeout: FILTER_APPLIED_MS });
    await page.getByRole('link', { name: 'On prisoner-exchange' }).waitFor({ timeout: FILTER_APPLIED_MS });
  });

  it('says no article matches a search that finds none, and lists them again when it is cleared', async () => {
    const { page } = await signedIn();
    await page.route('**/articles?*', (route) => {
      const made = { id: 'made-up-search', title: 'Bout case heard again', body: 'x', publishedAt: '2026-01-01T00:00:00.000Z' };
      const items = [{ ...made, people: ['viktor-bout'], topics: [], tags: { people: [], topics: [] } }];
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items }) });
    });
    await page.goto(`${runtime.apiUrl}/#/articles`);
    await page.getByRole('link', { name: 'Bout case heard again' }).first().waitFor({ timeout: FILTER_APPLIED_MS });
    const search = page.getByRole('form', { name: 'Filters' }).getByRole('searchbox');

    await search.fill('griner');
    await page.getByText('No articles match these filters.').waitFor({ timeout: FILTER_APPLIED_MS });
    await search.fill('');
    await page.getByRole('link', { name: 'Bout case heard again' }).first().waitFor({ timeout: FILTER_APPLIED_MS });
  });

  it('shows the next page of articles when asked, past the first hundred', async () => {
    const { page } = await signedIn();
    const made = (n: number) => ({
      id: `paged-${n}`,
      title: `Paged article ${n}`,
      body: 'x',
      publishedAt: new Date(Date.UTC(2026, 0, 1) - n * 60_000).toISOString(),
      people: ['viktor-bout'],
      topics: [],
      tags: { people: [], topics: [] },
    });
    // Viktor Bout has 150 articles, 100 to a page; nobody else has any.
    await page.route('**/articles?*', (route) => {
      const query = new URL(route.request().url()).searchParams;
      const from = query.get('person') === 'viktor-bout' ? Number(query.get('cursor') ?? 0) : 150;
      const items = Array.from({ length: Math.max(0, Math.min(100, 150 - from)) }, (_, i) => made(from + i));
      const next = from + items.length < 150 ? { nextCursor: String(from + items.length) } : {};
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items, ...next }) });
    });
    await page.goto(`${runtime.apiUrl}/#/articles`);
    await page.getByRole('link', { name: 'Paged article 99', exact: true }).waitFor({ timeout: FILTER_APPLIED_MS });
    const beyond = await page.getByRole('link', { name: 'Paged article 100', exact: true }).count();

    await page.getByRole('button', { name: 'Show more articles' }).click();
    await page.getByRole('link', { name: 'Paged article 149', exact: true }).waitFor({ timeout: FILTER_APPLIED_MS });

    expect(beyond).toBe(0);
    await expect(page.getByRole('button', { name: 'Show more articles' }).count()).resolves.toBe(0);
  });

  it.each([
    ['#/stories', 'Stories', '/stories'],
    ['#/feeds', 'Feeds', '/feeds'],
    ['#/alerts', 'The record of sent alerts', '/alerts'],
  ])('says %s is not available on a server without %s, instead of breaking', async (hash, feature, path) => {
    const { page, errors } = await signedIn();
    // An older server: the route does not exist (what npm start and API Gateway answer then).
    await page.route(`**${path}?*`, (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'not_found', message: `No route for GET ${path}` } }),
      }),
    );
    await page.route(`**${path}`, (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ message: 'Not Found' }) }),
    );
    await page.goto(`${runtime.apiUrl}/${hash}`);
    const state = page.locator('[data-error-kind="unavailable"]');
    await state.waitFor();
    await expect(state.textContent()).resolves.toContain(`${feature} is not available on this server`);
    expect(errors).toEqual([]);
  });
});
