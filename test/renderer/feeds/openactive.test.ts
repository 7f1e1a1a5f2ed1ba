// The OpenActive reader against OpenActive's own examples (../shared/openactive, see its SOURCES.md;
// read from there, never copied here) and against variations of them: what RPDE paging, merging and
// deleting do, and what each kind of opportunity becomes. The wall-clock times below are worked out
// by hand from each example's offsets (Europe/London or UTC in the data, Europe/Brussels on the kiosk).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareModified,
  feedActivityId,
  isLastPage,
  mergeRpdeItems,
  nextPageUrl,
  plainText,
  readOpenActive,
  readOpenActiveDocument,
  readRpdePage,
  rpdeItemMap,
  type RpdeItem,
  type RpdePage,
} from '../../../src-renderer/core/feeds/openactive';
import type { FeedReadContext } from '../../../src-renderer/core/feeds/types';
import type { FeedConfig, Level, LevelId, Organisation } from '../../../src-renderer/core/model';
import { instantToLocal } from '../../../src-renderer/core/schedule';

const EXAMPLES_DIR = resolve(import.meta.dirname, '../../../../shared/openactive');
const present = existsSync(EXAMPLES_DIR);
if (!present) console.warn(`openactive.test.ts: example tests skipped, no folder at ${EXAMPLES_DIR} (the shared OpenActive examples sit beside the repository)`);

const ZONE = 'Europe/Brussels';
const partner: Organisation = { id: 'sport-genk', name: 'Sport Genk', kind: 'partner', description: {} };
const level = (id: LevelId): Level => ({ id, name: { nl: id }, description: {}, color: '#000000', shape: 'circle' });
const feed = (extra: Partial<FeedConfig> = {}): FeedConfig => ({
  id: 'oa-sport',
  kind: 'openactive',
  name: 'Sport in de buurt',
  url: 'https://feeds.example.org/rpde/sessions',
  apiKeyEnv: 'UITDATABANK_API_KEY',
  refreshMinutes: 60,
  organisation: 'sport-genk',
  level: 'see-do',
  themes: [],
  terms: {},
  days: 90,
  ...extra,
});
const context = (from: string, days = 60, feedExtra: Partial<FeedConfig> = {}): FeedReadContext => ({
  feed: feed(feedExtra),
  organisation: partner,
  timeZone: ZONE,
  defaultLocale: 'nl',
  levels: { 'see-do': level('see-do'), 'do-together': level('do-together'), 'do-yourself': level('do-yourself') },
  themes: [
    { id: 'nature', name: { nl: 'Natuur' }, icon: '🌳', color: '#00aa00' },
    { id: 'relaxation', name: { nl: 'Ontspanning' }, icon: '🧘', color: '#0000aa' },
  ],
  from: Date.parse(`${from}T00:00:00Z`),
  days,
});

function example(file: string): unknown {
  return JSON.parse(readFileSync(resolve(EXAMPLES_DIR, file), 'utf8'));
}

function page(json: unknown): RpdePage {
  const result = readRpdePage(json);
  if (!result.ok) throw new Error(result.error);
  return result.page;
}

/** The merged items of several example pages, in order. */
function merged(...files: string[]): RpdeItem[] {
  let items = new Map<string, RpdeItem>();
  for (const file of files) items = mergeRpdeItems(items, page(example(file)));
  return [...items.values()];
}

/** A saved export: an RPDE page, or a bare opportunity (the tutorials). */
function documentItems(file: string): RpdeItem[] {
  const result = readOpenActiveDocument(example(file));
  if (!result.ok) throw new Error(result.error);
  return result.items;
}

/** Occurrences as "YYYY-MM-DDTHH:mm–HH:mm" in Brussels wall-clock time, with their status and fullness. */
function wallClock(read: ReturnType<typeof readOpenActive>, index = 0): string[] {
  return (read.activities[index]?.occurrences ?? []).map(
    (o) => `${instantToLocal(o.start, ZONE)}–${instantToLocal(o.end, ZONE).slice(11)}${o.status ? ` ${o.status}` : ''}${o.full ? ' full' : ''}`,
  );
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe.runIf(present)('the OpenActive examples', () => {
  it('accounts for every example file: each one is read here', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json') && file !== 'example_list.json');
    const covered = [
      'sessionseries_example_1.json',
      'scheduledsession_example_1.json',
      'sessionseries-split_example_1.json',
      'scheduledsession-split_example_1.json',
      'sessionseries-eventseries-split_example_1.json',
      'sessionseries-split-virtual_example_1.json',
      'scheduledsession-split-virtual_example_1.json',
      'facilityuse_example_1.json',
      'slot_example_1.json',
      'courseinstance_example_1.json',
      'courseinstance_event_example_1.json',
      'event_example_1.json',
      'event_eventseries_example_1.json',
      'ondemandevent_example_1.json',
      'place_example_1.json',
      'tutorials--describing-events--part-one-finished.json',
      'tutorials--describing-events--part-two-finished.json',
    ];
    expect(files.sort()).toEqual([...covered].sort());
    for (const file of files.filter((name) => !name.startsWith('tutorials'))) expect(readRpdePage(example(file)).ok, file).toBe(true);
    for (const file of files) expect(readOpenActiveDocument(example(file)).ok, file).toBe(true);
  });

  it('a SessionSeries with embedded sessions: one activity, its sessions in Brussels time, age, price, place, organiser', () => {
    const read = readOpenActive(merged('sessionseries_example_1.json'), context('2018-10-01'));
    expect(read.problems).toEqual([]);
    expect(read.items).toBe(1);
    expect(read.activities).toHaveLength(1);
    const { activity, uid } = read.activities[0]!;
    expect(activity.title).toEqual({ nl: 'Virtual BODYPUMP' });
    expect(activity.description.nl).toMatch(/^This is the virtual version of the original barbell class/);
    // 19:15Z in October 2018 is 21:15 CEST.
    expect(wallClock(read)).toEqual(['2018-10-02T21:15–21:45', '2018-10-09T21:15–21:45']);
    expect(read.activities[0]!.occurrences[0]!.start).toBe(Date.parse('2018-10-02T19:15:00Z'));
    expect(activity.schedule.map((entry) => entry.start)).toEqual(['2018-10-02T21:15', '2018-10-09T21:15']);
    expect(activity.ages).toEqual({ min: 16 });
    expect(activity.price).toEqual({ kind: 'paid', amount: 3.3 });
    expect(activity.level).toBe('do-together');
    expect(activity.place).toEqual({ name: 'Middlesbrough Sports Village', address: 'Alan Peacock Way, TS4 3AE Village East', geo: { lat: 54.543964, lon: -1.20978500000001 } });
    expect(activity.organiser).toBe('sport-genk');
    expect(activity.origin).toEqual({
      feed: 'oa-sport',
      kind: 'openactive',
      name: 'Sport in de buurt',
      url: 'https://profile.everyoneactive.com/booking?Site=0140&Activities=1402CBP20150217&Culture=en-GB',
      organizer: 'Everyone Active',
      bookingUrl: 'https://profile.everyoneactive.com/booking?Site=0140&Activities=1402CBP20150217&Culture=en-GB',
      sourceId: 'https://example.com/api/session-series/1402CBP20150217',
    });
    expect(uid).toBe('https://example.com/api/session-series/1402CBP20150217');
    expect(activity.id).toBe(feedActivityId('oa-sport', uid));
    expect(activity.id).toMatch(/^oa-sport-[0-9a-f]{16}$/);
  });

  it('a ScheduledSession with its SessionSeries embedded: the series gives title and place, the session its time', () => {
    const read = readOpenActive(merged('scheduledsession_example_1.json'), context('2018-10-01'));
    expect(read.problems).toEqual([]);
    const { activity } = read.activities[0]!;
    expect(activity.title.nl).toBe('Virtual BODYPUMP');
    // 20:15+01:00 is 19:15Z, 21:15 in Brussels (CEST).
    expect(wallClock(read)).toEqual(['2018-10-03T21:15–22:15']);
    expect(activity.origin?.organizer).toBe('Better');
    expect(activity.origin?.sourceId).toBe('https://opensessions.io/api/session-series/1402CBP20150217');
  });

  it('a split SessionSeries alone is fine but has no sessions (a PartialSchedule only summarises them)', () => {
    const read = readOpenActive(merged('sessionseries-split_example_1.json'), context('2018-10-01'));
    expect(read).toMatchObject({ activities: [], problems: [], outside: 1, items: 1 });
  });

  it('a split ScheduledSession without its series is a problem until the series arrives', () => {
    const alone = readOpenActive(merged('scheduledsession-split_example_1.json'), context('2016-05-01'));
    expect(alone.activities).toEqual([]);
    expect(alone.problems).toEqual([{ id: 'https://opensessions.io/api/session-series/1402CBP20150217', message: 'a session refers to https://opensessions.io/api/session-series/1402CBP20150217, which is not in the feed (yet).' }]);

    const together = readOpenActive(merged('scheduledsession-split_example_1.json', 'sessionseries-split_example_1.json'), context('2016-05-01'));
    expect(together.problems).toEqual([]);
    expect(together.activities).toHaveLength(1);
    expect(together.activities[0]!.activity.title.nl).toBe('Virtual BODYPUMP');
    // 18:15Z in May 2016 is 20:15 CEST; remainingAttendeeCapacity 0.
    expect(wallClock(together)).toEqual(['2016-05-09T20:15–21:15 full']);
    expect(together.activities[0]!.activity.origin?.url).toBe('https://profile.everyoneactive.com/booking?Site=0140&Activities=1402CBP20150217&Culture=en-GB');
  });

  it('a SessionSeries inherits age and organiser from its embedded EventSeries', () => {
    const read = readOpenActive(merged('sessionseries-eventseries-split_example_1.json', 'scheduledsession-split_example_1.json'), context('2016-05-01'));
    expect(read.problems).toEqual([]);
    expect(read.activities[0]!.activity.ages).toEqual({ min: 18, max: 30 });
    expect(read.activities[0]!.activity.origin?.organizer).toBe('Everyone Active');
    expect(wallClock(read)).toEqual(['2016-05-09T20:15–21:15 full']);
  });

  it('a virtual-only series is reported: it has no place on the city map', () => {
    const read = readOpenActive(merged('sessionseries-split-virtual_example_1.json', 'scheduledsession-split-virtual_example_1.json'), context('2016-05-01'));
    expect(read.activities).toEqual([]);
    expect(read.problems).toEqual([{ id: 'https://opensessions.io/api/session-series/1402CBP20150217', title: 'Virtual BODYPUMP', message: 'it takes place online only: the city map needs a place to go to.' }]);
  });

  it('a FacilityUse with its Slot: one do-yourself activity whose occurrences are the slots', () => {
    const read = readOpenActive(merged('facilityuse_example_1.json', 'slot_example_1.json'), context('2018-03-01', 7));
    expect(read.problems).toEqual([]);
    const { activity } = read.activities[0]!;
    expect(activity.title.nl).toBe('Outdoor Tennis');
    expect(activity.level).toBe('do-yourself');
    expect(activity.registration).toBe('required');
    expect(activity.price).toEqual({ kind: 'paid', amount: 10 });
    expect(activity.origin?.organizer).toBe('Everyone Active');
    expect(activity.origin?.sourceId).toBe('http://www.example.org/facility-uses/1');
    expect(activity.place?.address).toBe('1 High Street, BS1 4SD Bristol');
    // 11:00Z on 1 March is 12:00 CET.
    expect(wallClock(read)).toEqual(['2018-03-01T12:00–12:30']);
    expect(readOpenActive(merged('facilityuse_example_1.json'), context('2018-03-01', 7))).toMatchObject({ activities: [], problems: [], outside: 1 });
  });

  it('a CourseInstance with a full Schedule: three days of 09:00–17:00 London time, ages from its Course', () => {
    const read = readOpenActive(merged('courseinstance_example_1.json'), context('2018-07-25', 30));
    expect(read.problems).toEqual([]);
    const { activity } = read.activities[0]!;
    expect(activity.title.nl).toBe('Netball Youth Camp');
    expect(wallClock(read)).toEqual(['2018-08-01T10:00–18:00', '2018-08-02T10:00–18:00', '2018-08-03T10:00–18:00']);
    expect(activity.ages).toEqual({ min: 11, max: 16 });
    expect(activity.price).toEqual({ kind: 'paid', amount: 124 });
    expect(activity.capacity).toBe(30);
    expect(activity.accessibility?.nl).toMatch(/^Please contact the centre/);
    expect(activity.place?.address).toBe('Long Eaton, NG10 4AD Nottingham');
  });

  it('a CourseInstance with sub-events: the sub-events are its occurrences', () => {
    const read = readOpenActive(merged('courseinstance_event_example_1.json'), context('2018-10-01'));
    expect(read.problems).toEqual([]);
    expect(wallClock(read)).toEqual(['2018-10-02T21:15–21:45', '2018-10-09T21:15–21:45']);
  });

  it('a standalone Event: free, its time from the offset in the data, see-do by default', () => {
    const read = readOpenActive(merged('event_example_1.json'), context('2019-08-01'));
    expect(read.problems).toEqual([]);
    const { activity } = read.activities[0]!;
    expect(activity.title.nl).toBe("Alan's social ride group Gorhambury House loop");
    // 10:00+01:00 is 09:00Z, 11:00 CEST.
    expect(wallClock(read)).toEqual(['2019-08-25T11:00–13:40']);
    expect(read.activities[0]!.occurrences[0]!.start).toBe(Date.parse('2019-08-25T09:00:00Z'));
    expect(activity.price).toEqual({ kind: 'free' });
    expect(activity.ages).toEqual({ min: 16 });
    expect(activity.level).toBe('see-do');
    expect(activity.origin).toMatchObject({ url: 'https://www.letsride.co.uk/rides/gorhambury-house-loop', bookingUrl: 'https://www.letsride.co.uk/rides/gorhambury-house-loop/book', organizer: "Alan's social ride group" });
  });

  it('an Event in an EventSeries: one activity for the series, the event its occurrence and place', () => {
    const read = readOpenActive(merged('event_eventseries_example_1.json'), context('2019-08-01'));
    expect(read.problems).toEqual([]);
    const { activity } = read.activities[0]!;
    expect(activity.origin?.sourceId).toBe('https://opensessions.io/api/event-series/123456');
    expect(activity.place?.name).toBe('Middlesbrough Sports Village');
    expect(activity.price).toEqual({ kind: 'free' });
    expect(activity.origin?.url).toBe('https://www.letsride.co.uk/rides/gorhambury-house-loop');
    expect(wallClock(read)).toEqual(['2019-08-25T11:00–13:40']);
  });

  it('an OnDemandEvent is reported (no time, no place); a Place item is no offer', () => {
    const onDemand = readOpenActive(merged('ondemandevent_example_1.json'), context('2019-08-01'));
    expect(onDemand.activities).toEqual([]);
    expect(onDemand.problems).toEqual([{ id: 'https://id.bookingsystem.example.com/on-demand-events/158313', title: "Alan's indoor cycling exercises", message: 'it is an on-demand (video) event: it has no time or place to go to.' }]);
    expect(readOpenActive(merged('place_example_1.json'), context('2019-08-01'))).toEqual({ activities: [], problems: [], items: 1, outside: 0 });
  });

  it('the tutorials: a one-off Event, and a weekly Schedule in the site zone', () => {
    const one = readOpenActive(documentItems('tutorials--describing-events--part-one-finished.json'), context('2018-08-01'));
    expect(one.problems).toEqual([]);
    expect(one.activities[0]!.activity.title.nl).toBe('Blade and tone');
    expect(wallClock(one)).toEqual(['2018-08-13T22:00–23:00']);
    // No offers: the price is not known.
    expect(one.activities[0]!.activity.price).toEqual({ kind: 'paid' });
    // Without an @id or identifier, the opportunity is known by its type and url.
    expect(one.activities[0]!.activity.origin?.sourceId).toBe('Event/http://www.example.org/events/1');

    const two = readOpenActive(documentItems('tutorials--describing-events--part-two-finished.json'), context('2018-08-13', 14));
    expect(two.problems).toEqual([]);
    // byDay Thursday from Monday 13 August, no scheduleTimezone: the site's zone.
    expect(wallClock(two)).toEqual(['2018-08-16T20:00–21:00', '2018-08-23T20:00–21:00']);
    expect(two.activities[0]!.activity.price).toEqual({ kind: 'paid', amount: 10 });
    expect(two.activities[0]!.activity.ages).toEqual({ min: 18 });
  });

  it('a weekly Schedule keeps its wall-clock time across the DST change and leaves out its exceptDate', () => {
    const data = clone(example('tutorials--describing-events--part-two-finished.json')) as { eventSchedule: Record<string, unknown>[] };
    data.eventSchedule[0]!.exceptDate = ['2018-10-25'];
    const items = readOpenActiveDocument(data);
    if (!items.ok) throw new Error(items.error);
    const read = readOpenActive(items.items, context('2018-10-15', 21));
    expect(wallClock(read)).toEqual(['2018-10-18T20:00–21:00', '2018-11-01T20:00–21:00']);
    expect(read.activities[0]!.occurrences.map((o) => new Date(o.start).toISOString())).toEqual(['2018-10-18T18:00:00.000Z', '2018-11-01T19:00:00.000Z']);
  });

  it('keeps only occurrences in [from, from + days)', () => {
    expect(wallClock(readOpenActive(merged('sessionseries_example_1.json'), context('2018-10-05')))).toEqual(['2018-10-09T21:15–21:45']);
    expect(readOpenActive(merged('sessionseries_example_1.json'), context('2018-10-10'))).toMatchObject({ activities: [], outside: 1 });
  });

  it('ids are stable across reads and feeds keep their own', () => {
    const a = readOpenActive(merged('sessionseries_example_1.json'), context('2018-10-01'));
    const b = readOpenActive(merged('sessionseries_example_1.json'), context('2018-10-05'));
    expect(a.activities[0]!.activity.id).toBe(b.activities[0]!.activity.id);
    const other = readOpenActive(merged('sessionseries_example_1.json'), context('2018-10-01', 60, { id: 'other' }));
    expect(other.activities[0]!.activity.id).not.toBe(a.activities[0]!.activity.id);
  });
});

describe.runIf(present)('variations of the examples', () => {
  const seriesPage = () => clone(example('sessionseries-split_example_1.json')) as { items: RpdeItem[]; next: string };
  const sessionPage = () => clone(example('scheduledsession-split_example_1.json')) as { items: (RpdeItem & { data: Record<string, unknown> })[]; next: string };
  const sessionAt = (modified: number, startDate: string, extra: Record<string, unknown> = {}): RpdePage => {
    const json = sessionPage();
    const item = json.items[0]!;
    item.modified = modified;
    Object.assign(item.data, { startDate, endDate: undefined, remainingAttendeeCapacity: 5, ...extra });
    return page(json);
  };
  const ctx = () => context('2016-05-01');

  it('a cancelled and a postponed session are marked; a cancelled series cancels all its sessions', () => {
    const json = clone(example('sessionseries_example_1.json')) as { items: { data: { subEvent: Record<string, unknown>[]; eventStatus?: string } }[] };
    json.items[0]!.data.subEvent[0]!.eventStatus = 'https://schema.org/EventCancelled';
    json.items[0]!.data.subEvent[1]!.eventStatus = 'https://schema.org/EventPostponed';
    const read = readOpenActive(page(json).items, context('2018-10-01'));
    expect(wallClock(read)).toEqual(['2018-10-02T21:15–21:45 cancelled', '2018-10-09T21:15–21:45 postponed']);

    delete json.items[0]!.data.subEvent[0]!.eventStatus;
    delete json.items[0]!.data.subEvent[1]!.eventStatus;
    json.items[0]!.data.eventStatus = 'https://schema.org/EventCancelled';
    expect(wallClock(readOpenActive(page(json).items, context('2018-10-01')))).toEqual(['2018-10-02T21:15–21:45 cancelled', '2018-10-09T21:15–21:45 cancelled']);
  });

  it('a cancelled standalone Event, and a full one', () => {
    const json = clone(example('event_example_1.json')) as { items: { data: Record<string, unknown> }[] };
    json.items[0]!.data.eventStatus = 'https://schema.org/EventCancelled';
    json.items[0]!.data.remainingAttendeeCapacity = 0;
    expect(wallClock(readOpenActive(page(json).items, context('2019-08-01')))).toEqual(['2019-08-25T11:00–13:40 cancelled full']);
  });

  it('a moved session: the newer modified replaces the older, an older one arriving late is ignored', () => {
    let items = mergeRpdeItems(new Map(), page(seriesPage()));
    items = mergeRpdeItems(items, sessionAt(100, '2016-05-09T18:15:00Z'));
    expect(wallClock(readOpenActive([...items.values()], ctx()))).toEqual(['2016-05-09T20:15–21:15']);
    items = mergeRpdeItems(items, sessionAt(200, '2016-05-10T16:00:00Z'));
    expect(wallClock(readOpenActive([...items.values()], ctx()))).toEqual(['2016-05-10T18:00–19:00']);
    // Out of order: an older copy of the same session.
    items = mergeRpdeItems(items, sessionAt(150, '2016-05-09T18:15:00Z'));
    expect(wallClock(readOpenActive([...items.values()], ctx()))).toEqual(['2016-05-10T18:00–19:00']);
    // Same modified: the later page wins (RPDE pages never repeat an item otherwise).
    items = mergeRpdeItems(items, sessionAt(200, '2016-05-11T16:00:00Z'));
    expect(wallClock(readOpenActive([...items.values()], ctx()))).toEqual(['2016-05-11T18:00–19:00']);
  });

  it('a deleted session removes its occurrence (and stays deleted when an older copy arrives); a deleted series removes the activity', () => {
    let items = mergeRpdeItems(new Map(), page(seriesPage()));
    items = mergeRpdeItems(items, sessionAt(100, '2016-05-09T18:15:00Z'));
    const session = sessionPage().items[0]!;
    items = mergeRpdeItems(items, { items: [{ state: 'deleted', kind: session.kind, id: session.id, modified: 300 }], next: 'https://x.example/next' });
    expect(readOpenActive([...items.values()], ctx())).toMatchObject({ activities: [], problems: [], outside: 1, items: 1 });
    items = mergeRpdeItems(items, sessionAt(250, '2016-05-09T18:15:00Z'));
    expect(readOpenActive([...items.values()], ctx()).activities).toEqual([]);

    items = mergeRpdeItems(items, sessionAt(400, '2016-05-09T18:15:00Z'));
    expect(readOpenActive([...items.values()], ctx()).activities).toHaveLength(1);
    const series = seriesPage().items[0]!;
    items = mergeRpdeItems(items, { items: [{ state: 'deleted', kind: series.kind, id: series.id, modified: series.modified as number }], next: 'https://x.example/next' });
    const read = readOpenActive([...items.values()], ctx());
    expect(read.activities).toEqual([]);
    expect(read.problems[0]!.message).toMatch(/not in the feed \(yet\)/);
  });

  it('paging: sessions on page 1, their series on page 2, then the end of the feed', () => {
    const first = 'https://feeds.example.org/rpde/sessions';
    const page1 = page({ ...sessionPage(), next: `${first}?afterTimestamp=1521565719&afterId=C5EE` });
    const page2 = page({ ...seriesPage(), next: `${first}?afterTimestamp=1521565720&afterId=1402` });
    const page3 = page({ items: [], next: `${first}?afterTimestamp=1521565720&afterId=1402` });
    expect(isLastPage(page1, first)).toBe(false);
    const afterOne = mergeRpdeItems(new Map(), page1);
    expect(readOpenActive([...afterOne.values()], ctx()).problems).toHaveLength(1);
    const next = nextPageUrl(page1, first);
    expect(isLastPage(page2, next)).toBe(false);
    const afterTwo = mergeRpdeItems(afterOne, page2);
    const read = readOpenActive([...afterTwo.values()], ctx());
    expect(read.problems).toEqual([]);
    expect(wallClock(read)).toEqual(['2016-05-09T20:15–21:15 full']);
    expect(isLastPage(page3, nextPageUrl(page2, next))).toBe(true);
  });

  it('a FacilityUse with slots on two courts: one full slot, and a time when only one of two courts is full', () => {
    const slots = clone(example('slot_example_1.json')) as { items: RpdeItem[]; next: string };
    const base = slots.items[0]!;
    const slot = (id: string, court: number, start: string, remainingUses: number): RpdeItem => ({
      ...clone(base),
      id,
      data: { ...clone(base.data!), '@id': `slot-${id}`, facilityUse: `http://www.example.org/facility-uses/1/individual-facility-uses/${court}`, startDate: start, endDate: undefined, remainingUses },
    });
    slots.items = [slot('a', 1, '2018-03-01T11:00:00Z', 0), slot('b', 1, '2018-03-01T12:00:00Z', 0), slot('c', 2, '2018-03-01T12:00:00Z', 1), slot('d', 2, '2018-03-01T13:00:00Z', 1)];
    const items = [...mergeRpdeItems(mergeRpdeItems(new Map(), page(example('facilityuse_example_1.json'))), page(slots)).values()];
    const read = readOpenActive(items, context('2018-03-01', 7));
    expect(read.activities).toHaveLength(1);
    // Slots last their `duration` (PT30M) when they have no endDate.
    expect(wallClock(read)).toEqual(['2018-03-01T12:00–12:30 full', '2018-03-01T13:00–13:30', '2018-03-01T14:00–14:30']);
  });

  it('maps activity concepts, categories and types through the feed terms; unknown themes are dropped', () => {
    const byLabel = readOpenActive(merged('courseinstance_example_1.json'), context('2018-07-25', 30, { terms: { netball: { level: 'see-do', themes: ['nature', 'sailing'] } } }));
    expect(byLabel.activities[0]!.activity).toMatchObject({ level: 'see-do', themes: ['nature'] });
    const byId = readOpenActive(merged('courseinstance_example_1.json'), context('2018-07-25', 30, { terms: { 'https://openactive.io/activity-list#fbdc35a8-3dd0-40ee-a7ca-6ff40b3e5f90': { themes: ['relaxation'] } } }));
    expect(byId.activities[0]!.activity).toMatchObject({ level: 'do-together', themes: ['relaxation'] });
    const byCategory = readOpenActive(merged('courseinstance_example_1.json'), context('2018-07-25', 30, { terms: { 'Holiday camps': { level: 'do-yourself' } } }));
    expect(byCategory.activities[0]!.activity.level).toBe('do-yourself');
    const byType = readOpenActive(merged('facilityuse_example_1.json', 'slot_example_1.json'), context('2018-03-01', 7, { terms: { FacilityUse: { level: 'do-together', themes: ['nature'] } } }));
    expect(byType.activities[0]!.activity).toMatchObject({ level: 'do-together', themes: ['nature'] });
    const fallback = readOpenActive(merged('event_example_1.json'), context('2019-08-01', 60, { level: 'do-yourself', themes: ['relaxation', 'gone'] }));
    expect(fallback.activities[0]!.activity).toMatchObject({ level: 'do-yourself', themes: ['relaxation'] });
  });

  it('text goes under the feed language; HTML in a description becomes plain text', () => {
    const json = clone(example('event_example_1.json')) as { items: { data: Record<string, unknown> }[] };
    json.items[0]!.data.description = '<p>Ride &amp; chat</p><p>Bring a <b>helmet</b>&nbsp;please</p>';
    const read = readOpenActive(page(json).items, context('2019-08-01', 60, { contentLocale: 'en' }));
    expect(read.activities[0]!.activity.description).toEqual({ nl: 'Ride & chat\nBring a helmet please', en: 'Ride & chat\nBring a helmet please' });
    expect(read.activities[0]!.activity.title.en).toBe("Alan's social ride group Gorhambury House loop");
    expect(read.activities[0]!.activity.languages).toEqual(['en']);
  });

  it('an item without a geo point or without a name is reported with the reason', () => {
    const json = clone(example('event_example_1.json')) as { items: { data: Record<string, unknown> }[] };
    delete (json.items[0]!.data.location as Record<string, unknown>).geo;
    expect(readOpenActive(page(json).items, context('2019-08-01')).problems).toEqual([
      { id: 'https://id.bookingsystem.example.com/events/158313', title: "Alan's social ride group Gorhambury House loop", message: 'its location has no geo point (latitude and longitude): the city map needs one.' },
    ]);
    const nameless = clone(example('event_example_1.json')) as { items: { data: Record<string, unknown> }[] };
    delete nameless.items[0]!.data.name;
    delete nameless.items[0]!.data.activity;
    expect(readOpenActive(page(nameless).items, context('2019-08-01')).problems[0]!.message).toBe('it has no name.');
  });

  it('a location given as the @id of a Place item in the feed is looked up', () => {
    const json = clone(example('event_example_1.json')) as { items: { data: Record<string, unknown> }[] };
    json.items[0]!.data.location = 'https://api.example.com/places/1402CBP20150217';
    const items = [...page(json).items, ...page(example('place_example_1.json')).items];
    const read = readOpenActive(items, context('2019-08-01'));
    expect(read.problems).toEqual([]);
    expect(read.activities[0]!.activity.place).toEqual({ name: 'Belle Vue Sports Village', address: 'Kirkmanshulme Lane, M12 4TF Manchester', geo: { lat: 53.483592, lon: -2.269241 } });
  });
});

describe('RPDE pages', () => {
  const valid = { items: [{ state: 'updated', kind: 'Event', id: 'a', modified: 1, data: {} }], next: 'https://x.example/feed?afterTimestamp=1&afterId=a' };

  it('reads a valid page', () => {
    const result = readRpdePage({ ...valid, license: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(result).toEqual({ ok: true, page: { items: [{ state: 'updated', kind: 'Event', id: 'a', modified: 1, data: {} }], next: valid.next, license: 'https://creativecommons.org/licenses/by/4.0/' } });
  });

  it.each([
    [null, 'Not an RPDE page: the document is null, not an object with "items" and "next".'],
    [[], 'Not an RPDE page: the document is an array, not an object with "items" and "next".'],
    [{ next: valid.next }, 'Not an RPDE page: it has no "items".'],
    [{ items: {}, next: valid.next }, 'Not an RPDE page: "items" must be an array.'],
    [{ items: [] }, 'Not an RPDE page: it has no "next" URL.'],
    [{ items: [], next: 42 }, 'Not an RPDE page: "next" must be a URL string.'],
    [{ items: [], next: 'ftp://x.example/feed' }, 'Not an RPDE page: "next" is not an http(s) URL: "ftp://x.example/feed".'],
    [{ items: [valid.items[0], valid.items[0], { state: 'updated', kind: 'Event', modified: 2, data: {} }], next: valid.next }, 'Not an RPDE page: item 3 has no id.'],
    [{ items: [{ state: 'changed', kind: 'Event', id: 'a', modified: 1 }], next: valid.next }, 'Not an RPDE page: item 1 has state "changed"; it must be "updated" or "deleted".'],
    [{ items: [{ state: 'updated', id: 'a', modified: 1, data: {} }], next: valid.next }, 'Not an RPDE page: item 1 has no kind.'],
    [{ items: [{ state: 'updated', kind: 'Event', id: 'a', data: {} }], next: valid.next }, 'Not an RPDE page: item 1 (id a) has no modified.'],
    [{ items: [{ state: 'updated', kind: 'Event', id: 'a', modified: 1 }], next: valid.next }, 'Not an RPDE page: item 1 (id a) is "updated" but has no data object.'],
    [{ items: ['x'], next: valid.next }, 'Not an RPDE page: item 1 is not an object.'],
  ])('refuses %j', (json, error) => {
    expect(readRpdePage(json)).toEqual({ ok: false, error });
  });

  it('accepts a deleted item without data, and a relative next resolved against the page', () => {
    const result = readRpdePage({ items: [{ state: 'deleted', kind: 'Event', id: 7, modified: '12' }], next: '/feed?afterId=7' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.page.items).toEqual([{ state: 'deleted', kind: 'Event', id: 7, modified: '12' }]);
    expect(nextPageUrl(result.page, 'https://x.example/feed')).toBe('https://x.example/feed?afterId=7');
  });

  it('the end of the feed is an empty page that points at itself', () => {
    const url = 'https://x.example/feed?afterTimestamp=5&afterId=b';
    expect(isLastPage({ items: [], next: url }, url)).toBe(true);
    expect(isLastPage({ items: [], next: 'https://x.example/feed?afterTimestamp=6&afterId=c' }, url)).toBe(false);
    expect(isLastPage({ items: [{ state: 'deleted', kind: 'Event', id: 'b', modified: 5 }], next: url }, url)).toBe(false);
  });

  it('orders modified values as RPDE does: integers and digit strings by value, other strings as text', () => {
    expect(compareModified(9, 10)).toBeLessThan(0);
    expect(compareModified('9', '10')).toBeLessThan(0);
    expect(compareModified('90071992547409930', '90071992547409931')).toBeLessThan(0);
    expect(compareModified(10, '10')).toBe(0);
    expect(compareModified('2018-03-01T10:00:00Z', '2018-02-01T10:00:00Z')).toBeGreaterThan(0);
  });

  it('a stored copy of the merged items rebuilds the same map', () => {
    const items = mergeRpdeItems(new Map(), { items: [{ state: 'updated', kind: 'Event', id: 1, modified: 3, data: {} }, { state: 'deleted', kind: 'Slot', id: 'x', modified: 4 }], next: 'https://x.example/' });
    const restored = rpdeItemMap(JSON.parse(JSON.stringify([...items.values()])) as RpdeItem[]);
    expect(restored).toEqual(items);
    // The restored tombstone still turns away an older copy.
    expect(mergeRpdeItems(restored, { items: [{ state: 'updated', kind: 'Slot', id: 'x', modified: 2, data: {} }], next: 'https://x.example/' }).get(`Slot\u0000x`)?.state).toBe('deleted');
  });

  it('a document that is neither a page nor an opportunity gets the RPDE error', () => {
    expect(readOpenActiveDocument({ name: 'x' })).toEqual({ ok: false, error: 'Not an RPDE page: it has no "items".' });
  });

  it('merging keys items by kind and id and leaves the input map alone', () => {
    const a: RpdeItem = { state: 'updated', kind: 'SessionSeries', id: 1, modified: 1, data: { name: 'a' } };
    const b: RpdeItem = { state: 'updated', kind: 'ScheduledSession', id: '1', modified: 1, data: { name: 'b' } };
    const before = mergeRpdeItems(new Map(), { items: [a], next: 'https://x.example/' });
    const after = mergeRpdeItems(before, { items: [b, { ...a, id: '1', modified: 2, data: { name: 'a2' } }], next: 'https://x.example/' });
    expect(before.size).toBe(1);
    expect([...after.values()].map((item) => item.data?.name)).toEqual(['a2', 'b']);
  });

  it('plain text strips tags and decodes entities', () => {
    expect(plainText('<p>A&#39;s &lt;b&gt; &#x263A;</p><br/>B')).toBe("A's <b> ☺\nB");
  });
});
