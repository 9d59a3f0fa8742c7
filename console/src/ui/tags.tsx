/** People and topics as chips: people solid, topics outlined with their score, so they are told apart without colour too. */
import { personName, useSession } from './session-context';
import { formatScore } from './format';

export function Tags({ people, topics, scores }: { people: string[]; topics: string[]; scores?: Record<string, number> }) {
  const { watchlist } = useSession();
  if (people.length === 0 && topics.length === 0) return null;
  return (
    <ul class="tags" aria-label="People and topics">
      {people.map((id) => (
        <li key={`p:${id}`} class="tag person" data-person={id}>
          <span class="visually-hidden">person: </span>
          {personName(watchlist, id)}
        </li>
      ))}
      {topics.map((id) => (
        <li key={`t:${id}`} class="tag topic" data-topic={id}>
          <span class="visually-hidden">topic: </span>
          {id}
          {scores?.[id] !== undefined && <span class="score"> {formatScore(scores[id] as number)}</span>}
        </li>
      ))}
    </ul>
  );
}
