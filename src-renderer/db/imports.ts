// Writing a partner's imported offer (see core/ical-import.ts). Reading what an earlier import of the
// same partner stored is the input of the preview's duplicate detection; committing writes every
// activity, its occurrences and the audit entry in ONE read-write transaction, so an import lands
// whole or not at all. Imported rows carry source 'import': a config reload never touches them.
import type { ExistingImport, ImportPreview, ImportStatus } from '../core/ical-import';
import { ImportRefused } from '../core/booking/errors';
import { audit, type Actor } from './audit';
import { occurrenceId, type ActivityRow, type KioskDatabase, type OccurrenceRow } from './database';

/** The activities (and their occurrences) an earlier import stored for this partner. */
export async function loadExistingImport(db: KioskDatabase, organisationId: string): Promise<ExistingImport> {
  return db.transaction('r', [db.activities, db.occurrences], async () => {
    const activities = await db.activities
      .where('organiser')
      .equals(organisationId)
      .filter((activity) => activity.source === 'import')
      .toArray();
    const occurrences = activities.length === 0 ? [] : await db.occurrences.where('activityId').anyOf(activities.map((activity) => activity.id)).toArray();
    // Compared field by field with freshly read activities, which have no `source`.
    return { activities: activities.map(({ source: _source, ...activity }) => activity), occurrences };
  });
}

export interface CommitImportOptions {
  actor: Actor;
  at: number;
  /** Also delete the partner's earlier imported activities the file no longer holds (`preview.missing`). */
  removeMissing?: boolean;
  /** For the audit log: the file name or URL it came from. */
  source?: string;
}

export interface CommitImportResult {
  counts: Record<ImportStatus, number>;
  activities: number;
  occurrences: number;
  removed: number;
}


export { ImportRefused } from '../core/booking/errors';

/**
 * Writes the preview: each activity replaces the stored row of the same id with its current
 * occurrences. A failure anywhere (a clash with a non-imported row, a failing write) rolls the
 * whole import back.
 */
export async function commitImport(db: KioskDatabase, preview: ImportPreview, organisationId: string, options: CommitImportOptions): Promise<CommitImportResult> {
  // Rows are built before the transaction: inside it only IndexedDB is awaited.
  const activityRows: ActivityRow[] = preview.entries.map((entry) => ({ ...entry.activity, source: 'import' }));
  const occurrenceRows: OccurrenceRow[] = preview.entries.flatMap((entry) =>
    entry.occurrences.map((occurrence) => ({
      ...occurrence,
      ...(entry.activity.space === undefined ? {} : { spaceId: entry.activity.space }),
      id: occurrenceId(occurrence.activityId, occurrence.start),
      source: 'import' as const,
    })),
  );
  const ids = activityRows.map((row) => row.id);
  const removedIds = options.removeMissing ? preview.missing.map((activity) => activity.id) : [];

  return db.transaction('rw', [db.activities, db.occurrences, db.auditLog], async () => {
    const clashing = (await db.activities.bulkGet(ids)).filter((row): row is ActivityRow => row !== undefined && row.source !== 'import');
    if (clashing.length > 0) throw new ImportRefused(`These ids already belong to activities that were not imported: ${clashing.map((row) => row.id).join(', ')}.`);
    // Only imported rows of this partner are ever removed, whatever the preview says.
    const removable = (await db.activities.bulkGet(removedIds)).filter((row): row is ActivityRow => row?.source === 'import' && row.organiser === organisationId).map((row) => row.id);
    const replaced = [...ids, ...removable];
    if (replaced.length > 0) {
      await db.occurrences
        .where('activityId')
        .anyOf(replaced)
        .filter((row) => row.source === 'import')
        .delete();
    }
    await db.activities.bulkDelete(removable);
    await db.activities.bulkPut(activityRows);
    await db.occurrences.bulkPut(occurrenceRows);
    await audit(db, {
      actor: options.actor,
      entity: 'import',
      entityId: organisationId,
      action: 'imported',
      detail: {
        ...(options.source === undefined ? {} : { source: options.source }),
        events: preview.events,
        counts: preview.counts,
        problems: preview.problems.length,
        removed: removable,
        occurrences: occurrenceRows.length,
      },
      at: options.at,
    });
    return { counts: preview.counts, activities: activityRows.length, occurrences: occurrenceRows.length, removed: removable.length };
  });
}
