import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readMeta, type KioskDatabase } from '../../../src-renderer/db/database';
import { getSiteMeta } from '../../../src-renderer/db/queries';
import { isBundleCurrent, SeedInterrupted, seedFromConfig, seedInStages } from '../../../src-renderer/db/seed';
import { DAY_MS, NOW, activity, dailyExpand, freshDatabase, siteConfig, space } from './fixtures';

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
function newDb(): KioskDatabase {
  const db = freshDatabase();
  opened.push(db);
  return db;
}

const HASH = 'bundle-v1';
/** 23 activities in 3 spaces: five chunks of five, the last one short. */
const config = siteConfig({
  spaces: [space('hall', 100, 100), space('studio', 300, 100), space('garden', 500, 100)],
  activities: Array.from({ length: 23 }, (_, index) => activity(`act-${index}`, ['hall', 'studio', 'garden'][index % 3])),
});
const options = { now: NOW, expand: dailyExpand, bundleHash: HASH, chunkSize: 5 };

async function rows(db: KioskDatabase) {
  const byId = <T extends { id: string }>(list: T[]) => list.sort((a, b) => a.id.localeCompare(b.id));
  return {
    spaces: byId(await db.spaces.toArray()),
    organisations: byId(await db.organisations.toArray()),
    activities: byId(await db.activities.toArray()),
    occurrences: byId(await db.occurrences.toArray()),
  };
}

/** What the one-transaction seed stores for the same config: the staged one must end with exactly this. */
async function reference() {
  const db = newDb();
  await seedFromConfig(db, config, options);
  return rows(db);
}

// fake-indexeddb on a busy machine: several seeds per test, so more than the default 5 s.
describe('seedInStages', { timeout: 30_000 }, () => {
  it('stores the site, its spaces and organisations before any activity, and is not current until the end', async () => {
    const db = newDb();
    const seen: { site: boolean; spaces: number; activities: number; current: boolean }[] = [];
    const look = async () => {
      seen.push({ site: (await getSiteMeta(db)) !== undefined, spaces: await db.spaces.count(), activities: await db.activities.count(), current: await isBundleCurrent(db, HASH, NOW) });
    };
    let siteReady: Promise<void> | undefined;
    await seedInStages(db, config, { ...options, onSiteReady: () => (siteReady = look()), yieldToPage: look });
    await siteReady;
    expect(seen[0]).toEqual({ site: true, spaces: 3, activities: 0, current: false });
    // The list fills chunk by chunk while the map is already there.
    expect(seen.slice(1).map((look) => look.activities)).toEqual([0, 5, 10, 15, 20]);
    expect(seen.every((look) => look.site && !look.current)).toBe(true);
    expect(await isBundleCurrent(db, HASH, NOW)).toBe(true);
    expect(await readMeta(db, 'seeding')).toBeUndefined();
  });

  it('ends with exactly the rows the one-transaction seed writes: none missing, none twice', async () => {
    const db = newDb();
    const result = await seedInStages(db, config, options);
    const expected = await reference();
    expect(await rows(db)).toEqual(expected);
    expect(expected.activities).toHaveLength(23);
    expect(result.occurrenceCount).toBe(expected.occurrences.length);
    expect(new Set(expected.occurrences.map((o) => o.id)).size).toBe(expected.occurrences.length);
  });

  it('leaves a seed cut short (a reload) not current, and the next start seeds it again in full', async () => {
    const db = newDb();
    let turns = 0;
    const reloadAfterTwoChunks = async () => {
      if (++turns === 3) throw new Error('the page was reloaded');
    };
    await expect(seedInStages(db, config, { ...options, yieldToPage: reloadAfterTwoChunks })).rejects.toThrow('reloaded');
    expect(await db.activities.count()).toBe(10);
    expect(await isBundleCurrent(db, HASH, NOW)).toBe(false);
    // The site stays on screen meanwhile.
    expect(await getSiteMeta(db)).toBeDefined();

    await seedInStages(db, config, options);
    expect(await rows(db)).toEqual(await reference());
    expect(await isBundleCurrent(db, HASH, NOW)).toBe(true);
  });

  it('stops when the copy is wiped under it and never marks the torn copy current', async () => {
    const db = newDb();
    let turns = 0;
    const wipeOnThirdTurn = async () => {
      if (++turns === 3) await Promise.all(db.tables.map((table) => table.clear()));
    };
    await expect(seedInStages(db, config, { ...options, yieldToPage: wipeOnThirdTurn })).rejects.toBeInstanceOf(SeedInterrupted);
    expect(await isBundleCurrent(db, HASH, NOW)).toBe(false);
    expect(await db.activities.count()).toBe(0);
  });

  it('gives way to a complete seed written in between (another config, or a rebuild)', async () => {
    const db = newDb();
    const next = siteConfig({ spaces: [space('hall', 100, 100)], activities: [activity('only', 'hall')] });
    let turns = 0;
    const otherSeed = async () => {
      if (++turns === 2) await seedFromConfig(db, next, { ...options, bundleHash: 'bundle-v2' });
    };
    await expect(seedInStages(db, config, { ...options, yieldToPage: otherSeed })).rejects.toBeInstanceOf(SeedInterrupted);
    // The complete seed stands; the staged one added nothing after it.
    expect(await isBundleCurrent(db, 'bundle-v2', NOW)).toBe(true);
    expect(await isBundleCurrent(db, HASH, NOW)).toBe(false);
    expect(await db.activities.toCollection().primaryKeys()).toEqual(['only']);
  });

  it('keeps staff and imported rows, as the one-transaction seed does', async () => {
    const db = newDb();
    await db.activities.add({ ...activity('act-3', 'hall'), source: 'staff' });
    await db.occurrences.add({ id: 'staff-occ', activityId: 'act-3', spaceId: 'hall', start: NOW, end: NOW + 1, source: 'staff' });
    const result = await seedInStages(db, config, options);
    expect(result.shadowedIds).toEqual(['act-3']);
    expect((await db.activities.get('act-3'))?.source).toBe('staff');
    expect(await db.occurrences.where('activityId').equals('act-3').primaryKeys()).toEqual(['staff-occ']);
    expect(await db.activities.count()).toBe(23);
  });

  it('skips a config the copy already holds far enough ahead', async () => {
    const db = newDb();
    await seedInStages(db, config, options);
    let siteReady = false;
    const again = await seedInStages(db, config, { ...options, now: NOW + DAY_MS, onSiteReady: () => (siteReady = true) });
    expect(again.skipped).toBe(true);
    expect(siteReady).toBe(true);
  });
});
