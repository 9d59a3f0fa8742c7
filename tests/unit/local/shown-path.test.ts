import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shownPath } from '../../../functions/local/runtime';

// The runtime names its runtime.json in a refusal as a user would type it: the default data folder
// reads `.newswatch/runtime.json`, as docs/cli.md quotes it; one elsewhere keeps its whole path.
describe('shownPath', () => {
  it('shows a file under the working folder relative to it', () => {
    expect(shownPath(join(process.cwd(), '.newswatch', 'runtime.json'))).toBe(join('.newswatch', 'runtime.json'));
  });

  it('keeps the whole path of a file outside it, also of one beside it', () => {
    const beside = join(dirname(process.cwd()), 'other-checkout', '.newswatch', 'runtime.json');

    expect(shownPath('/var/tmp/newswatch/runtime.json')).toBe('/var/tmp/newswatch/runtime.json');
    expect(shownPath(beside)).toBe(beside);
  });
});
