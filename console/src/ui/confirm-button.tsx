/**
 * A destructive button that asks once more in place (no modal dialog): first press arms it, second acts.
 * The focus follows: to the confirming button when armed, back to the first one on Cancel or Escape,
 * and to the page's heading once the entry it removed has gone, so a keyboard user's focus is never left
 * on nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { focusSectionWhenGone } from './focus';

export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  label: string;
  confirmLabel: string;
  onConfirm(): void;
  disabled?: boolean;
}) {
  const [armed, setArmed] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const confirming = useRef<HTMLButtonElement>(null);
  /** Whether this button was armed before: only then does disarming bring the focus back (not on first render). */
  const wasArmed = useRef(false);
  /** Stops the wait for a confirmed removal's entry to go, when the user disarms the button instead. */
  const cancelFocus = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    if (armed) confirming.current?.focus();
    else if (wasArmed.current) first.current?.focus();
    wasArmed.current = armed;
  }, [armed]);
  if (!armed) {
    return (
      <button ref={first} type="button" class="danger" disabled={disabled} onClick={() => setArmed(true)}>
        {label}
      </button>
    );
  }
  const disarm = () => {
    cancelFocus.current?.();
    setArmed(false);
  };
  const disarmOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && disarm();
  return (
    <span class="confirm">
      <button
        ref={confirming}
        type="button"
        class="danger"
        disabled={disabled}
        onClick={() => {
          cancelFocus.current = focusSectionWhenGone(confirming.current);
          onConfirm();
        }}
        onKeyDown={disarmOnEscape}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={disarm} onKeyDown={disarmOnEscape}>
        Cancel
      </button>
    </span>
  );
}
