import type { TaggableField } from '../article';
import type { FieldScan } from './context';

/** A web address written out in a text: a scheme's `://` or a `www.` host, up to the next space, quote or angle bracket. */
const WEB_ADDRESS = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>"'«»]+/giu;

/** Where a web address stands in one field of the article. */
export interface AddressSpan {
  field: TaggableField;
  start: number;
  end: number;
}

/**
 * The web addresses in the article's fields. A name in one is a slug, not a mention: the link
 * `…/viktor-bout-vernulsya` names the page, and the article may be about someone else. Most texts hold
 * none, so a text is searched only when it has a `://` or a `www.` at all.
 */
export function webAddresses(fields: readonly FieldScan[]): AddressSpan[] {
  const spans: AddressSpan[] = [];
  for (const { field, text } of fields) {
    if (!text.includes('://') && !text.includes('www.')) continue;
    for (const match of text.matchAll(WEB_ADDRESS)) spans.push({ field, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** The mentions (or candidates) outside every web address. */
export function outsideAddresses<T extends { field: TaggableField; start: number; end: number }>(
  found: T[],
  addresses: readonly AddressSpan[],
): T[] {
  if (addresses.length === 0) return found;
  return found.filter((m) => !addresses.some((a) => a.field === m.field && a.start < m.end && m.start < a.end));
}
