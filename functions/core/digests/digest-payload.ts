import { DIGEST_DELIVERIES } from '../delivery-policy';
import * as z from '../zod';

// Apart from digest.ts, which the digest scheduler imports (it takes the Digest type from here, types
// only): only readers of a delivered digest (the CLI's `alerts tail`) parse one, so the scheduler does
// not build these schemas at its cold start.

/** A digest as machine subscribers receive it (docs/api.md, "Delivery"): `{"kind": "digest", ...}`. */
export const DigestPayload = z.object({
  alertId: z.string(),
  kind: z.literal('digest'),
  delivery: z.enum(DIGEST_DELIVERIES),
  periodStart: z.string(),
  periodEnd: z.string(),
  stories: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      articleCount: z.number(),
      sources: z.array(z.string()),
      people: z.array(z.string()),
      topics: z.array(z.string()),
      url: z.nullable(z.string()),
    }),
  ),
  /** Stories that matched but did not fit in one SNS message (256 KiB), left out after the most recently active: absent when none. */
  omittedStories: z.optional(z.number()),
});
