import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleStartLines } from '../../../functions/cli/push/json-lines';
import { parseArticleText, readArticleInputs } from '../../../functions/cli/push/read-articles';
import { UsageError } from '../../../functions/cli/support/cli-errors';
import { LINE_TOO_LONG, readLinesBounded } from '../../../functions/cli/support/input-file';
import { MAX_BODY_LIMIT } from '../../../functions/core/article-limits';

describe('parseArticleText', () => {
  it('reads a single article object', () => {
    const parsed = parseArticleText('{"id": "a1", "body": "Viktor Bout"}', 'one.json');

    expect(parsed.articles).toEqual([{ article: { id: 'a1', body: 'Viktor Bout' }, origin: 'one.json:1' }]);
    expect(parsed.rejected).toEqual([]);
  });

  it('reads a file that starts with a UTF-8 byte order mark (as `tag` does), in JSON and in JSON Lines', () => {
    const json = parseArticleText('\uFEFF{"id": "a1", "body": "Viktor Bout"}', 'one.json');
    const lines = parseArticleText('\uFEFF{"body": "first"}\n{"body": "second"}\n', 'two.jsonl');

    expect(json.articles.map((a) => a.article.id)).toEqual(['a1']);
    expect(lines.articles.map((a) => a.article.body)).toEqual(['first', 'second']);
    expect(lines.rejected).toEqual([]);
  });

  it('reads an array and reports a bad element by its line and field', () => {
    const text = '[\n  {"body": "first"},\n  {\n    "body": 5\n  },\n  {"body": "third"}\n]\n';

    const parsed = parseArticleText(text, 'list.json');

    expect(parsed.articles.map((a) => a.article.body)).toEqual(['first', 'third']);
    expect(parsed.rejected).toHaveLength(1);
    expect(parsed.rejected[0]!.origin).toBe('list.json:3 (article 2)');
    expect(parsed.rejected[0]!.reason).toMatch(/^body: /);
  });

  it('reads the {"articles": [...]} batch shape', () => {
    const text = JSON.stringify({ articles: [{ body: 'a' }, { body: 'b', title: 'T' }] }, null, 2);

    const parsed = parseArticleText(text, 'batch.json');

    expect(parsed.articles.map((a) => a.article.body)).toEqual(['a', 'b']);
    expect(parsed.articles.map((a) => a.origin)).toEqual(['batch.json:3 (article 1)', 'batch.json:6 (article 2)']);
  });

  it('keeps the good lines of JSON Lines and reports the bad ones by line', () => {
    const text = ['{"body": "one"}', '', 'not json', '{"body": "four", "author": "x"}', '{"body": "five"}'].join('\n');

    const parsed = parseArticleText(text, 'feed.jsonl');

    expect(parsed.articles.map((a) => [a.origin, a.article.body])).toEqual([
      ['feed.jsonl:1', 'one'],
      ['feed.jsonl:5', 'five'],
    ]);
    expect(parsed.rejected.map((r) => r.origin)).toEqual(['feed.jsonl:3', 'feed.jsonl:4']);
    expect(parsed.rejected[0]!.reason).toContain('not valid JSON');
    expect(parsed.rejected[1]!.reason).toBe('author: unknown field');
  });

  it('recognises JSON Lines without the extension (stdin)', () => {
    const parsed = parseArticleText('{"body": "a"}\n{"body": "b"}\n', '<stdin>');

    expect(parsed.articles.map((a) => a.origin)).toEqual(['<stdin>:1', '<stdin>:2']);
  });

  it('rejects an element that is not an object', () => {
    const parsed = parseArticleText('["just text", {"body": "ok"}]', 'mixed.json');

    expect(parsed.rejected).toEqual([{ origin: 'mixed.json:1 (article 1)', reason: 'an article must be a JSON object' }]);
    expect(parsed.articles).toHaveLength(1);
  });

  it('treats a .json file that is not JSON as unreadable input, naming its line', () => {
    const act = () => parseArticleText('{\n  "body": "a",\n  oops\n}', 'broken.json');

    expect(act).toThrow(UsageError);
    expect(act).toThrow(/^broken\.json:3: not valid JSON/);
  });

  it('refuses a field beside "articles" in the batch shape, as POST /articles does, naming it', () => {
    const text = '{"articles": [{"body": "a"}], "source": "Wire"}';

    expect(() => parseArticleText(text, 'batch.json')).toThrow(UsageError);
    expect(() => parseArticleText(text, 'batch.json')).toThrow('batch.json: source: unknown field beside "articles"');
  });

  it('treats an empty list, bare or in the batch shape, as empty input', () => {
    expect(() => parseArticleText('[]', 'none.json')).toThrow('none.json: empty input, no articles');
    expect(() => parseArticleText('{"articles": []}', 'none.json')).toThrow('none.json: empty input, no articles');
  });

  it('names line 1, not 0, for a document that is no object', () => {
    const parsed = parseArticleText('\n5\n', 'five.json');

    expect(parsed.rejected).toEqual([{ origin: 'five.json:2', reason: 'an article must be a JSON object' }]);
    expect(parseArticleText('"text"', 'text.json').rejected[0]!.origin).toBe('text.json:1');
  });

  it('treats empty input as unreadable', () => {
    expect(() => parseArticleText('  \n', 'empty.json')).toThrow(/empty\.json: empty input/);
  });
});

describe('articleStartLines', () => {
  it('is not fooled by brackets, commas and quotes inside strings', () => {
    const text = '[\n{"body": "a [, ] { \\" }"},\n\n{"body": "b"}]';

    expect(articleStartLines(text)).toEqual([2, 4]);
  });

  it('ignores arrays under other keys', () => {
    const text = '{"other": [1, 2],\n "articles": [\n {"body": "a"}\n]}';

    expect(articleStartLines(text)).toEqual([3]);
  });
});

describe('readArticleInputs', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-push-'));
    await mkdir(join(dir, 'feed'));
    await writeFile(join(dir, 'feed', 'b.jsonl'), '{"body": "b1"}\n{"body": "b2"}\n');
    await writeFile(join(dir, 'feed', 'a.json'), '{"body": "a1"}');
    await writeFile(join(dir, 'feed', 'notes.txt'), 'ignored');
    await mkdir(join(dir, 'empty'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a folder's .json and .jsonl files in name order and skips other files", async () => {
    const parsed = await readArticleInputs([join(dir, 'feed')]);

    expect(parsed.articles.map((a) => a.article.body)).toEqual(['a1', 'b1', 'b2']);
    expect([parsed.files, parsed.stdin]).toEqual([2, false]);
  });

  it('counts the files read and whether stdin was, for the summary', async () => {
    const parsed = await readArticleInputs([join(dir, 'feed', 'a.json'), '-'], { readStdin: async () => '{"body": "s"}' });

    expect([parsed.files, parsed.stdin]).toEqual([1, true]);
  });

  it('reads stdin for -', async () => {
    const parsed = await readArticleInputs(['-'], { readStdin: async () => '{"body": "from stdin"}' });

    expect(parsed.articles).toEqual([{ article: { body: 'from stdin' }, origin: '<stdin>:1' }]);
  });

  it('reads an input of 300,000 articles whole', async () => {
    const lines = Array.from({ length: 300_000 }, (_, i) => `{"id": "a${i}", "body": "x", "bad": ${i % 1000 === 0}}`);
    const text = lines.map((line, i) => (i % 1000 === 0 ? line : line.replace(/, "bad": false/, ''))).join('\n');

    const parsed = await readArticleInputs(['-'], { format: 'jsonl', readStdin: async () => text });

    expect(parsed.articles).toHaveLength(299_700);
    expect(parsed.rejected).toHaveLength(300);
    expect(parsed.articles.at(-1)).toEqual({ article: { id: 'a299999', body: 'x' }, origin: '<stdin>:300000' });
  });

  it('forces JSON Lines with the jsonl format', async () => {
    const parsed = await readArticleInputs(['-'], { format: 'jsonl', readStdin: async () => '{"body": "only"}' });

    expect(parsed.articles.map((a) => a.origin)).toEqual(['<stdin>:1']);
  });

  it('names a missing path', async () => {
    await expect(readArticleInputs([join(dir, 'missing.json')])).rejects.toThrow(/missing\.json: no such file or folder/);
  });

  it('names a folder without article files, and every extension a folder is read for', async () => {
    await expect(readArticleInputs([join(dir, 'empty')])).rejects.toThrow(/: no \.json, \.jsonl or \.ndjson files in this folder$/);
  });

  it('refuses a line longer than the largest body the API takes, naming the file and line, though the lines before are good', async () => {
    const path = join(dir, 'long.jsonl');
    await writeFile(path, `{"body": "one"}\n{"body": "${'x'.repeat(MAX_BODY_LIMIT)}"}\n{"body": "three"}\n`);

    await expect(readArticleInputs([path])).rejects.toThrow(new UsageError(`${path}:2: ${LINE_TOO_LONG}`));
  });

  it('reads a line of exactly the largest body the API takes', async () => {
    const path = join(dir, 'longest.jsonl');
    const line = `{"body": "${'x'.repeat(MAX_BODY_LIMIT - 12)}"}`;
    await writeFile(path, `{"body": "one"}\n${line}\n`);

    const parsed = await readArticleInputs([path]);

    expect(Buffer.byteLength(line)).toBe(MAX_BODY_LIMIT);
    expect(parsed.articles.map((a) => a.origin)).toEqual([`${path}:1`, `${path}:2`]);
  });

  it('reads a line of exactly the largest body the API takes that ends in CRLF', async () => {
    const path = join(dir, 'longest-crlf.jsonl');
    const line = `{"body": "${'x'.repeat(MAX_BODY_LIMIT - 12)}"}`;
    await writeFile(path, `{"body": "one"}\r\n${line}\r\n`);

    const parsed = await readArticleInputs([path]);

    expect(parsed.articles.map((a) => a.origin)).toEqual([`${path}:1`, `${path}:2`]);
  });

  it('counts a carriage return before a line feed in the next chunk as the line break, not as one byte too many', async () => {
    const chunks = async function* (...parts: string[]) {
      for (const part of parts) yield Buffer.from(part);
    };
    expect(await readLinesBounded(chunks('abcd\r', '\nef'), 4)).toEqual({ bytes: Buffer.from('abcd\r\nef') });
    expect(await readLinesBounded(chunks('ab', 'cd\r'), 4)).toEqual({ bytes: Buffer.from('abcd\r') });
    expect(await readLinesBounded(chunks('x\nabcde', '\r\n'), 4)).toEqual({ longLineAt: 2 });
    expect(await readLinesBounded(chunks('x\nabcd\r\r', '\n'), 4)).toEqual({ longLineAt: 2 });
  });

  it('stops reading /dev/zero, which never ends a line, at the limit', async () => {
    await expect(readArticleInputs(['/dev/zero'])).rejects.toThrow(new UsageError(`/dev/zero:1: ${LINE_TOO_LONG}`));
  });

  // The line bound was applied to .json files too: the same articles were taken as JSON Lines and refused as an array on one line.
  it('reads a .json array written on one line longer than 10 MiB: a .json file is bounded by its whole size', async () => {
    const path = join(dir, 'one-line-array.json');
    const articles = Array.from({ length: 12 }, (_, i) => ({ id: `big-${i}`, body: `Viktor Bout ${'x'.repeat(1024 * 1024)}` }));
    await writeFile(path, JSON.stringify(articles));

    const parsed = await readArticleInputs([path]);

    expect((await stat(path)).size).toBeGreaterThan(MAX_BODY_LIMIT);
    expect(parsed.articles.map((a) => a.article.id)).toEqual(articles.map((a) => a.id));
    expect(parsed.rejected).toEqual([]);
  });

  it('refuses a .json file past its bound in words, read no further: a never-ending one (/dev/zero under a .json name)', async () => {
    const path = join(dir, 'endless.json');
    await symlink('/dev/zero', path);

    await expect(readArticleInputs([path])).rejects.toThrow(
      new UsageError(
        `${path}: larger than 256 MiB, the most push reads of one .json file (not read further); write its articles as JSON Lines, one a line, or split it`,
      ),
    );
  });

  it('keeps the line bound for a .json file read as JSON Lines (--jsonl)', async () => {
    const path = join(dir, 'forced-lines.json');
    await writeFile(path, `{"body": "one"}\n{"body": "${'x'.repeat(MAX_BODY_LIMIT)}"}\n`);

    await expect(readArticleInputs([path], { format: 'jsonl' })).rejects.toThrow(new UsageError(`${path}:2: ${LINE_TOO_LONG}`));
  });

  it('refuses stdin twice', async () => {
    await expect(readArticleInputs(['-', '-'])).rejects.toBeInstanceOf(UsageError);
  });
});
