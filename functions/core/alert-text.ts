// Zod-free on purpose: the alert dispatcher bundles this, and zod would dominate its cold start.
import type { AlertEvidence, AlertPayload } from './alert-payload';
import { sha256Hex } from './hash';
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
  payload: AlertPayload;
}

const MAX_SENTENCE = 280;
const MAX_EMAIL_EVIDENCE = 8;

/** Stable per article, so a consumer can drop a repeat however often the alert is delivered. */
export function alertIdOf(articleId: string): string {
  return `al_${sha256Hex(`alert\n${articleId}`).slice(0, 32)}`;
}

/** Composes the one alert for an article: every protocol's text from the same facts. */
export function composeAlert(article: StoredArticle): ComposedAlert {
  const payload = alertPayload(article);
  const json = JSON.stringify(payload);
  return {
    alertId: payload.alertId,
    subject: subjectOf(payload),
    messages: { default: json, email: emailText(payload), 'email-json': json, sms: smsText(payload), sqs: json, https: json, lambda: json },
    people: article.people,
    topics: article.topics,
    test: article.test === true,
    payload,
  };
}

export function alertPayload(article: StoredArticle): AlertPayload {
  const fields = { title: article.title ?? '', body: article.body };
  const evidence = [
    ...article.tags.people.flatMap((p) => p.mentions.map((s) => evidenceOf('person', p.id, s, fields))),
    ...article.tags.topics.flatMap((t) => t.evidence.map((s) => evidenceOf('topic', t.id, s, fields))),
  ];
  return {
    alertId: alertIdOf(article.id),
    articleId: article.id,
    ...(article.storyId !== undefined && { storyId: article.storyId }),
    title: article.title ?? null,
    url: article.url ?? null,
    source: article.source ?? null,
    publishedAt: article.publishedAt,
    people: article.people.map((id) => ({ id, name: article.personNames[id] ?? id })),
    topics: article.topics,
    evidence,
    ...(article.test && { test: true as const }),
  };
}

function evidenceOf(kind: AlertEvidence['kind'], id: string, span: Span, fields: Record<Span['field'], string>): AlertEvidence {
  return { kind, id, ...span, sentence: sentenceAround(fields[span.field], span.start, span.end) };
}

/**
 * The sentence containing [start, end): from the previous sentence end (. ! ? or a line break) to
 * the next one, whitespace squashed, cut around the span when very long.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.search(/[^.!?\n]*$/), 0);
  const after = text.slice(end).search(/[.!?](\s|$)|\n/);
  const to = after < 0 ? text.length : end + after + 1;
  const sentence = text.slice(from, to);
  const squashed = sentence.replace(/\s+/g, ' ').trim();
  if (squashed.length <= MAX_SENTENCE) return squashed;
  const spanAt = Math.max(0, start - from - MAX_SENTENCE / 2);
  return `…${sentence
    .slice(spanAt, spanAt + MAX_SENTENCE)
    .replace(/\s+/g, ' ')
    .trim()}…`;
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
  return truncate(subject, 99);
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

function smsText(payload: AlertPayload): string {
  const link = payload.url ? ` ${payload.url}` : '';
  const title = payload.title ? `: ${truncate(payload.title.replace(/\s+/g, ' '), 60)}` : '';
  return `newswatch ${namesOf(payload).join(', ')}${title}${link}`;
}
