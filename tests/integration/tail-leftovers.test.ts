/**
 * `newswatch alerts tail` subscribes a temporary queue (newswatch-tail-…) and removes it when it stops.
 * When the runtime stops first (or tail is killed), the runtime removes what is left, so neither the
 * subscription nor the queue comes back with the stand-in's saved state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { TAIL_QUEUE_PREFIX } from '../../functions/core/runtime-info';
import { api, createQueue, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

describe("alerts tail's temporary subscription when the runtime stops", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-tail-'));
  let runtime: TestRuntime | undefined;
  afterAll(async () => {
    await stopTestRuntime(runtime);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is gone, with its queue, after the runtime stops and starts again; other subscriptions stay', async () => {
    // Prepare: a tail's queue and subscription, and a user's own
    runtime = await startTestRuntime({ dataDir });
    const tailQueue = await createQueue(runtime, `${TAIL_QUEUE_PREFIX}0a1b2c3d`);
    const ownQueue = await createQueue(runtime, 'my-alerts');
    await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: tailQueue.arn });
    await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: ownQueue.arn, people: ['viktor-bout'] });

    // Act: the runtime stops while tail runs, then starts again on the same data folder
    const ports = {
      port: Number(new URL(runtime.apiUrl).port),
      snsPort: Number(new URL(runtime.snsEndpoint).port),
      dynamodbPort: Number(new URL(runtime.dynamodbEndpoint).port),
    };
    await stopTestRuntime(runtime, { keepData: true });
    // The handlers load once per process: the second start must use the same endpoints.
    runtime = await startTestRuntime({ dataDir, ...ports });

    // Assess
    const listed = await api(runtime, 'GET', '/subscriptions');
    expect(listed.body.items.map((s: { people: string[] }) => s.people)).toEqual([['viktor-bout']]);
    await expect(runtime.sqs.send(new GetQueueUrlCommand({ QueueName: `${TAIL_QUEUE_PREFIX}0a1b2c3d` }))).rejects.toThrow();
    await expect(runtime.sqs.send(new GetQueueUrlCommand({ QueueName: 'my-alerts' }))).resolves.toBeDefined();
  });
});
