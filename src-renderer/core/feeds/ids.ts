// Stable activity ids for feed items: the same source id always lands on the same row, and every id
// starts with its feed's id, so two feeds (or a manual import of the same partner) never collide.
import { fnv1a32 } from '../checksum';

export function feedActivityId(feedId: string, sourceId: string): string {
  return `${feedId.slice(0, 60)}-${stableHash64(sourceId)}`;
}

/** 16 hex digits: two 32-bit FNV-1a hashes, the second salted, so a collision needs ~2^32 ids. */
export function stableHash64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const salted = new Uint8Array(bytes.length + 1);
  salted.set(bytes, 1);
  salted[0] = 0x5a;
  return `${fnv1a32(bytes).toString(16).padStart(8, '0')}${fnv1a32(salted).toString(16).padStart(8, '0')}`;
}

/** A whole copy that is not what the feed's kind promises (not iCalendar, not UiT JSON-LD, not RPDE). */
export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}
