import { describe, expect, it } from 'vitest';
import { checkOne } from '../../../../functions/cli/support/tag-batch';
import { oneLine } from '../../../../functions/core/text/one-line';

describe('oneLine', () => {
  it('writes line breaks, tabs, other control characters and a byte order mark as escapes, and leaves the rest', () => {
    expect(oneLine('a\nb\r\tc\u0000d\u001be\u0085f\ufeffg «ё» 😀')).toBe('a\\nb\\r\\tc\\u0000d\\u001be\\u0085f\\ufeffg «ё» 😀');
    // Bidirectional controls and the Unicode line separators: text that reads in another order, or a line break.
    expect(oneLine('x\u202ey\u2066z\u2028w')).toBe('x\\u202ey\\u2066z\\u2028w');
    // The invisible direction marks (left-to-right, right-to-left, Arabic letter) reorder the text around them.
    expect(oneLine('a\u200eb\u200fc\u061cd')).toBe('a\\u200eb\\u200fc\\u061cd');
  });

  it("keeps a tagged file's JSON error on one line, its quoted line break and byte order mark visible", () => {
    const broken = checkOne('hello world\n');
    const bom = checkOne('\ufeff{"body":"b"}');

    expect('error' in broken && broken.error).toBe('not valid JSON: Unexpected token \'h\', "hello world\\n" is not valid JSON');
    expect('error' in bom && bom.error).toContain("Unexpected token '\\ufeff'");
  });
});
