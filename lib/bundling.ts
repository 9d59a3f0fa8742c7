import type { BuildOptions } from 'esbuild';

/**
 * Powertools for AWS Lambda (TypeScript) comes from the AWS-managed Lambda layer, not from the bundle
 * (the practice the Powertools docs recommend: the layer holds logger, metrics, tracer, batch, their
 * commons and the X-Ray SDK the tracer loads, under /opt/nodejs/node_modules).
 * The layer is pinned to the Powertools release the code is developed and tested against (the version
 * of @aws-lambda-powertools/{logger,metrics,tracer} in package.json; tests/infra checks they agree).
 * Its ARN is read at deploy time from the public SSM parameter AWS publishes per release and region,
 * so synth stays offline and the stack deploys in any region the layer is published in.
 */
export const powertoolsLayer = {
  version: '2.36.0',
  /** Public parameter; its value is `arn:aws:lambda:<region>:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:<n>`. */
  ssmParameter: '/aws/service/powertools/typescript/generic/all/2.36.0',
  /** What the layer supplies, so the bundle leaves it out (the layer's own dependencies come with it). */
  modules: ['@aws-lambda-powertools/*', 'aws-xray-sdk-core'],
} as const;

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
  /**
   * Non-ASCII text (the tagger's Russian aliases and cues) stays UTF-8 instead of \uXXXX escapes:
   * 2 bytes a Cyrillic letter instead of 6, ~6 KB less in ingest and api. Node reads .mjs as UTF-8.
   */
  charset: 'utf8',
  /** Prefer ESM entry points so tree-shaking works on middy and the rest. */
  mainFields: ['module', 'main'],
  /**
   * Left to the platform: the Node.js 22 runtime ships AWS SDK v3, the Powertools layer (above) ships
   * Powertools and the X-Ray SDK. Bundling them would only duplicate code that is already on disk.
   */
  externalModules: ['@aws-sdk/*', ...powertoolsLayer.modules],
} as const;

/** lib/bundling.ts as esbuild options: the same settings NodejsFunction passes to the esbuild CLI. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: lambdaBundling.format,
    platform: lambdaBundling.platform,
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourcemap,
    sourcesContent: lambdaBundling.sourcesContent,
    charset: lambdaBundling.charset,
    mainFields: [...lambdaBundling.mainFields],
    external: [...lambdaBundling.externalModules],
    logLevel: 'error',
    metafile: true,
  };
}

/** Handler entry points, relative to the repository root; each exports `handler`. */
export const handlerEntries = {
  authorizer: 'functions/handlers/authorizer.ts',
  ingest: 'functions/handlers/ingest.ts',
  alertDispatcher: 'functions/handlers/alert-dispatcher.ts',
  api: 'functions/handlers/api.ts',
} as const;
export type HandlerName = keyof typeof handlerEntries;
