import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersonEntry, TopicDefinition, Watchlist } from '../../../functions/core/watchlist';

// Users copy the documented examples into their watchlist and into PUT /watchlist/...: an example the
// schema refuses is a broken promise, so each is parsed with the schema the API and `tag` use.
const read = (path: string) => readFileSync(resolve(__dirname, '../../..', path), 'utf8');

/** The first ```json block after `heading` in `text`. */
function jsonAfter(text: string, heading: string): unknown {
  const start = text.indexOf(heading);
  const block = /```json\n([\s\S]*?)```/.exec(text.slice(start));
  if (start < 0 || !block) throw new Error(`no json block after "${heading}"`);
  return JSON.parse(block[1]!);
}

const examples = [
  { what: 'the full topic definition', file: 'docs/tagging.md', heading: '### Topic definition format', schema: TopicDefinition },
  { what: 'the person', file: 'docs/tagging.md', heading: '### Adding a person', schema: PersonEntry },
  { what: 'the watchlist file', file: 'docs/api.md', heading: '## The watchlist file', schema: Watchlist },
  { what: 'the watchlist file', file: 'README.md', heading: '### Tag offline', schema: Watchlist },
];

describe('the watchlist examples the docs give', () => {
  it.each(examples)('accepts $what of $file, "$heading"', ({ file, heading, schema }) => {
    const example = jsonAfter(read(file), heading);

    const parsed = schema.safeParse(example);

    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
