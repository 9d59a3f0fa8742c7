import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTagCaptured } from '../../support/run-tag';

const dir = mkdtempSync(join(tmpdir(), 'newswatch-tag-test-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function run(files: string[], opts: { watchlist?: string; jsonl?: boolean; cache?: boolean } = {}) {
  const { code, stdout, stderr } = await runTagCaptured(files, opts);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { code, lines, stderr };
}

describe('newswatch tag', () => {
  it('tags one article per file in the contract output shape, ignoring extra fields', async () => {
    const path = file('one.json', JSON.stringify({ id: 'a1', body: 'Viktor Bout was freed in a prisoner swap.', author: 'ignored' }));
    const { code, lines, stderr } = await run([path]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(lines).toHaveLength(1);
    expect(lines[0].id).toBe('a1');
    expect(lines[0].people).toEqual([{ id: 'viktor-bout', mentions: [{ field: 'body', start: 0, end: 11, text: 'Viktor Bout' }] }]);
    expect(lines[0].topics[0]).toMatchObject({ id: 'prisoner-exchange', evidence: expect.any(Array) });
  });

  it('writes null for an article without an id, and results in input order', async () => {
    const a = file('a.json', JSON.stringify({ body: 'Nothing here.' }));
    const b = file('b.json', JSON.stringify({ id: 'b', body: 'Sergei Ryabkov spoke.' }));
    const { lines } = await run([a, b]);
    expect(lines.map((l) => l.id)).toEqual([null, 'b']);
    expect(lines[0]).toEqual({ id: null, people: [], topics: [] });
  });

  it('reports a bad JSON Lines line with file, line and field, and still writes the good lines', async () => {
    const path = file(
      'batch.jsonl',
      [
        JSON.stringify({ id: '1', body: 'Viktor Bout' }),
        JSON.stringify({ id: '2', body: 5 }),
        '{oops',
        '',
        JSON.stringify({ id: '4', body: 'Ryabkov' }),
      ].join('\n'),
    );
    const { code, lines, stderr } = await run([path], { jsonl: true });
    expect(code).toBe(2);
    expect(lines.map((l) => l.id)).toEqual(['1', '4']);
    expect(stderr).toContain(`${path}:2: field "body"`);
    expect(stderr).toContain(`${path}:3: not valid JSON`);
  });

  it('refuses, as POST /articles does, a body of only whitespace and an id of ".." (per line, the other lines still tagged)', async () => {
    const path = file(
      'blank.jsonl',
      [
        JSON.stringify({ id: '1', body: ' \n\t\u00a0' }),
        JSON.stringify({ id: ' .. ', body: 'Viktor Bout' }),
        JSON.stringify({ id: '3', body: ' Viktor Bout ' }),
      ].join('\n'),
    );
    const { code, lines, stderr } = await run([path], { jsonl: true });
    expect(code).toBe(2);
    expect(lines.map((l) => l.id)).toEqual(['3']);
    expect(stderr).toContain(`${path}:1: field "body": must not be only whitespace`);
    expect(stderr).toContain(`${path}:2: field "id": must not be "." or ".."`);
  });

  it('exits 2 naming the file and field when a single article is invalid', async () => {
    const path = file('bad.json', JSON.stringify({ title: 'no body' }));
    const { code, lines, stderr } = await run([path]);
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toContain(`${path}: field "body"`);
  });

  it('uses a watchlist file, and exits 2 naming the bad entry of a bad one', async () => {
    const good = file('w.json', JSON.stringify({ people: [{ id: 'brittney-griner', name: 'Brittney Griner' }] }));
    const article = file('g.json', JSON.stringify({ body: 'Brittney Griner’s trial began.' }));
    expect((await run([article], { watchlist: good })).lines[0].people[0].id).toBe('brittney-griner');

    const bad = file(
      'bad-w.json',
      JSON.stringify({
        people: [
          { id: 'x', name: 'X' },
          { id: 'x', name: 'Y' },
        ],
      }),
    );
    const { code, stderr } = await run([article], { watchlist: bad });
    expect(code).toBe(2);
    expect(stderr).toContain('people[1] (id "x")');
  });

  it('exits 2 for a missing input file', async () => {
    const { code, stderr } = await run([join(dir, 'missing.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('missing.json: no such file');
  });
  it('reads an article file, a JSON Lines file and a watchlist that start with a UTF-8 byte order mark', async () => {
    const bom = '\uFEFF';
    const one = file('bom.json', `${bom}${JSON.stringify({ id: 'a', body: 'Paul Whelan' })}`);
    const lines = file('bom.jsonl', `${bom}${JSON.stringify({ id: 'b', body: 'Paul Whelan' })}\n`);
    const watchlist = file('bom-watchlist.json', `${bom}${JSON.stringify({ people: [{ id: 'whelan', name: 'Paul Whelan' }] })}`);

    const single = await run([one], { watchlist, cache: false });
    const jsonl = await run([lines], { watchlist, cache: false, jsonl: true });

    for (const { code, stderr } of [single, jsonl]) expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect([...single.lines, ...jsonl.lines].map((l) => [l.id, l.people.map((p: { id: string }) => p.id)])).toEqual([
      ['a', ['whelan']],
      ['b', ['whelan']],
    ]);
  });
});
