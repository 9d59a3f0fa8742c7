import type { BuildOptions } from 'esbuild';

/**
 * Packages a bundled library `require`s inside try/catch and does without: not installed, not on
 * Lambda, so the library takes its fallback (linkedom's canvas → its own canvas shim).
 */
export const optionalModules = ['canvas'];

/**
 * The esbuild settings every Lambda is bundled with, as plain data: the CDK ProjectFunction and
 * bench/lambda.ts (npm run bench:lambda) both read them, so the benchmark measures exactly what deploys.
 */
export const lambdaBundling = {
  /** Lambda nodejs22.x; esbuild leaves modern syntax alone. */
  target: 'node22',
  /**
   * CommonJS, not ESM: the runtime's AWS SDK is CommonJS, and an ES module that imports it makes
   * Node 22 sniff each SDK entry file's syntax and lex it for export names (≈ 60 ms of CPU at cold
   * start); `require` loads it directly. An ES module would also import Node built-ins through ESM
   * facades, which read every lazy export: `node:http` alone then loads undici (WebSocket), tens of
   * milliseconds (docs/benchmarks.md, "Lambda cold start").
   */
  format: 'cjs',
  platform: 'node',
  /** The file NodejsFunction writes for a CommonJS bundle (the handler is `index.handler`). */
  outputFile: 'index.js',
  /**
   * Whitespace and syntax minified, identifiers kept: a stack trace names the functions without a
   * source map, and keeping the names costs no measurable cold-start time (the bundle is ~45 % larger
   * uncompressed; Node's compile time hardly moves).
   */
  minify: { whitespace: true, syntax: true, identifiers: false },
  /**
   * External .map file next to the bundle, deployed but not read at cold start: Node reads and indexes
   * it only under NODE_OPTIONS=--enable-source-maps, which cost 10–15 ms of CPU per cold start
   * (docs/benchmarks.md, "Lambda cold start"). Set that variable on a function while debugging to get
   * file:line stack traces; ProjectFunction leaves it unset.
   */
  sourcemap: true,
  /**
   * Mappings only, no copy of every source file inside the map: stack traces still point at
   * file:line, and the map Node parses at cold start shrinks from ~2.3 MB to ~0.7 MB (≈ 70 ms saved).
   */
  sourcesContent: false,
  /**
   * Non-ASCII text (the tagger's Russian aliases and cues) stays UTF-8 instead of \uXXXX escapes:
   * 2 bytes a Cyrillic letter instead of 6, ~6 KB less in ingest and api. Node reads source files as UTF-8.
   */
  charset: 'utf8',
  /** Prefer ESM entry points so tree-shaking works on middy, Powertools and the rest. */
  mainFields: ['module', 'main'],
  /**
   * Left to the platform: the Node.js 22 runtime ships AWS SDK v3. Powertools and the X-Ray SDK its
   * tracer loads are bundled, minified and tree-shaken: loaded from the AWS-managed layer as ~150
   * separate files they made every cold start 30–60 % slower than loading one bundle.
   */
  externalModules: ['@aws-sdk/*', ...optionalModules],
} as const;

/**
 * Set in every Lambda bundle: code that asks `process.env.NEWSWATCH_BUNDLE === 'lambda'` sees a constant,
 * so esbuild drops the branch not taken (and any module only that branch imports).
 */
export const bundleDefine = { 'process.env.NEWSWATCH_BUNDLE': '"lambda"' } as const;

/** A module a function loads only on a rare path, bundled into a file of its own beside index.js. */
export interface LazyChunk {
  readonly entry: string;
  /** Its file in the deployment package; the function `require`s it by this name (see functions/handlers/api.ts). */
  readonly file: string;
}

/**
 * The Powertools Tracer and the X-Ray SDK (≈ 180 KB), loaded on the first invocation X-Ray samples
 * (functions/handlers/observability.ts). Unused in index.js they were still pre-parsed by V8 at every
 * cold start: ≈ 0.05 × of an SDK-clients-only handler (docs/benchmarks.md, "Lambda cold start").
 */
const TRACER_CHUNK: LazyChunk = { entry: 'functions/handlers/tracer-instance.ts', file: 'tracer.js' };

/**
 * The feed parsers (feedsmith with fast-xml-parser, htmlparser2 with entities: ≈ 350 KB), loaded with the
 * first feed body that changed (functions/handlers/feed-run-wiring.ts): a poll answered 304 or with the
 * same bytes never needs them, and in index.js V8 pre-parsed them at every cold start (≈ 0.08 ×).
 */
const FEED_PARSE_CHUNK: LazyChunk = { entry: 'functions/core/feeds/parse-feed.ts', file: 'feed-parse.js' };

/**
 * Readability and linkedom (with the CSS parser they bring: ≈ 550 KB), loaded with the first page of a
 * `fullText` feed (functions/handlers/feed-run-wiring.ts): the feed poller parses feeds on every run but
 * fetches pages only for summary-only items of feeds that ask for full text.
 */
const FULL_TEXT_CHUNK: LazyChunk = { entry: 'functions/core/feeds/full-text.ts', file: 'full-text.js' };

/**
 * The tagger engine (core/tagger: its tables, given names, built-in topic definitions), loaded by the
 * first request one turn after its watchlist read went out (functions/handlers/ingest-wiring.ts), so
 * it is parsed and evaluated on the first invocation, beside that read, not at every init. It shares
 * only the word keys (core/text/word-keys.ts and its generated lists, ≈ 16 KB) with index.js, which the
 * story features use too: the watchlist schema takes the built-in topic ids from a file of their own
 * (core/tagger/builtin-topic-ids.ts), not the 26 KB of definitions. Beside every function that ingests:
 * ingest, the feed poller and the API (polling now) reach it through the same wiring.
 */
const TAGGER_CHUNK: LazyChunk = { entry: 'functions/core/tagger/index.ts', file: 'tagger.js' };

/**
 * Per function, the chunks it loads on demand. The API's `POST /feeds/poll` code (feed parsers,
 * Readability, linkedom: ≈ 950 KB) costs ≈ 0.15 × of a cold start just to parse when it sits in
 * index.js unused (docs/benchmarks.md, "Lambda cold start"). A chunk carries its own copy of the
 * modules it shares with index.js, parsed and evaluated a second time when it loads: keep that small (the
 * tagger's chunk shares ≈ 16 KB), or the chunk costs the first invocation more than it saves at init.
 * It must hand back plain data or objects index.js only calls, not instances index.js tests with
 * `instanceof` (the feed parser's NotAFeed is taken from the chunk itself; the tagger's chunk hands back
 * functions and the tagger they build).
 */
export const lazyChunks: Readonly<Record<HandlerName, readonly LazyChunk[]>> = {
  authorizer: [TRACER_CHUNK],
  ingest: [TAGGER_CHUNK, TRACER_CHUNK],
  alertDispatcher: [TRACER_CHUNK],
  alertSweeper: [TRACER_CHUNK],
  digestScheduler: [TRACER_CHUNK],
  api: [
    { entry: 'functions/handlers/feed-poll-now.ts', file: 'feed-poll-now.js' },
    FEED_PARSE_CHUNK,
    FULL_TEXT_CHUNK,
    TAGGER_CHUNK,
    TRACER_CHUNK,
  ],
  feedDispatcher: [TRACER_CHUNK],
  feedPoller: [FEED_PARSE_CHUNK, FULL_TEXT_CHUNK, TAGGER_CHUNK, TRACER_CHUNK],
};

/** lib/bundling.ts as esbuild options: the same settings NodejsFunction passes to the esbuild CLI. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: lambdaBundling.format,
    platform: lambdaBundling.platform,
    target: lambdaBundling.target,
    minifyWhitespace: lambdaBundling.minify.whitespace,
    minifySyntax: lambdaBundling.minify.syntax,
    minifyIdentifiers: lambdaBundling.minify.identifiers,
    sourcemap: lambdaBundling.sourcemap,
    sourcesContent: lambdaBundling.sourcesContent,
    charset: lambdaBundling.charset,
    mainFields: [...lambdaBundling.mainFields],
    external: [...lambdaBundling.externalModules],
    define: { ...bundleDefine },
    logLevel: 'error',
    metafile: true,
  };
}

/** Handler entry points, relative to the repository root; each exports `handler`. */
export const handlerEntries = {
  authorizer: 'functions/handlers/authorizer.ts',
  ingest: 'functions/handlers/ingest.ts',
  alertDispatcher: 'functions/handlers/alert-dispatcher.ts',
  alertSweeper: 'functions/handlers/alert-sweeper.ts',
  digestScheduler: 'functions/handlers/digest-scheduler.ts',
  api: 'functions/handlers/api.ts',
  feedDispatcher: 'functions/handlers/feed-dispatcher.ts',
  feedPoller: 'functions/handlers/feed-poller.ts',
} as const;
export type HandlerName = keyof typeof handlerEntries;

/**
 * The esbuild CLI command that writes a chunk into a function's deployment package with the settings of
 * esbuildOptions (the CDK ProjectFunction runs it after bundling index.js). Run from the repository root,
 * as the bench and the tests build, so the output is the same bytes.
 */
export function chunkBuildCommand(chunk: LazyChunk, repoDir: string, outputDir: string): string {
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  const args = [
    chunk.entry,
    '--bundle',
    `--format=${lambdaBundling.format}`,
    `--platform=${lambdaBundling.platform}`,
    `--target=${lambdaBundling.target}`,
    `--outfile=${outputDir}/${chunk.file}`,
    ...(lambdaBundling.minify.whitespace ? ['--minify-whitespace'] : []),
    ...(lambdaBundling.minify.syntax ? ['--minify-syntax'] : []),
    ...(lambdaBundling.sourcemap ? ['--sourcemap'] : []),
    `--sources-content=${lambdaBundling.sourcesContent}`,
    `--charset=${lambdaBundling.charset}`,
    `--main-fields=${lambdaBundling.mainFields.join(',')}`,
    ...lambdaBundling.externalModules.map((m) => `--external:${m}`),
    ...Object.entries(bundleDefine).map(([name, value]) => `--define:${name}=${value}`),
    '--log-level=error',
  ];
  return `cd ${quote(repoDir)} && ${quote(`${repoDir}/node_modules/.bin/esbuild`)} ${args.map(quote).join(' ')}`;
}
