import * as z from './zod';
import { API_KEY_SCOPES } from './api-key-format';

export * from './api-key-format';

/** The scopes as a zod schema, derived from the one list in api-key-format.ts. */
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

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
