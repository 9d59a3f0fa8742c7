/**
 * A whole number as written in decimal digits, white space around allowed; anything else is NaN.
 * `Number` alone would also read `0x10`, `1e1`, `0b1` or an empty text (as 0): a count, port or hour
 * nobody typed. `maxDigits` bounds how many digits are taken, leading zeros included.
 */
export function decimalInteger(text: string, maxDigits = Number.POSITIVE_INFINITY): number {
  const digits = text.trim();
  return /^\d+$/.test(digits) && digits.length <= maxDigits ? Number(digits) : Number.NaN;
}
