/**
 * The esbuild settings every Lambda is bundled with, as plain data: the CDK ProjectFunction and
 * bench/lambda.ts (npm run bench:lambda) both read them, so the benchmark measures exactly what deploys.
 */
export const lambdaBundling = {
  /** Lambda nodejs22.x; esbuild leaves modern syntax alone. */
  target: 'node22',
  format: 'esm',
  platform: 'node',
  minify: true,
  /** External .map file next to the bundle; NODE_OPTIONS=--enable-source-maps makes stack traces readable. */
  sourcemap: true,
  /**
   * Mappings only, no copy of every source file inside the map: stack traces still point at
   * file:line, and the map Node parses at cold start shrinks from ~2.3 MB to ~0.7 MB (≈ 70 ms saved).
   */
  sourcesContent: false,
  /** Prefer ESM entry points so tree-shaking works on Powertools/middy. */
  mainFields: ['module', 'main'],
  /** The Node.js 22 runtime ships AWS SDK v3: bundling it would only add size and cold-start time. */
  externalModules: ['@aws-sdk/*'],
  /**
   * CommonJS dependencies bundled into an ES module still call require() for Node built-ins
   * (aws-xray-sdk-core does); give them one.
   */
  banner: "import{createRequire as __nwCreateRequire}from'node:module';const require=__nwCreateRequire(import.meta.url);",
} as const;

/** Handler entry points, relative to the repository root; each exports `handler`. */
export const handlerEntries = {
  authorizer: 'functions/handlers/authorizer.ts',
  ingest: 'functions/handlers/ingest.ts',
  alertDispatcher: 'functions/handlers/alert-dispatcher.ts',
  api: 'functions/handlers/api.ts',
} as const;
export type HandlerName = keyof typeof handlerEntries;
