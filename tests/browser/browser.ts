/**
 * Debian's Chromium driven by playwright-core (no browser download): `apt-get install -y chromium`
 * (.ci/run does it when missing). One browser per test file, a fresh context (empty sessionStorage) per test.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: run "apt-get install -y chromium" (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, to prove nothing came from another origin. */
  requests: string[];
  /** JavaScript dialogs (alert, confirm) the page opened: an injected script would show here. */
  dialogs: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

/** Opens the console at `hash` (its landing page, the stories, when empty) in a fresh context. */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1200, height: 900 },
  hash = '',
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const opened: ConsolePage = { context, page, requests: [], dialogs: [], errors: [] };
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => opened.errors.push(e.message));
  await page.goto(`${baseUrl}/${hash}`);
  return opened;
}

export async function signIn(page: Page, apiKey: string): Promise<void> {
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
}

export interface BrokenFeed {
  url: string;
  requests(): number;
  close(): Promise<void>;
}

/** A feed server on loopback that answers every request with HTTP 500. */
export async function startBrokenFeed(): Promise<BrokenFeed> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
