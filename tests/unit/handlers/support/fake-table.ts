import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

type Item = Record<string, any>;

/**
 * A small in-memory stand-in for the table behind a mocked document client: enough of Get, Put
 * (with `attribute_not_exists(pk)`), Delete, BatchWrite, BatchGet and a partition Query for the
 * handlers' flows, while aws-sdk-client-mock still records every command for the matchers.
 */
export function fakeTable() {
  const ddb = mockClient(DynamoDBDocumentClient);
  const items = new Map<string, Item>();
  const id = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;
  const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
  /** Puts that fail once each, after landing or before (see `afterNextPut`, `failNextPut`). */
  let afterPut: { matches: (item: Item) => boolean; error: () => Error }[] = [];
  let beforePut: { matches: (item: Item) => boolean; error: () => Error }[] = [];

  const install = () => {
    ddb.on(GetCommand).callsFake((input) => ({ Item: items.get(id(input.Key)) }));
    ddb.on(PutCommand).callsFake((input) => {
      const refused = beforePut.findIndex((f) => f.matches(input.Item));
      if (refused >= 0) throw beforePut.splice(refused, 1)[0]!.error();
      const old = items.get(id(input.Item));
      const staleClaim =
        input.ConditionExpression?.includes('claimedAt < :stale') &&
        old?.status === 'publishing' &&
        old.claimedAt < input.ExpressionAttributeValues?.[':stale'];
      // A story gain claim: free, or already this article's (`OR articleId = :a`).
      const sameArticle =
        input.ConditionExpression?.includes('articleId = :a') && old?.articleId === input.ExpressionAttributeValues?.[':a'];
      if (old && input.ConditionExpression?.startsWith('attribute_not_exists(pk)') && !staleClaim && !sameArticle) throw ccf();
      // An optimistic story write: the stored version must be the one the writer read.
      if (input.ConditionExpression === 'version = :v' && old?.version !== input.ExpressionAttributeValues?.[':v']) throw ccf();
      items.set(id(input.Item), structuredClone(input.Item));
      const failing = afterPut.findIndex((f) => f.matches(input.Item));
      if (failing >= 0) throw afterPut.splice(failing, 1)[0]!.error();
      return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    });
    ddb.on(DeleteCommand).callsFake((input) => {
      const old = items.get(id(input.Key));
      const values = input.ExpressionAttributeValues ?? {};
      if (input.ConditionExpression?.includes('#token = :token') && old?.token !== values[':token']) throw ccf();
      if (input.ConditionExpression?.includes('#status = :publishing') && old?.status !== values[':publishing']) throw ccf();
      items.delete(id(input.Key));
      return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    });
    // The alert marker's "mark published" update: conditional on the claim token.
    ddb.on(UpdateCommand).callsFake((input) => {
      const old = items.get(id(input.Key));
      const values = input.ExpressionAttributeValues ?? {};
      if (input.ConditionExpression?.includes('#token = :token') && old?.token !== values[':token']) throw ccf();
      if (input.ConditionExpression?.includes('attribute_exists(pk)') && !old) throw ccf();
      if (old && values[':published']) Object.assign(old, { status: values[':published'], messageId: values[':mid'] });
      // The watchlist's change counter: ADD on a number attribute (absent counts as 0).
      if (old && input.UpdateExpression === 'ADD revision :one') old.revision = (old.revision ?? 0) + values[':one'];
      // One attribute set or removed by name (`SET #a = :v`, `REMOVE #a`).
      const [, verb, name, value] = /^(SET|REMOVE) (#\w+)(?: = (:\w+))?$/.exec(input.UpdateExpression ?? '') ?? [];
      const attribute = name && input.ExpressionAttributeNames?.[name];
      if (old && attribute && verb === 'SET') old[attribute] = values[value!];
      if (old && attribute && verb === 'REMOVE') delete old[attribute];
      return {};
    });
    ddb.on(BatchWriteCommand).callsFake((input) => {
      for (const requests of Object.values(input.RequestItems ?? {}) as any[]) {
        for (const r of requests) {
          if (r.PutRequest) items.set(id(r.PutRequest.Item), structuredClone(r.PutRequest.Item));
          else items.delete(id(r.DeleteRequest.Key));
        }
      }
      return {};
    });
    ddb.on(BatchGetCommand).callsFake((input) => {
      const [[table, { Keys }]] = Object.entries(input.RequestItems ?? {}) as any;
      return { Responses: { [table]: Keys.map((k: any) => items.get(id(k))).filter(Boolean) } };
    });
    ddb.on(QueryCommand).callsFake((input) => {
      const pk = input.ExpressionAttributeValues?.[':pk'];
      const v = input.ExpressionAttributeValues ?? {};
      const condition = input.KeyConditionExpression ?? '';
      const inRange = (sk: string) =>
        (!condition.includes('sk >') || sk > v[':since']) &&
        (!condition.includes('sk <') || sk < v[':before']) &&
        (!condition.includes('BETWEEN') || (sk >= v[':since'] && sk <= v[':before']));
      const found = [...items.values()].filter((i) => i.pk === pk && inRange(i.sk)).sort((a, b) => (a.sk < b.sk ? -1 : 1));
      const ordered = input.ScanIndexForward === false ? found.reverse() : found;
      const page = input.Limit ? ordered.slice(0, input.Limit) : ordered;
      const last = page.at(-1);
      return { Items: page, ...(page.length < ordered.length && last && { LastEvaluatedKey: { pk: last.pk, sk: last.sk } }) };
    });
  };
  install();

  return {
    ddb,
    items,
    get: (pk: string, sk: string) => items.get(id({ pk, sk })),
    put: (item: Item) => items.set(id(item as any), item),
    /**
     * The next put of an item that `matches` lands and then fails with `error` (its reply was lost);
     * `conditionalCheckFailed` is what a writer sees when the SDK's retry of such a put is refused.
     */
    afterNextPut(matches: (item: Item) => boolean, error: () => Error) {
      afterPut.push({ matches, error });
    },
    /** The next put of an item that `matches` fails with `error` without landing. */
    failNextPut(matches: (item: Item) => boolean, error: () => Error) {
      beforePut.push({ matches, error });
    },
    conditionalCheckFailed: ccf,
    reset() {
      ddb.reset();
      items.clear();
      afterPut = [];
      beforePut = [];
      install();
    },
  };
}
