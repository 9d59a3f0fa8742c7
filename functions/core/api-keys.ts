import * as z from 'zod';
import { API_KEY_SCOPES } from './api-key-format';

export * from './api-key-format';

/** The scopes as a zod schema, for callers that validate input with zod (the CLI). */
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;
