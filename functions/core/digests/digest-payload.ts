import { DIGEST_DELIVERIES } from '../delivery-policy';
import * as z from '../zod';
import type { Digest } from './digest';

// Apart from digest.ts, which the digest scheduler imports: only readers of a delivered digest (the
// CLI's `alerts tail`) parse one, so the scheduler does not build these schemas at its cold start.

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
  omittedStories: z.optional(z.number()),
});

/**
 * What the schema reads is exactly what digest.ts writes: a field added to, dropped from or typed
 * differently in one of them fails to compile (two types are the same only if every type that
 * extends one extends the other, which mutual assignability misses for optional fields).
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const DIGEST_SHAPES_AGREE: Same<z.infer<typeof DigestPayload>, Digest> = true;
