/**
 * The handlers' SNS clients hand a plain Publish to the SNS/SQS stand-in in-process
 * (functions/local/sns/sns-fast-path.ts): SQS subscribers get exactly what a Publish over HTTP gives
 * them (envelope, raw delivery, MessageStructure json, String.Array filter policies, binary attributes),
 * the message is saved before the answer, and whatever the stand-in refuses goes over HTTP and comes
 * back as the SDK's own error, counted once by the failure switch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, PublishCommand, type PublishCommandInput, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSnsClients, withSnsFastPath } from '../../functions/local/sns/sns-fast-path';
import { type SnsStandin, startSnsStandin } from '../../functions/local/sns/sns-standin';
import { readStandinState } from '../../functions/local/sns/standin-state';

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
/** Nothing listens here: a client pointed at it can only publish in-process. */
const NOWHERE = 'http://127.0.0.1:9';

describe('the local SNS clients publishing in-process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-sns-fast-'));
  const stateFile = join(dir, 'state.json');
  let standin: SnsStandin;
  let http: SNSClient;
  let inProcessOnly: SNSClient;
  let inProcess: SNSClient;
  let sqs: SQSClient;
  let topicArn: string;
  const queues: Record<'envelope' | 'raw', string> = { envelope: '', raw: '' };
  let disconnect: () => void;

  beforeAll(async () => {
    standin = await startSnsStandin({ port: 0, region: REGION, stateFile });
    const settings = { region: REGION, credentials, maxAttempts: 1 };
    http = new SNSClient({ ...settings, endpoint: standin.endpoint });
    inProcessOnly = withSnsFastPath(new SNSClient({ ...settings, endpoint: NOWHERE }));
    inProcess = withSnsFastPath(new SNSClient({ ...settings, endpoint: standin.endpoint }));
    disconnect = connectSnsClients(standin.publish);
    sqs = new SQSClient({ ...settings, endpoint: standin.endpoint });
    ({ TopicArn: topicArn = '' } = await http.send(new CreateTopicCommand({ Name: 'alerts' })));
    for (const kind of ['envelope', 'raw'] as const) {
      const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: `q-${kind}` }));
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      queues[kind] = QueueUrl;
      await http.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: Attributes!.QueueArn,
          Attributes: kind === 'raw' ? { RawMessageDelivery: 'true' } : { FilterPolicy: JSON.stringify({ people: ['ada'] }) },
        }),
      );
    }
  });
  afterAll(async () => {
    disconnect();
    for (const client of [http, inProcessOnly, inProcess, sqs]) client.destroy();
    await standin.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const alert = (subject: string): PublishCommandInput => ({
    TopicArn: topicArn,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: `plain ${subject}`, sqs: JSON.stringify({ subject, text: 'Виктор' }) }),
    Subject: subject,
    MessageAttributes: {
      people: { DataType: 'String.Array', StringValue: JSON.stringify(['bob', 'ada']) },
      score: { DataType: 'Number', StringValue: '0.5' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 250]) },
    },
  });
  /** What each queue received, with the per-message ids and times (and the subject, given per side) made equal. */
  const received = async () => {
    const out: Record<string, unknown[]> = {};
    for (const [kind, QueueUrl] of Object.entries(queues)) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
      );
      out[kind] = Messages.map((m) => ({
        body: m
          .Body!.replace(/"MessageId":"[^"]+"/, '"MessageId":"ID"')
          .replace(/"Timestamp":"[^"]+"/, '"Timestamp":"T"')
          .replaceAll(/side-[a-z]+/g, 'SIDE'),
        attributes: m.MessageAttributes,
      }));
    }
    return out;
  };

  it('delivers a plain Publish without HTTP exactly as a Publish over HTTP does', async () => {
    const overHttp = await http.send(new PublishCommand(alert('side-http')));
    const viaHttp = await received();
    const inProcessOut = await inProcessOnly.send(new PublishCommand(alert('side-local')));
    const viaInProcess = await received();

    expect(viaInProcess).toEqual(viaHttp);
    expect(viaHttp.envelope).toHaveLength(1);
    expect(viaHttp.raw).toHaveLength(1);
    expect(inProcessOut.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(inProcessOut).sort()).toEqual(Object.keys(overHttp).sort());
  });

  it('has the published message saved before its answer', async () => {
    await inProcessOnly.send(new PublishCommand(alert('saved')));

    const saved = readStandinState(stateFile, stateFile)?.queues.find((q) => q.name === 'q-raw')?.messages ?? [];
    expect(saved.map((m) => m.body)).toContain(JSON.stringify({ subject: 'saved', text: 'Виктор' }));
    await received(); // leaves the queues empty for the next test
  });

  it('leaves a Publish the stand-in refuses to HTTP, where the SDK builds its own error', async () => {
    const refusal = (client: SNSClient) =>
      client.send(new PublishCommand({ TopicArn: topicArn, Message: '' })).then(
        () => new Error('published'),
        (e: Error) => e,
      );

    const [viaHttp, viaInProcess] = [await refusal(http), await refusal(inProcess)];

    expect(viaInProcess).toBeInstanceOf(Error);
    expect({ name: viaInProcess.name, message: viaInProcess.message }).toEqual({ name: viaHttp.name, message: viaHttp.message });
    await expect(refusal(inProcessOnly)).resolves.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('leaves publishes to HTTP while failures are injected: each refused once, with the SDK error', async () => {
    standin.faults.rejectPublishesUntil = Date.now() + 60_000;
    const before = standin.faults.rejectedPublishes;
    try {
      const refused = await inProcess.send(new PublishCommand(alert('refused'))).catch((e: Error) => e);

      expect(refused).toMatchObject({ name: 'InternalErrorException', message: 'Injected failure' });
      expect(standin.faults.rejectedPublishes - before).toBe(1);
    } finally {
      standin.faults.rejectPublishesUntil = 0;
    }
    expect(await received()).toEqual({ envelope: [], raw: [] });
  });
});
