import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_TOO_LONG, NOT_UTF8 } from '../../../functions/cli/support/input-file';
import { MAX_BODY_LIMIT } from '../../../functions/core/article-limits';
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

  it('names the line where a file of one pretty-printed article stops being JSON, without the --jsonl hint', async () => {
    const path = file('broken.json', ['{', '  "id": "1",', '  "body": "Viktor Bout"', '  "title": "no comma before me"', '}'].join('\n'));

    const { code, stderr } = await run([path]);

    expect(code).toBe(2);
    expect(stderr).toContain(`${path}:4: not valid JSON`);
    expect(stderr).not.toContain('--jsonl');
  });

  it('names no line, rather than a wrong one, where JSON.parse names no place (and never a "line N" quoted from the input)', async () => {
    const noPlace = file('no-place.json', ['{', '  "id": "1",', '  "body": "Viktor Bout",', '  "title": tru', '}'].join('\n'));
    const quoted = file('quoted.json', '{"body": "Viktor Bout", "tags": "[line 9]" x}');

    const first = await run([noPlace]);
    const second = await run([quoted]);

    expect(first.stderr).toContain(`${noPlace}: not valid JSON`);
    expect(second.stderr).toContain(`${quoted}:1: not valid JSON`);
  });

  it('suggests --jsonl for a file of one article a line read without it', async () => {
    const path = file(
      'lines.json',
      [JSON.stringify({ id: '1', body: 'Viktor Bout' }), JSON.stringify({ id: '2', body: 'Ryabkov' })].join('\n'),
    );

    const { code, stderr } = await run([path]);

    expect(code).toBe(2);
    expect(stderr).toContain(`${path}:2: not valid JSON`);
    expect(stderr).toContain('(one article per line? use --jsonl)');
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

  describe('input that is not UTF-8, or a line too long to send', () => {
    const latin1 = Buffer.from('{"id": "2", "body": "Viktor Bout au caf\xe9"}\n', 'latin1');
    const line = (id: string) => `${JSON.stringify({ id, body: 'Viktor Bout' })}\n`;

    it('reports a JSON Lines line that is not UTF-8 by its line, as any bad line: the others are still tagged', async () => {
      const path = join(dir, 'latin1.jsonl');
      writeFileSync(path, Buffer.concat([Buffer.from(line('1')), latin1, Buffer.from(line('3'))]));

      const { code, lines, stderr } = await run([path], { jsonl: true });

      expect(code).toBe(2);
      expect(lines.map((l) => l.id)).toEqual(['1', '3']);
      expect(stderr).toBe(`newswatch tag: ${path}:2: ${NOT_UTF8}\n`);
    });

    it('numbers a line that is not UTF-8 across batches, and a replacement character held as text is no bad byte', async () => {
      const many = Array.from({ length: 3_000 }, (_, i) => line(`${i + 1}`)).join('');
      const path = join(dir, 'latin1-late.jsonl');
      const kept = `${JSON.stringify({ id: 'kept', body: 'Viktor Bout \ufffd' })}\n`;
      writeFileSync(path, Buffer.concat([Buffer.from(many + kept), latin1, Buffer.from(line('last'))]));

      const { code, lines, stderr } = await run([path], { jsonl: true });

      expect(code).toBe(2);
      expect(lines).toHaveLength(3_002);
      expect(lines.slice(-2).map((l) => l.id)).toEqual(['kept', 'last']);
      expect(stderr).toBe(`newswatch tag: ${path}:3002: ${NOT_UTF8}\n`);
    });

    it("numbers and decodes lines cut by the input's read chunks, in ASCII batches and Cyrillic ones alike", async () => {
      // About 3 MB of lines of uneven length, so that lines straddle the 1 MiB reads and 256 KB batches; every
      // 97th line is broken JSON (its number must survive the cuts), and the second MB names Bout in Cyrillic.
      const lines: string[] = [];
      const broken: number[] = [];
      for (let n = 1, size = 0; size < 3_000_000; n++) {
        const cyrillic = n > 2_000 && n < 4_000 && n % 50 === 0;
        if (n % 97 === 0) broken.push(n);
        const body = `${cyrillic ? 'Виктор Бут' : 'Viktor Bout'} ${'x'.repeat(100 + ((n * 37) % 1_300))}`;
        lines.push(n % 97 === 0 ? `{"id": "${n}", "body":` : JSON.stringify({ id: `${n}`, body }));
        size += lines[lines.length - 1]!.length + 1;
      }
      const path = file('chunks.jsonl', `${lines.join('\n')}\n`);

      const { code, lines: out, stderr } = await run([path], { jsonl: true });

      expect(code).toBe(2);
      const expectedIds = lines.map((_, i) => `${i + 1}`).filter((id) => !broken.includes(Number(id)));
      expect(out.map((l) => l.id)).toEqual(expectedIds);
      expect(out.every((l) => l.people[0]?.id === 'viktor-bout')).toBe(true);
      const cyrillicMention = out.find((l) => l.id === '2050').people[0].mentions[0];
      expect(cyrillicMention).toEqual({ field: 'body', start: 0, end: 10, text: 'Виктор Бут' });
      expect(
        stderr
          .trim()
          .split('\n')
          .map((m) => m.split(': ')[1]),
      ).toEqual(broken.map((n) => `${path}:${n}`));
    });

    it('refuses a one-article file that is not UTF-8, naming its line, and tags the next file', async () => {
      const path = join(dir, 'latin1.json');
      writeFileSync(path, Buffer.concat([Buffer.from('{\n'), latin1.subarray(1)]));
      const next = file('after-latin1.json', line('next'));

      const { code, lines, stderr } = await run([path, next]);

      expect(code).toBe(2);
      expect(lines.map((l) => l.id)).toEqual(['next']);
      expect(stderr).toBe(`newswatch tag: ${path}:2: ${NOT_UTF8}\n`);
    });

    it('stops reading an input at a line longer than any request body, after tagging the lines before it', async () => {
      const path = file('long.jsonl', `${line('1')}{"id": "2", "body": "${'x'.repeat(MAX_BODY_LIMIT)}"}\n${line('3')}`);
      const next = file('after-long.jsonl', line('next'));

      const { code, lines, stderr } = await run([path, next], { jsonl: true });

      expect(code).toBe(2);
      expect(lines.map((l) => l.id)).toEqual(['1', 'next']);
      expect(stderr).toBe(`newswatch tag: ${path}:2: ${LINE_TOO_LONG}\n`);
    });

    it('tags a line of exactly the largest request body', async () => {
      const longest = `{"id": "1", "body": "${'x'.repeat(MAX_BODY_LIMIT - 23)}"}`;
      const path = file('longest.jsonl', `${longest}\n${line('2')}`);

      const { code, lines, stderr } = await run([path], { jsonl: true });

      expect(Buffer.byteLength(longest)).toBe(MAX_BODY_LIMIT);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(lines.map((l) => l.id)).toEqual(['1', '2']);
    });

    it('tags a line of exactly the largest request body that ends in CRLF, in JSON Lines and as one article', async () => {
      const longest = `{"id": "1", "body": "${'x'.repeat(MAX_BODY_LIMIT - 23)}"}`;
      for (const jsonl of [true, false]) {
        const path = file(`longest-crlf-${jsonl}.jsonl`, jsonl ? `${longest}\r\n${line('2')}\r\n` : `${longest}\r\n`);

        const { code, lines, stderr } = await run([path], { jsonl });

        expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
        expect(lines.map((l) => l.id)).toEqual(jsonl ? ['1', '2'] : ['1']);
      }
    });

    it('refuses /dev/zero, which never ends a line, in JSON Lines and as one article', async () => {
      for (const jsonl of [true, false]) {
        const { code, lines, stderr } = await run(['/dev/zero'], { jsonl });

        expect({ code, lines, stderr }).toEqual({ code: 2, lines: [], stderr: `newswatch tag: /dev/zero:1: ${LINE_TOO_LONG}\n` });
      }
    });
  });
});
