// Test-only: puts rows a feed would bring in (source 'feed') straight into a hub's data folder, the
// way the hub stores them (src-hub/db/imports.ts `putActivities` / `putOccurrences`), before the hub
// opens it. A kiosk that starts afterwards gets them with its first snapshot, as from a real feed.
import { putActivities, putOccurrences } from '../../src-hub/db/imports';
import { openPglite } from '../../src-hub/db/sql';
import type { ActivityRow, OccurrenceRow } from '../../src-renderer/core/rows';

export async function writeFeedRows(dataDir: string, activities: readonly ActivityRow[], occurrences: readonly OccurrenceRow[]): Promise<void> {
  const sql = await openPglite(dataDir);
  try {
    await sql.transaction(async (tx) => {
      await putActivities(tx, activities);
      await putOccurrences(tx, occurrences);
    });
  } finally {
    await sql.close();
  }
}
