/**
 * `.newswatch/runtime.json`: how the CLI finds the running local pipeline (API URL and key, endpoints).
 * Readable by the owner only (it holds the API key); removed when the runtime stops cleanly.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RuntimeInfo } from '../core/runtime-info';
import type { LocalRuntime } from './runtime';

export function writeRuntimeFile(path: string, runtime: LocalRuntime): void {
  const content: RuntimeInfo = {
    apiUrl: runtime.apiUrl,
    apiKey: runtime.apiKey,
    region: runtime.region,
    tableName: runtime.tableName,
    topicArn: runtime.topicArn,
    dynamodbEndpoint: runtime.dynamodbEndpoint,
    snsEndpoint: runtime.snsEndpoint,
    sqsEndpoint: runtime.sqsEndpoint,
    streamDlqUrl: runtime.deadLetterQueueUrl,
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its old mode on write
}

export function removeRuntimeFile(path: string): void {
  rmSync(path, { force: true });
}
