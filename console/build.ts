/**
 * Builds the web console: esbuild bundles console/src (TypeScript + Preact) into console.js; the page,
 * the style sheet and the icon are copied as they are. `npm start` builds it in memory on the first
 * request for `/`; the CDK Console construct writes it to a folder at synth time; `npm run
 * build:console [DIR]` writes it for a look at the files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, type BuildResult, build, buildSync } from 'esbuild';

export interface ConsoleFile {
  /** Path under the site root, e.g. "/console.js". */
  path: string;
  contentType: string;
  body: Uint8Array;
}

const COPIED: readonly { from: string; path: string; contentType: string }[] = [
  { from: 'index.html', path: '/index.html', contentType: 'text/html; charset=utf-8' },
  { from: 'styles.css', path: '/console.css', contentType: 'text/css; charset=utf-8' },
  { from: 'favicon.svg', path: '/favicon.svg', contentType: 'image/svg+xml' },
];

/** Locally the API is on the same origin; a deployment replaces this with `{"apiUrl": "https://…/"}`. */
const LOCAL_CONFIG = '{}\n';

/** The console folder: found by walking up, because this module also runs from a bundle under .cache/newswatch. */
export function findConsoleDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    for (const candidate of [dir, join(dir, 'console')]) if (existsSync(join(candidate, 'src', 'main.tsx'))) return candidate;
    if (dir === dirname(dir)) throw new Error(`cannot find the console sources above ${from}`);
    dir = dirname(dir);
  }
}

function options(dir: string): BuildOptions {
  return {
    entryPoints: [join(dir, 'src', 'main.tsx')],
    bundle: true,
    write: false,
    outdir: 'out',
    entryNames: 'console',
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(dir, 'tsconfig.json'),
    logLevel: 'silent',
  };
}

function files(dir: string, result: BuildResult): ConsoleFile[] {
  const script = result.outputFiles?.find((f) => f.path.endsWith('.js'));
  if (!script) throw new Error('esbuild produced no console.js');
  return [
    ...COPIED.map((c) => ({ path: c.path, contentType: c.contentType, body: readFileSync(join(dir, c.from)) })),
    { path: '/console.js', contentType: 'text/javascript; charset=utf-8', body: script.contents },
    { path: '/config.json', contentType: 'application/json; charset=utf-8', body: Buffer.from(LOCAL_CONFIG) },
  ];
}

export async function buildConsole(dir = findConsoleDir()): Promise<ConsoleFile[]> {
  return files(dir, await build(options(dir)));
}

/** For the CDK, whose constructs are synchronous. */
export function buildConsoleSync(dir = findConsoleDir()): ConsoleFile[] {
  return files(dir, buildSync(options(dir)));
}

/** Writes the built files into `outDir` (created if missing); `withConfig: false` leaves config.json to the deployment. */
export function writeConsole(outDir: string, { withConfig = true } = {}): ConsoleFile[] {
  const built = buildConsoleSync().filter((f) => withConfig || f.path !== '/config.json');
  mkdirSync(outDir, { recursive: true });
  for (const file of built) writeFileSync(join(outDir, file.path.slice(1)), file.body);
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(findConsoleDir(), 'dist'));
  for (const file of writeConsole(outDir)) console.log(`${file.path.slice(1)}\t${file.body.length} bytes`);
  console.log(`console written to ${outDir}`);
}
