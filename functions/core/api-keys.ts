import * as z from './zod';
import { API_KEY_SCOPES } from './api-key-format';
import { isControl } from './text/char-codes';

export * from './api-key-format';

/** The scopes as a zod schema, derived from the one list in api-key-format.ts. */
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/** The longest label a key may be minted with: a note for `keys list`, not a document. */
export const MAX_API_KEY_LABEL_LENGTH = 200;

/**
 * The label of the key `npm start` registers for itself: each start withdraws the keys so labelled
 * before it, so `keys create` may not use it (a key minted with it would be withdrawn too).
 */
export const LOCAL_RUNTIME_KEY_LABEL = 'local runtime';

/**
 * A label to mint a key with (`keys create --label`), trimmed: one line of text that is not empty.
 * `--label "$NAME"` with NAME unset must not mint a key nobody can recognise, and a line break or a
 * control character would break the `keys list` table. Records already stored are read as they are.
 */
export const ApiKeyLabel = z.string().check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.maxLength(MAX_API_KEY_LABEL_LENGTH, `must be at most ${MAX_API_KEY_LABEL_LENGTH} characters`),
  z.refine((text) => !hasControlCharacter(text), { error: 'must be one line of text, without control characters' }),
);

/** A C0 or C1 control character (a line break or tab among them). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charCodeAt(i))) return true;
  }
  return false;
}

/** An API key record as stored: the SHA-256 of the key, never the key itself. */
export const ApiKeyRecord = z.object({
  keyId: z.string(),
  hash: z.string(),
  scopes: z.array(ApiKeyScope),
  label: z.optional(z.string()),
  createdAt: z.string(),
  revokedAt: z.optional(z.string()),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;
