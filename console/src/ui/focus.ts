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
 * After a confirmed removal: once `button` has left the page with its entry, the focus would fall to the
 * top of the page; it goes to the heading of `section` instead, where the list is. A removal that failed
 * leaves the button (and its error beside it), and the focus where it is.
 */
export function focusSectionWhenGone(button: HTMLElement | null): void {
  const heading = button?.closest('section')?.querySelector<HTMLElement>('h1');
  if (!button || !heading) return;
  const started = performance.now();
  const check = () => {
    if (button.isConnected) {
      if (performance.now() - started < REMOVAL_WAIT_MS) requestAnimationFrame(check);
      return;
    }
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    heading.tabIndex = -1;
    heading.focus();
  };
  requestAnimationFrame(check);
}

/** Gives the focus to the first button of the element `selector` finds, once it is on the page (after the render that brings it back). */
export function focusFirstButton(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`${selector} button`)?.focus());
}
