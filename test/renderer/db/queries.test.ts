import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskDatabase, OccurrenceRow } from '../../../src-renderer/db/database';
import {
  getConfigStatus,
  getSiteMeta,
  listActivities,
  listAudit,
  listOrganisations,
  listSeries,
  listSpaces,
  occurrencesBetween,
  occurrencesInSpace,
  occurrencesOfActivities,
} from '../../../src-renderer/db/queries';
import { configHash, recordConfigFailure, seedFromConfig } from '../../../src-renderer/db/seed';
import { series } from './fake-hub';
import { NOW, freshDatabase, siteConfig } from './fixtures';

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
async function seededDb(): Promise<KioskDatabase> {
  const db = freshDatabase();
  opened.push(db);
  await seedFromConfig(db, siteConfig(), { now: NOW, expand: () => [] });
  return db;
}

function occ(activityId: string, spaceId: string | undefined, start: number, end: number): OccurrenceRow {
  return { id: `${activityId}@${start}`, activityId, ...(spaceId ? { spaceId } : {}), start, end, source: 'config' };
}

describe('lists', () => {
  it('return the stored rows', async () => {
    const db = await seededDb();
    expect((await listActivities(db)).map((a) => a.id)).toEqual(['band', 'choir', 'walk']);
    expect((await listSpaces(db)).map((s) => s.id)).toEqual(['hall', 'studio']);
    expect((await listOrganisations(db)).map((o) => o.id)).toEqual(['org-a']);
    await db.series.put(series('sr-1'));
    expect((await listSeries(db)).map((row) => row.id)).toEqual(['sr-1']);
  });

  it("read one activity's occurrences, whenever they are", async () => {
    const db = await seededDb();
    await db.occurrences.bulkPut([occ('choir', 'hall', 1, 2), occ('choir', 'hall', 5_000_000_000_000, 5_000_000_000_001), occ('band', 'studio', 1, 2)]);
    expect((await occurrencesOfActivities(db, ['choir'])).map((o) => o.id)).toEqual(['choir@1', 'choir@5000000000000']);
    expect(await occurrencesOfActivities(db, [])).toEqual([]);
  });
});

describe('the audit log copy', () => {
  it('lists newest first, narrowed to one kind or one record', async () => {
    const db = await seededDb();
    // The hub numbers the entries; the copy keeps its numbers.
    await db.auditLog.bulkPut([
      { seq: 1, at: 1, entity: 'booking', entityId: 'b1', action: 'created', actor: 'kiosk', after: { id: 'b1' } },
      { seq: 2, at: 2, entity: 'booking', entityId: 'b1', action: 'cancelled', actor: 'staff:An', before: { id: 'b1' }, after: { id: 'b1', status: 'cancelled' } },
      { seq: 3, at: 3, entity: 'series', entityId: 's1', action: 'created', actor: 'system' },
    ]);
    const all = await listAudit(db, { limit: 10 });
    expect(all.map((e) => [e.seq, e.actor, e.action])).toEqual([[3, 'system', 'created'], [2, 'staff:An', 'cancelled'], [1, 'kiosk', 'created']]);
    expect((await listAudit(db, { limit: 1 })).map((e) => e.seq)).toEqual([3]);
    expect((await listAudit(db, { entity: 'booking' })).map((e) => e.seq)).toEqual([2, 1]);
    expect((await listAudit(db, { entity: 'series', entityId: 's1' })).map((e) => e.seq)).toEqual([3]);
    expect(await listAudit(db, { entity: 'booking', entityId: 'b2' })).toEqual([]);
  });
});

describe('occurrence ranges', () => {
  const H = 3_600_000;
  async function withOccurrences(): Promise<KioskDatabase> {
    const db = await seededDb();
    await db.occurrences.bulkAdd([
      occ('choir', 'hall', NOW - 3 * H, NOW - 2 * H), // over
      occ('choir', 'hall', NOW - H, NOW + H), // running now
      occ('band', 'studio', NOW + 2 * H, NOW + 3 * H),
      occ('walk', undefined, NOW + H, NOW + 2 * H),
      occ('choir', 'hall', NOW + 5 * H, NOW + 6 * H), // after the range
    ]);
    return db;
  }

  it('occurrencesBetween returns what overlaps the range, by start, including what is running', async () => {
    const db = await withOccurrences();
    const found = await occurrencesBetween(db, NOW, NOW + 4 * H);
    expect(found.map((o) => o.id)).toEqual([`choir@${NOW - H}`, `walk@${NOW + H}`, `band@${NOW + 2 * H}`]);
  });

  it('occurrencesInSpace keeps to one space', async () => {
    const db = await withOccurrences();
    const found = await occurrencesInSpace(db, 'hall', NOW, NOW + 10 * H);
    expect(found.map((o) => o.id)).toEqual([`choir@${NOW - H}`, `choir@${NOW + 5 * H}`]);
  });
});

describe('meta queries', () => {
  it('are undefined before the first load', async () => {
    const db = freshDatabase();
    opened.push(db);
    expect(await getSiteMeta(db)).toBeUndefined();
    expect(await getConfigStatus(db)).toBeUndefined();
  });

  it('report the loaded site and the last load result', async () => {
    const db = await seededDb();
    const config = siteConfig();
    expect(await getSiteMeta(db)).toMatchObject({
      site: config.site,
      themes: config.themes,
      configHash: configHash(config),
      configLoadedAt: NOW,
      occurrenceWindow: { to: NOW + 60 * 86_400_000 },
    });
    await recordConfigFailure(db, [{ file: 'site.json', path: '', message: 'Not JSON.' }], NOW + 1);
    expect(await getConfigStatus(db)).toMatchObject({ ok: false, at: NOW + 1 });
    expect((await getSiteMeta(db))?.configLoadedAt).toBe(NOW);
  });
});
