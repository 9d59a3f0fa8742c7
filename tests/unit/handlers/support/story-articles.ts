import { createDocumentClient, tableFromEnv } from '../../../../functions/adapters/table';
import { createWatchlistCache } from '../../../../functions/adapters/watchlist-cache';
import type { IngestDeps } from '../../../../functions/app/ingest-articles';
import { createTaggerSource } from '../../../../functions/app/tagging';
import { metrics } from '../../../../functions/handlers/observability';
import { loadTaggerEngine } from '../../../../functions/handlers/ingest-wiring';

/** Articles for the story tests: copies of one wire story, and a different event on the same day. */
export const wire = 'Viktor Bout was flown to Moscow on Thursday in exchange for Brittney Griner, officials said at the airport.';
export const copy = (n: number) => ({
  id: `copy-${n}`,
  title: `Bout flown to Moscow (${n})`,
  body: wire,
  publishedAt: `2022-12-08T1${n}:00:00Z`,
});
export const quake = {
  id: 'quake',
  title: 'Earthquake near Gaziantep',
  body: 'A magnitude 7.8 earthquake struck near Gaziantep before dawn on Thursday, rescuers said, and aftershocks followed across the region of Moscow.',
  publishedAt: '2022-12-08T12:30:00Z',
};

/** Ingest on a fresh document client (and so fresh per-client caches), like a new Lambda instance; the table is the mocked one. */
export function freshIngestDeps(): IngestDeps {
  const table = tableFromEnv(createDocumentClient());
  return { table, currentTagger: createTaggerSource(createWatchlistCache(table, 0), loadTaggerEngine), retentionDays: 0, metrics };
}
