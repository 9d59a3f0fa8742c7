import { hash } from 'node:crypto';

/**
 * SHA-256 of the text's UTF-8 bytes, in hex: Node's one-shot digest, the same bytes as a `createHash`
 * object's, without making one. Ingest hashes a few short strings per article (its id, a new story's
 * id, shard numbers, its alert's id), and the object per digest cost more than the digest itself.
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** A stable shard number in [0, shards): the same id always lands on the same shard. */
export function shardOf(id: string, shards: number): number {
  return Number.parseInt(sha256Hex(id).slice(0, 8), 16) % shards;
}
