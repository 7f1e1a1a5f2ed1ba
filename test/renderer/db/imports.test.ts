import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCatalogue } from '../../../src-renderer/core/catalogue';
import { compareWithExisting, readIcsOffer, type ImportContext, type ImportDefaults, type ImportPreview } from '../../../src-renderer/core/ical-import';
import type { Organisation } from '../../../src-renderer/core/model';
import { expandAll } from '../../../src-renderer/core/schedule';
import { listAudit } from '../../../src-renderer/db/audit';
import { exportBackup, restoreBackup } from '../../../src-renderer/db/backup';
import type { KioskDatabase } from '../../../src-renderer/db/database';
import { commitImport, ImportRefused, loadExistingImport } from '../../../src-renderer/db/imports';
import { seedFromConfig } from '../../../src-renderer/db/seed';
import { publishedCatalogue } from '../../../src-renderer/kiosk/staff/tools/tools-data';
import { freshDatabase, siteConfig } from './fixtures';

// Runs under whatever TZ the caller sets; checked under UTC, Europe/Brussels and America/New_York.
const NOW = Date.parse('2026-03-20T09:00:00Z');
const FROM = Date.parse('2026-03-19T23:00:00Z'); // the start of 20 March in Brussels
const partner: Organisation = { id: 'bib', name: 'Bib', kind: 'partner', description: {}, place: { name: 'Bib Genk', address: 'Stadsplein 1', geo: { lat: 50.96, lon: 5.5 } } };
const config = siteConfig({ organisations: [...siteConfig().organisations, partner] });
const context: ImportContext = { timeZone: 'Europe/Brussels', defaultLocale: 'nl', levels: config.levels, themes: config.themes, from: FROM, days: 60 };
const defaults: ImportDefaults = { organisation: partner, level: 'do-together', themes: ['music'], price: 'free', contentLocale: 'nl' };
const staff = { staff: 'Tester' } as const;

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function seeded(): Promise<KioskDatabase> {
  const db = freshDatabase();
  opened.push(db);
  await seedFromConfig(db, config, { now: NOW, expand: expandAll });
  return db;
}

function feed(events: { uid: string; summary: string; start: string; rrule?: string }[]): string {
  const lines = events.flatMap((event) => [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    'DTSTAMP:20260101T000000Z',
    `SUMMARY:${event.summary}`,
    `DTSTART;TZID=Europe/Brussels:${event.start}`,
    'DURATION:PT2H',
    ...(event.rrule ? [`RRULE:${event.rrule}`] : []),
    'END:VEVENT',
  ]);
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bib//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

const offer = feed([
  { uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T140000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' },
  { uid: 'quiz@bib', summary: 'Boekenquiz', start: '20260326T190000' },
]);

async function preview(db: KioskDatabase, text: string): Promise<ImportPreview> {
  const result = await readIcsOffer(text, defaults, context);
  if (!result.ok) throw new Error(result.error.message);
  return compareWithExisting(result.plan, await loadExistingImport(db, partner.id), partner.id, FROM);
}

/** Everything a test can compare before and after: every table's rows. */
async function snapshot(db: KioskDatabase): Promise<unknown> {
  const [activities, occurrences, auditLog] = await Promise.all([db.activities.toArray(), db.occurrences.toArray(), db.auditLog.toArray()]);
  return { activities, occurrences, auditLog };
}

describe('commitImport', () => {
  it('writes activities, occurrences and one audit entry, with source "import"', async () => {
    const db = await seeded();
    const first = await preview(db, offer);
    expect(first.counts).toEqual({ new: 2, updated: 0, unchanged: 0 });
    const result = await commitImport(db, first, partner.id, { actor: staff, at: NOW, source: 'bib.ics' });
    expect(result).toEqual({ counts: { new: 2, updated: 0, unchanged: 0 }, activities: 2, occurrences: 9, removed: 0 });

    const imported = await db.activities.where('source').equals('import').toArray();
    expect(imported.map((row) => row.title.nl).sort()).toEqual(['Boekenquiz', 'Voorleesuur']);
    expect(imported.every((row) => row.organiser === 'bib' && row.level === 'do-together' && row.place?.name === 'Bib Genk')).toBe(true);
    const occurrences = await db.occurrences.where('source').equals('import').toArray();
    expect(occurrences).toHaveLength(9);
    expect(occurrences.every((row) => row.spaceId === undefined && row.id === `${row.activityId}@${row.start}`)).toBe(true);
    // 14:00 in Brussels on both sides of 29 March.
    expect(occurrences.map((row) => row.start)).toEqual(expect.arrayContaining([Date.parse('2026-03-21T13:00:00Z'), Date.parse('2026-03-28T13:00:00Z'), Date.parse('2026-04-04T12:00:00Z')]));

    const [entry] = await listAudit(db, { entity: 'import' });
    expect(entry).toMatchObject({ actor: 'staff:Tester', entityId: 'bib', action: 'imported', detail: { source: 'bib.ics', events: 2, occurrences: 9 } });
  });

  it('updates instead of duplicating on re-import, and recognises an unchanged file', async () => {
    const db = await seeded();
    await commitImport(db, await preview(db, offer), partner.id, { actor: staff, at: NOW });
    const again = await preview(db, offer);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 2 });
    await commitImport(db, again, partner.id, { actor: staff, at: NOW + 1 });
    expect(await db.activities.where('source').equals('import').count()).toBe(2);
    expect(await db.occurrences.where('source').equals('import').count()).toBe(9);

    // The partner moves the story hour to 15:00 and renames the quiz.
    const changed = feed([
      { uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T150000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' },
      { uid: 'quiz@bib', summary: 'Grote boekenquiz', start: '20260326T190000' },
      { uid: 'new@bib', summary: 'Nieuw', start: '20260401T100000' },
    ]);
    const third = await preview(db, changed);
    expect(third.counts).toEqual({ new: 1, updated: 2, unchanged: 0 });
    await commitImport(db, third, partner.id, { actor: staff, at: NOW + 2 });
    expect(await db.activities.where('source').equals('import').count()).toBe(3);
    const stories = await db.occurrences.where('source').equals('import').filter((row) => row.start === Date.parse('2026-03-21T13:00:00Z')).count();
    expect(stories).toBe(0); // the old 14:00 dates are gone, not kept beside the new ones
    expect(await db.occurrences.where('source').equals('import').count()).toBe(10);
  });

  it('removes activities the file no longer holds only when asked', async () => {
    const db = await seeded();
    await commitImport(db, await preview(db, offer), partner.id, { actor: staff, at: NOW });
    const onlyStory = feed([{ uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T140000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' }]);
    const kept = await preview(db, onlyStory);
    expect(kept.missing).toHaveLength(1);
    await commitImport(db, kept, partner.id, { actor: staff, at: NOW });
    expect(await db.activities.where('source').equals('import').count()).toBe(2);
    const removed = await commitImport(db, await preview(db, onlyStory), partner.id, { actor: staff, at: NOW, removeMissing: true });
    expect(removed.removed).toBe(1);
    expect(await db.activities.where('source').equals('import').count()).toBe(1);
    expect(await db.occurrences.where('source').equals('import').count()).toBe(8);
  });

  it('changes nothing for a malformed file: there is nothing to commit', async () => {
    const db = await seeded();
    await commitImport(db, await preview(db, offer), partner.id, { actor: staff, at: NOW });
    const before = await snapshot(db);
    const result = await readIcsOffer('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY broken\r\n', defaults, context);
    expect(result).toMatchObject({ ok: false, error: { line: 5 } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls everything back when a write inside the transaction fails', async () => {
    const db = await seeded();
    await commitImport(db, await preview(db, offer), partner.id, { actor: staff, at: NOW });
    const before = await snapshot(db);
    const changed = await preview(db, feed([{ uid: 'story@bib', summary: 'Anders', start: '20260321T170000', rrule: 'FREQ=WEEKLY;COUNT=3' }, { uid: 'x@bib', summary: 'X', start: '20260322T100000' }]));
    // The last write of the transaction, the audit entry, fails: the activity and occurrence writes before it must go too.
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(commitImport(db, changed, partner.id, { actor: staff, at: NOW, removeMissing: true })).rejects.toThrow('disk full');
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses ids that belong to config or staff rows, writing nothing', async () => {
    const db = await seeded();
    const planned = await preview(db, offer);
    await db.activities.put({ ...planned.entries[0]!.activity, source: 'staff' });
    const before = await snapshot(db);
    await expect(commitImport(db, planned, partner.id, { actor: staff, at: NOW })).rejects.toThrow(ImportRefused);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('imported rows elsewhere', () => {
  it('survive a backup → restore round trip unchanged', async () => {
    const db = await seeded();
    await commitImport(db, await preview(db, offer), partner.id, { actor: staff, at: NOW });
    const backup = await exportBackup(db, NOW);
    expect(backup.counts.activities).toBe(2);
    const other = await seeded();
    const restored = await restoreBackup(other, JSON.parse(JSON.stringify(backup)) as unknown);
    expect(restored.ok).toBe(true);
    expect(await exportBackup(other, NOW)).toEqual(backup);
  });

  it('are published in the follow-up catalogue next to the config activities', async () => {
    const db = await seeded();
    await commitImport(db, await preview(db, offer), partner.id, { actor: staff, at: NOW });
    const site = (await db.meta.get('site'))!.value as { site: typeof config.site; levels: typeof config.levels; themes: typeof config.themes };
    const published = await publishedCatalogue(db, site, NOW, 30);
    const ids = published.activities.map((activity) => activity.id);
    expect(ids).toEqual(expect.arrayContaining(['choir', 'band', 'walk']));
    const imported = published.activities.findIndex((activity) => activity.title.nl === 'Voorleesuur');
    expect(imported).toBeGreaterThanOrEqual(0);
    expect(published.occurrences.filter(([index]) => index === imported)).toHaveLength(5);
    expect(published.organisations.map((organisation) => organisation.id)).toContain('bib');
    // It reads back as a valid catalogue, nothing dropped.
    expect(parseCatalogue(JSON.stringify(published))).toMatchObject({ ok: true, dropped: 0 });
  });
});
