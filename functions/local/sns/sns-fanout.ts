/**
 * SNS Publish / PublishBatch for standard topics, delivered to SQS subscribers the way AWS does it.
 * Replaces fauxqs 1.9's own fan-out, which (a) never matches String.Array attributes against filter
 * policies and (b) ignores MessageStructure=json (it would send the whole JSON document to SQS).
 * Everything else (topics, subscriptions, queues, receive/delete) stays fauxqs's.
 */
import { randomUUID } from 'node:crypto';
import { matchesSnsFilterPolicy, type FilterScope, type SnsAttribute } from './sns-filter';
import type { FauxqsSubscription, FauxqsTopic, Stores } from './fauxqs-stores';

export class SnsClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface PublishRequest {
  message: string;
  subject?: string;
  structure?: string;
  attributes: Record<string, SnsAttribute>;
}

/** Reads `<prefix>MessageAttributes.entry.N.*` from the query-protocol form. */
function readAttributes(params: Record<string, string>, prefix: string): Record<string, SnsAttribute> {
  const attributes: Record<string, SnsAttribute> = {};
  const entry = `${prefix}MessageAttributes.entry.`;
  for (const key of Object.keys(params)) {
    if (!key.startsWith(entry) || !key.endsWith('.Name')) continue;
    const base = key.slice(0, -'.Name'.length);
    const dataType = params[`${base}.Value.DataType`];
    if (!dataType) throw new SnsClientError('InvalidParameterValue', `The message attribute '${params[key]}' must contain a DataType`);
    const attr: SnsAttribute = { DataType: dataType };
    const stringValue = params[`${base}.Value.StringValue`];
    const binaryValue = params[`${base}.Value.BinaryValue`];
    if (stringValue !== undefined) attr.StringValue = stringValue;
    if (binaryValue !== undefined) attr.BinaryValue = binaryValue;
    if (dataType === 'String.Array' && !isJsonArray(stringValue)) {
      throw new SnsClientError('ParameterValueInvalid', `The message attribute '${params[key]}' has an invalid String.Array value`);
    }
    attributes[params[key]!] = attr;
  }
  return attributes;
}

function isJsonArray(value: string | undefined): boolean {
  try {
    return Array.isArray(JSON.parse(value ?? ''));
  } catch {
    return false;
  }
}

/** With MessageStructure=json, SQS subscribers get the `sqs` entry, else `default` (which must exist). */
function messageForSqs(request: PublishRequest): string {
  if (request.structure !== 'json') return request.message;
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.message);
  } catch {
    throw new SnsClientError('InvalidParameter', 'Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  const perProtocol = (parsed ?? {}) as Record<string, unknown>;
  if (typeof perProtocol.default !== 'string') {
    throw new SnsClientError('InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body');
  }
  return typeof perProtocol.sqs === 'string' ? perProtocol.sqs : perProtocol.default;
}

function envelope(topic: FauxqsTopic, sub: FauxqsSubscription, request: PublishRequest, messageId: string, body: string): string {
  const attributes = Object.entries(request.attributes);
  return JSON.stringify({
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: topic.arn,
    ...(request.subject !== undefined ? { Subject: request.subject } : {}),
    Message: body,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: 'LOCAL',
    SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem',
    UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`,
    ...(attributes.length
      ? {
          MessageAttributes: Object.fromEntries(
            attributes.map(([k, a]) => [k, { Type: a.DataType, Value: a.StringValue ?? a.BinaryValue ?? '' }]),
          ),
        }
      : {}),
  });
}

function wantsDelivery(sub: FauxqsSubscription, request: PublishRequest, body: string): boolean {
  const policy = sub.attributes.FilterPolicy;
  if (!policy) return true;
  const scope = (sub.attributes.FilterPolicyScope ?? 'MessageAttributes') as FilterScope;
  return matchesSnsFilterPolicy(JSON.parse(policy), { attributes: request.attributes, body }, scope);
}

/** A publish checked and ready to deliver: every refusal (SnsClientError) is raised before this exists. */
export interface PreparedPublish extends PublishRequest {
  /** What SQS subscribers get (the `sqs` or `default` entry under MessageStructure=json). */
  sqsBody: string;
}

/** Delivers a prepared publish to the topic's confirmed SQS subscribers; returns its MessageId. */
export function deliverPublish(stores: Stores, topic: FauxqsTopic, request: PreparedPublish): string {
  const messageId = randomUUID();
  const sqsBody = request.sqsBody;
  for (const subArn of topic.subscriptionArns) {
    const sub = stores.snsStore.getSubscription(subArn);
    // Only SQS can be delivered on one machine; email/SMS/HTTPS subscriptions stay pending.
    if (!sub?.confirmed || sub.protocol !== 'sqs') continue;
    if (!wantsDelivery(sub, request, sqsBody)) continue;
    const queue = stores.sqsStore.getQueueByArn(sub.endpoint);
    if (!queue) continue;
    const raw = sub.attributes.RawMessageDelivery === 'true';
    const message = raw
      ? stores.createSqsMessage(sqsBody, request.attributes)
      : stores.createSqsMessage(envelope(topic, sub, request, messageId, sqsBody), {});
    queue.enqueue(message);
  }
  return messageId;
}

/** SNS's limit for one message: 256 KiB of message plus attribute names, types and values (UTF-8 bytes). */
const MAX_PUBLISH_BYTES = 262_144;

function checkMessage(message: string | undefined): string {
  if (!message) throw new SnsClientError('InvalidParameter', 'Invalid parameter: Empty message');
  return message;
}

function checkSize(request: PublishRequest): PublishRequest {
  const bytes = (text: string | undefined) => Buffer.byteLength(text ?? '');
  const attributes = Object.entries(request.attributes).reduce(
    (sum, [name, a]) => sum + bytes(name) + bytes(a.DataType) + bytes(a.StringValue ?? a.BinaryValue),
    0,
  );
  if (bytes(request.message) + attributes > MAX_PUBLISH_BYTES)
    throw new SnsClientError('InvalidParameter', 'Invalid parameter: Message too long');
  return request;
}

/** One publish's fields (`prefix` names a PublishBatch entry), checked as SNS checks them; throws SnsClientError. */
export function preparePublish(params: Record<string, string>, prefix = ''): PreparedPublish {
  const request = checkSize({
    message: checkMessage(params[`${prefix}Message`]),
    subject: params[`${prefix}Subject`],
    structure: params[`${prefix}MessageStructure`],
    attributes: readAttributes(params, prefix),
  });
  return { ...request, sqsBody: messageForSqs(request) };
}

export function publish(stores: Stores, topic: FauxqsTopic, params: Record<string, string>): string {
  const messageId = deliverPublish(stores, topic, preparePublish(params));
  return `<MessageId>${messageId}</MessageId>`;
}

export function publishBatch(stores: Stores, topic: FauxqsTopic, params: Record<string, string>): string {
  const ok: string[] = [];
  const failed: string[] = [];
  const ids = Object.keys(params)
    .map((key) => /^PublishBatchRequestEntries\.member\.(\d+)\.Id$/.exec(key)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  for (const n of ids) {
    const prefix = `PublishBatchRequestEntries.member.${n}.`;
    const id = params[`${prefix}Id`]!;
    try {
      const messageId = deliverPublish(stores, topic, preparePublish(params, prefix));
      ok.push(`<member><Id>${xml(id)}</Id><MessageId>${messageId}</MessageId></member>`);
    } catch (err) {
      if (!(err instanceof SnsClientError)) throw err;
      failed.push(
        `<member><Id>${xml(id)}</Id><Code>${err.code}</Code><Message>${xml(err.message)}</Message><SenderFault>true</SenderFault></member>`,
      );
    }
  }
  return `<Successful>${ok.join('')}</Successful><Failed>${failed.join('')}</Failed>`;
}

export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function snsResponse(action: string, result: string): string {
  return `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

export function snsError(code: string, message: string, type: 'Sender' | 'Receiver'): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}
