import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Watchlist } from '../types';

export interface Session {
  /** Forgets the key and returns to the sign-in form, showing why. */
  signOut(reason?: string): void;
  /** The watchlist (names for ids, filter choices); empty until loaded. */
  watchlist: Watchlist;
  reloadWatchlist(): void;
}

export const SessionContext = createContext<Session>({
  signOut: () => undefined,
  watchlist: { people: [], topics: [] },
  reloadWatchlist: () => undefined,
});

export const useSession = () => useContext(SessionContext);

/** A person's display name (the watchlist's), else the id. */
export function personName(watchlist: Watchlist, id: string): string {
  return watchlist.people.find((p) => p.id === id)?.name ?? id;
}
