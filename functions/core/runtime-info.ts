import * as z from './zod';

/**
 * `.newswatch/runtime.json`: what `npm start` writes so the CLI finds the running local pipeline (API URL
 * and key, the stand-ins' endpoints). The runtime writes every field; readers parse leniently
 * (`z.partial(RuntimeInfo)`), because an older or newer runtime may have written it.
 */
export const RuntimeInfo = z.object({
  apiUrl: z.string(),
  apiKey: z.string(),
  region: z.string(),
  tableName: z.string(),
  topicArn: z.string(),
  dynamodbEndpoint: z.string(),
  snsEndpoint: z.string(),
  sqsEndpoint: z.string(),
  /** The stream dead-letter queue (`alerts redrive` empties it). */
  streamDlqUrl: z.optional(z.string()),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfo>;

/** What a reader may find: any of the fields, extra fields ignored. */
export const PartialRuntimeInfo = z.partial(RuntimeInfo);
export type PartialRuntimeInfo = z.infer<typeof PartialRuntimeInfo>;

/**
 * Queues `newswatch alerts tail` creates for itself (`newswatch-tail-<random>`) and subscribes: temporary,
 * removed by tail when it stops, and by the local runtime when it starts or stops (a tail killed, or
 * outlived by the runtime, cannot remove its own).
 */
export const TAIL_QUEUE_PREFIX = 'newswatch-tail-';
