/** A field of an article with its mentions and evidence in <mark> elements; the text stays text. */
import { type Mark, segments } from '../highlight';
import type { Article } from '../types';
import { personName, useSession } from './session-context';

type Field = 'title' | 'body';

export function marksOf(article: Article, field: Field): Mark[] {
  const people = article.tags.people.flatMap((p) =>
    p.mentions.filter((s) => s.field === field).map((s) => ({ start: s.start, end: s.end, kind: 'person' as const, id: p.id })),
  );
  const topics = article.tags.topics.flatMap((t) =>
    t.evidence.filter((s) => s.field === field).map((s) => ({ start: s.start, end: s.end, kind: 'topic' as const, id: t.id })),
  );
  return [...people, ...topics];
}

export function Highlighted({ text, marks }: { text: string; marks: Mark[] }) {
  const { watchlist } = useSession();
  return (
    <>
      {segments(text, marks).map((segment, i) => {
        if (segment.marks.length === 0) return segment.text;
        const people = [...new Set(segment.marks.filter((m) => m.kind === 'person').map((m) => m.id))];
        const topics = [...new Set(segment.marks.filter((m) => m.kind === 'topic').map((m) => m.id))];
        const kinds = [people.length > 0 && 'person', topics.length > 0 && 'topic'].filter(Boolean).join(' ');
        const label = [...people.map((id) => personName(watchlist, id)), ...topics.map((id) => `topic ${id}`)].join(', ');
        return (
          <mark key={i} class={kinds} data-person={people.join(' ') || undefined} data-topic={topics.join(' ') || undefined} title={label}>
            {segment.text}
          </mark>
        );
      })}
    </>
  );
}
