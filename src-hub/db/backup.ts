// Backup and restore of the hub's runtime data in the kiosk's backup format (core/backup.ts), so a
// JSON backup a kiosk made before the hub existed restores into the hub, and a hub backup is the
// same kind of file. A restore is checked whole first and then replaces everything in one
// transaction; it starts a new epoch, so every screen drops its copy and takes a fresh snapshot.
import { randomUUID } from 'node:crypto';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  validateBackupReferences,
  validateBackupShape,
  type BackupData,
  type BackupError,
  type BackupMetaRow,
  type BackupTable,
} from '../../src-renderer/core/backup';
import type { RestoreRequest, RestoreResponse } from '../../src-renderer/core/hub/contract';
import type { SpaceRow } from '../../src-renderer/core/rows';
import { HubRequestError } from '../service';
import { putBookings } from './bookings';
import type { StoreContext } from './context';
import { putActivities, putOccurrences } from './imports';
import { putOrganisations } from './organisations';
import { putSeries } from './series';
import type { Sql } from './sql';
import { runWrite } from './write';
import { exportBadges, mergeBadges, validateBadgeBackup, type HubBackupFile } from '../badges/backup';

/**
 * The kiosk database version whose rows the hub stores: v3 (series, bookings with seriesId). A
 * backup written by v1–v3 restores; one from a newer kiosk is refused by validateBackupShape.
 */
const BACKUP_SCHEMA_VERSION = 3;

/** A consistent snapshot (one read transaction) of the runtime data, rows by id as the kiosk wrote them. */
export async function exportBackup(ctx: StoreContext): Promise<HubBackupFile> {
  const exportedAt = ctx.now();
  const { data, badges } = await ctx.sql.transaction(
    async (tx): Promise<{ data: BackupData; badges: HubBackupFile['badges'] }> => {
      // Byte order ("C") is the kiosk's key order, so the same data exports to the same file.
      const rowsOf = async <T>(table: string, where = '') => (await tx.query<{ row: T }>(`SELECT row FROM ${table} ${where} ORDER BY id COLLATE "C"`)).rows.map((row) => row.row);
      const data: BackupData = {
        bookings: await rowsOf('bookings'),
        series: await rowsOf('series'),
        spaces: await rowsOf('spaces'),
        organisations: await rowsOf('organisations'),
        // Feed rows are not backed up: they are rebuilt from each feed's last good copy (feed_state).
        activities: await rowsOf('activities', "WHERE source <> 'feed'"),
        occurrences: await rowsOf('occurrences', "WHERE source <> 'feed'"),
        auditLog: (await tx.query<{ row: BackupData['auditLog'][number] }>('SELECT row FROM audit_log ORDER BY seq')).rows.map((row) => row.row),
        meta: (await tx.query<BackupMetaRow>('SELECT key, value FROM kiosk_settings ORDER BY key COLLATE "C"')).rows,
      };
      // The badge tables, beside the kiosk's format (a kiosk reading this file ignores them).
      return { data, badges: await exportBadges(tx) };
    },
    { snapshot: true },
  );
  const counts = Object.fromEntries(BACKUP_TABLES.map((table) => [table, data[table].length])) as Record<BackupTable, number>;
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: BACKUP_SCHEMA_VERSION, exportedAt, counts, data, badges };
}

/**
 * Replaces the runtime data with a backup's. Every check runs first (shape, versions, unique ids and
 * codes, no over-booked space, every reference resolving against the backup plus the config);
 * any error refuses the restore with the list, and nothing is changed. The restore itself is
 * audited after the restored log.
 */
export async function restoreBackup(ctx: StoreContext, request: RestoreRequest): Promise<RestoreResponse> {
  const parsed = validateBackupShape(request.backup, BACKUP_SCHEMA_VERSION);
  if (!parsed.ok) throw refused(parsed.errors);
  const { data, counts, exportedAt } = parsed.file;
  const badgeSection = validateBadgeBackup(request.backup);
  if (badgeSection.errors.length > 0) throw refused(badgeSection.errors);
  const model = ctx.model();
  const errors = validateBackupReferences(data, model.spaceRows(), new Set(model.organisations.keys()), model.activityIds);
  if (errors.length > 0) throw refused(errors);
  // A staff space in the backup shadows a config space of the same id, as it did on the kiosk.
  const spaces = new Map([...model.spaces, ...data.spaces.map((space) => [space.id, space] as const)]);

  return runWrite(ctx, { route: 'restore', key: request.idempotencyKey, request }, async (tx) => {
    await tx.query('TRUNCATE bookings, series, organisations, activities, occurrences, spaces, kiosk_settings, audit_log, changes');
    // Answers given in the old epoch would describe rows that are gone.
    await tx.query('DELETE FROM idempotency WHERE key <> $1', [request.idempotencyKey]);
    await putBookings(tx, data.bookings, (id) => spaces.get(id), { bufferless: true });
    await putSeries(tx, data.series);
    await putOrganisations(tx, data.organisations);
    await putActivities(tx, data.activities);
    await putOccurrences(tx, data.occurrences);
    await putSpaces(tx, data.spaces);
    await putAuditLog(tx, data.auditLog);
    await putSettings(tx, data.meta);
    // Keys, claims and issued badges are added, never replaced: badges out on phones stay verifiable and revocable.
    await mergeBadges(tx, badgeSection.badges, ctx.now());
    await tx.query("UPDATE hub_meta SET value = to_jsonb($1::text) WHERE key = 'epoch'", [randomUUID()]);
    return { response: { counts }, audit: [{ actor: request.by, entity: 'backup', action: 'restored', detail: { counts, exportedAt } }] };
  });
}

function refused(errors: BackupError[]): HubRequestError {
  return new HubRequestError(400, 'restore-refused', `The backup was not restored: ${errors.length} problem(s) in it. Nothing was changed.`, errors);
}

async function putSpaces(tx: Sql, rows: readonly SpaceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query('INSERT INTO spaces (id, row) SELECT r->>\'id\', r FROM jsonb_array_elements($1::jsonb) AS r', [JSON.stringify(rows)]);
}

async function putAuditLog(tx: Sql, entries: BackupData['auditLog']): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO audit_log (seq, at, entity, entity_id, row)
     SELECT (e->>'seq')::bigint, (e->>'at')::numeric::bigint, e->>'entity', e->>'entityId', e FROM jsonb_array_elements($1::jsonb) AS e`,
    [JSON.stringify(entries)],
  );
}

async function putSettings(tx: Sql, rows: readonly BackupMetaRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query("INSERT INTO kiosk_settings (key, value) SELECT m->>'key', m->'value' FROM jsonb_array_elements($1::jsonb) AS m", [JSON.stringify(rows)]);
}
