/**
 * UTF-16 code units the scanner and the tagger compare against. They scan with charCodeAt (no
 * per-character strings on the hot path), so each character they care about has a name here.
 */
export const TAB = 9;
export const NEWLINE = 10;
export const CARRIAGE_RETURN = 13;
export const SPACE = 32;
export const EXCLAMATION = 33;
export const APOSTROPHE = 39;
export const COMMA = 44;
export const HYPHEN = 45;
export const FULL_STOP = 46;
export const DIGIT_ZERO = 48;
export const DIGIT_NINE = 57;
/** Whether a UTF-16 code unit is one of the ASCII digits 0–9 (as `\d` in a regular expression: not ٣ or other scripts' digits). */
export const isAsciiDigit = (code: number): boolean => code >= DIGIT_ZERO && code <= DIGIT_NINE;
/** The colon of a clock time ("12:27") or a score ("3:2"). */
export const COLON = 58;
export const QUESTION = 63;
export const CAPITAL_A = 65;
/** The capital letter I: "I." ends a sentence with the pronoun, not an initial. */
export const CAPITAL_I = 73;
export const CAPITAL_Z = 90;
export const SMALL_A = 97;
export const SMALL_Z = 122;
/** ASCII ends here: every article is mostly ASCII, so its codes are keyed up front. */
export const ASCII_END = 128;
export const NO_BREAK_SPACE = 0xa0;
/** ʼ, written for an apostrophe in some transliterations. */
export const MODIFIER_APOSTROPHE = 0x02bc;
/** Cyrillic and Cyrillic Supplement: a word with one of these may be an inflected Russian name. */
export const CYRILLIC_FIRST = 0x400;
export const CYRILLIC_END = 0x530;
export const THIN_SPACE = 0x2009;
/** Hyphen to horizontal bar: the dashes a name's parts may be joined with. */
export const DASH_FIRST = 0x2010;
export const DASH_LAST = 0x2015;
export const RIGHT_SINGLE_QUOTE = 0x2019;
export const ELLIPSIS = 0x2026;
export const NARROW_NO_BREAK_SPACE = 0x202f;
export const MINUS_SIGN = 0x2212;
export const IDEOGRAPHIC_FULL_STOP = 0x3002;
/** UTF-16 units that open a surrogate pair (an astral code point takes this unit and the next). */
export const HIGH_SURROGATE = 0xd800;
/** The units that close one: from here to SURROGATE_END. */
export const LOW_SURROGATE = 0xdc00;
export const SURROGATE_END = 0xe000;
export const isHighSurrogate = (code: number): boolean => code >= HIGH_SURROGATE && code < LOW_SURROGATE;
export const isLowSurrogate = (code: number): boolean => code >= LOW_SURROGATE && code < SURROGATE_END;
/** Below SPACE: the C0 controls (tab and line breaks among them). */
const DELETE = 0x7f;
/** The last of the C1 controls, which follow DELETE. */
const LAST_C1_CONTROL = 0x9f;
/** A C0 control, DELETE or a C1 control: nothing an id or a one-line label may hold. */
export const isControl = (code: number): boolean => code < SPACE || (code >= DELETE && code <= LAST_C1_CONTROL);
