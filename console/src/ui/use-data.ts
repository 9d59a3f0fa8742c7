/**
 * Loads data for a view and, when asked, keeps it fresh by polling while the tab is visible: new
 * articles and stories show up within POLL_MS without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, keyStillReads, NEEDS_ADMIN } from '../api';
import { useSession } from './session-context';

/** Under the 5 s the console promises for a new article to appear, with room for the request. */
export const POLL_MS = 2_500;

export interface Data<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload(): void;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('server', (err as Error)?.message ?? String(err)));

/**
 * `poll`: refresh every POLL_MS while the tab is visible; a function is asked before each refresh (a
 * stable one: it is a dependency of the timer), so a view can pause its refreshes.
 */
export function useData<T>(load: () => Promise<T>, deps: unknown[], poll: boolean | (() => boolean) = false): Data<T> {
  const { signOut } = useSession();
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const inFlight = useRef(false);

  const run = useCallback(async () => {
    const mine = ++generation.current;
    inFlight.current = true;
    try {
      const data = await load();
      if (mine === generation.current) setState({ data, loading: false });
    } catch (err) {
      let error = asApiError(err);
      if (error.kind === 'unauthorized') {
        if (!(await keyStillReads()))
          return signOut('The API refused this key (unknown, revoked or without the scope). Sign in with a current key.');
        error = new ApiError('bad-request', NEEDS_ADMIN, error.status);
      }
      // Keep what was shown: a failed refresh is reported next to it, not instead of it.
      if (mine === generation.current) setState((s) => ({ data: s.data, error, loading: false }));
    } finally {
      if (mine === generation.current) inFlight.current = false;
    }
  }, deps);

  useEffect(() => {
    setState({ loading: true });
    void run();
    if (!poll) return;
    const timer = setInterval(() => {
      // A slow server is not asked again before it answered.
      const wanted = typeof poll === 'function' ? poll() : true;
      if (wanted && document.visibilityState === 'visible' && !inFlight.current) void run();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [run, poll]);

  return { ...state, reload: () => void run() };
}
