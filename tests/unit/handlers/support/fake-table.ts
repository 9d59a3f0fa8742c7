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
import { applyUpdate, type ExpressionInput, satisfies } from './expressions';

type Item = Record<string, any>;
type RefuseWrite = (command: 'update' | 'batch', input: Item) => Error | undefined;

const expressionInput = (input: {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}): ExpressionInput => ({
  ...(input.ExpressionAttributeNames && { names: input.ExpressionAttributeNames }),
  ...(input.ExpressionAttributeValues && { values: input.ExpressionAttributeValues }),
});
/** Whether a write's ConditionExpression (none: always) holds for the stored item (absent: undefined). */
const conditionHolds = (input: { ConditionExpression?: string } & Parameters<typeof expressionInput>[0], old: Item | undefined) =>
  input.ConditionExpression === undefined || satisfies(input.ConditionExpression, old, expressionInput(input));

/**
 * A small in-memory stand-in for the table behind a mocked document client: Get, Put, Delete, Update
 * (their condition and update expressions evaluated by ./expressions.ts), BatchWrite, BatchGet and Query
 * (key condition, ExclusiveStartKey, Limit, filter) for the handlers' flows, while aws-sdk-client-mock still records every
 * command for the matchers. tests/integration/fake-table-fidelity.test.ts proves it against dynalite.
 */
export function fakeTable() {
  const ddb = mockClient(DynamoDBDocumentClient);
  const items = new Map<string, Item>();
  const id = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;
  const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
  /** Puts that fail once each, after landing or before (see `afterNextPut`, `failNextPut`). */
  let afterPut: { matches: (item: Item) => boolean; error: () => Error }[] = [];
  let beforePut: { matches: (item: Item) => boolean; error: () => Error }[] = [];
  /** Updates and batch writes refused while their test holds (a table outage for some writes): see `failWritesWhile`. */
  let refuseWrite: RefuseWrite = () => undefined;

  const install = () => {
    ddb.on(GetCommand).callsFake((input) => ({ Item: items.get(id(input.Key)) }));
    ddb.on(PutCommand).callsFake((input) => {
      const refused = beforePut.findIndex((f) => f.matches(input.Item));
      if (refused >= 0) throw beforePut.splice(refused, 1)[0]!.error();
      const old = items.get(id(input.Item));
      if (!conditionHolds(input, old)) throw ccf();
      items.set(id(input.Item), structuredClone(input.Item));
      const failing = afterPut.findIndex((f) => f.matches(input.Item));
      if (failing >= 0) throw afterPut.splice(failing, 1)[0]!.error();
      return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    });
    ddb.on(DeleteCommand).callsFake((input) => {
      const old = items.get(id(input.Key));
      if (!conditionHolds(input, old)) throw ccf();
      items.delete(id(input.Key));
      return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    });
    // An update creates the item when it is absent (DynamoDB's upsert), unless its condition refuses.
    ddb.on(UpdateCommand).callsFake((input) => {
      const refused = refuseWrite('update', input);
      if (refused) throw refused;
      const old = items.get(id(input.Key));
      if (!conditionHolds(input, old)) throw ccf();
      const item = old ?? { ...input.Key };
      applyUpdate(input.UpdateExpression ?? '', item, expressionInput(input));
      items.set(id(input.Key), item);
      return {};
    });
    ddb.on(BatchWriteCommand).callsFake((input) => {
      const refused = refuseWrite('batch', input);
      if (refused) throw refused;
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
    // Key condition first, then Limit, then the filter: a page holds at most Limit items read, as in DynamoDB.
    ddb.on(QueryCommand).callsFake((input) => {
      const given = expressionInput(input);
      const found = [...items.values()]
        .filter((i) => satisfies(input.KeyConditionExpression ?? '', i, given))
        .sort((a, b) => (a.sk < b.sk ? -1 : 1));
      const sorted = input.ScanIndexForward === false ? found.reverse() : found;
      // A later page starts after the key the previous one ended at (ignoring it re-read page one forever).
      const after = input.ExclusiveStartKey;
      const beyond = (i: Item) => (input.ScanIndexForward === false ? i.sk < after!.sk : i.sk > after!.sk);
      const ordered = after ? sorted.filter(beyond) : sorted;
      const page = input.Limit ? ordered.slice(0, input.Limit) : ordered;
      const last = page.at(-1);
      const kept = input.FilterExpression ? page.filter((i) => satisfies(input.FilterExpression!, i, given)) : page;
      // A page that stopped at its Limit has a LastEvaluatedKey even when nothing follows, as in DynamoDB.
      const stopped = page.length < ordered.length || page.length === input.Limit;
      return { Items: kept, ...(stopped && last && { LastEvaluatedKey: { pk: last.pk, sk: last.sk } }) };
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
    /** Every update or batch write for which `refuse` returns an error fails with it, without landing, until called again. */
    failWritesWhile(refuse: RefuseWrite) {
      refuseWrite = refuse;
    },
    conditionalCheckFailed: ccf,
    reset() {
      refuseWrite = () => undefined;
      ddb.reset();
      items.clear();
      afterPut = [];
      beforePut = [];
      install();
    },
  };
}
