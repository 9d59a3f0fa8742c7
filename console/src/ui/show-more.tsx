/** "Show more" under a list that holds one page of what the API has: the next page is added to it. */
export function ShowMore({ onClick, what, loaded }: { onClick(): void; what: string; loaded: number }) {
  return (
    <p class="more">
      <span class="meta">
        The newest {loaded} {what} are loaded.{' '}
      </span>
      <button type="button" onClick={onClick}>
        Show more {what}
      </button>
    </p>
  );
}
