// What the feeds-out tests share: the test site with an address, a city map, an off-site partner
// activity with a hostile title, a partner's iCal offer to import, a feed's rows written the way a
// feed read writes them, and the hub app around a test hub.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createHubApp } from '../../src-hub/http/app';
import { appendChanges, type RowChange } from '../../src-hub/db/changes';
import { putActivities, putOccurrences } from '../../src-hub/db/imports';
import type { Sql } from '../../src-hub/db/sql';
import type { HubService } from '../../src-hub/service';
import type { ActivityRow, OccurrenceRow } from '../../src-renderer/core/rows';
import { at } from '../renderer/core/booking/fixtures';
import { key } from './harness';
import { silentLog, type Folders } from './http-fakes';
import { siteFiles } from './site';

export const HOSTILE = 'Lezen </script><script>alert(1)</script> & "samen" <!--';
export const staff = { staff: 'An' };

/** The test site plus what the feeds publish: an address, a map, and a weekly partner activity off site. */
export function feedsSite(files: ReturnType<typeof siteFiles>): void {
  Object.assign(files.site, { address: 'Vennestraat 1, 3600 Genk', postalCode: '3600' });
  (files.site['map'] as Record<string, unknown>)['geo'] = { center: { lat: 50.97, lon: 5.49 }, zoom: 15 };
  (files.activities['activities'] as unknown[]).push({
    id: 'reading',
    title: { nl: HOSTILE, en: 'Reading together' },
    summary: { nl: 'Samen lezen <b>vet</b>' },
    level: 'see-do',
    themes: ['relaxation'],
    organiser: 'bib',
    schedule: [{ start: '2026-03-25T14:00', end: '2026-03-25T15:30', rrule: 'FREQ=WEEKLY;COUNT=4' }],
    price: { kind: 'paid', amount: 3 },
    ages: { min: 6, max: 12 },
  });
}

/** Writes the site folder again with `change` applied (the hub follows the folder). */
export async function rewriteSite(siteDir: string, change: (files: ReturnType<typeof siteFiles>) => void): Promise<void> {
  const files = siteFiles();
  feedsSite(files);
  change(files);
  const names = { site: 'site.json', spaces: 'spaces.json', organisations: 'organisations.json', activities: 'activities.json' } as const;
  for (const [name, file] of Object.entries(names)) await writeFile(join(siteDir, file), JSON.stringify(files[name as keyof typeof names], null, 2));
}

/** Waits (on the hub's own notice, never a fixed time) until the hub serves a config other than `version`. */
export async function configChanged(hub: HubService, version: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const position = await hub.position();
    if (position.configVersion !== version) return;
    await hub.waitForChange(position.seq, position.configVersion, 100);
  }
  throw new Error('the hub never loaded the changed site folder');
}

function vevent(uid: string, summary: string, start: string, minutes: number, rrule?: string): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `SUMMARY:${summary}`, `DTSTART;TZID=Europe/Brussels:${start}`, `DURATION:PT${minutes}M`, ...(rrule ? [`RRULE:${rrule}`] : []), 'END:VEVENT'];
}

/** The library's offer: a weekly story hour (three Saturdays from 28 March) and, unless left out, a quiz. */
export function libraryIcs(withQuiz = true): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Bib//EN',
    ...vevent('story@bib', 'Voorleesuur', '20260328T140000', 120, 'FREQ=WEEKLY;COUNT=3'),
    ...(withQuiz ? vevent('quiz@bib', 'Quiz', '20260402T190000', 90) : []),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export function importLibrary(hub: HubService, withQuiz = true) {
  return hub.importOffer({ idempotencyKey: key(), organisationId: 'bib', level: 'see-do', themes: ['relaxation'], price: 'free', contentLocale: 'nl', ics: libraryIcs(withQuiz), removeMissing: true, by: staff });
}

/** The id of the imported activity whose title is `title`. */
export async function importedId(sql: Sql, title: string): Promise<string> {
  const { rows } = await sql.query<{ id: string }>("SELECT id FROM activities WHERE source = 'import' AND row->'title'->>'nl' = $1", [title]);
  if (!rows[0]) throw new Error(`no imported activity "${title}"`);
  return rows[0].id;
}

/**
 * Hub options for tests that write feed rows themselves (storeRows): the feed runner stays off, or its
 * first tick — which may land at any moment on a busy machine — would rebuild the feed rows from the
 * configured feeds and remove the stored ones, which no configured feed brought in.
 */
export const STORED_FEED_ROWS = { feeds: { autoStart: false } } as const;

/** Rows written as a feed read writes them: stored, and numbered in the change stream. */
export async function storeRows(sql: Sql, now: number, rows: { activities?: ActivityRow[]; occurrences?: OccurrenceRow[] }): Promise<void> {
  const activities = rows.activities ?? [];
  const occurrences = rows.occurrences ?? [];
  await sql.transaction(async (tx) => {
    await putActivities(tx, activities);
    await putOccurrences(tx, occurrences);
    const changes: RowChange[] = [
      ...activities.map((row): RowChange => ({ table: 'activities', op: 'put', key: row.id, row })),
      ...occurrences.map((row): RowChange => ({ table: 'occurrences', op: 'put', key: row.id, row })),
    ];
    await appendChanges(tx, now, { audit: [], changes, idempotencyKey: undefined }, () => undefined);
  });
}

/** A UiT-style feed item at the library's address: someone else's offer, one session cancelled. */
export function feedRows(): { activities: ActivityRow[]; occurrences: OccurrenceRow[] } {
  const activity: ActivityRow = {
    id: 'uit-3f2a9c',
    title: { nl: 'Stadswandeling' },
    summary: { nl: 'Wandelen door Genk' },
    description: {},
    level: 'see-do',
    themes: ['relaxation'],
    organiser: 'bib',
    place: { name: 'Stadhuis', address: 'Stadsplein 1, 3600 Genk', geo: { lat: 50.965, lon: 5.5 } },
    schedule: [],
    ages: { min: 0 },
    price: { kind: 'free' },
    languages: ['nl'],
    registration: 'walk-in',
    badges: [],
    nextSteps: [],
    origin: { feed: 'uit', kind: 'uitdatabank', name: 'UiT in Genk', url: 'https://www.uitinvlaanderen.be/agenda/e/x', sourceId: 'https://io.uitdatabank.be/event/x' },
    source: 'feed',
  };
  const session = (start: string, status?: 'cancelled'): OccurrenceRow => ({
    id: `${activity.id}@${at(start)}`,
    activityId: activity.id,
    start: at(start),
    end: at(start) + 2 * 3_600_000,
    source: 'feed',
    ...(status ? { status } : {}),
  });
  return { activities: [activity], occurrences: [session('2026-03-27T10:00'), session('2026-04-03T10:00', 'cancelled')] };
}

export function appFor(hub: HubService, siteDir: string, folders: Folders, now: () => number): Hono {
  return createHubApp({ service: () => hub, rendererDir: folders.renderer, followDir: folders.follow, siteDir: () => siteDir, log: silentLog(), now });
}
