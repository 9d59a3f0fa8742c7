import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseLabel, registerKeys } from '../../../functions/cli/commands/keys';
import { MAX_API_KEY_LABEL_LENGTH } from '../../../functions/core/api-keys';

/** `newswatch keys …` on a program that throws instead of exiting: what it refused, and its error output. */
async function parse(...args: string[]) {
  let errors = '';
  const root = new Command('newswatch').exitOverride().configureOutput({ writeErr: (text) => (errors += text), writeOut: () => undefined });
  registerKeys(root);
  const failure = await root.parseAsync(['node', 'newswatch', 'keys', ...args]).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { failure: failure as CommanderError | undefined, errors };
}

describe('newswatch keys create --label', () => {
  it('refuses an empty label as a usage error naming --label, before any table is looked for', async () => {
    const { failure, errors } = await parse('create', '--scope', 'read', '--label', '');

    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toContain("option '--label <text>' argument '' is invalid. must not be empty.");
  });

  it('refuses a label of white space only', async () => {
    const { errors } = await parse('create', '--scope', 'read', '--label', ' \t ');

    expect(errors).toContain("option '--label <text>' argument ' \t ' is invalid. must not be empty.");
  });

  it('refuses a label longer than the key store takes, and one of two lines', async () => {
    expect((await parse('create', '--scope', 'read', '--label', 'x'.repeat(MAX_API_KEY_LABEL_LENGTH + 1))).errors).toContain(
      `is invalid. must be at most ${MAX_API_KEY_LABEL_LENGTH} characters.`,
    );
    expect((await parse('create', '--scope', 'read', '--label', 'scraper\nsecond line')).errors).toContain(
      'is invalid. must be one line of text, without control characters.',
    );
  });

  it("refuses the label of npm start's own key, which each start withdraws", async () => {
    expect((await parse('create', '--scope', 'read', '--label', ' Local Runtime ')).errors).toContain(
      'is kept for the key npm start registers (each start withdraws those): choose another.',
    );
  });

  it('takes a label of the longest length, trimmed', () => {
    expect(parseLabel('  scraper  ')).toBe('scraper');
    expect(parseLabel('é'.repeat(MAX_API_KEY_LABEL_LENGTH))).toHaveLength(MAX_API_KEY_LABEL_LENGTH);
  });
});
