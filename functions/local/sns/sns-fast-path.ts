/**
 * The handlers' SNS clients, locally, hand a plain Publish straight to the SNS/SQS stand-in in this
 * thread (sns-standin.ts `publish`) instead of over HTTP: no SDK middleware stack, query-string
 * serialisation, SigV4 signature, socket, HTTP parsing on both sides, Fastify routing or XML answer to
 * parse — per alert, several times the CPU of the delivery itself in `bench:pipeline`. The stand-in
 * runs the same checks, the same fan-out and the same save of its state before the answer as for a
 * Publish that comes over HTTP, from the very form fields the SDK would have sent.
 *
 * Whatever this path does not take goes over HTTP as before, through the SDK's own pipeline, so the
 * caller gets the SDK's own answer, error and retries: every other command, a Publish with fields this
 * file does not translate (FIFO and SMS fields, say), and every Publish the stand-in would refuse or
 * does not deliver itself (a failure injected by a test, an unknown or FIFO topic, an invalid message:
 * nothing was delivered then). `NEWSWATCH_SNS_IN_PROCESS=off` turns it off (a measuring switch for
 * `bench:pipeline`'s `BENCH_SNS_AB`).
 */
import { randomUUID } from 'node:crypto';
import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import type { LocalSnsClients } from '../../adapters/sns';
import { switchSetting } from '../../core/text/switch-setting';

/**
 * The stand-in's in-process Publish: the request's form fields (as the SDK writes them), answered with
 * the MessageId once the messages are delivered and saved; undefined when it leaves the request to HTTP.
 */
export type InProcessPublish = (topicArn: string, form: Record<string, string>) => Promise<string | undefined>;

export const snsInProcess = () => switchSetting('NEWSWATCH_SNS_IN_PROCESS', process.env.NEWSWATCH_SNS_IN_PROCESS, true);

/** The Publish fields this path writes as the SDK would; any other field set sends the request over HTTP. */
const TRANSLATED = new Set(['TopicArn', 'Message', 'Subject', 'MessageStructure', 'MessageAttributes']);
const OK = 200;

/** A lone surrogate: a string holding one the SDK cannot URL-encode (its own error, over HTTP). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encodable = (text: unknown): text is string => typeof text === 'string' && !LONE_SURROGATE.test(text);

/**
 * The query-protocol form fields the SDK's serialiser writes for a Publish (null members and map
 * entries left out, map entries numbered from 1 in key order, binary values in base64); undefined
 * when the input holds anything else.
 */
export function publishForm(input: PublishCommandInput): Record<string, string> | undefined {
  const fields = input as unknown as Record<string, unknown>;
  for (const key in fields) if (fields[key] != null && !TRANSLATED.has(key)) return undefined;
  const form: Record<string, string> = {};
  for (const key of ['Message', 'Subject', 'MessageStructure'] as const) {
    const value = input[key];
    if (value == null) continue;
    if (!encodable(value)) return undefined;
    form[key] = value;
  }
  let entry = 0;
  for (const name in input.MessageAttributes ?? {}) {
    const value = input.MessageAttributes![name] as Record<string, unknown> | undefined;
    if (value == null) continue;
    const prefix = `MessageAttributes.entry.${++entry}.`;
    if (!encodable(name)) return undefined;
    form[`${prefix}Name`] = name;
    for (const member in value) {
      const field = value[member];
      if (field == null) continue;
      if (member === 'BinaryValue' && field instanceof Uint8Array) {
        form[`${prefix}Value.BinaryValue`] = Buffer.from(field.buffer, field.byteOffset, field.byteLength).toString('base64');
      } else if ((member === 'DataType' || member === 'StringValue') && encodable(field)) {
        form[`${prefix}Value.${member}`] = field;
      } else return undefined;
    }
  }
  return form;
}

let route: InProcessPublish | undefined;

/** Sends the local SNS clients' Publish to `publish` (the running stand-in's); returns the disconnect. */
export function connectSnsClients(publish: InProcessPublish): () => void {
  route = publish;
  return () => {
    if (route === publish) route = undefined;
  };
}

type Send = (command: unknown, ...rest: unknown[]) => Promise<unknown>;

/** Makes `client.send` hand a plain Publish to the running stand-in (see the top of this file). Returns `client`. */
export function withSnsFastPath(client: SNSClient): SNSClient {
  const sdkSend = client.send.bind(client) as Send;
  const fast = async (command: PublishCommand): Promise<unknown> => {
    const publish = route;
    const form = publish && command.input.TopicArn ? publishForm(command.input) : undefined;
    const messageId = form ? await publish!(command.input.TopicArn!, form).catch(() => undefined) : undefined;
    if (messageId === undefined) return sdkSend(command);
    return { MessageId: messageId, $metadata: { httpStatusCode: OK, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 } };
  };
  client.send = ((command: unknown, ...rest: unknown[]) =>
    command instanceof PublishCommand && rest.length === 0 ? fast(command) : sdkSend(command, ...rest)) as SNSClient['send'];
  return client;
}

/** What the runtime hands to adapters/sns.ts for the handlers' SNS clients (useLocalSnsClients). */
export const localSnsClients: LocalSnsClients = { finish: withSnsFastPath };
