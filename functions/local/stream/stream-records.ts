/**
 * DynamoDB Streams records as Lambda receives them (eventVersion 1.1, StreamViewType NEW_IMAGE),
 * built from the writes the stream capture observes (../dynamo/dynamo-capture.ts).
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';

export type Image = Record<string, unknown>;

export interface ObservedWrite {
  eventName: 'INSERT' | 'MODIFY';
  keys: Image;
  newImage: Image;
}

export interface StreamSource {
  region: string;
  streamArn: string;
  keysOf(item: Image): Image;
}

export class RecordFactory {
  /** Sequence numbers only ever grow, also across restarts (they start from the wall clock). */
  private next: bigint;

  constructor(private readonly source: StreamSource) {
    this.next = BigInt(Date.now()) * 1_000_000n;
  }

  build(write: ObservedWrite): DynamoDBRecord {
    const sequence = (this.next++).toString().padStart(21, '0');
    return {
      eventID: randomBytes(16).toString('hex'),
      eventName: write.eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.source.region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        Keys: write.keys as never,
        NewImage: write.newImage as never,
        SequenceNumber: sequence,
        SizeBytes: Buffer.byteLength(JSON.stringify(write.newImage)),
        StreamViewType: 'NEW_IMAGE',
      },
      eventSourceARN: this.source.streamArn,
    };
  }
}
