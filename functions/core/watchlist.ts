import { z } from 'zod';

/** Contract slug for person and topic ids. */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lowercase slug: a-z, 0-9 and "-", at most 64 characters');

export const PersonEntry = z
  .object({
    id: Slug,
    name: z.string().trim().min(1, 'must not be empty'),
    aliases: z.array(z.string().trim().min(1, 'must not be empty')).optional(),
  })
  .strict();
export type PersonEntry = z.infer<typeof PersonEntry>;

/** `{ "id": "prisoner-exchange" }` means the built-in definition; a full definition is documented in docs/tagging.md. */
export const TopicEntry = z.object({ id: Slug }).strict();
export type TopicEntry = z.infer<typeof TopicEntry>;

export const Watchlist = z.object({
  people: z.array(PersonEntry).default([]),
  topics: z.array(TopicEntry).default([]),
});
export type Watchlist = z.infer<typeof Watchlist>;

/** Shipped default: the seed article's people and the prisoner-exchange topic. */
export const defaultWatchlist: Watchlist = {
  people: [
    { id: 'viktor-bout', name: 'Viktor Bout', aliases: ['Виктор Бут', 'Merchant of Death'] },
    { id: 'konstantin-yaroshenko', name: 'Konstantin Yaroshenko', aliases: ['Константин Ярошенко'] },
    { id: 'sergei-ryabkov', name: 'Sergei Ryabkov', aliases: ['Сергей Рябков'] },
  ],
  topics: [{ id: 'prisoner-exchange' }],
};
