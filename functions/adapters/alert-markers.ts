import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AlertMarker } from '../core/alerts/alert-marker';
import { parseStored } from '../core/stored-record';
import { wholeNumberSetting } from '../core/text/decimal-integer';
import { keys } from './table-keys';
import { sendIfCondition, type Table } from './table';

/**
 * The claim's lease: older than this, it is taken to be from a worker that died between claim and
 * publish, and may be taken over. Twice the dispatcher's 30 s timeout, so a live invocation never
 * loses its claim; the completeness sweeper looks only at alerts owed for longer than the lease
 * (sweep-alerts.ts), so it always finds such a claim takeable. ALERT_CLAIM_LEASE_SECONDS shortens
 * it for fault tests of the local runtime.
 */
export const STALE_CLAIM_MS = wholeNumberSetting('ALERT_CLAIM_LEASE_SECONDS', process.env.ALERT_CLAIM_LEASE_SECONDS, 60, 1, 3_600) * 1000;
/** Markers outlive any stream retry (stream records live 24 h), then expire. */
const MARKER_TTL_SECONDS = 7 * 86_400;
/** How long after its claim an alert's marker is kept: until then a claim tells whether the alert went out. */
export const MARKER_KEPT_MS = MARKER_TTL_SECONDS * 1000;

/** A claim's outcome; `published` says when and as what message (the marker's), for the log of what was sent. */
export type Claim =
  | { outcome: 'claimed'; token: string }
  | { outcome: 'published'; loggedAt?: Date; messageId?: string }
  | { outcome: 'busy' };

/**
 * Claims the right to publish an article's alert: a conditional put of status `publishing`, which
 * succeeds when there is no marker or only a stale claim. A `published` marker means this record
 * was handled before (a retry): the caller must not publish again.
 */
export async function claimAlert(
  table: Table,
  articleId: string,
  token: string,
  now: number = Date.now(),
  leaseMs: number = STALE_CLAIM_MS,
): Promise<Claim> {
  const claimed = await sendIfCondition(
    table,
    new PutCommand({
      TableName: table.name,
      Item: {
        ...keys.alertMarker(articleId),
        kind: 'alert',
        status: 'publishing',
        token,
        claimedAt: now,
        expiresAt: Math.floor(now / 1000) + MARKER_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :publishing AND claimedAt < :stale)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':publishing': 'publishing', ':stale': now - leaseMs },
    }),
  );
  if (claimed) return { outcome: 'claimed', token };
  // Read only after a refused claim (a retry or a concurrent worker), so the parse costs the common path nothing.
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.alertMarker(articleId), ConsistentRead: true }));
  // Gone since the refusal (released, or expired): another worker's claim just ended; retry like a busy one.
  if (!out.Item) return { outcome: 'busy' };
  const marker = parseStored(AlertMarker, out.Item, `alert marker of ${articleId}`);
  if (marker.status !== 'published') return { outcome: 'busy' };
  const loggedAt = marker.loggedAt === undefined ? Number.NaN : Date.parse(marker.loggedAt);
  return {
    outcome: 'published',
    ...(Number.isFinite(loggedAt) && { loggedAt: new Date(loggedAt) }),
    ...(marker.messageId !== undefined && { messageId: marker.messageId }),
  };
}

/** Marks the alert published at `at`, the time its log entry is filed under (`loggedAt`), so a later claim can file it again in the same place. */
export async function markPublished(
  table: Table,
  articleId: string,
  token: string,
  messageId: string | undefined,
  at: Date = new Date(),
): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.name,
      Key: keys.alertMarker(articleId),
      UpdateExpression: 'SET #status = :published, publishedAt = :at, loggedAt = :at, messageId = :mid',
      ConditionExpression: '#token = :token',
      ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
      ExpressionAttributeValues: {
        ':published': 'published',
        ':at': at.toISOString(),
        ':mid': messageId ?? 'unknown',
        ':token': token,
      },
    }),
  );
}

/** Gives the claim back after a failed publish, so the retry can claim it at once; only our own claim. */
export async function releaseAlert(table: Table, articleId: string, token: string): Promise<void> {
  await sendIfCondition(
    table,
    new DeleteCommand({
      TableName: table.name,
      Key: keys.alertMarker(articleId),
      ConditionExpression: '#token = :token AND #status = :publishing',
      ExpressionAttributeNames: { '#token': 'token', '#status': 'status' },
      ExpressionAttributeValues: { ':token': token, ':publishing': 'publishing' },
    }),
  );
}
