/**
 * A whole number as written in decimal digits, white space around allowed; anything else is NaN.
 * `Number` alone would also read `0x10`, `1e1`, `0b1` or an empty text (as 0): a count, port or hour
 * nobody typed. `maxDigits` bounds how many digits are taken, leading zeros included.
 */
export function decimalInteger(text: string, maxDigits = Number.POSITIVE_INFINITY): number {
  const digits = text.trim();
  return /^\d+$/.test(digits) && digits.length <= maxDigits ? Number(digits) : Number.NaN;
}

/** What a whole-number setting or option from `min` to `max` accepts, as its messages say it. */
export function wholeNumberForm(min: number, max: number): string {
  return `a whole number from ${min} to ${max}, in decimal digits`;
}

/**
 * `text` as a whole number from `min` to `max` written in decimal digits (white space around allowed),
 * else undefined: hex, an exponent, a fraction, a sign or nothing at all is no such number.
 */
export function wholeNumberBetween(text: string, min: number, max: number, maxDigits?: number): number | undefined {
  const n = decimalInteger(text, maxDigits);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/**
 * Every whole-number setting read from the environment: unset or empty gives `fallback`; anything else
 * must be a whole number from `min` to `max` in decimal digits, or this throws an error that names the
 * variable, the form it accepts and the value found (a bad setting fails where it is read, loudly).
 */
export function wholeNumberSetting(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = wholeNumberBetween(value, min, max);
  if (n === undefined) throw new Error(`${name} must be ${wholeNumberForm(min, max)}, not "${value}"`);
  return n;
}
