/**
 * The handlers' document clients, locally, send the common table operations straight to the in-process
 * transport: the item is marshalled (util-dynamodb, the same options as the client's), written as the
 * DynamoDB JSON the SDK would write, and the answer parsed and unmarshalled the same way — without the
 * SDK's per-request middleware stack (resolved and sorted again for every command), schema-driven
 * serialisation, endpoint and auth-scheme steps and retry bookkeeping, which were the larger part of the
 * main thread's CPU per table request in `bench:pipeline` once HTTP was gone.
 *
 * Only the plain answer takes this path. A command it does not know (or an input field it does not
 * translate) goes through the SDK's own pipeline instead, and so does any answer but a 200: the SDK's
 * first attempt is handed that answer (in-process-handler.ts, ALREADY_ANSWERED) rather than sending
 * the request again, and builds from it the very error (ConditionalCheckFailedException and all) and
 * the retries a caller would get without this file. `NEWSWATCH_DYNAMO_FAST_PATH=off` turns
 * it off (a measuring switch for `bench:pipeline`).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type marshallOptions, marshall, type unmarshallOptions, unmarshall } from '@aws-sdk/util-dynamodb';
import { ALREADY_ANSWERED, type AlreadyAnswered, type TableRoute } from './in-process-handler';
import { switchSetting } from '../../core/text/switch-setting';

export const fastPathEnabled = () => switchSetting('NEWSWATCH_DYNAMO_FAST_PATH', process.env.NEWSWATCH_DYNAMO_FAST_PATH, true);

type Doc = Record<string, unknown>;
type Wire = Record<string, AttributeValue>;

/** The operation each document command is, and the input fields (besides plain ones) it translates. */
const OPERATIONS = new Map<unknown, { target: string; items: string[] }>([
  [PutCommand, { target: 'PutItem', items: ['Item', 'ExpressionAttributeValues'] }],
  [GetCommand, { target: 'GetItem', items: ['Key'] }],
  [DeleteCommand, { target: 'DeleteItem', items: ['Key', 'ExpressionAttributeValues'] }],
  [UpdateCommand, { target: 'UpdateItem', items: ['Key', 'ExpressionAttributeValues'] }],
  [QueryCommand, { target: 'Query', items: ['ExclusiveStartKey', 'ExpressionAttributeValues'] }],
  [BatchGetCommand, { target: 'BatchGetItem', items: [] }],
  [BatchWriteCommand, { target: 'BatchWriteItem', items: [] }],
]);

/** Input fields of the legacy API (and anything else with attribute values inside) that this path does not translate. */
const UNTRANSLATED = ['Expected', 'AttributeUpdates', 'KeyConditions', 'QueryFilter', 'ScanFilter'];

const TARGET_PREFIX = 'DynamoDB_20120810.';
const OK = 200;

/**
 * Binary attribute values on the wire are base64, as the SDK writes them: a copy of the request with
 * every byte array written so (copied only where one is; the caller's objects stay as they are). A
 * walk, not a JSON.stringify replacer: a replacer is a call per key and value, several times the walk.
 */
function base64Binary(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value === null || typeof value !== 'object') return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const fields = value as Record<string, unknown>;
  // for…in, not Object.keys: no array of keys per attribute value (a marshalled request is plain objects and arrays).
  for (const key in fields) {
    const encoded = base64Binary(fields[key]);
    if (encoded === fields[key]) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...fields };
    (copy as Record<string, unknown>)[key] = encoded;
  }
  return copy ?? value;
}

/**
 * …and come back as bytes: an attribute value's `B` (and each of `BS`), inside lists and maps too.
 * Changes the parsed answer in place (it is this module's own); a walk, not a JSON.parse reviver.
 */
function bytesInValue(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const attribute = value as { B?: unknown; BS?: unknown; L?: unknown; M?: unknown };
  if (typeof attribute.B === 'string') attribute.B = bytes(attribute.B);
  else if (Array.isArray(attribute.BS) && attribute.BS.every((v) => typeof v === 'string')) attribute.BS = attribute.BS.map(bytes);
  else if (Array.isArray(attribute.L)) for (const entry of attribute.L) bytesInValue(entry);
  else if (attribute.M !== null && typeof attribute.M === 'object') for (const key in attribute.M) bytesInValue((attribute.M as Doc)[key]);
}

/**
 * The document client marshals an item (key, value list) field by field, so one given as a class
 * instance is stored by its own fields; util-dynamodb's marshall refuses the instance as a whole.
 */
function ownFields(item: Doc): Doc {
  const proto = Object.getPrototypeOf(item);
  return proto === Object.prototype || proto === null ? item : { ...item };
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

class Translator {
  constructor(
    private readonly options: marshallOptions,
    /** The client's own number reading (adapters/stored-numbers.ts); a whole item is unmarshalled at once, map wrapper and all. */
    private readonly numbers: Pick<unmarshallOptions, 'wrapNumbers'>,
  ) {}

  item = (item: Doc | undefined): Wire | undefined => (item === undefined ? undefined : marshall(ownFields(item), this.options));

  request(input: Doc, fields: string[], target: string): Doc {
    const out: Doc = { ...input };
    for (const field of fields) if (input[field] !== undefined) out[field] = this.item(input[field] as Doc);
    if (target === 'BatchWriteItem') out.RequestItems = this.perTable(input.RequestItems, (writes) => (writes as Doc[]).map(this.write));
    if (target === 'BatchGetItem') out.RequestItems = this.perTable(input.RequestItems, (read) => this.keys(read as Doc, this.item));
    return out;
  }

  /** An item (key, attribute map) from the wire as the document client gives it. */
  private fromWire = (item: unknown): Doc => {
    const wire = item as Wire;
    for (const key in wire) bytesInValue(wire[key]);
    return unmarshall(wire, this.numbers);
  };

  response(output: Doc): Doc {
    const out: Doc = { ...output };
    for (const field of ['Item', 'Attributes', 'LastEvaluatedKey'])
      if (output[field] !== undefined) out[field] = this.fromWire(output[field]);
    if (Array.isArray(output.Items)) out.Items = output.Items.map(this.fromWire);
    if (output.Responses) out.Responses = this.perTable(output.Responses, (items) => (items as Wire[]).map(this.fromWire));
    if (output.UnprocessedItems)
      out.UnprocessedItems = this.perTable(output.UnprocessedItems, (writes) => (writes as Doc[]).map(this.unwrite));
    if (output.UnprocessedKeys)
      out.UnprocessedKeys = this.perTable(output.UnprocessedKeys, (read) => this.keys(read as Doc, this.fromWire));
    const metrics = output.ItemCollectionMetrics as Doc | undefined;
    if (metrics?.ItemCollectionKey) out.ItemCollectionMetrics = { ...metrics, ItemCollectionKey: this.fromWire(metrics.ItemCollectionKey) };
    return out;
  }

  private write = (write: Doc): Doc => {
    const put = write.PutRequest as Doc | undefined;
    const del = write.DeleteRequest as Doc | undefined;
    return {
      ...write,
      ...(put && { PutRequest: { ...put, Item: this.item(put.Item as Doc) } }),
      ...(del && { DeleteRequest: { ...del, Key: this.item(del.Key as Doc) } }),
    };
  };

  private unwrite = (write: Doc): Doc => {
    const put = write.PutRequest as Doc | undefined;
    const del = write.DeleteRequest as Doc | undefined;
    return {
      ...write,
      ...(put && { PutRequest: { ...put, Item: this.fromWire(put.Item) } }),
      ...(del && { DeleteRequest: { ...del, Key: this.fromWire(del.Key) } }),
    };
  };

  private keys(read: Doc, convert: (key: Doc) => unknown): Doc {
    return { ...read, Keys: (read.Keys as Doc[]).map(convert) };
  }

  private perTable(tables: unknown, convert: (value: unknown) => unknown): Doc {
    return Object.fromEntries(Object.entries(tables as Doc).map(([table, value]) => [table, convert(value)]));
  }
}

/**
 * Makes `doc.send` take the fast path for the commands above (see the top of this file); everything
 * else, and every answer but a 200, goes through `doc`'s own SDK pipeline. Returns `doc`.
 */
export function withFastPath(doc: DynamoDBDocumentClient, route: () => TableRoute | undefined): DynamoDBDocumentClient {
  const sdkSend = doc.send.bind(doc) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  // A whole item (or key, or value list) marshalled at once: attribute by attribute, as the document client does.
  const translator = new Translator(
    { ...doc.config.translateConfig?.marshallOptions, convertTopLevelContainer: false },
    { wrapNumbers: doc.config.translateConfig?.unmarshallOptions?.wrapNumbers },
  );
  const fast = async (command: { input: Doc }, operation: { target: string; items: string[] }): Promise<unknown> => {
    const to = route();
    if (!to) return sdkSend(command);
    const request = translator.request(command.input, operation.items, operation.target);
    const answer = await to(`${TARGET_PREFIX}${operation.target}`, JSON.stringify(base64Binary(request)));
    // Refused (or failed): the SDK builds the error, and its retries, from this very answer: not sent again.
    if (answer.status !== OK) return sdkSend(command, { [ALREADY_ANSWERED]: { answer } } satisfies AlreadyAnswered);
    const output = JSON.parse(answer.body) as Doc;
    const $metadata = { httpStatusCode: OK, requestId: answer.headers['x-amzn-requestid'], attempts: 1, totalRetryDelay: 0 };
    return { ...translator.response(output), $metadata };
  };
  doc.send = ((command: { input: Doc }, ...rest: unknown[]) => {
    const operation = OPERATIONS.get(command?.constructor);
    const plain = operation && rest.length === 0 && !UNTRANSLATED.some((field) => command.input?.[field] !== undefined);
    return plain ? fast(command, operation) : sdkSend(command, ...rest);
  }) as DynamoDBDocumentClient['send'];
  return doc;
}
