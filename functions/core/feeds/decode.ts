import { TextDecoder } from 'node:util';
import { ASCII_END } from '../text/char-codes';

/** Byte order marks and the encodings they announce. */
const BOMS: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];
/** The XML prolog is ASCII in every encoding a feed uses; look only at the start of the document. */
const PROLOG_BYTES = 256;

function bomEncoding(bytes: Uint8Array): string | undefined {
  return BOMS.find(([bom]) => bom.every((b, i) => bytes[i] === b))?.[1];
}

function headerCharset(contentType: string | undefined): string | undefined {
  return contentType?.match(/charset\s*=\s*"?([\w.:-]+)"?/i)?.[1];
}

function prologEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PROLOG_BYTES)).toString('latin1');
  return head.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i)?.[1];
}

/** How far into an HTML page a browser looks for its `<meta>` charset (the HTML standard's prescan). */
const META_PRESCAN_BYTES = 1024;

/** `<meta charset="windows-1251">` or `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, META_PRESCAN_BYTES)).toString('latin1');
  return head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)/i)?.[1];
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // an unknown label: fall through to the next clue
  }
}

/**
 * A feed document as text. The encoding is taken, in this order, from a byte order mark, the
 * Content-Type charset (RFC 7303: the transport's word wins), the XML prolog, else UTF-8.
 * TextDecoder drops the BOM itself.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType?: string): string {
  return decoderOf(bytes, contentType, prologEncoding).decode(bytes);
}

/** The encoding `decodeFeedBody` reads a document in, by TextDecoder's name for it (`utf-8`, `windows-1252`, …). */
export function feedEncoding(bytes: Uint8Array, contentType?: string): string {
  return decoderOf(bytes, contentType, prologEncoding).encoding;
}

/**
 * The first clue that names an encoding TextDecoder knows: the BOM, the Content-Type charset, the
 * document's own declaration; else UTF-8. Where the header and the document disagree and one of them
 * says UTF-8, the bytes decide (`mostlyUtf8`): a server's blanket `charset=utf-8` over a windows-1251
 * document, or a `charset=windows-1251` over a UTF-8 one, would store nothing but garbage, untagged.
 */
function decoderOf(bytes: Uint8Array, contentType: string | undefined, declared: (bytes: Uint8Array) => string | undefined): TextDecoder {
  const bom = decoderFor(bomEncoding(bytes));
  if (bom) return bom;
  const header = decoderFor(headerCharset(contentType));
  const own = decoderFor(declared(bytes));
  if (header && own && header.encoding !== own.encoding && (header.encoding === UTF8 || own.encoding === UTF8)) {
    const readsAsUtf8 = mostlyUtf8(bytes);
    if (readsAsUtf8 !== undefined) return readsAsUtf8 === (own.encoding === UTF8) ? own : header;
  }
  return header ?? own ?? new TextDecoder(UTF8);
}

const UTF8 = 'utf-8';

const REPLACEMENT = '\ufffd';

/**
 * Whether the bytes read as UTF-8: more of their non-ASCII characters decode than fail to (text in a
 * single-byte encoding fails nearly everywhere; UTF-8 with one cut character fails once). Undefined for
 * pure ASCII, which reads alike either way. Asked only where a header and a document disagree.
 */
function mostlyUtf8(bytes: Uint8Array): boolean | undefined {
  let decoded = 0;
  let failed = 0;
  for (const c of new TextDecoder(UTF8).decode(bytes)) {
    if (c === REPLACEMENT) failed++;
    else if (c.charCodeAt(0) >= ASCII_END) decoded++;
  }
  return decoded + failed === 0 ? undefined : decoded > failed;
}

/**
 * An HTML page (a feed item's article, for full text) as text: the encoding from a byte order mark, the
 * Content-Type charset, then the page's own `<meta>` charset (many Russian sites declare windows-1251
 * there alone), else UTF-8.
 */
export function decodePageBody(bytes: Uint8Array, contentType?: string): string {
  return decoderOf(bytes, contentType, metaCharset).decode(bytes);
}
