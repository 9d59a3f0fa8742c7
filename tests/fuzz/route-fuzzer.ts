/**
 * Hostile requests over every route in functions/core/routes.ts (read at run time, so a new route is
 * fuzzed without touching this file): ids that are too long, badly %-escaped, full of control
 * characters or named like Object.prototype's members; query strings with unknown keys, cursors from
 * nowhere or older than `since`; bodies that are not JSON, not objects, deeply nested, or valid with
 * one field broken. Every string carries a marker, so an error body that echoes input is caught.
 * Used by tests/integration/fuzz-routes.test.ts (short) and `npm run test:chaos` (10,000 requests).
 */
import fc from 'fast-check';
import { articleListing, encodeCursor } from '../../functions/core/article-query';
import { routes } from '../../functions/core/routes';

/** Appears in every generated string: an error body containing it echoes client input. */
export const ECHO_MARKER = 'zq9echo';

export interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  body?: string;
}

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
/** Only a closed port on this machine: fuzzed feeds must never make the runtime fetch from the network. */
const SAFE_URL = 'http://127.0.0.1:9/';

const marked = (arb: fc.Arbitrary<string>) => arb.map((s) => `${ECHO_MARKER}${s}`);

/** Raw path segments, already as they go on the wire (some deliberately malformed). */
const idSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('viktor-bout', 'prisoner-exchange', 'sub_0123456789abcdef0123456789abcdef', ...PROTOTYPE_NAMES),
  marked(fc.string({ maxLength: 40 })).map(encodeURIComponent),
  marked(fc.string({ unit: 'binary', maxLength: 40 })).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, 'x'))),
  fc.integer({ min: 257, max: 5_000 }).map((n) => `${ECHO_MARKER}${'a'.repeat(n)}`),
  fc.constantFrom(
    '%',
    '%zz',
    '%E0%A4%A',
    '%C0%AF',
    '%FF',
    `${ECHO_MARKER}%`,
    `${ECHO_MARKER}%00`,
    `${ECHO_MARKER}%0A%0D`,
    '%2E%2E',
    '%20',
    `${ECHO_MARKER}%3Cscript%3E`,
  ),
);

const QUERY_KEYS = ['person', 'topic', 'since', 'limit', 'cursor', 'delivery', 'kind', ...PROTOTYPE_NAMES];

/** A cursor (base64url JSON) that this API could have made, or nearly. */
const cursor = fc.oneof(
  fc.constantFrom('2000-01-01T00:00:00.000Z#x', '', '#', '\u0000').map((k) => Buffer.from(JSON.stringify({ k })).toString('base64url')),
  marked(fc.string({ maxLength: 30 })).map((k) => Buffer.from(JSON.stringify({ k })).toString('base64url')),
  fc.string({ maxLength: 30 }),
);

const queryValue = fc.oneof(
  fc.constantFrom(
    'viktor-bout',
    'prisoner-exchange',
    '2020-01-01',
    '2030-12-31T23:59:59Z',
    '0',
    '-1',
    '101',
    '1e3',
    'NaN',
    '',
    ...PROTOTYPE_NAMES,
  ),
  marked(fc.string({ maxLength: 50 })),
  fc.integer({ min: 300, max: 3_000 }).map((n) => `${ECHO_MARKER}${'b'.repeat(n)}`),
  cursor,
);

const query = fc.uniqueArray(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 4, selector: ([k]) => k }).chain((pairs) =>
  fc.oneof(
    fc.constant(new URLSearchParams(pairs).toString()),
    // A cursor older than `since`: a page that cannot exist (on GET /articles; another listing's cursor elsewhere).
    fc.constant(
      `person=viktor-bout&since=2024-01-01&cursor=${encodeCursor('2000-01-01T00:00:00.000Z#a', articleListing('articles', { kind: 'person', id: 'viktor-bout' }))}`,
    ),
    fc.constant('person=viktor-bout&since=%E0%A4%A&limit=%zz'),
  ),
);

const jsonLeaf = fc.oneof(
  marked(fc.string({ maxLength: 30 })),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(SAFE_URL),
);
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  // Keys that read like field names are named in a 400 on purpose; odd ones (with the marker and a ':') must not be echoed.
  object: fc.dictionary(
    fc.oneof(
      fc.constantFrom(...PROTOTYPE_NAMES, 'id', 'url', 'body', 'people', 'topics', 'terms', 'rules'),
      marked(fc.string({ maxLength: 10 }).map((s) => `:${s}`)),
    ),
    tie('value'),
    { maxKeys: 5 },
  ),
})).value;

/**
 * The queue the subscription template names: the harness creates it (createFuzzTargetQueue), because
 * subscribing a queue that does not exist is a 400, and the template must reach the success path.
 */
export const FUZZ_QUEUE_NAME = 'newswatch-fuzz-target';
export const FUZZ_QUEUE_ARN = `arn:aws:sqs:us-east-1:000000000000:${FUZZ_QUEUE_NAME}`;

/** Valid bodies for the writing routes, for one field to be broken. */
const TEMPLATES: Record<string, Record<string, unknown>> = {
  'POST /articles': { title: 'Viktor Bout', body: 'Viktor Bout was moved again.', url: `${SAFE_URL}a` },
  'PUT /watchlist/people/{id}': { name: 'Brittney Griner', aliases: ['Griner'] },
  'PUT /watchlist/topics/{id}': { terms: { SWAP: ['swap'] }, rules: [{ all: ['SWAP'], weight: 0.6 }] },
  'POST /subscriptions': { protocol: 'sqs', endpoint: FUZZ_QUEUE_ARN, people: ['viktor-bout'] },
  'POST /feeds': { url: `${SAFE_URL}feed.xml`, everyMinutes: 15 },
};

function brokenTemplate(route: string): fc.Arbitrary<unknown> {
  const template = TEMPLATES[route] ?? { id: 'x' };
  return fc
    .tuple(fc.constantFrom(...Object.keys(template), ...PROTOTYPE_NAMES), jsonValue)
    .map(([field, value]) => ({ ...template, [field]: value }));
}

function body(route: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    // The template itself, so the success path (and what it stores) is fuzzed alongside the refusals.
    fc.constant(JSON.stringify(TEMPLATES[route] ?? {})),
    jsonValue.map((v) => JSON.stringify(v)),
    brokenTemplate(route).map((v) => JSON.stringify(v)),
    fc.constantFrom(
      '{',
      '{"a":',
      'null',
      '[]',
      '"x"',
      `{"${ECHO_MARKER}:":}`,
      '{"terms":{"constructor":["x"]},"rules":[{"all":["constructor"],"weight":0.5}]}',
    ),
    fc.integer({ min: 1, max: 200 }).map((n) => `${'['.repeat(n * 10)}${']'.repeat(n * 10)}`),
    fc.constant(JSON.stringify({ articles: [{ body: `${ECHO_MARKER} Viktor Bout`, id: `${ECHO_MARKER}${'i'.repeat(300)}` }] })),
  );
}

function request(route: string): fc.Arbitrary<FuzzRequest> {
  const [method, template] = route.split(' ') as [string, string];
  const writes = method === 'POST' || method === 'PUT';
  return fc.record({
    route: fc.constant(route),
    method: fc.constant(method),
    path: fc
      .tuple(idSegment, method === 'GET' ? query : fc.constant(''))
      .map(([id, q]) => `${template.replace('{id}', id)}${q ? `?${q}` : ''}`),
    body: writes ? body(route) : fc.constant(undefined),
  });
}

/** `count` hostile requests, the same ones for the same seed, spread evenly over every route. */
export function fuzzRequests(count: number, seed: number): FuzzRequest[] {
  const every = fc.oneof(...routes.map((r) => request(r.key)));
  return fc.sample(every, { numRuns: count, seed });
}

export interface FuzzReport {
  sent: number;
  byStatus: Record<number, number>;
  /** 2xx answers per route: whether the generated requests also reached the route's success path. */
  accepted: Record<string, number>;
  /** Routes fuzzed (every one in the route table). */
  routes: number;
  serverErrors: Array<{ request: FuzzRequest; status: number; body: string }>;
  echoes: Array<{ request: FuzzRequest; status: number; body: string }>;
}

/** Sends the requests (a few at a time) and collects every 5xx and every error body that echoes input. */
export async function runFuzz(apiUrl: string, apiKey: string, requests: FuzzRequest[], concurrency = 8): Promise<FuzzReport> {
  const report: FuzzReport = {
    sent: 0,
    byStatus: {},
    accepted: {},
    routes: new Set(requests.map((r) => r.route)).size,
    serverErrors: [],
    echoes: [],
  };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const response = await fetch(`${apiUrl}${request.path}`, {
        method: request.method,
        headers: { 'x-api-key': apiKey, ...(request.body !== undefined && { 'content-type': 'application/json' }) },
        ...(request.body !== undefined && { body: request.body }),
      });
      const text = await response.text();
      report.sent++;
      report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
      if (response.ok) report.accepted[request.route] = (report.accepted[request.route] ?? 0) + 1;
      const sample = {
        request: { ...request, path: request.path.slice(0, 300), body: request.body?.slice(0, 300) },
        status: response.status,
        body: text.slice(0, 500),
      };
      if (response.status >= 500) report.serverErrors.push(sample);
      else if (response.status >= 400 && text.includes(ECHO_MARKER)) report.echoes.push(sample);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return report;
}
