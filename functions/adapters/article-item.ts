/**
 * How an article's body is kept in its table item. DynamoDB bills writes, stream reads and storage
 * per KB, and the body is most of an article item, so a body worth compressing is stored as a
 * brotli-compressed binary attribute with `bodyEncoding: 'br'` (docs/cost.md has the arithmetic).
 * Items without the flag hold the body as a plain string (short bodies, and every item written before
 * compression): readers accept both. Zod-free on purpose: the alert dispatcher's bundle uses it.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export const BODY_ENCODING = 'br';

/** Below this many bytes brotli saves less than a write unit's rounding can use; store as is. */
const MIN_COMPRESS_BYTES = 512;

/**
 * Quality 5 in text mode: within a few per cent of the best ratio below quality 10 at ≈ 0.2 ms per
 * 5 KB article; quality 11 saves another ~15 % of the body but costs ≈ 6 ms (bench in docs/cost.md).
 * The window is the body's size, at least 64 KB (brotli's default is 4 MB whatever the input): with a
 * window of 64 KB the encoder at quality 5 uses its cheaper hasher: ≈ 10 % less compression CPU on the
 * pipeline bench's 2.2 KB bodies, about the same on 5 KB news, a few bytes smaller (docs/cost.md); a
 * longer body still gets a window that reaches back over all of it.
 */
const MIN_WINDOW_BITS = 16;
const MAX_WINDOW_BITS = 24;
const windowBits = (size: number) => Math.min(MAX_WINDOW_BITS, Math.max(MIN_WINDOW_BITS, Math.ceil(Math.log2(size))));
const BROTLI_OPTIONS = (size: number) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 5,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_LGWIN]: windowBits(size),
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
});

export type EncodedBody = { body: string } | { body: Uint8Array; bodyEncoding: typeof BODY_ENCODING };

/** The body attributes to store: compressed when that makes the item smaller, else the string itself. */
export function encodeBody(body: string): EncodedBody {
  const plain = Buffer.from(body, 'utf8');
  if (plain.length < MIN_COMPRESS_BYTES) return { body };
  const packed = brotliCompressSync(plain, BROTLI_OPTIONS(plain.length));
  return packed.length < plain.length ? { body: packed, bodyEncoding: BODY_ENCODING } : { body };
}

/** A binary attribute as the SDK gives it (Uint8Array) or as a Lambda stream event carries it (base64). */
function bytesOf(value: unknown): Buffer | undefined {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  return undefined;
}

export class UnreadableArticleBody extends Error {
  override name = 'UnreadableArticleBody';
}

/**
 * The item with its body as a string and without `bodyEncoding`; any other attribute is left alone.
 * An unknown encoding or a body that does not decompress throws (a stream record then fails visibly).
 */
export function decodeArticleItem(item: Record<string, unknown>): Record<string, unknown> {
  const { bodyEncoding, ...rest } = item;
  if (bodyEncoding === undefined) return item;
  const bytes = bytesOf(item.body);
  if (bodyEncoding !== BODY_ENCODING || !bytes) {
    throw new UnreadableArticleBody(`Article ${String(item.id)} has a body in an unknown encoding (${String(bodyEncoding)})`);
  }
  try {
    return { ...rest, body: brotliDecompressSync(bytes).toString('utf8') };
  } catch {
    throw new UnreadableArticleBody(`Article ${String(item.id)} has a body that does not decompress`);
  }
}
