import type { ComponentChildren } from 'preact';
import { ErrorState, Loading, StaleNotice } from './states';
import type { Data } from './use-data';

/** Loading until the first answer; the error state when there is nothing to show; else the content. */
export function Loaded<T>(props: { state: Data<T>; what: string; feature: string; children: (data: T) => ComponentChildren }) {
  const { state } = props;
  if (state.error && (state.data === undefined || state.error.kind === 'unavailable')) {
    return <ErrorState error={state.error} feature={props.feature} retry={state.reload} />;
  }
  if (state.data === undefined) return <Loading what={props.what} />;
  return (
    <>
      <StaleNotice error={state.error} />
      {props.children(state.data)}
    </>
  );
}
