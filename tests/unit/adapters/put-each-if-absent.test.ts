import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CONDITIONAL_PUTS_AT_ONCE, putEachIfAbsent } from '../../../functions/adapters/batch';
import type { Table } from '../../../functions/adapters/table';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const table: Table = { doc, name: 'newswatch' };
const refused = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => ddb.reset());

describe('putEachIfAbsent', () => {
  // One put per tag, all at once, let an article naming dozens of people take every socket of the process.
  it('sends every item once, never more than CONDITIONAL_PUTS_AT_ONCE at a time, and answers the refused ones in order', async () => {
    let inFlight = 0;
    let most = 0;
    ddb.on(PutCommand).callsFake(async (input: { Item: { pk: string } }) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      if (Number(input.Item.pk.slice(1)) % 5 === 0) throw refused();
      return {};
    });
    const items = Array.from({ length: 23 }, (_, i) => ({ pk: `p${i}`, sk: 'T' }));

    const answer = await putEachIfAbsent(table, items);

    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.pk)).toEqual(items.map((i) => i.pk));
    expect(most).toBe(CONDITIONAL_PUTS_AT_ONCE);
    expect(answer.map((i) => i.pk)).toEqual(['p0', 'p5', 'p10', 'p15', 'p20']);
  });
});
