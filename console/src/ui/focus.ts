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

/** Gives the focus to the first button of the element `selector` finds, once it is on the page (after the render that brings it back). */
export function focusFirstButton(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`${selector} button`)?.focus());
}
