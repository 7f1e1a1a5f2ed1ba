// The OpenActive RPDE feeds on the real store, on both engines, read by a feed reader written here:
// it walks from the first page to the end following `next`, checks the (modified, id) order, and
// after changes in the store and the config continues from its last `next` and must see exactly what
// changed — updates, and deleted items for what is gone. The items' data is checked against the
// shapes of OpenActive's own examples (../shared/openactive, beside the repository).
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OccurrenceRow } from '../../src-renderer/core/rows';
import { at } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT } from './harness';
import { appFor, configChanged, feedRows, feedsSite, importedId, importLibrary, rewriteSite, STORED_FEED_ROWS, storeRows } from './feeds-out-site';
import { makeFolders, type Folders } from './http-fakes';

const EXAMPLES_DIR = resolve(import.meta.dirname, '../../../shared/openactive');
const examplesPresent = existsSync(EXAMPLES_DIR);
if (!examplesPresent) console.warn(`feeds-out-rpde.test.ts: the shape checks against OpenActive's examples are skipped, no folder at ${EXAMPLES_DIR} (the shared examples sit beside the repository)`);

let folders: Folders;
beforeAll(async () => {
  folders = await makeFolders();
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

type Data = Record<string, unknown>;
interface RpdeItem {
  state: 'updated' | 'deleted';
  kind: string;
  id: string;
  modified: number;
  data?: Data;
}

const FEEDS = ['session-series', 'scheduled-sessions', 'facility-uses', 'facility-use-slots'] as const;
type Feed = (typeof FEEDS)[number];

/**
 * The properties each kind must carry (OpenActive Modelling Specification 2.0, as the validator asks
 * for them), and the example whose first item shows their shape.
 */
const REQUIRED: Record<Feed, { kind: string; example: string; properties: string[] }> = {
  'session-series': { kind: 'SessionSeries', example: 'sessionseries_example_1.json', properties: ['@context', '@type', '@id', 'identifier', 'name', 'organizer', 'location', 'activity', 'ageRange', 'offers', 'url'] },
  'scheduled-sessions': {
    kind: 'ScheduledSession',
    example: 'scheduledsession_example_1.json',
    properties: ['@context', '@type', '@id', 'name', 'startDate', 'endDate', 'duration', 'eventStatus', 'superEvent'],
  },
  'facility-uses': { kind: 'FacilityUse', example: 'facilityuse_example_1.json', properties: ['@context', '@type', '@id', 'name', 'provider', 'location', 'hoursAvailable'] },
  'facility-use-slots': { kind: 'FacilityUse/Slot', example: 'slot_example_1.json', properties: ['@context', '@type', '@id', 'facilityUse', 'startDate', 'endDate', 'duration', 'remainingUses', 'maximumUses'] },
};

/** A value's shape: its JSON type, and for an object its @type. */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `array of ${value.length > 0 ? shapeOf(value[0]) : 'nothing'}`;
  if (value && typeof value === 'object') return `object ${String((value as Data)['@type'] ?? '')}`;
  return typeof value;
}

function expectOpenActive(feed: Feed, item: RpdeItem): void {
  const { kind, example, properties } = REQUIRED[feed];
  const what = `${feed} ${item.id}`;
  expect(item.kind, what).toBe(kind);
  const data = item.data!;
  expect(data['@context'], what).toBe('https://openactive.io/');
  expect(data['@type'], what).toBe(kind.split('/').at(-1));
  expect(String(data['@id']), what).toMatch(/^http:\/\/localhost\//);
  for (const property of properties) expect(data[property], `${what}: ${property}`).toBeDefined();
  for (const date of ['startDate', 'endDate']) if (date in data) expect(String(data[date]), what).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  if ('duration' in data) expect(String(data['duration']), what).toMatch(/^PT(\d+H)?(\d+M)?$/);
  const location = data['location'] as Data | undefined;
  if (location) {
    expect(location['@type'], what).toBe('Place');
    expect(shapeOf(location['geo']), what).toBe('object GeoCoordinates');
  }
  if (!examplesPresent) return;
  const sample = (JSON.parse(readFileSync(resolve(EXAMPLES_DIR, example), 'utf8')) as { items: RpdeItem[] }).items[0]!;
  expect(Object.keys(item).sort(), what).toEqual(Object.keys(sample).sort());
  for (const property of properties) {
    if (property === '@context') continue; // a string or a list of them: both forms are allowed
    expect(sample.data![property], `${example} has ${property}`).toBeDefined();
    const ours = shapeOf(data[property]);
    const theirs = shapeOf(sample.data![property]);
    // A reference may be a URL or the object itself (superEvent, facilityUse); numbers are numbers.
    if (ours === 'string' && theirs.startsWith('object')) continue;
    expect(ours, `${what}: ${property}`).toBe(theirs);
  }
}

/** A feed reader: from `url` to the end of the feed, following `next`, in (modified, id) order. */
async function readOn(app: Hono, url: string): Promise<{ items: RpdeItem[]; next: string }> {
  const items: RpdeItem[] = [];
  let next = url;
  let previous: RpdeItem | undefined;
  for (let page = 0; page < 100; page++) {
    const response = await app.request(next);
    expect(response.status, next).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const body = (await response.json()) as { next: string; items: RpdeItem[]; license: string };
    expect(Object.keys(body).sort()).toEqual(['items', 'license', 'next']);
    expect(body.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    for (const item of body.items) {
      if (previous) expect(item.modified > previous.modified || (item.modified === previous.modified && item.id > previous.id), `${item.id} after ${previous.id}`).toBe(true);
      expect(Number.isInteger(item.modified)).toBe(true);
      if (item.state === 'deleted') expect(item.data).toBeUndefined();
      else expect(item.state).toBe('updated');
      previous = item;
      items.push(item);
    }
    // The last page is empty and points at itself.
    if (body.items.length === 0) {
      expect(body.next).toBe(new URL(next, 'http://localhost').href);
      return { items, next: body.next };
    }
    next = body.next;
  }
  throw new Error('the feed never ended');
}

/** What a reader knows after applying `items` in order to `known`. */
function apply(known: ReadonlyMap<string, string>, items: readonly RpdeItem[]): Map<string, string> {
  const state = new Map(known);
  for (const item of items) state.set(item.id, JSON.stringify({ state: item.state, data: item.data }));
  return state;
}

describeEngines('feeds out: OpenActive', (harness) => {
  it('walks every feed to the end, and a reader continuing from its last next sees exactly the changes', { timeout: TEST_TIMEOUT * 2 }, async () => {
    const { hub, sql, clock, siteDir } = await harness.open({ change: feedsSite, hub: STORED_FEED_ROWS });
    await importLibrary(hub);
    await storeRows(sql, clock.now, feedRows());
    const app = appFor(hub, siteDir, folders, () => clock.now);

    const first = new Map<Feed, { items: RpdeItem[]; next: string; known: Map<string, string> }>();
    for (const feed of FEEDS) {
      const read = await readOn(app, `/openactive/${feed}`);
      for (const item of read.items) expectOpenActive(feed, item);
      first.set(feed, { ...read, known: apply(new Map(), read.items) });
    }
    const story = await importedId(sql, 'Voorleesuur');
    const quiz = await importedId(sql, 'Quiz');
    const ids = (feed: Feed) => first.get(feed)!.items.map((item) => item.id);

    // The site's own offer, never the feed's item; the two bookable-by-visitors spaces and the rest, not the hall.
    expect(ids('session-series').sort()).toEqual(['band', 'choir', quiz, 'reading', story].sort());
    expect(ids('scheduled-sessions').some((id) => id.startsWith('uit-'))).toBe(false);
    expect(ids('scheduled-sessions')).toEqual(expect.arrayContaining([`choir@${at('2026-03-26T18:00')}`, `band@${at('2026-03-28T10:00')}`, `band@${at('2026-04-04T10:00')}`, `${quiz}@${at('2026-04-02T19:00')}`]));
    expect(ids('facility-uses').sort()).toEqual(['benches', 'cleaning-room', 'practice-1', 'practice-2', 'studio']);
    // Two weeks of free slots: more than one page of them.
    expect(ids('facility-use-slots').length).toBeGreaterThan(500);
    expect(ids('facility-use-slots')).toContain('practice-1/2026-03-24T18:00:00.000Z');

    const session = (id: string) => first.get('scheduled-sessions')!.items.find((item) => item.id === id)!.data!;
    // The band at 10:00 on both sides of the DST change, with the offset of each day.
    expect(session(`band@${at('2026-03-28T10:00')}`)).toMatchObject({ startDate: '2026-03-28T10:00:00+01:00', endDate: '2026-03-28T12:00:00+01:00', duration: 'PT2H', superEvent: 'http://localhost/activity/band' });
    expect(session(`band@${at('2026-04-04T10:00')}`)).toMatchObject({ startDate: '2026-04-04T10:00:00+02:00', eventStatus: 'https://schema.org/EventScheduled' });
    const reading = first.get('session-series')!.items.find((item) => item.id === 'reading')!.data!;
    expect(reading).toMatchObject({ location: { name: 'Bib Genk', geo: { latitude: 50.96, longitude: 5.5 } }, offers: [{ price: 3, priceCurrency: 'EUR' }], ageRange: { minValue: 6, maxValue: 12 } });

    // Read again from the top: nothing changed, the same items in the same places.
    for (const feed of FEEDS) expect((await readOn(app, `/openactive/${feed}`)).items).toEqual(first.get(feed)!.items);

    // Changes: the partner drops the quiz, a story session is cancelled, the choir moves an hour
    // (a config reload), a visitor books practice-1, and the feed's item changes (never published).
    await importLibrary(hub, false);
    const storySession = (await sql.query<{ row: OccurrenceRow }>('SELECT row FROM occurrences WHERE activity_id = $1 ORDER BY start_ms LIMIT 1', [story])).rows[0]!.row;
    await storeRows(sql, clock.now, { occurrences: [{ ...storySession, status: 'cancelled' }] });
    const { configVersion } = await hub.position();
    await rewriteSite(siteDir, (files) => {
      const choir = (files.activities['activities'] as { id: string; schedule: unknown }[]).find((activity) => activity.id === 'choir')!;
      choir.schedule = [{ start: '2026-03-26T19:00', end: '2026-03-26T21:00' }];
    });
    await configChanged(hub, configVersion);
    await hub.createBooking({ idempotencyKey: key(), spaceId: 'practice-1', start: at('2026-03-24T19:00'), end: at('2026-03-24T20:00'), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk' });
    const feed = feedRows();
    await storeRows(sql, clock.now, { activities: feed.activities.map((activity) => ({ ...activity, title: { nl: 'Andere wandeling' } })) });

    const seen = new Map<Feed, RpdeItem[]>();
    for (const feedName of FEEDS) {
      const before = first.get(feedName)!;
      const continued = await readOn(app, before.next);
      const fresh = await readOn(app, `/openactive/${feedName}`);
      const after = apply(new Map(), fresh.items);
      // Exactly the items whose state differs, and applying them brings the reader to the fresh state.
      const differing = [...new Set([...before.known.keys(), ...after.keys()])].filter((id) => before.known.get(id) !== after.get(id)).sort();
      expect(continued.items.map((item) => item.id).sort(), feedName).toEqual(differing);
      expect(apply(before.known, continued.items), feedName).toEqual(after);
      const lastBefore = before.items.at(-1)!;
      for (const item of continued.items) expect(item.modified, feedName).toBeGreaterThan(lastBefore.modified);
      for (const item of continued.items) if (item.state === 'updated') expectOpenActive(feedName, item);
      seen.set(feedName, continued.items);
    }
    const change = (feedName: Feed, id: string) => seen.get(feedName)!.find((item) => item.id === id);
    expect(change('session-series', quiz)?.state).toBe('deleted');
    expect(seen.get('session-series')!.map((item) => item.id)).toEqual([quiz]);
    expect(change('scheduled-sessions', `${quiz}@${at('2026-04-02T19:00')}`)?.state).toBe('deleted');
    expect(change('scheduled-sessions', `choir@${at('2026-03-26T18:00')}`)?.state).toBe('deleted');
    expect(change('scheduled-sessions', `choir@${at('2026-03-26T19:00')}`)?.data).toMatchObject({ startDate: '2026-03-26T19:00:00+01:00', eventStatus: 'https://schema.org/EventScheduled' });
    expect(change('scheduled-sessions', storySession.id)?.data).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled' });
    expect(seen.get('scheduled-sessions')).toHaveLength(4);
    expect(seen.get('facility-uses')).toEqual([]);
    // The booked hour's slots are gone (19:00 and 19:30 Brussels time on 24 March).
    expect(change('facility-use-slots', 'practice-1/2026-03-24T18:00:00.000Z')?.state).toBe('deleted');
    expect(change('facility-use-slots', 'practice-1/2026-03-24T18:30:00.000Z')?.state).toBe('deleted');
    // The choir's move (with the space's 10-minute buffer) frees 18:00 on 26 March and takes 20:30 and
    // 21:00; nothing else in any space changed.
    expect(change('facility-use-slots', 'practice-1/2026-03-26T17:00:00.000Z')?.state).toBe('updated');
    expect(change('facility-use-slots', 'practice-1/2026-03-26T19:30:00.000Z')?.state).toBe('deleted');
    expect(change('facility-use-slots', 'practice-1/2026-03-26T20:00:00.000Z')?.state).toBe('deleted');
    expect(seen.get('facility-use-slots')!.every((item) => /^practice-1\/2026-03-2[46]T/.test(item.id))).toBe(true);
  });

  it('refuses a half cursor and an unknown feed with a reason', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock, siteDir } = await harness.open({ change: feedsSite, hub: STORED_FEED_ROWS });
    const app = appFor(hub, siteDir, folders, () => clock.now);
    for (const [path, status, message] of [
      ['/openactive/session-series?afterTimestamp=5', 400, 'afterTimestamp and afterId together'],
      ['/openactive/session-series?afterTimestamp=soon&afterId=x', 400, 'whole number'],
      ['/openactive/courses', 404, 'no OpenActive feed "courses"'],
    ] as const) {
      const response = await app.request(path);
      expect(response.status, path).toBe(status);
      expect(await response.text(), path).toContain(message);
    }
  });
});
