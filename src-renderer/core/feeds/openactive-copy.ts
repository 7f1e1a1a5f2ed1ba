// An OpenActive feed's last good copy as the hub keeps it: the merged RPDE items (tombstones
// included, so an older copy of a deleted item can never come back) and the page to continue from.
// A `file` feed's copy is the export itself (an RPDE page, or one opportunity on its own).
import { FeedFormatError } from './ids';
import { readOpenActive, readOpenActiveDocument, rpdeItemMap, type RpdeItem } from './openactive';
import type { FeedRead, FeedReadContext } from './types';

export interface OpenActiveCopy {
  /** The URL to ask next (RPDE's `next` of the last page read). */
  next: string;
  items: RpdeItem[];
}

export function parseOpenActiveCopy(copy: string): OpenActiveCopy | undefined {
  const value = JSON.parse(copy) as Partial<OpenActiveCopy>;
  return typeof value === 'object' && value !== null && typeof value.next === 'string' && Array.isArray(value.items) ? { next: value.next, items: value.items } : undefined;
}

export async function readOpenActiveFeed(copy: string, ctx: FeedReadContext): Promise<FeedRead> {
  let json: unknown;
  try {
    json = JSON.parse(copy);
  } catch (error) {
    throw new FeedFormatError(`This is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stored = ctx.feed.file === undefined ? parseOpenActiveCopy(copy) : undefined;
  if (stored) return readOpenActive([...rpdeItemMap(stored.items).values()], ctx);
  const document = readOpenActiveDocument(json);
  if (!document.ok) throw new FeedFormatError(document.error);
  return readOpenActive(document.items, ctx);
}
