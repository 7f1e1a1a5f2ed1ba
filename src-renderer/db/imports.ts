// What an earlier import of a partner's offer left in the kiosk's copy: the input of the import
// preview's duplicate detection (core/ical-import.ts). The import itself is written by the hub, which
// parses the file again; imported rows carry source 'import', and a config reload never touches them.
import type { ExistingImport } from '../core/ical-import';
import type { KioskDatabase } from './database';

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
