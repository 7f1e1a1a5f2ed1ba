// The feeds' tables: staff feeds, each feed's state and last good copy, and the rows the feeds put in
// `activities`/`occurrences` (source 'feed'). Rows are written as a difference against what is there,
// in one transaction with its changes, so a screen only hears of what a read really changed.
import type { FeedConfig } from '../../src-renderer/core/model';
import type { ActivityRow, OccurrenceRow } from '../../src-renderer/core/rows';
import { appendChanges, type RowChange } from '../db/changes';
import type { StoreContext } from '../db/context';
import { putActivities, putOccurrences } from '../db/imports';
import type { Sql } from '../db/sql';
import type { MergedFeeds } from './merge';

/** What the hub remembers of a feed's reads (feed_state.state). Times are epoch ms. */
export interface FeedRunState {
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  nextAttemptAt?: number;
  failures: number;
  error?: string;
  /** Validators of the last good copy, for conditional requests. */
  etag?: string;
  lastModified?: string;
  /** Items the last good copy holds, and the items it left out with reasons. */
  items: number;
  problems: { id?: string; title?: string; message: string }[];
}

export interface StoredFeedState {
  state: FeedRunState;
  copy?: string;
  copyAt?: number;
}

export const EMPTY_STATE: FeedRunState = { failures: 0, items: 0, problems: [] };

/** At most this many problems are kept per feed: staff read the first ones; the count says the rest. */
export const MAX_KEPT_PROBLEMS = 50;

export async function listStaffFeeds(sql: Sql): Promise<FeedConfig[]> {
  const { rows } = await sql.query<{ row: FeedConfig }>('SELECT row FROM feeds ORDER BY created_at, id');
  return rows.map((row) => row.row);
}

export async function readFeedStates(sql: Sql): Promise<Map<string, StoredFeedState>> {
  const { rows } = await sql.query<{ feed_id: string; state: FeedRunState; copy: string | null; copy_at: string | number | null }>('SELECT feed_id, state, copy, copy_at FROM feed_state');
  return new Map(
    rows.map((row) => [row.feed_id, { state: { ...EMPTY_STATE, ...row.state }, ...(row.copy === null ? {} : { copy: row.copy }), ...(row.copy_at === null ? {} : { copyAt: Number(row.copy_at) }) }]),
  );
}

/** Keeps a feed's state; with `copy`, also its new last good copy (never replaced by a failed read). */
export async function writeFeedState(sql: Sql, feedId: string, state: FeedRunState, copy?: { text: string; at: number }): Promise<void> {
  if (copy) {
    await sql.query(
      `INSERT INTO feed_state (feed_id, state, copy, copy_at) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (feed_id) DO UPDATE SET state = excluded.state, copy = excluded.copy, copy_at = excluded.copy_at`,
      [feedId, JSON.stringify(state), copy.text, copy.at],
    );
  } else {
    await sql.query('INSERT INTO feed_state (feed_id, state) VALUES ($1, $2::jsonb) ON CONFLICT (feed_id) DO UPDATE SET state = excluded.state', [feedId, JSON.stringify(state)]);
  }
}

export async function deleteFeedState(sql: Sql, feedId: string): Promise<void> {
  await sql.query('DELETE FROM feed_state WHERE feed_id = $1', [feedId]);
}

/** Sessions of what the site shows itself (staff and imported rows), for telling feed duplicates. */
export async function storedEvents(sql: Sql, from: number, to: number): Promise<{ row: ActivityRow; starts: number[] }[]> {
  const { rows } = await sql.query<{ row: ActivityRow; starts: (string | number)[] | null }>(
    `SELECT a.row, array_agg(o.start_ms) FILTER (WHERE o.start_ms IS NOT NULL) AS starts
       FROM activities a LEFT JOIN occurrences o ON o.activity_id = a.id AND o.start_ms < $2 AND o.end_ms > $1
      WHERE a.source <> 'feed' GROUP BY a.id, a.row`,
    [from, to],
  );
  return rows.map((row) => ({ row: row.row, starts: (row.starts ?? []).map(Number) }));
}

/**
 * Makes the feed rows exactly `merged`: rows no feed holds any more go, new and changed ones are
 * put, unchanged ones are left alone. One transaction with its changes; nothing else is touched.
 * Returns the number of row changes (0 when every feed said the same as before).
 */
export async function applyFeedRows(ctx: StoreContext, merged: Pick<MergedFeeds, 'activities' | 'occurrences'>, detail: unknown): Promise<number> {
  const result = await ctx.sql.transaction(async (tx) => {
    const [activities, occurrences] = await Promise.all([
      tx.query<{ id: string; row: ActivityRow }>("SELECT id, row FROM activities WHERE source = 'feed'"),
      tx.query<{ id: string; row: OccurrenceRow }>("SELECT id, row FROM occurrences WHERE source = 'feed'"),
    ]);
    // A feed never overwrites what the site holds itself (an id the config, staff or an import uses).
    const wanted = new Set(merged.activities.map((row) => row.id));
    const taken = await tx.query<{ id: string }>("SELECT id FROM activities WHERE id = ANY($1::text[]) AND source <> 'feed'", [[...wanted]]);
    const configIds = new Set(ctx.model().activityIds);
    const blocked = new Set([...taken.rows.map((row) => row.id), ...[...wanted].filter((id) => configIds.has(id))]);
    const nextActivities = merged.activities.filter((row) => !blocked.has(row.id));
    const nextOccurrences = merged.occurrences.filter((row) => !blocked.has(row.activityId));

    const activityDiff = difference(new Map(activities.rows.map((row) => [row.id, row.row])), nextActivities);
    const occurrenceDiff = difference(new Map(occurrences.rows.map((row) => [row.id, row.row])), nextOccurrences);
    const changes: RowChange[] = [
      ...occurrenceDiff.gone.map((key): RowChange => ({ table: 'occurrences', op: 'delete', key })),
      ...activityDiff.gone.map((key): RowChange => ({ table: 'activities', op: 'delete', key })),
      ...activityDiff.put.map((row): RowChange => ({ table: 'activities', op: 'put', key: row.id, row })),
      ...occurrenceDiff.put.map((row): RowChange => ({ table: 'occurrences', op: 'put', key: row.id, row })),
    ];
    if (changes.length === 0) return 0;
    if (occurrenceDiff.gone.length > 0) await tx.query("DELETE FROM occurrences WHERE id = ANY($1::text[]) AND source = 'feed'", [occurrenceDiff.gone]);
    if (activityDiff.gone.length > 0) await tx.query("DELETE FROM activities WHERE id = ANY($1::text[]) AND source = 'feed'", [activityDiff.gone]);
    await putActivities(tx, activityDiff.put);
    await putOccurrences(tx, occurrenceDiff.put);
    await appendChanges(tx, ctx.now(), { audit: [{ actor: 'system', entity: 'feeds', action: 'read', detail }], changes, idempotencyKey: undefined }, () => undefined);
    return changes.length;
  });
  if (result > 0) ctx.committed();
  return result;
}

function difference<T extends { id: string }>(current: ReadonlyMap<string, unknown>, next: readonly T[]): { gone: string[]; put: T[] } {
  const nextIds = new Set(next.map((row) => row.id));
  return {
    gone: [...current.keys()].filter((id) => !nextIds.has(id)),
    put: next.filter((row) => !sameJson(current.get(row.id), row)),
  };
}

/** Equal as stored JSON (jsonb does not keep key order, so keys are compared sorted). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined) return false;
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  );
}
