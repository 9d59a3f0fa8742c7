import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliveryFilterPolicy } from '../../../functions/core/delivery-policy';

// docs/api.md and docs/cli.md print the SNS filter policy of a subscription that follows nothing, so a
// reader can tell what reaches it (and an operator can compare it with the one in the SNS console).
const read = (path: string) => readFileSync(resolve(__dirname, '../../..', path), 'utf8');

/** The JSON in backticks that follows `lead` in `text`. */
function policyAfter(text: string, lead: string): unknown {
  const start = text.indexOf(lead);
  const code = /`(\{[^`]*\})`/.exec(text.slice(start));
  if (start < 0 || !code) throw new Error(`no policy after "${lead}"`);
  return JSON.parse(code[1]!);
}

describe('the filter policy the docs state for a subscription that follows nothing', () => {
  const built = deliveryFilterPolicy({ id: 'sub_x', delivery: 'article', people: [], topics: [] });

  it.each([
    ['docs/api.md', 'its SNS filter policy is'],
    ['docs/cli.md', 'its filter policy is'],
  ])('is the one the code builds, in %s', (file, lead) => {
    expect(policyAfter(read(file), lead)).toEqual(built);
  });
});
