// The OpenActive feeds' memory (RPDE, "modified timestamp and id" ordering): what each feed last
// said about each item. A sync compares the items as they are now with what was published; a new
// or changed item gets a new `modified`, one that is gone becomes a `deleted` item, and an
// unchanged one keeps its place. A reader that walks the pages in (modified, id) order and comes
// back later with the last `next` sees exactly what changed in between.
//
// `modified` only grows: a sync takes the advisory lock, reads the largest value so far and writes
// max(now, largest + 1), and commits before the next sync can read — so no item ever appears
// behind a position a reader has already passed.
import { createHash } from 'node:crypto';
import type { Sql } from './sql';

/** Advisory lock key ("WgPb"). */
const PUBLISH_LOCK = 0x57675062;
/** Deleted items are kept this long: a reader further behind than a week starts again from the top. */
const KEEP_DELETED_MS = 7 * 86_400_000;

export interface PublishedItem {
  id: string;
  data: unknown;
}

export interface PublishedEntry {
  id: string;
  modified: number;
  /** Absent for a deleted item. */
  data?: unknown;
}

/**
 * Brings every feed up to date with `items` (feed name → its items now), in one transaction.
 * Returns how many items changed.
 */
export async function syncPublished(sql: Sql, items: ReadonlyMap<string, readonly PublishedItem[]>, now: number): Promise<number> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
    const { rows } = await tx.query<{ feed: string; id: string; hash: string | null; deleted: boolean }>('SELECT feed, id, hash, deleted FROM published_items');
    const known = new Map(rows.map((row) => [`${row.feed}\n${row.id}`, row]));
    const puts: { feed: string; id: string; hash: string; data: unknown }[] = [];
    const seen = new Set<string>();
    for (const [feed, list] of items) {
      for (const item of list) {
        const key = `${feed}\n${item.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const hash = createHash('sha256').update(JSON.stringify(item.data)).digest('base64url');
        const before = known.get(key);
        if (!before || before.deleted || before.hash !== hash) puts.push({ feed, id: item.id, hash, data: item.data });
      }
    }
    const gone = rows.filter((row) => !row.deleted && !seen.has(`${row.feed}\n${row.id}`)).map((row) => ({ feed: row.feed, id: row.id }));
    await tx.query('DELETE FROM published_items WHERE deleted AND modified < $1', [now - KEEP_DELETED_MS]);
    if (puts.length === 0 && gone.length === 0) return 0;
    const top = (await tx.query<{ top: number | null }>('SELECT max(modified) AS top FROM published_items')).rows[0]?.top ?? 0;
    const modified = Math.max(now, (top ?? 0) + 1);
    if (puts.length > 0) {
      await tx.query(
        `INSERT INTO published_items (feed, id, modified, hash, data, deleted)
         SELECT p->>'feed', p->>'id', $2::bigint, p->>'hash', p->'data', false FROM jsonb_array_elements($1::jsonb) AS p
         ON CONFLICT (feed, id) DO UPDATE SET modified = excluded.modified, hash = excluded.hash, data = excluded.data, deleted = false`,
        [JSON.stringify(puts), modified],
      );
    }
    if (gone.length > 0) {
      await tx.query(
        `UPDATE published_items AS t SET modified = $2::bigint, hash = NULL, data = NULL, deleted = true
           FROM jsonb_array_elements($1::jsonb) AS g WHERE t.feed = g->>'feed' AND t.id = g->>'id'`,
        [JSON.stringify(gone), modified],
      );
    }
    return puts.length + gone.length;
  });
}

/** One page of a feed: the items after (modified, id), in that order. */
export async function publishedPage(sql: Sql, feed: string, after: { modified: number; id: string } | undefined, limit: number): Promise<PublishedEntry[]> {
  const { rows } = await sql.query<{ id: string; modified: number; deleted: boolean; data: unknown }>(
    `SELECT id, modified, deleted, data FROM published_items
      WHERE feed = $1 AND ($2::bigint IS NULL OR modified > $2::bigint OR (modified = $2::bigint AND id > $3::text))
      ORDER BY modified, id LIMIT $4`,
    [feed, after?.modified ?? null, after?.id ?? '', limit],
  );
  return rows.map((row) => (row.deleted ? { id: row.id, modified: row.modified } : { id: row.id, modified: row.modified, data: row.data }));
}
