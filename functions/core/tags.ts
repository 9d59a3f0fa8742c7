import * as z from './zod';

/** A piece of evidence: UTF-16 offsets into the original field (JavaScript string indices). */
export const Span = z.object({
  field: z.enum(['title', 'body']),
  start: z.number().check(z.int(), z.nonnegative()),
  end: z.number().check(z.int(), z.nonnegative()),
  text: z.string(),
});
export type Span = z.infer<typeof Span>;

export const PersonTag = z.object({ id: z.string(), mentions: z.array(Span) });
export type PersonTag = z.infer<typeof PersonTag>;

export const TopicTag = z.object({ id: z.string(), score: z.number().check(z.gte(0), z.lte(1)), evidence: z.array(Span) });
export type TopicTag = z.infer<typeof TopicTag>;

/** What the tagger returns for one article (contract: the `tag` command's output minus `id`). */
export const TagResult = z.object({ people: z.array(PersonTag), topics: z.array(TopicTag) });
export type TagResult = z.infer<typeof TagResult>;
