import { parseFeed as parseAnyFeed } from 'feedsmith';
import { decodeFeedBody } from './decode';
import { htmlToText } from './html-text';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** One feed entry in a format-neutral shape: text already plain, links absolute, date ISO when readable. */
export interface FeedItem {
  guid?: string;
  link?: string;
  title?: string;
  text: string;
  /** True when the feed carried the item's full content (not only a summary or description). */
  hasFullContent: boolean;
  publishedAt?: string;
  /** The item's own language, where the format gives one (JSON Feed 1.1 `language`, an Atom entry's `xml:lang`, `dc:language`). */
  language?: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  language?: string;
  items: FeedItem[];
}

/** The body is not RSS, RDF, Atom or JSON Feed (an HTML page, an error page, garbage). */
export class NotAFeed extends Error {
  override readonly name = 'NotAFeed';
}

/** The few fields read from feedsmith's output, each format's spelling; everything optional. */
interface Text {
  value?: string;
  type?: string;
}
interface Loose {
  /** Atom's xml:base and xml:lang, on the feed or an entry. */
  xml?: { base?: string; lang?: string };
  title?: string | Text;
  link?: string;
  links?: Array<{ href?: string; rel?: string; type?: string }>;
  id?: string;
  guid?: string | { value?: string; isPermaLink?: boolean };
  url?: string;
  external_url?: string;
  description?: string;
  summary?: string | Text;
  content?: string | (Text & { encoded?: string });
  content_html?: string;
  content_text?: string;
  pubDate?: string;
  published?: string;
  updated?: string;
  date_published?: string;
  date_modified?: string;
  /** Dublin Core: an item's date; RSS 1.0's channel language. */
  dc?: { date?: string; dates?: string[]; languages?: string[]; language?: string };
  language?: string;
  rdf?: { about?: string };
}
interface LooseFeed extends Loose {
  items?: Loose[];
  entries?: Loose[];
}

const JSON_START = /^\s*[{[]/;

/**
 * Parses RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.x from the bytes served, with feedsmith.
 * `baseUrl` (the URL the feed was fetched from) resolves relative links: first the feed's xml:base or
 * its own home link, then each item's link against that (or against the entry's own xml:base).
 */
export function parseFeedDocument(bytes: Uint8Array, contentType: string | undefined, baseUrl: string): ParsedFeed {
  const text = decodeFeedBody(bytes, contentType);
  let parsed: { format: FeedFormat; feed: unknown };
  try {
    parsed = parseAnyFeed(JSON_START.test(text) ? JSON.parse(text) : text) as { format: FeedFormat; feed: unknown };
  } catch (error) {
    throw new NotAFeed(`not an RSS, Atom or JSON feed (${(error as Error).message})`);
  }
  const feed = parsed.feed as LooseFeed;
  // Atom's xml:base, where the feed has one, is what its relative links are relative to (RFC 4287);
  // else the feed's home link, as readers of RSS resolve them.
  const home = absolute(feed.xml?.base, baseUrl) ?? absolute(homeLink(feed), baseUrl) ?? baseUrl;
  const language = [feed.language, feed.xml?.lang, feed.dc?.languages?.[0], feed.dc?.language].find(
    (l): l is string => typeof l === 'string' && l.trim() !== '',
  );
  return {
    format: parsed.format,
    ...optional('title', plain(feed.title, parsed.format)),
    ...optional('language', language?.trim()),
    items: (feed.items ?? feed.entries ?? []).map((item) => toItem(item, absolute(item.xml?.base, home) ?? home, parsed.format)),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}

function homeLink(feed: LooseFeed): string | undefined {
  return feed.link ?? (feed as { home_page_url?: string }).home_page_url ?? alternate(feed.links);
}

/** A media type a reader opens as a page: HTML or XHTML (or none given, which RFC 4287 lets mean anything). */
const PAGE_TYPE = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/**
 * The page an entry or feed links to (RFC 4287: rel `alternate`, the default): an HTML one first, then
 * one of no stated type, then any other alternate (a PDF). Never an enclosure (the episode's `.mp3`),
 * `self`, `related` or `via`: those are not the article.
 */
function alternate(links: Loose['links']): string | undefined {
  const alternates = links?.filter((l) => !l.rel || l.rel === 'alternate') ?? [];
  const page = alternates.find((l) => l.type !== undefined && PAGE_TYPE.test(l.type)) ?? alternates.find((l) => !l.type) ?? alternates[0];
  return page?.href;
}

function toItem(item: Loose, base: string, format: FeedFormat): FeedItem {
  const guid = guidOf(item);
  const permalink = typeof item.guid === 'object' && item.guid.isPermaLink !== false ? item.guid.value : undefined;
  const link = absolute(item.link ?? item.url ?? alternate(item.links) ?? item.external_url ?? permalink ?? item.rdf?.about, base);
  const full = fullContent(item);
  const text = full ?? textOf(item.description ?? item.summary, format) ?? '';
  const publishedAt = isoDate(
    item.pubDate ?? item.published ?? item.date_published ?? item.dc?.date ?? item.dc?.dates?.[0] ?? item.updated ?? item.date_modified,
  );
  return {
    ...optional('guid', guid),
    ...optional('link', link),
    ...optional('title', plain(item.title, format)),
    text,
    hasFullContent: full !== undefined,
    ...optional('publishedAt', publishedAt),
    ...optional('language', (item.language ?? item.xml?.lang ?? item.dc?.language)?.trim() || undefined),
  };
}

function guidOf(item: Loose): string | undefined {
  const raw = typeof item.guid === 'object' ? item.guid.value : (item.guid ?? item.id);
  const trimmed = raw?.toString().trim();
  return trimmed ? trimmed : undefined;
}

function fullContent(item: Loose): string | undefined {
  if (item.content_text?.trim()) return item.content_text.trim();
  const content = item.content;
  if (typeof content === 'object' && content.type === ATOM_TEXT) return content.value?.trim() || undefined;
  const html = item.content_html ?? (typeof content === 'string' ? content : (content?.encoded ?? content?.value));
  const text = html === undefined ? undefined : htmlToText(html);
  return text ? text : undefined;
}

/** Atom's `type="text"`, written out on a title, summary or content: the value is text, no markup (RFC 4287 3.1.1.1). */
const ATOM_TEXT = 'text';

/**
 * Titles, descriptions and summaries. Taken as they are where the format says, in so many words, that they
 * are text: Atom's `type="text"` when given, and JSON Feed's `title` and `summary` (plain text by its spec),
 * so "x <y and y> z" keeps its words. Everywhere else (RSS, an Atom text with no type) HTML is common
 * whatever the format says, so it is parsed.
 */
function textOf(value: string | Text | undefined, format: FeedFormat): string | undefined {
  const raw = typeof value === 'string' ? value : value?.value;
  if (raw === undefined) return undefined;
  const literal = format === 'json' || (typeof value === 'object' && value.type === ATOM_TEXT);
  const text = literal ? raw.trim() : htmlToText(raw);
  return text ? text : undefined;
}

function plain(value: string | Text | undefined, format: FeedFormat): string | undefined {
  return textOf(value, format)?.replace(/\s+/g, ' ');
}

function absolute(link: string | undefined, base: string): string | undefined {
  const trimmed = link?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) and the like; an unreadable date is left out, not guessed
 * (the article then takes its ingest time). Only forms that name a day, a month and a year without doubt
 * are read (`readableDate`); a time without a zone is UTC, as `POST /articles` reads it, never the host's.
 */
function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = readableDate(value.trim());
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) || !dayExists(text) ? undefined : new Date(time).toISOString();
}

/** An ISO date-time with a time and no zone (`2022-12-08T10:00:00`). */
const ISO_TIME_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/i;
/** A month named by its name, with a day and a four-digit year after it (`December 8, 2022`). */
const MONTH_FIRST_DAY = /\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
/** The day-first numeric date of Russian and most European sites: `08.12.2022 18:30[:00[.000]][ +0300]`. */
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/;
/** A year-first slashed date (`2022/12/08 10:00 +0300`): no reading of it is in doubt. */
const YEAR_FIRST_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(.*)$/;
/** A text that ends in a clock time, so no zone follows it (`… 18:30`, `… 18:30:00.000`, `… 6:30 pm`). */
const ENDS_IN_CLOCK = /\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?$/i;
/** A clock time in the text. */
const CLOCK = /\b\d{1,2}:\d{2}/;
/** Moscow time, the zone name Russian feeds write: +03:00 all year since 2014. */
const MOSCOW = /\bMSK$/i;
const MOSCOW_OFFSET = '+0300';

/**
 * The date text in a form `Date.parse` reads the same everywhere, or undefined for one it would guess:
 * ISO dates (and year-first slashed ones); dates naming their month (`08 Dec 2022`, `08-Dec-22`,
 * `December 8, 2022`); day-first dotted dates (`08.12.2022`). Day-and-month slashed dates
 * (`08/12/2022`: the 8th of December or August 12th?), a bare year or month are left out. A time with
 * no zone, or no time at all, is UTC's, so no date depends on the server's time zone.
 */
function readableDate(raw: string): string | undefined {
  const slashed = YEAR_FIRST_SLASHED.exec(raw);
  const text = (slashed ? `${slashed[1]}-${pad(slashed[2])}-${pad(slashed[3])}${slashed[4]}` : raw).replace(MOSCOW, MOSCOW_OFFSET);
  if (ISO_DAY.test(text)) return ISO_TIME_NO_ZONE.test(text) ? `${text}Z` : text;
  const dotted = DOTTED.exec(text);
  if (dotted) return dottedDate(dotted);
  if (!RFC822_DAY.test(text) && !MONTH_FIRST_DAY.test(text)) return undefined;
  if (!CLOCK.test(text)) return `${text} 00:00 GMT`;
  return ENDS_IN_CLOCK.test(text) ? `${text} GMT` : text;
}

const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0');

/** A dotted day-first date as ISO; its zone, when it has one, only as a numeric offset or UTC's name. */
function dottedDate([, day, month, year, hour, minute, second, rest]: RegExpExecArray): string | undefined {
  const zone = rest?.trim() ?? '';
  const offset = /^([+-]\d{2}):?(\d{2})$/.exec(zone);
  const suffix = zone === '' || /^(?:UT|UTC|GMT|Z)$/i.test(zone) ? 'Z' : offset ? `${offset[1]}:${offset[2]}` : undefined;
  return suffix && `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${suffix}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** `2022-02-31…` (RFC 3339), `31 Feb 2022` or `31-Feb-22` (RFC 822 and RFC 850, a two-digit year as RFC 822 reads it). */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const RFC822_DAY = /\b(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{4}|\d{2})\b/i;
/** RFC 822's two-digit years: below this, 20xx; from it, 19xx. */
const TWO_DIGIT_PIVOT = 50;

/**
 * Whether the day the text names is in its month: `Date.parse` rolls 31 February over into March,
 * which would date the article days from when it was published. A text naming no day passes.
 */
function dayExists(text: string): boolean {
  const iso = ISO_DAY.exec(text);
  const rfc = iso ? undefined : RFC822_DAY.exec(text);
  const monthFirst = iso || rfc ? undefined : MONTH_FIRST_DAY.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (rfc) {
    month = MONTHS.indexOf(rfc[2]!.toLowerCase()) + 1;
    if (month === 0) return true;
    const short = Number(rfc[3]);
    year = rfc[3]!.length === 2 ? (short < TWO_DIGIT_PIVOT ? 2000 : 1900) + short : short;
    day = Number(rfc[1]);
  } else if (monthFirst) {
    month = MONTHS.indexOf(monthFirst[1]!.toLowerCase()) + 1;
    if (month === 0) return true;
    [year, day] = [Number(monthFirst[3]), Number(monthFirst[2])];
  } else return true;
  // Day 0 of the next month is the last day of this one.
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
