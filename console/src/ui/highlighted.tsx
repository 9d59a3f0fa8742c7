/** A field of an article with its mentions and evidence in <mark> elements; the text stays text. */
import { type HighlightNode, type Mark, markTree } from '../highlight';
import type { Watchlist } from '../types';
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

/** One node of the tree: text as text, a mark as <mark> naming its person or topic, around what it holds. */
function Node({ node, watchlist }: { node: HighlightNode; watchlist: Watchlist }) {
  if (typeof node === 'string') return <>{node}</>;
  const { kind, id } = node.mark;
  return (
    <mark
      class={kind}
      data-person={kind === 'person' ? id : undefined}
      data-topic={kind === 'topic' ? id : undefined}
      title={kind === 'person' ? personName(watchlist, id) : `topic ${id}`}
    >
      {node.children.map((child, i) => (
        <Node key={i} node={child} watchlist={watchlist} />
      ))}
    </mark>
  );
}

export function Highlighted({ text, marks }: { text: string; marks: Mark[] }) {
  const { watchlist } = useSession();
  return (
    <>
      {markTree(text, marks).map((node, i) => (
        <Node key={i} node={node} watchlist={watchlist} />
      ))}
    </>
  );
}
