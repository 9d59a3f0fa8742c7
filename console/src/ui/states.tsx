/** Loading, empty and error states that say what happened and what to do next. */
import type { ComponentChildren } from 'preact';
import { type ApiError, apiLabel } from '../api';
import { detailsToList, retryMayHelp } from '../error-details';

export function Loading({ what }: { what: string }) {
  return (
    <p class="state" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

function advice(error: ApiError, feature: string): ComponentChildren {
  switch (error.kind) {
    case 'unavailable':
      return (
        <>
          <strong>{feature} is not available on this server.</strong> It does not offer this part of the API yet: update newswatch (pull the
          latest version, then restart <code>npm start</code> or run <code>cdk deploy</code>) to use it.
        </>
      );
    case 'network':
      return (
        <>
          <strong>{error.message}.</strong> Is <code>npm start</code> still running (or the deployment up)? Check your connection, then
          retry.
        </>
      );
    case 'server':
      return (
        <>
          <strong>The server failed{error.status ? ` (HTTP ${error.status})` : ''}.</strong> {serverSaid(error)} in a moment; if it
          persists, check the server's logs.
        </>
      );
    default:
      return <ErrorText error={error} />;
  }
}

/** What a failed server said, then "retry": not its words when they are only the status the heading already gives. */
const serverSaid = (error: ApiError) => (error.message === `HTTP ${error.status}` ? 'Retry' : `${error.message} — retry`);

/** The server's message and the fields it names, as text; a detail the message already says is not listed again. */
export function ErrorText({ error }: { error: ApiError }) {
  const more = detailsToList(error.message, error.details);
  return (
    <>
      <strong>{error.message}</strong>
      {more.length > 0 && (
        <ul>
          {more.map((d) => (
            <li key={`${d.path}:${d.message}`}>
              {d.path ? <code>{d.path}</code> : null} {d.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorState({ error, feature, retry }: { error: ApiError; feature: string; retry?: () => void }) {
  return (
    <div class={`state error ${error.kind}`} role="alert" data-error-kind={error.kind}>
      <p>{advice(error, feature)}</p>
      {retry && retryMayHelp(error.kind, error.status) && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** A refresh failed while older data is still on screen. */
export function StaleNotice({ error }: { error?: ApiError }) {
  if (!error) return null;
  return (
    <p class="stale" role="status">
      Could not refresh ({error.message}); showing what was loaded before. Retrying automatically from {apiLabel()}.
    </p>
  );
}
