/** A form's submit: busy while the request runs, the server's error (naming fields) shown by the form. */
import { useState } from 'preact/hooks';
import { ApiError, keyStillReads, NEEDS_ADMIN } from '../api';
import { useSession } from './session-context';

export function useAction() {
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async (work: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError('bad-request', (err as Error).message);
      if (error.kind !== 'unauthorized') setError(error);
      else if (await keyStillReads()) setError(new ApiError('bad-request', NEEDS_ADMIN, error.status));
      else signOut('The API refused this key (unknown, revoked, or one that may not read). Sign in with a current read or admin key.');
      return false;
    } finally {
      setBusy(false);
    }
  };
  /**
   * For the form's `onInvalidCapture`: the browser's own validation blocked a submit (a required field
   * left empty), so `run` never starts, and the last request's error would stay under a form not sent.
   */
  const clear = () => setError(undefined);
  return { busy, error, run, clear };
}
