// The change stream: every write appends the rows it changed (and its audit entries) to `changes`,
// numbered 1, 2, 3 … in commit order with no gaps, so a kiosk that has everything up to n asks for
// what comes after n and a gap can never hide a change. The numbering takes an advisory lock right
// before reading max(seq) (hub_lock_stream, see migrations.ts): the lock is held until commit, so
// the next writer reads the max only after this one is visible, and commits happen in seq order.
// Only the short tail of each write runs under the lock; the rule checks and row writes before it
// run concurrently.
import { SNAPSHOT_AUDIT_LIMIT, type Change, type ChangesResponse, type HubPosition, type SyncRows, type SyncTable } from '../../src-renderer/core/hub/contract';
import type { AuditEntry } from '../../src-renderer/core/rows';
import { auditEntry, type AuditRecord } from './audit';
import type { Sql } from './sql';

/** One changed row, as a write reports it. Keys are text here; audit entries are keyed by their seq. */
export type RowChange = { table: Exclude<SyncTable, 'auditLog'>; op: 'put'; key: string; row: unknown } | { table: Exclude<SyncTable, 'auditLog'>; op: 'delete'; key: string };

/** How many changes are kept; a kiosk further behind than this starts again from a snapshot. */
const KEEP_CHANGES = 100_000;
/** The most changes one answer carries; the kiosk asks again from the last one. */
const CHANGES_PAGE = 1000;

interface Appended<R> {
  /** The newest change number after this write. */
  seq: number;
  response: R;
}

/**
 * The tail of every write: numbers the audit entries and the changes, then stores both and the
 * answer under the idempotency key in one statement. `respond` builds the answer once the audit entries
 * have their numbers (a recorded audit entry answers with its own).
 */
export async function appendChanges<R>(
  tx: Sql,
  at: number,
  writes: { audit: readonly AuditRecord[]; changes: readonly RowChange[]; idempotencyKey: string | undefined },
  respond: (auditSeqs: number[]) => R,
): Promise<Appended<R>> {
  const { rows } = await tx.query<{ audit: number; change: number }>('SELECT audit_top AS audit, change_top AS change FROM hub_lock_stream()');
  const top = rows[0] ?? { audit: 0, change: 0 };
  const entries = writes.audit.map((record, index) => auditEntry(record, top.audit + 1 + index, at));
  const stream = [
    ...writes.changes,
    ...entries.map((entry) => ({ table: 'auditLog', op: 'put', key: String(entry.seq), row: entry }) as const),
  ].map((change, index) => ({ ...change, seq: top.change + 1 + index }));
  const response = respond(entries.map((entry) => entry.seq));
  await tx.query(
    `WITH audit AS (
       INSERT INTO audit_log (seq, at, entity, entity_id, row)
       SELECT (e->>'seq')::bigint, (e->>'at')::bigint, e->>'entity', e->>'entityId', e FROM jsonb_array_elements($1::jsonb) AS e
     ), stream AS (
       INSERT INTO changes (seq, at, tbl, op, key, row)
       SELECT (c->>'seq')::bigint, $3::bigint, c->>'table', c->>'op', c->>'key', c->'row' FROM jsonb_array_elements($2::jsonb) AS c
     )
     UPDATE idempotency SET response = $4::jsonb WHERE key = $5::text`,
    [JSON.stringify(entries), JSON.stringify(stream), at, JSON.stringify(response ?? null), writes.idempotencyKey ?? null],
  );
  return { seq: top.change + stream.length, response };
}

interface PositionRow {
  epoch: string | null;
  top: number;
  bottom: number | null;
}

/** Where the stream stands: epoch and newest seq (the config version is the caller's). */
export async function streamPosition(sql: Sql): Promise<{ epoch: string; seq: number }> {
  const { rows } = await sql.query<PositionRow>(`SELECT (SELECT value FROM hub_meta WHERE key = 'epoch') AS epoch, (SELECT coalesce(max(seq), 0) FROM changes) AS top`);
  return { epoch: rows[0]?.epoch ?? '', seq: rows[0]?.top ?? 0 };
}

/**
 * The changes after `since`, in one statement (one snapshot): a reset when the epoch differs, or
 * `since` is ahead of the stream or older than the oldest change kept. A full page answers with the
 * seq of its last change, so the kiosk's position is always `seq` of the answer.
 */
export async function changesSince(sql: Sql, since: number, epoch: string | undefined, configVersion: string): Promise<ChangesResponse> {
  const { rows } = await sql.query<PositionRow & { seq: number | null; tbl: SyncTable; op: 'put' | 'delete'; key: string; row: unknown }>(
    `SELECT m.epoch, m.top, m.bottom, c.seq, c.tbl, c.op, c.key, c.row
       FROM (SELECT (SELECT value FROM hub_meta WHERE key = 'epoch') AS epoch,
                    (SELECT coalesce(max(seq), 0) FROM changes) AS top,
                    (SELECT min(seq) FROM changes) AS bottom) AS m
       LEFT JOIN LATERAL (SELECT seq, tbl, op, key, row FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2) AS c ON true`,
    [since, CHANGES_PAGE],
  );
  const first = rows[0];
  const position: HubPosition = { epoch: first?.epoch ?? '', seq: first?.top ?? 0, configVersion };
  const pruned = first?.bottom !== null && first?.bottom !== undefined && since < first.bottom - 1;
  if (epoch !== position.epoch || since > position.seq || pruned) return { ...position, reset: true };
  const changes: Change[] = [];
  for (const row of rows) {
    if (row.seq === null) continue;
    const key = row.tbl === 'auditLog' ? Number(row.key) : row.key;
    changes.push(row.op === 'put' ? { seq: row.seq, table: row.tbl, op: 'put', key, row: row.row } : { seq: row.seq, table: row.tbl, op: 'delete', key });
  }
  const last = changes.at(-1);
  return { ...position, seq: changes.length === CHANGES_PAGE && last ? last.seq : position.seq, reset: false, changes };
}

/** Every row a kiosk mirrors plus the position they are at, read in one snapshot. */
export async function readSnapshot(sql: Sql): Promise<{ epoch: string; seq: number; rows: SyncRows }> {
  return sql.transaction(
    async (tx) => {
      // One connection answers the whole transaction, so the reads go one after another.
      const rowsOf = async <T>(text: string, params: unknown[] = []) => (await tx.query<{ row: T }>(text, params)).rows.map((row) => row.row);
      const position = await streamPosition(tx);
      const rows: SyncRows = {
        bookings: await rowsOf('SELECT row FROM bookings'),
        series: await rowsOf('SELECT row FROM series'),
        organisations: await rowsOf('SELECT row FROM organisations'),
        activities: await rowsOf('SELECT row FROM activities'),
        occurrences: await rowsOf('SELECT row FROM occurrences'),
        auditLog: (await rowsOf<AuditEntry>('SELECT row FROM audit_log ORDER BY seq DESC LIMIT $1', [SNAPSHOT_AUDIT_LIMIT])).reverse(),
        screens: await rowsOf('SELECT row FROM screens'),
      };
      return { ...position, rows };
    },
    { snapshot: true },
  );
}

/** Drops all but the newest KEEP_CHANGES changes; a kiosk that needs older ones gets a reset. */
export async function pruneChanges(sql: Sql, keep = KEEP_CHANGES): Promise<void> {
  await sql.query('DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - $1', [keep]);
}
