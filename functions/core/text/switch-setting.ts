/** How an on/off variable may be written (any case, white space around allowed). */
const OFF = new Set(['off', 'false', '0', 'no']);
const ON = new Set(['on', 'true', '1', 'yes']);

/**
 * An on/off setting read from the environment: unset or empty gives `fallback`; `off`, `false`, `0`, `no`
 * turn it off and `on`, `true`, `1`, `yes` on, in any case. Anything else throws an error naming the
 * variable, the spellings it takes and the value found: `NEWSWATCH_DYNAMO_THREAD=flase` is no
 * setting left silently as it was.
 */
export function switchSetting(name: string, value: string | undefined, fallback: boolean): boolean {
  const word = value?.trim().toLowerCase() ?? '';
  if (word === '') return fallback;
  if (OFF.has(word)) return false;
  if (ON.has(word)) return true;
  throw new Error(`${name} must be off (off, false, 0, no) or on (on, true, 1, yes), not "${value}"`);
}
