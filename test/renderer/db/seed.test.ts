import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleHash, hashText } from '../../../src-renderer/core/bundle-hash';
import { expandAll } from '../../../src-renderer/core/schedule';
import type { ConfigError, Occurrence } from '../../../src-renderer/core/model';
import { metaRow, readMeta, type BookingRow, type KioskDatabase } from '../../../src-renderer/db/database';
import {
  configHash,
  isBundleCurrent,
  loadLastGoodSite,
  occurrenceWindow,
  recordConfigFailure,
  seedFromConfig,
} from '../../../src-renderer/db/seed';
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

const booking: BookingRow = {
  id: 'b1',
  spaceId: 'hall',
  start: NOW + DAY_MS,
  end: NOW + DAY_MS + 3_600_000,
  holder: { kind: 'organisation', id: 'org-a' },
  source: 'staff',
  status: 'confirmed',
  code: 'H4X9',
  createdAt: NOW,
  updatedAt: NOW,
};

/** Rows a staff member made: a config reload must leave every one of them alone. */
async function addStaffRows(db: KioskDatabase): Promise<void> {
  await db.spaces.add({ ...space('annex', 700, 100), source: 'staff' });
  await db.organisations.add({ id: 'guest-1', name: 'Guest', kind: 'guest', description: {}, source: 'import' });
  await db.activities.add({ ...activity('pop-up', 'annex'), source: 'staff' });
  await db.occurrences.add({ id: 'pop-up@1', activityId: 'pop-up', spaceId: 'annex', start: NOW, end: NOW + 1, source: 'staff' });
  await db.bookings.add(booking);
}

describe('occurrenceWindow', () => {
  it('starts at the start of yesterday in the site time zone', () => {
    // NOW is Wed 10:00 CET; yesterday began Tue 00:00 CET = Mon 23:00 UTC.
    const window = occurrenceWindow(NOW, 'Europe/Brussels', 60);
    expect(window.from).toBe(Date.UTC(2025, 2, 10, 23, 0));
    expect(window.to).toBe(NOW + 60 * DAY_MS);
  });
});

describe('configHash', () => {
  it('is stable for equal configs and changes with any field', () => {
    expect(configHash(siteConfig())).toBe(configHash(siteConfig()));
    const renamed = siteConfig();
    renamed.site.name = { nl: 'Andere naam' };
    expect(configHash(renamed)).not.toBe(configHash(siteConfig()));
    expect(hashText('')).toMatch(/^811c9dc5-0$/);
  });
});

describe('seedFromConfig', () => {
  it('writes config rows, occurrences for the window and meta', async () => {
    const db = newDb();
    const config = siteConfig();

    const result = await seedFromConfig(db, config, { now: NOW, expand: dailyExpand });

    expect(result.skipped).toBe(false);
    expect(result.window).toEqual(occurrenceWindow(NOW, 'Europe/Brussels', 60));
    expect((await db.spaces.toArray()).map((s) => [s.id, s.source])).toEqual([
      ['hall', 'config'],
      ['studio', 'config'],
    ]);
    expect(await db.organisations.count()).toBe(1);
    expect(await db.activities.where('source').equals('config').count()).toBe(3);

    const occurrences = await db.occurrences.orderBy('start').toArray();
    expect(occurrences).toHaveLength(result.occurrenceCount);
    expect(occurrences.length).toBeGreaterThan(100);
    expect(occurrences.every((o) => o.start >= result.window.from && o.start < result.window.to)).toBe(true);
    const first = occurrences.find((o) => o.activityId === 'choir');
    expect(first).toMatchObject({ id: `choir@${first?.start}`, spaceId: 'hall', source: 'config' });
    // The off-site activity has no space, so it stays out of the [spaceId+start] index.
    expect(occurrences.find((o) => o.activityId === 'walk')).not.toHaveProperty('spaceId');

    expect(await loadLastGoodSite(db)).toEqual({ site: config.site, levels: config.levels, themes: config.themes, mentors: [], achievements: [], playlists: [] });
    expect(await readMeta(db, 'configHash')).toBe(configHash(config));
    expect(await readMeta(db, 'configLoadedAt')).toBe(NOW);
    expect(await readMeta(db, 'configStatus')).toEqual({ ok: true, errors: [], warnings: [], at: NOW });
    expect(await readMeta(db, 'occurrenceWindow')).toEqual(result.window);
    // The audit log mirrors the hub's (numbered by the hub): seeding leaves it alone.
    expect(await db.auditLog.count()).toBe(0);
  });

  it('replaces config rows and keeps staff rows, imported rows and bookings', async () => {
    const db = newDb();
    await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand });
    await addStaffRows(db);

    const next = siteConfig({
      spaces: [space('hall', 120, 220)],
      activities: [activity('choir', 'hall', { title: { nl: 'Koor' } })],
    });
    const result = await seedFromConfig(db, next, { now: NOW, expand: dailyExpand });

    expect(result.skipped).toBe(false);
    expect((await db.spaces.toArray()).map((s) => s.id)).toEqual(['annex', 'hall']);
    expect((await db.spaces.get('hall'))?.at).toEqual({ x: 120, y: 220 });
    expect((await db.activities.toArray()).map((a) => [a.id, a.source])).toEqual([
      ['choir', 'config'],
      ['pop-up', 'staff'],
    ]);
    expect((await db.activities.get('choir'))?.title).toEqual({ nl: 'Koor' });
    expect(await db.organisations.get('guest-1')).toMatchObject({ source: 'import' });
    expect(await db.occurrences.where('activityId').anyOf('band', 'walk').count()).toBe(0);
    expect(await db.occurrences.get('pop-up@1')).toMatchObject({ source: 'staff' });
    expect(await db.bookings.get('b1')).toEqual(booking);
  });

  it('keeps the rows a feed brought in, sessions with their status, through every config reload', async () => {
    const db = newDb();
    await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand });
    const place = { name: 'C-Mine', address: 'C-Mine 10, 3600 Genk', geo: { lat: 50.9911, lon: 5.4983 } };
    const origin = { feed: 'uit-genk', kind: 'uitdatabank' as const, name: 'UiT in Genk', sourceId: 'https://io.uitdatabank.be/event/1' };
    await db.activities.add({ ...activity('uit-genk-1a2b', undefined, { place, origin, schedule: [] }), source: 'feed' });
    // A feed row with a config id (a clash the hub should prevent) shadows the config row, as staff rows do.
    await db.activities.put({ ...activity('walk', undefined, { place, origin, schedule: [] }), source: 'feed' });
    await db.occurrences.bulkAdd([
      { id: 'uit-genk-1a2b@1', activityId: 'uit-genk-1a2b', start: NOW + DAY_MS, end: NOW + DAY_MS + 3_600_000, status: 'cancelled', source: 'feed' },
      { id: 'uit-genk-1a2b@2', activityId: 'uit-genk-1a2b', start: NOW + 2 * DAY_MS, end: NOW + 2 * DAY_MS + 3_600_000, full: true, source: 'feed' },
    ]);

    const result = await seedFromConfig(db, siteConfig({ activities: [activity('choir', 'hall'), activity('walk', 'hall')] }), { now: NOW, expand: dailyExpand });

    expect(result.shadowedIds).toEqual(['walk']);
    expect(await db.activities.get('uit-genk-1a2b')).toMatchObject({ source: 'feed', place, origin });
    expect(await db.activities.get('walk')).toMatchObject({ source: 'feed' });
    expect((await db.occurrences.where('activityId').equals('uit-genk-1a2b').toArray()).map((o) => [o.status, o.full])).toEqual([
      ['cancelled', undefined],
      [undefined, true],
    ]);
  });

  it('never overwrites a staff row that uses a config id', async () => {
    const db = newDb();
    await db.activities.add({ ...activity('choir', 'hall', { title: { nl: 'Staff choir' } }), source: 'staff' });

    const result = await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand });

    expect(result.shadowedIds).toEqual(['choir']);
    expect(await db.activities.get('choir')).toMatchObject({ source: 'staff', title: { nl: 'Staff choir' } });
    expect(await db.occurrences.where('activityId').equals('choir').count()).toBe(0);
  });

  it('skips the rewrite on a restart with the same config and enough window left', async () => {
    const db = newDb();
    const config = siteConfig();
    await seedFromConfig(db, config, { now: NOW, expand: dailyExpand });
    await db.occurrences.clear(); // would be refilled by a real rewrite

    const soon = await seedFromConfig(db, config, { now: NOW + 6 * DAY_MS, expand: dailyExpand });
    expect(soon.skipped).toBe(true);
    expect(await db.occurrences.count()).toBe(0);
    expect(await readMeta(db, 'configLoadedAt')).toBe(NOW);

    // Fewer than 53 of the 60 days left: the window is extended.
    const later = await seedFromConfig(db, config, { now: NOW + 8 * DAY_MS, expand: dailyExpand });
    expect(later.skipped).toBe(false);
    expect(await db.occurrences.count()).toBe(later.occurrenceCount);
    expect(await readMeta(db, 'occurrenceWindow')).toEqual(occurrenceWindow(NOW + 8 * DAY_MS, 'Europe/Brussels'));
  });

  it('rewrites when the config changed, even right after a load', async () => {
    const db = newDb();
    await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand });
    const changed = siteConfig({ themes: [] });
    const result = await seedFromConfig(db, changed, { now: NOW + 1000, expand: dailyExpand });
    expect(result.skipped).toBe(false);
    expect((await loadLastGoodSite(db))?.themes).toEqual([]);
  });

  it('changes nothing when a write fails half-way', async () => {
    const db = newDb();
    await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand });
    const before = { activities: await db.activities.toArray(), occurrences: await db.occurrences.count() };

    // A function cannot be stored: the occurrence write fails after the deletes were issued.
    const unstorable = (): Occurrence[] => [{ activityId: 'band', start: NOW, end: NOW + 1, note: () => 0 } as Occurrence];
    await expect(seedFromConfig(db, siteConfig({ activities: [] }), { now: NOW, expand: unstorable })).rejects.toThrow();

    expect(await db.activities.toArray()).toEqual(before.activities);
    expect(await db.occurrences.count()).toBe(before.occurrences);
    expect(await readMeta(db, 'configHash')).toBe(configHash(siteConfig()));
  });

  it('stores what the real schedule expansion gives', async () => {
    const db = newDb();
    await seedFromConfig(db, siteConfig(), { now: NOW, expand: expandAll });
    const choir = await db.occurrences.where('activityId').equals('choir').toArray();
    expect(choir.length).toBeGreaterThan(0);
    expect(choir.every((o) => o.spaceId === 'hall' && o.end - o.start === 2 * 3_600_000)).toBe(true);
  });
});

describe('recordConfigFailure', () => {
  const errors: ConfigError[] = [{ file: 'activities.json', path: 'activities[0].space', message: 'Unknown space "hal".' }];

  it('records the errors and keeps serving the last good data', async () => {
    const db = newDb();
    const config = siteConfig();
    await seedFromConfig(db, config, { now: NOW, expand: dailyExpand });
    const activities = await db.activities.toArray();

    await recordConfigFailure(db, errors, NOW + 1000);

    expect(await readMeta(db, 'configStatus')).toEqual({ ok: false, errors, warnings: [], at: NOW + 1000 });
    expect(await db.activities.toArray()).toEqual(activities);
    expect(await loadLastGoodSite(db)).toEqual({ site: config.site, levels: config.levels, themes: config.themes, mentors: [], achievements: [], playlists: [] });
  });

  it('is reset to ok when the good config loads again, even if nothing is rewritten', async () => {
    const db = newDb();
    await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand });
    await recordConfigFailure(db, errors, NOW + 1000);

    const result = await seedFromConfig(db, siteConfig(), { now: NOW + 2000, expand: dailyExpand });

    expect(result.skipped).toBe(true);
    expect(await readMeta(db, 'configStatus')).toEqual({ ok: true, errors: [], warnings: [], at: NOW + 2000 });
  });

  it('leaves a first-run database without a site', async () => {
    const db = newDb();
    await recordConfigFailure(db, errors, NOW);
    expect(await loadLastGoodSite(db)).toBeUndefined();
    expect(await readMeta(db, 'configStatus')).toMatchObject({ ok: false });
  });
});

describe('isBundleCurrent', () => {
  const bundle = { source: 'site', files: { 'site.json': '{}', 'spaces.json': '{}', 'organisations.json': '{}', 'activities.json': '{}' } };

  it('is true only for the files that were last seeded, while their occurrences reach far enough ahead', async () => {
    const db = newDb();
    const hash = bundleHash(bundle);
    expect(await isBundleCurrent(db, hash, NOW)).toBe(false);

    await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand, bundleHash: hash });
    expect(await isBundleCurrent(db, hash, NOW)).toBe(true);
    expect(await isBundleCurrent(db, bundleHash({ ...bundle, files: { ...bundle.files, 'site.json': '{ }' } }), NOW)).toBe(false);
    // Weeks later the stored occurrences run out: seed again.
    expect(await isBundleCurrent(db, hash, NOW + 30 * DAY_MS)).toBe(false);
  });

  it('is false after a failed load, so the same good files are validated and marked ok again', async () => {
    const db = newDb();
    const hash = bundleHash(bundle);
    await seedFromConfig(db, siteConfig(), { now: NOW, expand: dailyExpand, bundleHash: hash });
    await recordConfigFailure(db, [{ file: 'site.json', path: '', message: 'broken' }], NOW);
    expect(await isBundleCurrent(db, hash, NOW)).toBe(false);
  });
});

describe('the learning ecosystem in the copy (issue 12)', () => {
  const bundle = { source: 'site', files: { 'site.json': '{}', 'spaces.json': '{}', 'organisations.json': '{}', 'activities.json': '{}' } };
  const playlist = { id: 'p', title: { nl: 'P' }, goal: { nl: 'G' }, organisation: 'org-a', steps: [{ activity: 'choir' }, { activity: 'band' }, { level: 'do-yourself' as const, theme: 'music' }] };
  const mentor = { id: 'm', firstName: 'Sofie', organisation: 'org-a', helpsWith: { nl: 'zingen' }, languages: ['nl'], findThem: { nl: 'woensdag' } };
  const achievement = { id: 'a', name: { nl: 'A' }, description: { nl: 'A' }, criteria: { nl: 'zingen' }, organisation: 'org-a', alignment: [] };

  it('keeps mentors, achievements and playlists with the site, so they work offline', async () => {
    const db = newDb();
    await seedFromConfig(db, siteConfig({ playlists: [playlist], mentors: [mentor], achievements: [achievement] }), { now: NOW, expand: dailyExpand });
    const stored = await loadLastGoodSite(db);
    expect(stored?.playlists).toEqual([playlist]);
    expect(stored?.mentors).toEqual([mentor]);
    expect(stored?.achievements).toEqual([achievement]);
  });

  it('takes a copy stored before them as not current, so the same files are stored again with them', async () => {
    const db = newDb();
    const hash = bundleHash(bundle);
    await seedFromConfig(db, siteConfig({ playlists: [playlist] }), { now: NOW, expand: dailyExpand, bundleHash: hash });
    expect(await isBundleCurrent(db, hash, NOW)).toBe(true);
    // What a kiosk of the version before wrote: the site without the learning fields.
    const { mentors: _m, achievements: _a, playlists: _p, ...old } = (await loadLastGoodSite(db))!;
    await db.meta.put(metaRow('site', old));
    expect(await isBundleCurrent(db, hash, NOW)).toBe(false);
    const again = await seedFromConfig(db, siteConfig({ playlists: [playlist] }), { now: NOW, expand: dailyExpand, bundleHash: hash });
    expect(again.skipped).toBe(false);
    expect((await loadLastGoodSite(db))?.playlists).toEqual([playlist]);
    expect(await isBundleCurrent(db, hash, NOW)).toBe(true);
  });
});
