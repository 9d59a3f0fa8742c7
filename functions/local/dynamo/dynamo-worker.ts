/**
 * The entry of the DynamoDB stand-in's worker thread (started by dynamo-thread.ts): the service of
 * dynamo-service.ts on the thread's port to the runtime.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type DynamoServiceData, serveDynamoStandin } from './dynamo-service';

if (!parentPort) throw new Error('dynamo-worker.ts runs only as a worker thread (see dynamo-thread.ts)');
serveDynamoStandin(parentPort, workerData as DynamoServiceData);
