import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient, tableFromEnv } from '../../../functions/adapters/table';
import { createWatchlistCache } from '../../../functions/adapters/watchlist-cache';
import { ingestArticle, type IngestDeps } from '../../../functions/app/ingest-articles';
import { createTaggerSource } from '../../../functions/app/tagging';
import { metrics } from '../../../functions/handlers/observability';
import { loadTaggerEngine } from '../../../functions/handlers/ingest-wiring';
import { fakeTable } from './support/fake-table';

const fake = fakeTable();
let deps: IngestDeps;
beforeEach(() => {
  fake.reset();
  const table = tableFromEnv(createDocumentClient());
  deps = { table, currentTagger: createTaggerSource(createWatchlistCache(table, 0), loadTaggerEngine), retentionDays: 0, metrics };
});

/** Viktor Bout (on the default watchlist) on one day: his arrest in the morning. */
const arrest = {
  id: 'bout-arrest',
  title: 'Viktor Bout arrested in Bangkok',
  body: 'Thai police arrested Viktor Bout at a Bangkok hotel on Thursday on a U.S. warrant accusing him of arms trafficking. Bout was detained in a sting by agents posing as buyers.',
  publishedAt: '2008-03-06T09:00:00Z',
};

/** Ingests the arrest, then `later`: both answers. */
async function afterArrest(later: { id: string; title: string; body: string; publishedAt: string }) {
  const first = await ingestArticle(deps, arrest);
  return { first, later: await ingestArticle(deps, later) };
}

describe('stories at ingest: different events about the same tracked person', () => {
  it('starts a new story for a later article that only names the same person (the tagger finds where, ingest passes it on)', async () => {
    const { first, later: film } = await afterArrest({
      id: 'bout-film',
      title: 'Cinema revives Lord of War',
      body: 'A Paris cinema screened Lord of War on Thursday evening, the film whose gun runner is said to be modelled on Viktor Bout. The audience applauded Nicolas Cage.',
      publishedAt: '2008-03-06T19:00:00Z',
    });
    expect(first.people).toEqual(['viktor-bout']);
    expect(film.people).toEqual(['viktor-bout']);
    expect(film.storyId).not.toBe(first.storyId);
  });

  it("still puts another outlet's rewrite of the arrest in its story", async () => {
    const { first, later: rewrite } = await afterArrest({
      id: 'bout-arrest-rewrite',
      title: 'Thai police hold Viktor Bout on U.S. arms trafficking warrant',
      body: 'Viktor Bout was arrested at a hotel in Bangkok in a sting by U.S. agents posing as buyers, Thai police said; he is accused of arms trafficking.',
      publishedAt: '2008-03-06T11:00:00Z',
    });
    expect(rewrite.storyId).toBe(first.storyId);
  });
});
