import { isHighSurrogate } from './char-codes';

/** `text` cut to at most `max` UTF-16 code units, never between the two halves of a surrogate pair. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max);
}
