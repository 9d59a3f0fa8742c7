import { PAGE_SIZE } from '../latest';

/**
 * Under a list that holds the newest pages of what the API has: "Show more" adds the next page when
 * there is one (`more`). A list longer than one page is not refreshed (use-latest.ts), and says so.
 */
export function ShowMore({ more, onClick, what, loaded }: { more: boolean; onClick(): void; what: string; loaded: number }) {
  const paused = loaded > PAGE_SIZE;
  if (!more && !paused) return null;
  return (
    <p class="more">
      <span class="meta">
        The newest {loaded} {what} are loaded
        {paused ? ' (not refreshed while older ones are shown: change a filter or reload for the latest)' : ''}.{' '}
      </span>
      {more && (
        <button type="button" onClick={onClick}>
          Show more {what}
        </button>
      )}
    </p>
  );
}
