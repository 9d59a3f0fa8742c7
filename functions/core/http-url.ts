import * as z from './zod';
import { hasNoUnsafeCharacters } from './path-ids';

/**
 * An http(s) URL a client gives (an article's `url`, a feed's): at most `maxLength` characters, and no raw
 * control character or lone surrogate. The URL parser would take `http://x/<ESC>[2J` (it percent-encodes
 * what it sends), but the text is stored and shown as given, and a terminal listing it would obey the escape.
 */
export const httpUrl = (maxLength: number) =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .check(
      z.maxLength(maxLength, `must be at most ${maxLength} characters`),
      z.refine(hasNoUnsafeCharacters, 'must not contain control characters or lone surrogates (percent-encode them)'),
    );
