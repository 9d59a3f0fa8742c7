import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rule of the README: dependencies point inward. Each layer lists the layers it may import;
// a relative import that leaves them is a violation. Package imports are checked for `core` only.
const ROOT = resolve(__dirname, '../..');
const FUNCTIONS = join(ROOT, 'functions');
const MAY_IMPORT: Record<string, string[]> = {
  core: ['core'],
  adapters: ['adapters', 'core'],
  app: ['app', 'adapters', 'core'],
  handlers: ['handlers', 'app', 'adapters', 'core'],
  // `/console`: the web console's build and security headers, which the local runtime serves at `/`.
  local: ['local', 'handlers', 'adapters', 'core', '/console'],
  // `local`: `newswatch serve` starts the local runtime (loaded as an isolated bundle, never by other commands).
  cli: ['cli', 'adapters', 'core', 'local'],
};
/** Packages that talk to AWS, to HTTP frameworks or to the network: never in the pure core. */
const NOT_IN_CORE = /^(@aws-sdk\/|@aws-lambda-powertools\/|@middy\/|aws-lambda$|(node:)?(http|https|http2|net)$)/;
/** AWS SDK packages (clients, commands, `unmarshall`, `AttributeValue`): only adapters talk to them. */
const SDK = /^@aws-sdk\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** `import … from 'x'` and `export … from 'x'`. */
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g;
/** `import('x')` (also in `typeof import('x')`) and `require('x')`: the chunks loaded on first use. */
const DYNAMIC_IMPORT = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
/** `loadIsolated('<path under functions/>')`: a module the CLI bundles and loads by its path. */
const ISOLATED_LOAD = /\bloadIsolated(?:<[^>]*>)?\(\s*['"]([^'"]+)['"]/g;

/** Every module a file loads, static or on first use; isolated loads as paths relative to the file. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specs = [...source.matchAll(STATIC_IMPORT), ...source.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]!);
  const isolated = [...source.matchAll(ISOLATED_LOAD)].map((m) => `./${relative(dirname(file), join(FUNCTIONS, m[1]!))}`);
  return [...specs, ...isolated];
}

/** A layer under functions/ by name; anything outside it as `/<top-level folder>`. */
function layerOf(path: string): string {
  const inFunctions = relative(FUNCTIONS, path);
  return inFunctions.startsWith('..') ? `/${relative(ROOT, path).split('/')[0]}` : inFunctions.split('/')[0]!;
}

describe('layers', () => {
  it('every folder under functions/ is a known layer', () => {
    const folders = readdirSync(FUNCTIONS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it('no layer imports a layer further out', () => {
    const violations = sourceFiles(FUNCTIONS).flatMap((file) => {
      const layer = layerOf(file);
      return importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => ({ file: relative(ROOT, file), target: layerOf(resolve(dirname(file), spec)) }))
        .filter(({ target }) => !MAY_IMPORT[layer]!.includes(target))
        .map(({ file: f, target }) => `${f} -> ${target}/`);
    });
    expect(violations).toEqual([]);
  });

  it("the use cases import no Lambda event types: a stream record's shape stays with the adapter that reads it", () => {
    const violations = sourceFiles(join(FUNCTIONS, 'app')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec === 'aws-lambda')
        .map((spec) => `${relative(ROOT, file)}: ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('the use cases return domain results: they build no HTTP response (statusCode, headers)', () => {
    const violations = sourceFiles(join(FUNCTIONS, 'app')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\b(statusCode|multiValueHeaders)\b|\bheaders\s*:/.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );
    expect(violations).toEqual([]);
  });

  it('the use cases and the handlers import no AWS SDK package: SDK clients and types stay in adapters', () => {
    const violations = ['app', 'handlers'].flatMap((layer) =>
      sourceFiles(join(FUNCTIONS, layer)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => SDK.test(spec))
          .map((spec) => `${relative(ROOT, file)}: ${spec}`),
      ),
    );
    expect(violations).toEqual([]);
  });

  it('no two files under functions/ share a name (a name says which layer it means)', () => {
    const byName = new Map<string, string[]>();
    for (const layer of Object.keys(MAY_IMPORT)) {
      for (const file of sourceFiles(join(FUNCTIONS, layer))) {
        const name = basename(file);
        byName.set(name, [...(byName.get(name) ?? []), relative(FUNCTIONS, file)]);
      }
    }
    expect([...byName.values()].filter((paths) => paths.length > 1)).toEqual([]);
  });

  it('the CDK app imports from functions/ only what both sides must agree on', () => {
    // decimal-integer.ts: the stack's `-c` settings and the handlers' environment read a whole number alike.
    const shared = ['adapters/env-names.ts', 'adapters/table-design.ts', 'core/routes.ts', 'core/text/decimal-integer.ts'];
    const violations = sourceFiles(join(ROOT, 'lib')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(FUNCTIONS, `${resolve(dirname(file), spec)}.ts`))
        .filter((target) => !target.startsWith('..') && !shared.includes(target))
        .map((target) => `${relative(ROOT, file)} -> functions/${target}`),
    );
    expect(violations).toEqual([]);
  });

  it('the core imports no AWS SDK, Powertools, middy, Lambda types or node:http', () => {
    const violations = sourceFiles(join(FUNCTIONS, 'core')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => NOT_IN_CORE.test(spec))
        .map((spec) => `${relative(ROOT, file)}: ${spec}`),
    );
    expect(violations).toEqual([]);
  });
});
