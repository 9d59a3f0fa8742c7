import * as z from '../zod';

/** Body of POST /digests (`newswatch digest send`): which digests to send now; none given = both. */
export const DigestRequest = z.strictObject({ delivery: z.optional(z.enum(['hourly', 'daily'], { error: 'must be hourly or daily' })) });
