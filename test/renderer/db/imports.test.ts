import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../../src-renderer/core/catalogue';
import { compareWithExisting, readIcsOffer, type ImportContext, type ImportDefaults, type ImportPreview } from '../../../src-renderer/core/ical-import';
import type { Organisation } from '../../../src-renderer/core/model';
import { expandAll } from '../../../src-renderer/core/schedule';
import { occurrenceId, type KioskDatabase } from '../../../src-renderer/db/database';
import { HubClient } from '../../../src-renderer/db/hub-client';
import { loadExistingImport } from '../../../src-renderer/db/imports';
import { seedFromConfig } from '../../../src-renderer/db/seed';
import { KioskStore } from '../../../src-renderer/db/store';
import { publishedCatalogue } from '../../../src-renderer/staff/tools/tools-data';
import { FakeHub, HUB_URL } from './fake-hub';
import { freshDatabase, siteConfig } from './fixtures';

// Runs under whatever TZ the caller sets; checked under UTC, Europe/Brussels and America/New_York.
const NOW = Date.parse('2026-03-20T09:00:00Z');
const FROM = Date.parse('2026-03-19T23:00:00Z'); // the start of 20 March in Brussels
const partner: Organisation = { id: 'bib', name: 'Bib', kind: 'partner', description: {}, place: { name: 'Bib Genk', address: 'Stadsplein 1', geo: { lat: 50.96, lon: 5.5 } } };
const config = siteConfig({ organisations: [...siteConfig().organisations, partner] });
const context: ImportContext = { timeZone: 'Europe/Brussels', defaultLocale: 'nl', levels: config.levels, themes: config.themes, from: FROM, days: 60 };
const defaults: ImportDefaults = { organisation: partner, level: 'do-together', themes: ['music'], price: 'free', contentLocale: 'nl' };

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

/**
 * The rows the hub writes for an import (and the change stream brings into the copy): each activity
 * with source 'import' replacing its earlier occurrences. The import itself is the hub's, tested there.
 */
async function landImport(db: KioskDatabase, planned: ImportPreview): Promise<void> {
  const ids = planned.entries.map((entry) => entry.activity.id);
  await db.occurrences.where('activityId').anyOf(ids).delete();
  await db.activities.bulkPut(planned.entries.map((entry) => ({ ...entry.activity, source: 'import' as const })));
  await db.occurrences.bulkPut(
    planned.entries.flatMap((entry) =>
      entry.occurrences.map((occurrence) => ({ ...occurrence, id: occurrenceId(occurrence.activityId, occurrence.start), source: 'import' as const })),
    ),
  );
}

describe('an import preview against the copy', () => {
  it('sees what an earlier import of the partner left: unchanged, updated, new and missing', async () => {
    const db = await seeded();
    const first = await preview(db, offer);
    expect(first.counts).toEqual({ new: 2, updated: 0, unchanged: 0 });
    await landImport(db, first);
    const existing = await loadExistingImport(db, partner.id);
    expect(existing.activities.map((activity) => activity.title.nl).sort()).toEqual(['Boekenquiz', 'Voorleesuur']);
    expect(existing.activities.every((activity) => !('source' in activity))).toBe(true);
    expect(existing.occurrences).toHaveLength(9);
    expect(await loadExistingImport(db, 'org-a')).toEqual({ activities: [], occurrences: [] });

    expect((await preview(db, offer)).counts).toEqual({ new: 0, updated: 0, unchanged: 2 });
    // The partner moves the story hour to 15:00, renames the quiz, adds one and drops none.
    const changed = feed([
      { uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T150000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' },
      { uid: 'quiz@bib', summary: 'Grote boekenquiz', start: '20260326T190000' },
      { uid: 'new@bib', summary: 'Nieuw', start: '20260401T100000' },
    ]);
    expect((await preview(db, changed)).counts).toEqual({ new: 1, updated: 2, unchanged: 0 });
    const onlyStory = feed([{ uid: 'story@bib', summary: 'Voorleesuur', start: '20260321T140000', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' }]);
    expect((await preview(db, onlyStory)).missing.map((activity) => activity.title.nl)).toEqual(['Boekenquiz']);
  });
});

describe('imported rows elsewhere', () => {
  it('are published in the follow-up catalogue next to the config activities', async () => {
    const db = await seeded();
    await landImport(db, await preview(db, offer));
    const site = (await db.meta.get('site'))!.value as { site: typeof config.site; levels: typeof config.levels; themes: typeof config.themes };
    const store = new KioskStore(db, new HubClient({ baseUrl: HUB_URL, fetch: new FakeHub().fetch }));
    const published = await publishedCatalogue(store, site, NOW, 30);
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
