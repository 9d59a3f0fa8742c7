import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { StoredArticle } from '../core/stored-article';
import { problemsOf } from '../core/stored-record';
import { decodeArticleItem } from './article-item';
import { storedNumberOptions } from './stored-numbers';
import { articleIdOfKey } from './table-keys';

const NUMBERS = storedNumberOptions();

/** A record of the table's stream as Lambda hands it over: its shape stays here, with the code that reads it. */
export type StreamRecord = DynamoDBRecord;

/** The stored article in a stream record's new image; undefined for items that are not matched articles. */
export function articleOf(record: StreamRecord): StoredArticle | undefined {
  const image = record.dynamodb?.NewImage;
  if (!image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>, NUMBERS);
  if (item.kind !== 'article' || item.matched !== true) return undefined;
  // The body may be stored compressed (base64 in the event); an undecodable one throws, so it ends in the DLQ too.
  const parsed = StoredArticle.safeParse(decodeArticleItem(item));
  // A malformed image would fail on every retry: throw, so it ends in the dead-letter queue, visibly.
  if (!parsed.success) {
    throw new Error(`Stream record ${record.eventID ?? ''} holds an article item that is not well-formed (${problemsOf(parsed.error)})`);
  }
  return parsed.data;
}

/** The article id a stream record is about, read from its keys alone (works for malformed images too). */
export function articleIdOfRecord(record: StreamRecord): string | undefined {
  return articleIdOfKey(
    (record.dynamodb?.Keys as Record<string, AttributeValue> | undefined)?.pk?.S ??
      (record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined)?.pk?.S,
  );
}
