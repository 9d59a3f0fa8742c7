import * as z from './zod';

/**
 * A date-time written in one of the other ways RFC 3339 or ISO-8601 allow: a lower-case `t` or `z`, or
 * a space between date and time (RFC 3339); minutes without seconds, a comma before the fraction, an
 * offset without its colon (`+0300`) or without its minutes (`+03`) (ISO-8601).
 */
const WRITTEN_OTHERWISE = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** The offset as the schema reads it: `Z`, `±HH:MM`, or none. */
function zoneOf(zone: string | undefined): string {
  if (zone === undefined) return '';
  if (zone === 'Z' || zone === 'z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
}

/**
 * The date-time in the one form the schema checks (`2024-01-02T03:04:05Z`) when it is written in one of
 * the other ways above; anything else as it is, for the schema to refuse. Exported for its test.
 */
export function canonicalDateTime(text: string): string {
  const parts = WRITTEN_OTHERWISE.exec(text);
  if (!parts) return text;
  const [, date, minutes, seconds = '00', fraction, zone] = parts;
  return `${date}T${minutes}:${seconds}${fraction ? `.${fraction}` : ''}${zoneOf(zone)}`;
}

/**
 * ISO-8601: a full date-time (with an offset or `Z`, or none: read as UTC) or a plain calendar date,
 * each also as written in the ways above; what passes is the canonical form. `error` is the refusal.
 */
export const isoDate = (error: string) =>
  z.pipe(
    // Typed as a string (the schema's input); any other value passes on unchanged, for the union to refuse.
    z.transform((value: string) => (typeof value === 'string' ? canonicalDateTime(value) : value)),
    z.union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], { error }),
  );
