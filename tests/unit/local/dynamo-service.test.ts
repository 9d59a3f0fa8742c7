/**
 * The DynamoDB stand-in's service (functions/local/dynamo/dynamo-service.ts) answers every in-process
 * table request, also when dynalite throws while handling it: the caller gets a 500 it can retry or
 * report, and the failure is not an unhandled rejection (which would end the stand-in's thread).
 */
import { createServer } from 'node:http';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromDynamoService, ServicePort } from '../../../functions/local/dynamo/dynamo-service';

vi.mock('../../../functions/local/dynamo/dynalite-server', () => ({
  // A dynalite whose request handler throws at once, before it answers anything.
  listenDynalite: async (_dir: string, _port: number, prepare: (server: ReturnType<typeof createServer>) => void) => {
    const server = createServer(() => {
      throw new Error('dynalite broke');
    });
    prepare(server);
    return { host: '127.0.0.1', port: 1, close: async () => undefined };
  },
}));

const { serveDynamoStandin } = await import('../../../functions/local/dynamo/dynamo-service');

describe('the DynamoDB stand-in service', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) channel.port1.close();
  });

  function start() {
    const channel = new MessageChannel();
    channels.push(channel);
    const messages: FromDynamoService[] = [];
    channel.port1.on('message', (message: FromDynamoService) => messages.push(message));
    serveDynamoStandin(channel.port2 as unknown as ServicePort, { dataDir: '/nonexistent', port: 0, tableName: 't', region: 'us-east-1' });
    return { port: channel.port1, messages };
  }

  it('answers a request that dynalite throws on with a 500 and a warning, and keeps answering', async () => {
    const { port, messages } = start();
    await expect.poll(() => messages.some((m) => m.type === 'listening')).toBe(true);

    port.postMessage({
      type: 'requests',
      requests: [
        { id: 1, target: 'DynamoDB_20120810.GetItem', body: '{"TableName":"t","Key":{}}' },
        { id: 2, target: 'DynamoDB_20120810.Query', body: '{"TableName":"t"}' },
      ],
    });

    await expect.poll(() => messages.flatMap((m) => (m.type === 'answers' ? m.answers : [])).length).toBe(2);
    const answers = messages.flatMap((m) => (m.type === 'answers' ? m.answers : []));
    expect(answers.map((a) => [a.id, a.status])).toEqual([
      [1, 500],
      [2, 500],
    ]);
    expect(JSON.parse(answers[0]!.body).__type).toMatch(/InternalServerError$/);
    expect(messages.filter((m) => m.type === 'warn').map((m) => (m as { message: string }).message)).toEqual([
      expect.stringMatching(/GetItem.*dynalite broke/),
      expect.stringMatching(/Query.*dynalite broke/),
    ]);
  });
});
