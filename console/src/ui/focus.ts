/** Focus that stays where a keyboard user is working when an edit form opens and closes. */
import { useEffect, useRef } from 'preact/hooks';

const TYPABLE =
  'input:not([readonly]):not([disabled]):not([type=hidden]), textarea:not([readonly]):not([disabled]), select:not([disabled])';

/** A ref for a form; when `active` (an edit form just opened in place of its entry), its first field the user can change takes the focus. */
export function useFocusFirstField(active: boolean) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (active) form.current?.querySelector<HTMLElement>(TYPABLE)?.focus();
  }, []);
  return form;
}

/** How long a removal may take (its request, then the list's reload) before its button leaves the page. */
const REMOVAL_WAIT_MS = 10_000;

/**
 * After a confirmed removal: once `button` has left the page with its entry, the focus it held would be
 * on nothing (the page's body, where the next Tab starts from the top in some browsers); it goes to the
 * heading of its `section` instead, without scrolling. Only when the button had the focus at the confirm
 * (a mouse user in a browser that does not focus buttons is left alone) and the user put it nowhere else
 * meanwhile. Returns a cancel, for a removal the user disarmed (Escape, Cancel).
 */
export function focusSectionWhenGone(button: HTMLElement | null): () => void {
  const heading = button?.closest('section')?.querySelector<HTMLElement>('h1');
  if (!button || !heading || document.activeElement !== button) return () => undefined;
  let cancelled = false;
  // Whether the user put the focus elsewhere meanwhile (the button itself drops it while disabled, to the body).
  let movedAway = false;
  const onNothing = () => document.activeElement === null || document.activeElement === document.body;
  const started = performance.now();
  const check = () => {
    if (cancelled) return;
    if (button.isConnected) {
      if (document.activeElement !== button && !onNothing()) movedAway = true;
      if (performance.now() - started < REMOVAL_WAIT_MS) requestAnimationFrame(check);
      return;
    }
    if (movedAway || !onNothing()) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  };
  requestAnimationFrame(check);
  return () => {
    cancelled = true;
  };
}

/** Gives the focus to the first button of the element `selector` finds, once it is on the page (after the render that brings it back). */
export function focusFirstButton(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`${selector} button`)?.focus());
}
