// Zod-free on purpose: the alert dispatcher bundles this, and zod would dominate its cold start.
import { type EvidenceSource, FULL_DETAIL, type ShortenLevel, selectEvidence } from './alert-evidence';
import type { AlertPayload } from './alert-payload';
import { sha256Hex } from './hash';
import { SNS_SUBJECT_MAX_CHARS } from './sns-limits';
import type { StoredArticle } from './stored-article';
import type { Span } from './tags';

export interface ComposedAlert {
  alertId: string;
  /** SNS Subject (email): ASCII, no line breaks, under 100 characters. */
  subject: string;
  /** Per-protocol messages for MessageStructure "json". */
  messages: { default: string; email: string; 'email-json': string; sms: string; sqs: string; https: string; lambda: string };
  people: string[];
  topics: string[];
  /** The alert of a test article: published with a `test` attribute that every-alert subscriptions skip. */
  test: boolean;
  /** Each topic's score, published as `score.<topic>` Number attributes for subscriptions with `minScore`. */
  topicScores?: Record<string, number>;
  payload: AlertPayload;
}

const MAX_SENTENCE = FULL_DETAIL.sentenceMax;
/** SNS's limit for one SMS Publish is 1,600 characters; a text message this long is already unreadable. */
const SMS_TEXT_MAX = 300;
const MAX_EMAIL_EVIDENCE = 8;

/** Stable per article, so a consumer can drop a repeat however often the alert is delivered. */
export function alertIdOf(articleId: string): string {
  return `al_${sha256Hex(`alert\n${articleId}`).slice(0, 32)}`;
}

/**
 * Composes the one alert for an article: every protocol's text from the same facts, at a level of
 * detail (alert-fit.ts picks the most detailed one that fits SNS's limits).
 */
export function composeAlert(article: StoredArticle, level: ShortenLevel = FULL_DETAIL): ComposedAlert {
  const payload = alertPayload(article, level);
  const json = JSON.stringify(payload);
  return {
    alertId: payload.alertId,
    subject: subjectOf(payload),
    messages: { default: json, email: emailText(payload), 'email-json': json, sms: smsText(payload), sqs: json, https: json, lambda: json },
    people: article.people,
    topics: article.topics,
    test: article.test === true,
    topicScores: Object.fromEntries(article.tags.topics.map((t) => [t.id, t.score])),
    payload,
  };
}

export function alertPayload(article: StoredArticle, level: ShortenLevel = FULL_DETAIL): AlertPayload {
  const fields: Record<Span['field'], string> = { title: article.title ?? '', body: article.body };
  const sources: EvidenceSource[] = [
    ...article.tags.people.map((p) => ({ kind: 'person' as const, id: p.id, spans: p.mentions })),
    ...article.tags.topics.map((t) => ({ kind: 'topic' as const, id: t.id, spans: t.evidence })),
  ];
  const { evidence, counts } = selectEvidence(
    sources,
    (s) => sentenceAround(fields[s.field], s.start, s.end, level.sentenceMax),
    level.perId,
  );
  return {
    alertId: alertIdOf(article.id),
    articleId: article.id,
    ...(article.storyId !== undefined && { storyId: article.storyId }),
    title: article.title === undefined ? null : truncate(article.title, level.titleMax, '…'),
    url: article.url ?? null,
    source: article.source ?? null,
    publishedAt: article.publishedAt,
    people: article.people.map((id) => ({ id, name: article.personNames[id] ?? id })),
    topics: article.topics,
    evidence,
    ...(article.test && { test: true as const }),
    evidenceCounts: counts,
    ...(level !== FULL_DETAIL && { shortened: true }),
  };
}

/** How far around a span we look for its sentence's ends: the work per span stays small in any article. */
const SENTENCE_SEARCH_WINDOW = 4 * MAX_SENTENCE;

/**
 * The sentence containing [start, end): from the previous sentence end (. ! ? or a line break) to
 * the next one, whitespace squashed, cut around the span when very long. Only a window around the
 * span is searched, so a long article without punctuation costs no more than a short one.
 */
export function sentenceAround(text: string, start: number, end: number, max: number = MAX_SENTENCE): string {
  const windowStart = Math.max(0, start - SENTENCE_SEARCH_WINDOW);
  const before = text.slice(windowStart, start);
  const from = windowStart + lastSentenceEnd(before) + 1;
  const after = text.slice(end, end + SENTENCE_SEARCH_WINDOW).search(/[.!?](\s|$)|\n/);
  const to = after < 0 ? Math.min(text.length, end + SENTENCE_SEARCH_WINDOW) : end + after + 1;
  const sentence = text.slice(from, to);
  const squashed = sentence.replace(/\s+/g, ' ').trim();
  if (squashed.length <= max) return squashed;
  const spanAt = Math.max(0, start - from - max / 2);
  return `…${sentence
    .slice(spanAt, spanAt + max)
    .replace(/\s+/g, ' ')
    .trim()}…`;
}

/** Index of the last . ! ? or line break in `text`, -1 when there is none (a backward scan: linear, unlike a `$`-anchored regex). */
function lastSentenceEnd(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '.' || c === '!' || c === '?' || c === '\n') return i;
  }
  return -1;
}

function namesOf(payload: AlertPayload): string[] {
  return [...payload.people.map((p) => p.name), ...payload.topics];
}

/** SNS subjects must be ASCII without line breaks and under 100 characters: non-ASCII titles are left out. */
export function subjectOf(payload: AlertPayload): string {
  const names = payload.people.map((p) => (isPrintableAscii(p.name) ? p.name : p.id)).concat(payload.topics);
  const title = payload.title?.replace(/\s+/g, ' ').trim() ?? '';
  const head = `newswatch: ${names.join(', ')}`;
  const subject = title && isPrintableAscii(title) ? `${head} - ${title}` : head;
  return truncate(subject, SNS_SUBJECT_MAX_CHARS);
}

function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

function truncate(text: string, max: number, ellipsis = '...'): string {
  return text.length <= max ? text : `${text.slice(0, max - ellipsis.length).trimEnd()}${ellipsis}`;
}

function emailText(payload: AlertPayload): string {
  const sentences = [...new Map(payload.evidence.map((e) => [e.sentence, e])).values()].slice(0, MAX_EMAIL_EVIDENCE);
  const lines = [
    payload.title ?? '(untitled article)',
    '',
    `Matched: ${namesOf(payload).join(', ')}`,
    ...(payload.source ? [`Source: ${payload.source}`] : []),
    `Published: ${payload.publishedAt}`,
    '',
    'Evidence:',
    ...sentences.map((e) => `- "${e.sentence}" (${e.kind} ${e.id})`),
    '',
    payload.url ? `Read it: ${payload.url}` : `Article id: ${payload.articleId}`,
    '',
    `Alert id: ${payload.alertId}`,
  ];
  return lines.join('\n');
}

/** Names and title cut to fit, the link whole (it is what the reader acts on) unless it alone is too long. */
function smsText(payload: AlertPayload): string {
  const link = payload.url && payload.url.length < SMS_TEXT_MAX / 2 ? ` ${payload.url}` : '';
  const title = payload.title ? `: ${truncate(payload.title.replace(/\s+/g, ' '), 60)}` : '';
  return `${truncate(`newswatch ${namesOf(payload).join(', ')}${title}`, SMS_TEXT_MAX - link.length)}${link}`;
}
