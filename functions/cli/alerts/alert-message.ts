import { AlertPayload } from '../../core/alert';
import type { Digest } from '../../core/digests/digest';
import { DigestPayload } from '../../core/digests/digest-payload';
import { oneLine } from '../../core/text/one-line';
import { counted } from '../support/output';

/**
 * Reads an alert as it arrives in an SQS queue, whatever the subscription's delivery mode: wrapped in
 * an SNS envelope (`{"Type": "Notification", "Message": "<alert JSON>", ...}`) or raw (the alert JSON
 * itself). The alert shape is functions/core/alert.ts's AlertPayload; anything else is still shown,
 * as best it can be, rather than dropped.
 */
export interface AlertView {
  alertId?: string;
  title?: string;
  url?: string;
  source?: string;
  people: string[];
  topics: string[];
  /** One line per evidence sentence, with the ids it supports. */
  evidence: Array<{ ids: string[]; sentence: string }>;
  /** A digest (hourly or daily delivery): its period and stories, shown instead of one article. */
  digest?: Omit<Digest, 'alertId' | 'kind'>;
}

export interface ReceivedAlert {
  /** The alert itself (the inner message of an SNS envelope), for --json. */
  payload: unknown;
  view: AlertView;
}

export function parseAlertMessage(body: string): ReceivedAlert {
  const outer = parseJson(body);
  const payload = isRecord(outer) && outer.Type === 'Notification' && typeof outer.Message === 'string' ? parseJson(outer.Message) : outer;
  return { payload, view: viewOf(payload) };
}

function viewOf(payload: unknown): AlertView {
  const strict = AlertPayload.safeParse(payload);
  if (strict.success) {
    const alert = strict.data;
    const bySentence = new Map<string, string[]>();
    for (const e of alert.evidence) {
      const ids = bySentence.get(e.sentence) ?? [];
      if (!ids.includes(e.id)) ids.push(e.id);
      bySentence.set(e.sentence, ids);
    }
    return {
      alertId: alert.alertId,
      ...(alert.title !== null && { title: alert.title }),
      ...(alert.url !== null && { url: alert.url }),
      ...(alert.source !== null && { source: alert.source }),
      people: alert.people.map((p) => p.name),
      topics: alert.topics,
      evidence: [...bySentence].map(([sentence, ids]) => ({ ids, sentence })),
    };
  }
  const digest = DigestPayload.safeParse(payload);
  if (digest.success) {
    const { alertId, kind: _kind, ...rest } = digest.data;
    return { alertId, people: [], topics: [], evidence: [], digest: rest };
  }
  // Not a shape we know (an older or newer server, or a plain text message): show what there is.
  if (!isRecord(payload)) return { people: [], topics: [], evidence: [], title: String(payload) };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const names = (value: unknown) =>
    Array.isArray(value) ? value.map((v) => (isRecord(v) ? (text(v.name) ?? text(v.id) ?? '?') : String(v))) : [];
  return {
    ...optional('alertId', text(payload.alertId)),
    ...optional('title', text(payload.title)),
    ...optional('url', text(payload.url)),
    ...optional('source', text(payload.source)),
    people: names(payload.people),
    topics: names(payload.topics),
    evidence: Array.isArray(payload.evidence)
      ? payload.evidence.flatMap((e) =>
          isRecord(e) && (text(e.sentence) ?? text(e.text))
            ? [{ ids: text(e.id) ? [text(e.id)!] : [], sentence: (text(e.sentence) ?? text(e.text))! }]
            : [],
        )
      : [],
  };
}

/** The human form: a header line (time, people, topics), then title, link and evidence, indented. */
export function formatAlert(view: AlertView, at: Date): string {
  const time = at.toISOString().slice(11, 19);
  if (view.digest) return formatDigest(view.digest, time);
  const matched = tagsText(view.people, view.topics) || '(no tags)';
  const lines = [`[${time}] ${matched}`];
  lines.push(`  ${view.title ?? '(untitled)'}${view.source ? ` — ${view.source}` : ''}`);
  if (view.url) lines.push(`  ${view.url}`);
  for (const e of view.evidence) lines.push(`  - ${e.ids.length ? `[${e.ids.join(', ')}] ` : ''}${e.sentence}`);
  return printed(lines);
}

/**
 * Lines for a terminal: every field is article or feed text, which anyone who can ingest chooses, so a
 * control character in it (an escape that clears the screen or retitles the terminal) is written as an escape.
 */
const printed = (lines: readonly string[]) => lines.map(oneLine).join('\n');

/** People, then topics, each list comma-separated, the two joined by " | " ("" when both are empty). */
function tagsText(people: readonly string[], topics: readonly string[]): string {
  return [people.join(', '), topics.join(', ')].filter((s) => s.length > 0).join(' | ');
}

/** A digest: a header line (time, delivery, period, how many stories), then per story its title, counts, tags and link. */
function formatDigest(digest: NonNullable<AlertView['digest']>, time: string): string {
  const { delivery, periodStart, periodEnd, stories, omittedStories } = digest;
  const total = stories.length + (omittedStories ?? 0);
  const lines = [`[${time}] ${delivery} digest, ${periodStart} to ${periodEnd}: ${counted(total, 'story', 'stories')}`];
  for (const story of stories) {
    const tags = tagsText(story.people, story.topics);
    const articles = counted(story.articleCount, 'article', 'articles');
    lines.push(`  ${story.title} (${articles}${story.sources.length ? `; ${story.sources.join(', ')}` : ''})${tags ? ` — ${tags}` : ''}`);
    if (story.url) lines.push(`    ${story.url}`);
  }
  if (omittedStories) lines.push(`  … and ${omittedStories} more (too many for one message: GET /stories lists them all)`);
  return printed(lines);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
