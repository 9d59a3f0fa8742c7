import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// aws-cdk's design guidelines: every optional prop says its default (`@default`), and props take resources
// by their interface (ITable, IHttpApi), so a caller can pass an imported or a custom implementation.
const ROOT = resolve(__dirname, '../..');
const LIB = join(ROOT, 'lib');
/** Concrete CDK classes that have an `I…` interface a prop should name instead. */
const CONCRETE =
  /(?<![\w.])(Table|TableV2|Topic|Queue|HttpApi|RestApi|Function|NodejsFunction|Bucket|Key|Role|LogGroup|Alarm|Distribution|Metric)(?![\w])/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every `readonly name: Type` line of every exported `…Props` interface in lib/, with its file and doc comment. */
function props(): { where: string; line: string; doc: string }[] {
  return files(LIB).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    return [...source.matchAll(/export interface \w+Props\b[^{]*\{([\s\S]*?)\n\}/g)].flatMap((m) =>
      [...m[1]!.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?(readonly \w+\??:[^\n]*)/g)].map((p) => ({
        where: relative(ROOT, file),
        line: p[2]!.trim(),
        doc: p[1] ?? '',
      })),
    );
  });
}

describe('construct props', () => {
  it('finds the props of the constructs and stacks', () => {
    expect(props().length).toBeGreaterThan(20);
  });

  it('document the default of every optional prop with @default', () => {
    const undocumented = props().filter(({ line, doc }) => /^readonly \w+\?:/.test(line) && !doc.includes('@default'));
    expect(undocumented.map(({ where, line }) => `${where}: ${line}`)).toEqual([]);
  });

  it('take resources by their interface types, never a concrete class', () => {
    const concrete = props().filter(({ line }) => CONCRETE.test(line.slice(line.indexOf(':') + 1)));
    expect(concrete.map(({ where, line }) => `${where}: ${line}`)).toEqual([]);
  });
});
