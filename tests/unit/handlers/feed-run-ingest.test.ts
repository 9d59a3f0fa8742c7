import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient, tableFromEnv } from '../../../functions/adapters/table';
import { ValidationFailed } from '../../../functions/core/errors';
import { feedRunDeps } from '../../../functions/handlers/feed-run-wiring';
import { metrics } from '../../../functions/handlers/observability';
import { fakeTable } from './support/fake-table';

const fake = fakeTable();
const { ingest } = feedRunDeps(tableFromEnv(createDocumentClient()), metrics);
const article = { title: 'Bout home', body: 'Viktor Bout was flown to Moscow on Thursday.', url: 'https://news.example.com/a' };

describe("the feed poller's ingest", () => {
  beforeEach(() => fake.reset());

  it('refuses, with a 400 naming the field, a feed article the POST /articles schema refuses, and stores nothing', async () => {
    // A feed read back from storage is not bounded like POST /feeds: a source over 500 characters fails ArticleInput.
    const refused = await ingest({ ...article, source: 'S'.repeat(501) }).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ValidationFailed);
    expect((refused as ValidationFailed).details?.map((d) => d.path)).toEqual(['source']);
    expect(fake.items.size).toBe(0);
  });

  it('stores a feed article the schema takes, through the same use case as POST /articles', async () => {
    const outcome = await ingest({ ...article, source: 'S'.repeat(500) });

    expect(outcome).toMatchObject({ duplicate: false, people: ['viktor-bout'] });
    expect(fake.get(`ART#${outcome.id}`, 'A')).toMatchObject({ url: 'https://news.example.com/a' });
  });
});
