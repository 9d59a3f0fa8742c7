/** Asks for the API key, checks it against the API, and keeps it for this tab only. */
import { useState } from 'preact/hooks';
import { ApiError, apiLabel, request } from '../api';
import { saveKey } from '../session';

function explain(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  if (err.kind === 'unauthorized')
    return 'This key was refused: it is unknown, revoked, or lacks the read scope. npm start prints the current key; deployed, mint one with npx newswatch keys create.';
  if (err.kind === 'network') return `${err.message}. Is npm start running (or the deployment up)?`;
  return `The API answered: ${err.message}`;
}

export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn(key: string): void }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The browser's own validation (the key left empty) blocks a submit before `submit` runs: the
  // refusal of the key tried before goes with it, through the form's onInvalidCapture.
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await request('GET', '/watchlist', undefined, key.trim());
      saveKey(key.trim());
      onSignedIn(key.trim());
    } catch (err) {
      setProblem(explain(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>newswatch</h1>
      <form class="panel" onSubmit={submit} onInvalidCapture={() => setProblem(undefined)}>
        {notice && (
          <p class="state error" role="alert">
            {notice}
          </p>
        )}
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autocomplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <p class="hint">
          Kept only for this browser tab (sessionStorage) and sent to {apiLabel()} as <code>x-api-key</code>.
        </p>
        {problem && (
          <p class="state error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
