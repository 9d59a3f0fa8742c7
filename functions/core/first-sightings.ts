/**
 * Tells whether a key is seen for the first time, remembering at most `max` keys (the oldest is
 * forgotten first, and may then count as new again): for "once per key" where the keys come from data
 * (record keys, article ids) and must not grow a set without bound in a long-lived process.
 */
export function firstSightings(max: number): (key: string) => boolean {
  const seen = new Set<string>();
  return (key) => {
    if (seen.has(key)) return false;
    seen.add(key);
    // A Set iterates in insertion order: its first key is the oldest.
    if (seen.size > max) seen.delete(seen.values().next().value as string);
    return true;
  };
}
