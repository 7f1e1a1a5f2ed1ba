// Backup and restore of the kiosk's local copy of the runtime data: what staff and visitors made
// (bookings, series, staff and imported rows, the audit log), not what the site config derives. The
// format and every check live in core/backup.ts, shared with the hub.
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  DERIVED_META,
  SOURCED_TABLES,
  validateBackupReferences,
  validateBackupShape,
  type BackupData,
  type BackupError,
  type BackupFile,
  type BackupTable,
  type RestoreResult,
} from '../core/backup';
import type { KioskDatabase, MetaRow } from './database';
import { audit, type Actor } from './audit';

export { BACKUP_FORMAT, BACKUP_VERSION, type BackupData, type BackupError, type BackupFile, type BackupTable, type RestoreResult } from '../core/backup';

/** A consistent snapshot (one read transaction) of the runtime data. */
export async function exportBackup(db: KioskDatabase, now: number): Promise<BackupFile> {
  const tables = [db.bookings, db.series, db.spaces, db.organisations, db.activities, db.occurrences, db.auditLog, db.meta];
  const data = await db.transaction('r', tables, async (): Promise<BackupData> => {
    const runtime = <T extends { source: string }>(rows: T[]) => rows.filter((row) => row.source !== 'config');
    const [bookings, series, spaces, organisations, activities, occurrences, auditLog, meta] = await Promise.all([
      db.bookings.toArray(),
      db.series.toArray(),
      db.spaces.toArray(),
      db.organisations.toArray(),
      db.activities.toArray(),
      db.occurrences.where('source').anyOf('staff', 'import').toArray(),
      db.auditLog.toArray(),
      db.meta.toArray(),
    ]);
    return {
      bookings,
      series,
      spaces: runtime(spaces),
      organisations: runtime(organisations),
      activities: runtime(activities),
      occurrences: occurrences.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      auditLog,
      meta: meta.filter((row) => !DERIVED_META.has(row.key)),
    };
  });
  const counts = Object.fromEntries(BACKUP_TABLES.map((table) => [table, data[table].length])) as Record<BackupTable, number>;
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: db.verno, exportedAt: now, counts, data };
}

/**
 * Replaces the runtime data with a backup's. Every check runs first (shape, versions, unique ids
 * and codes, no over-booked space, every reference resolving against the backup plus the config
 * rows in the store); any error returns the list and leaves the store exactly as it was.
 * `audit` adds a 'restored' entry after the restored log (left out, the log is exactly the backup's).
 */
export async function restoreBackup(db: KioskDatabase, json: unknown, options: { audit?: { actor: Actor; at: number } } = {}): Promise<RestoreResult> {
  const parsed = validateBackupShape(json, db.verno);
  if (!parsed.ok) return parsed;
  const { data } = parsed.file;
  const tables = [db.bookings, db.series, db.spaces, db.organisations, db.activities, db.occurrences, db.auditLog, db.meta];
  try {
    await db.transaction('rw', tables, async () => {
      // References may point at config rows, which stay: read them inside the transaction that replaces.
      const [configSpaces, configOrganisations, configActivities] = await Promise.all([
        db.spaces.where('source').equals('config').toArray(),
        db.organisations.where('source').equals('config').primaryKeys(),
        db.activities.where('source').equals('config').primaryKeys(),
      ]);
      const errors = validateBackupReferences(data, configSpaces, new Set(configOrganisations), new Set(configActivities));
      if (errors.length > 0) throw new RestoreRefused(errors);

      await Promise.all([
        db.bookings.clear(),
        db.series.clear(),
        db.auditLog.clear(),
        ...SOURCED_TABLES.map((table) => db[table].where('source').anyOf('staff', 'import').delete()),
        db.meta.filter((row) => !DERIVED_META.has(row.key)).delete(),
      ]);
      await Promise.all([
        db.bookings.bulkAdd(data.bookings),
        db.series.bulkAdd(data.series),
        db.auditLog.bulkAdd(data.auditLog),
        // A staff row shadows a config row of the same id, as seeding does.
        db.spaces.bulkPut(data.spaces),
        db.organisations.bulkPut(data.organisations),
        db.activities.bulkPut(data.activities),
        db.occurrences.bulkPut(data.occurrences),
        db.meta.bulkPut(data.meta as MetaRow[]),
      ]);
      if (options.audit) {
        await audit(db, { actor: options.audit.actor, entity: 'backup', action: 'restored', detail: { counts: parsed.file.counts, exportedAt: parsed.file.exportedAt }, at: options.audit.at });
      }
    });
  } catch (error) {
    if (error instanceof RestoreRefused) return { ok: false, errors: error.errors };
    throw error;
  }
  return { ok: true, counts: parsed.file.counts };
}

class RestoreRefused extends Error {
  constructor(readonly errors: BackupError[]) {
    super(`${errors.length} problem(s) in the backup`);
  }
}

