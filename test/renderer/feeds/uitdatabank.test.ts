// The UiTdatabank reader against UiTdatabank's own schema examples (../shared/uitdatabank, from
// cultuurnet/udb3-json-schemas; read there, never copied here) and variations of them built below.
// Every date is checked as the wall clock a visitor in Brussels sees, and across both DST changes
// of 2026 (29 March, 25 October).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVELS, DEFAULT_THEMES } from '../../../src-renderer/core/config/defaults';
import { UIT_TERM_TABLE } from '../../../src-renderer/core/feeds/uit-terms';
import { readUitdatabank, UIT_API_KEY_HEADER, uitActivityId, UitFeedError, uitNextStart, UITPAS_SUPPORT, uitSearchUrl } from '../../../src-renderer/core/feeds/uitdatabank';
import type { FeedReadContext } from '../../../src-renderer/core/feeds/types';
import type { FeedConfig, Organisation } from '../../../src-renderer/core/model';
import { instantToLocal, localDateTimeToInstant } from '../../../src-renderer/core/schedule';

const SHARED = resolve(import.meta.dirname, '../../../../shared/uitdatabank');
const present = existsSync(SHARED);
if (!present) console.warn(`uitdatabank.test.ts: skipped, no UiTdatabank examples at ${SHARED} (the shared folder sits beside the repository)`);

// UiT documents are edited freely below (deep-cloned examples with one field changed).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const ZONE = 'Europe/Brussels';
const FEED: FeedConfig = {
  id: 'uit-genk',
  kind: 'uitdatabank',
  name: 'UiT in Genk',
  url: 'https://search.uitdatabank.be',
  apiKeyEnv: 'UITDATABANK_API_KEY',
  refreshMinutes: 60,
  organisation: 'uit',
  level: 'see-do',
  themes: [],
  terms: {},
  days: 90,
};
const ORGANISATION = { id: 'uit', name: 'UiT', kind: 'partner', description: {} } as Organisation;

function examples(file: string): Json[] {
  return (JSON.parse(readFileSync(resolve(SHARED, file), 'utf8')) as { examples: Json[] }).examples;
}
const clone = <T>(value: T): T => structuredClone(value);

/** Local midnight of a Brussels day, as the hub's `from`. */
function localMidnight(day: string): number {
  return localDateTimeToInstant(`${day}T00:00`, ZONE);
}
function context(from: string, days: number, overrides: Partial<FeedReadContext> = {}): FeedReadContext {
  return { feed: FEED, organisation: ORGANISATION, timeZone: ZONE, defaultLocale: 'nl', levels: DEFAULT_LEVELS, themes: DEFAULT_THEMES, from: localMidnight(from), days, ...overrides };
}
const local = (ms: number) => instantToLocal(ms, ZONE);
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe.runIf(present)('readUitdatabank on the shared examples', () => {
  const [concert, yoga, acrobatics] = present ? examples('event-with-read-example.json') : [];
  const [place] = present ? examples('place-with-read-example.json') : [];
  const [organizer] = present ? examples('organizer-with-read-example.json') : [];

  it('reads the event examples: the concert in 2021 with its titles, wall-clock times, place, price, ages and origin', () => {
    const read = readUitdatabank(examples('event-with-read-example.json'), context('2021-05-17', 2));
    expect(read.problems).toEqual([]);
    expect(read.items).toBe(3);
    expect(read.outside).toBe(2); // the yoga course and the acrobatics camp are in 2026
    expect(read.activities).toHaveLength(1);
    const [{ activity, occurrences, uid }] = read.activities as [(typeof read.activities)[number]];
    expect(uid).toBe(concert!['@id']);
    expect(activity.title).toEqual({ nl: 'Nederlandse naam', fr: 'Nom français', en: 'English name' });
    expect(activity.description).toEqual({ nl: 'Nederlandse beschrijving', fr: 'Description français', en: 'English description' });
    // 16:00–22:00 UTC on 17 May is 18:00–midnight in Brussels (CEST).
    expect(occurrences.map((occurrence) => [local(occurrence.start), local(occurrence.end)])).toEqual([['2021-05-17T18:00', '2021-05-18T00:00']]);
    expect(occurrences[0]!.status).toBeUndefined();
    expect(occurrences[0]!.full).toBeUndefined();
    expect(activity.schedule).toEqual([{ start: '2021-05-17T18:00', end: '2021-05-18T00:00', except: [] }]);
    expect(activity.place).toEqual({ name: 'Nederlandse naam', address: 'Wetstraat 1, 1000 Brussel', geo: { lat: 50.8816177, lon: 4.7137986 } });
    expect(activity.ages).toEqual({ min: 6, max: 12 });
    expect(activity.price).toEqual({ kind: 'paid', amount: 10.5 });
    expect(activity.level).toBe('see-do'); // Concert
    expect(activity.themes).toEqual(['relaxation']);
    expect(activity.organiser).toBe('uit');
    expect(activity.registration).toBe('required');
    expect(activity.origin).toEqual({
      feed: 'uit-genk',
      kind: 'uitdatabank',
      name: 'UiT in Genk',
      url: 'https://www.uitinvlaanderen.be/agenda/e/test-event/85b04295-479c-40f5-b3dd-469dfb4387b3',
      organizer: 'Nederlandse tekst',
      bookingUrl: 'https://www.example.com',
      sourceId: 'https://io-test.uitdatabank.be/events/85b04295-479c-40f5-b3dd-469dfb4387b3',
    });
    expect(activity.id).toMatch(/^uit-genk-[0-9a-f]{16}$/);
    expect(activity.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('reads the acrobatics event, whose location is only an @id, with the point of that place elsewhere in the input', () => {
    const read = readUitdatabank([acrobatics, place], context('2026-06-15', 1));
    expect(read.problems).toEqual([]);
    const entry = read.activities.find((candidate) => candidate.uid === acrobatics!['@id'])!;
    expect(entry.activity.title).toEqual({ nl: 'Acrobatie & Trampoline' });
    expect(entry.occurrences.map((occurrence) => [local(occurrence.start), local(occurrence.end)])).toEqual([['2026-06-15T09:00', '2026-06-15T12:00']]);
    expect(entry.activity.place?.geo).toEqual({ lat: 50.8816177, lon: 4.7137986 });
    // Lessenreeks places it, the Circus theme adds relaxation.
    expect(entry.activity.level).toBe('do-together');
    expect(entry.activity.themes).toEqual(['relaxation']);
    // No sameAs: the public UiT page is built from the title and the uuid.
    expect(entry.activity.origin?.url).toBe('https://www.uitinvlaanderen.be/agenda/e/acrobatie-trampoline/a3f4c827-6d9e-42ab-b1f0-e34567890abc');
    // Its organizer is a bare reference the input does not hold: no name.
    expect(entry.activity.origin?.organizer).toBeUndefined();
    expect(entry.activity.price).toEqual({ kind: 'paid' }); // no priceInfo: never promise free
  });

  it('an event without a point anywhere is a problem with its id and name, the rest still reads', () => {
    const read = readUitdatabank([acrobatics, concert], context('2021-05-17', 1));
    // The concert embeds the very place the acrobatics refer to, so both have a point…
    expect(read.problems).toEqual([]);
    const alone = readUitdatabank([acrobatics, place && { ...clone(place), geo: undefined }], context('2026-06-15', 1));
    // …but without any point the acrobatics are left out, and the place too.
    expect(alone.activities).toEqual([]);
    expect(alone.problems).toContainEqual({ id: acrobatics!['@id'], title: 'Acrobatie & Trampoline', message: expect.stringContaining('no geo point') });
    expect(alone.problems).toHaveLength(2);
  });

  it('the periodic yoga course: one slot per opening time, at 18:00 Brussels time on both sides of the spring DST change, Easter Monday closed', () => {
    const read = readUitdatabank([yoga, concert], context('2026-03-23', 17));
    expect(read.problems).toEqual([]);
    const entry = read.activities.find((candidate) => candidate.uid === yoga!['@id'])!;
    expect(entry.activity.title).toEqual({ nl: 'Wekelijkse yogales', en: 'Weekly yoga class' });
    expect(entry.occurrences.map((occurrence) => local(occurrence.start))).toEqual([
      '2026-03-23T18:00',
      '2026-03-25T18:00',
      '2026-03-27T18:00',
      '2026-03-30T18:00',
      '2026-04-01T18:00',
      '2026-04-03T18:00',
      // 6 April is Easter Monday, in openingHoursClosedDays.
      '2026-04-08T18:00',
    ]);
    expect(entry.occurrences.map((occurrence) => local(occurrence.end)).every((end) => end.endsWith('T19:00'))).toBe(true);
    // The instants move by an hour across 29 March: 17:00Z in winter time, 16:00Z in summer time.
    expect(utc(entry.occurrences[2]!.start)).toBe('2026-03-27T17:00');
    expect(utc(entry.occurrences[3]!.start)).toBe('2026-03-30T16:00');
  });

  it('the periodic yoga course across the autumn DST change and in the Christmas weeks with adjusted hours', () => {
    const autumn = readUitdatabank([yoga, concert], context('2026-10-21', 7)).activities[0]!;
    expect(autumn.occurrences.map((occurrence) => [local(occurrence.start), utc(occurrence.start)])).toEqual([
      ['2026-10-21T18:00', '2026-10-21T16:00'],
      ['2026-10-23T18:00', '2026-10-23T16:00'],
      ['2026-10-26T18:00', '2026-10-26T17:00'],
    ]);
    const christmas = readUitdatabank([yoga, concert], context('2026-12-18', 14)).activities[0]!;
    // 21–30 December: Friday to Sunday 13:00–15:00 instead; 31 December is a Thursday; the course ends that day.
    expect(christmas.occurrences.map((occurrence) => `${local(occurrence.start)}–${local(occurrence.end).slice(11)}`)).toEqual([
      '2026-12-18T18:00–19:00',
      '2026-12-25T13:00–15:00',
      '2026-12-26T13:00–15:00',
      '2026-12-27T13:00–15:00',
    ]);
  });

  it('reads the place example: periodic opening slots (17:00 that closes at 17:00 gets an hour), terms, capacity, page', () => {
    const read = readUitdatabank(place, context('2026-03-30', 15));
    expect(read.problems).toEqual([]);
    const [{ activity, occurrences }] = read.activities as [(typeof read.activities)[number]];
    expect(activity.title).toEqual({ nl: 'Nederlandse naam', fr: 'Nom français', en: 'English name' });
    expect(occurrences.map((occurrence) => [local(occurrence.start), local(occurrence.end)])).toEqual([
      ['2026-03-30T17:00', '2026-03-30T18:00'],
      ['2026-04-13T17:00', '2026-04-13T18:00'], // 6 April closed
    ]);
    expect(activity.level).toBe('see-do'); // Monument
    expect(activity.themes).toEqual(['thinking']);
    expect(activity.capacity).toBe(200);
    expect(activity.origin?.url).toBe('https://www.uitinvlaanderen.be/agenda/e/test-place/85b04295-479c-40f5-b3dd-469dfb4387b3');
    expect(activity.origin?.sourceId).toBe('https://io-test.uitdatabank.be/places/85b04295-479c-40f5-b3dd-469dfb4387b3');
  });

  it('reads the organizer example as no activity and no problem, and names an event\'s organizer from it', () => {
    expect(readUitdatabank(organizer, context('2026-01-01', 30))).toEqual({ activities: [], problems: [], items: 0, outside: 0 });
    const event = clone(acrobatics!);
    event.organizer = { '@id': organizer!['@id'] };
    const read = readUitdatabank([event, organizer, place], context('2026-06-15', 1));
    expect(read.activities[0]!.activity.origin?.organizer).toBe('Nederlandse tekst');
  });

  it('a permanent place and a permanent event with opening hours: every slot in the window, across the autumn DST change', () => {
    const permanentPlace = clone(place!);
    permanentPlace.calendarType = 'permanent';
    delete permanentPlace.startDate;
    delete permanentPlace.endDate;
    permanentPlace.openingHours = [{ opens: '10:00', closes: '17:00', dayOfWeek: ['saturday', 'sunday'] }];
    permanentPlace.openingHoursClosedDays = [];
    const event = clone(acrobatics!);
    event.calendarType = 'permanent';
    delete event.subEvent;
    delete event.startDate;
    delete event.endDate;
    event.openingHours = [{ opens: '22:00', closes: '4:00', dayOfWeek: ['saturday'] }];
    const read = readUitdatabank([permanentPlace, event], context('2026-10-23', 4));
    expect(read.problems).toEqual([]);
    const [placeEntry, eventEntry] = read.activities;
    expect(placeEntry!.occurrences.map((occurrence) => [local(occurrence.start), local(occurrence.end), utc(occurrence.start)])).toEqual([
      ['2026-10-24T10:00', '2026-10-24T17:00', '2026-10-24T08:00'],
      ['2026-10-25T10:00', '2026-10-25T17:00', '2026-10-25T09:00'],
    ]);
    // 22:00 to 4:00 closes after midnight, in the night the clocks go back (03:00 → 02:00): seven hours.
    expect(eventEntry!.occurrences.map((occurrence) => [local(occurrence.start), local(occurrence.end)])).toEqual([['2026-10-24T22:00', '2026-10-25T04:00']]);
    expect(eventEntry!.occurrences[0]!.end - eventEntry!.occurrences[0]!.start).toBe(7 * 3_600_000);
  });

  it('marks a cancelled, a postponed and a fully booked subEvent of a multiple event, and a cancelled whole event marks them all', () => {
    const event = clone(acrobatics!);
    event.calendarType = 'multiple';
    event.subEvent = [
      { id: 0, startDate: '2026-06-15T09:00:00+02:00', endDate: '2026-06-15T12:00:00+02:00', status: { type: 'Available' }, bookingAvailability: { type: 'Available' } },
      { id: 1, startDate: '2026-06-16T09:00:00+02:00', endDate: '2026-06-16T12:00:00+02:00', status: { type: 'Unavailable', reason: { nl: 'Ziekte' } } },
      { id: 2, startDate: '2026-06-17T09:00:00+02:00', endDate: '2026-06-17T12:00:00+02:00', status: { type: 'TemporarilyUnavailable' } },
      { id: 3, startDate: '2026-06-18T09:00:00+02:00', endDate: '2026-06-18T12:00:00+02:00', status: { type: 'Available' }, bookingAvailability: { type: 'Unavailable' } },
      { id: 4, startDate: '2026-06-19T09:00:00+02:00', endDate: '2026-06-19T12:00:00+02:00', bookingAvailability: { type: 'Available', capacity: 20, remainingCapacity: 0 } },
    ];
    const [entry] = readUitdatabank([event, place], context('2026-06-15', 7)).activities;
    expect(entry!.occurrences.map((occurrence) => [local(occurrence.start), occurrence.status ?? 'scheduled', occurrence.full ?? false])).toEqual([
      ['2026-06-15T09:00', 'scheduled', false],
      ['2026-06-16T09:00', 'cancelled', false],
      ['2026-06-17T09:00', 'postponed', false],
      ['2026-06-18T09:00', 'scheduled', true],
      ['2026-06-19T09:00', 'scheduled', true],
    ]);
    event.status = { type: 'Unavailable', reason: { nl: 'Afgelast' } };
    const [cancelled] = readUitdatabank([event, place], context('2026-06-15', 7)).activities;
    expect(cancelled!.occurrences.map((occurrence) => occurrence.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('a temporarily closed place has unavailable slots, a fully booked one full slots', () => {
    const closed = clone(place!);
    closed.status = { type: 'TemporarilyUnavailable' };
    closed.bookingAvailability = { type: 'Unavailable' };
    const [entry] = readUitdatabank(closed, context('2026-03-30', 1)).activities;
    expect(entry!.occurrences).toMatchObject([{ status: 'unavailable', full: true }]);
  });

  it('reads typicalAgeRange "6-12", "18-", "-12", "-" and something else', () => {
    const agesFor = (range: unknown) => {
      const item = clone(place!);
      item.typicalAgeRange = range;
      return readUitdatabank(item, context('2026-03-30', 1)).activities[0]!.activity.ages;
    };
    expect(agesFor('6-12')).toEqual({ min: 6, max: 12 });
    expect(agesFor('18-')).toEqual({ min: 18 });
    expect(agesFor('-12')).toEqual({ min: 0, max: 12 });
    expect(agesFor('-')).toEqual({ min: 0 });
    expect(agesFor('toddlers')).toEqual({ min: 0 });
    expect(agesFor(undefined)).toEqual({ min: 0 });
  });

  it('reads a free, a paid and an UiTPAS price', () => {
    const priceFor = (priceInfo: unknown) => {
      const item = clone(place!);
      item.priceInfo = priceInfo;
      return readUitdatabank(item, context('2026-03-30', 1)).activities[0]!.activity.price;
    };
    expect(priceFor([{ category: 'base', price: 0, priceCurrency: 'EUR' }])).toEqual({ kind: 'free' });
    expect(priceFor([{ category: 'base', price: 8, priceCurrency: 'EUR' }, { category: 'tariff', price: 5, name: { nl: 'Jongeren' } }])).toEqual({ kind: 'paid', amount: 8 });
    const uitpas = priceFor([
      { category: 'base', price: 8, priceCurrency: 'EUR' },
      { category: 'uitpas', price: 1.6, priceCurrency: 'EUR', name: { nl: 'UiTPAS Regio Genk (kansentarief)' } },
    ]);
    expect(uitpas).toEqual({ kind: 'paid', amount: 8, support: UITPAS_SUPPORT });
    expect(Object.keys(uitpas.support!).sort()).toEqual(['en', 'fr', 'nl', 'tr']);
  });

  it('leaves out DELETED and REJECTED items without a problem; counts them as items', () => {
    const deleted = clone(place!);
    deleted.workflowStatus = 'DELETED';
    const rejected = clone(concert!);
    rejected.workflowStatus = 'REJECTED';
    const read = readUitdatabank([deleted, rejected], context('2021-05-17', 2));
    expect(read).toEqual({ activities: [], problems: [], items: 2, outside: 0 });
  });

  it('maps terms with the built-in table, a feed override by id or by label, and falls back to the feed', () => {
    const event = clone(acrobatics!);
    const read = (feed: Partial<FeedConfig>, themes = DEFAULT_THEMES) => readUitdatabank([event, place], context('2026-06-15', 1, { feed: { ...FEED, ...feed }, themes })).activities[0]!.activity;
    expect(read({})).toMatchObject({ level: 'do-together', themes: ['relaxation'] });
    // By id (Lessenreeks) and by label, in any case (Circus).
    expect(read({ terms: { '0.3.1.0.0': { level: 'do-yourself', themes: ['making'] }, circus: { themes: ['nature'] } } })).toMatchObject({ level: 'do-yourself', themes: ['making', 'nature'] });
    // Themes the site does not have are dropped.
    expect(read({}, DEFAULT_THEMES.filter((theme) => theme.id !== 'relaxation'))).toMatchObject({ level: 'do-together', themes: [] });
    // Terms nobody knows: the feed's own level and themes.
    event.terms = [{ id: 'xyz', label: 'Iets nieuws', domain: 'eventtype' }];
    expect(read({ level: 'do-yourself', themes: ['food', 'not-a-theme'] })).toMatchObject({ level: 'do-yourself', themes: ['food'] });
  });

  it('gives the same ids on two reads, different ids to an event and a place with one uuid', () => {
    const first = readUitdatabank([concert, place], context('2021-05-17', 2)).activities.map((entry) => entry.activity.id);
    const again = readUitdatabank(clone([concert, place]), context('2021-05-17', 2)).activities.map((entry) => entry.activity.id);
    expect(again).toEqual(first);
    expect(first[0]).toBe(uitActivityId('uit-genk', 'events/85b04295-479c-40f5-b3dd-469dfb4387b3'));
    expect(uitActivityId('uit-genk', 'events/85b04295-479c-40f5-b3dd-469dfb4387b3')).not.toBe(uitActivityId('uit-genk', 'places/85b04295-479c-40f5-b3dd-469dfb4387b3'));
  });

  it('keeps nl, en and fr, drops de, and uses a German-only name under the site\'s default language', () => {
    const german = clone(place!);
    german.mainLanguage = 'de';
    german.name = { de: 'Nur Deutsch' };
    german.description = { de: '<p>Ein <b>Ort</b> &amp; mehr</p><p>Zweite Zeile</p>' };
    const [entry] = readUitdatabank(german, context('2026-03-30', 1)).activities;
    expect(entry!.activity.title).toEqual({ nl: 'Nur Deutsch' });
    expect(entry!.activity.description).toEqual({ nl: 'Ein Ort & mehr\nZweite Zeile' });
    expect(entry!.activity.summary).toEqual({ nl: 'Ein Ort & mehr' });
    const french = clone(place!);
    french.mainLanguage = 'fr';
    french.name = { fr: 'Nom français', de: 'Deutscher Name' };
    const [frenchEntry] = readUitdatabank(french, context('2026-03-30', 1)).activities;
    expect(frenchEntry!.activity.title).toEqual({ nl: 'Nom français', fr: 'Nom français' });
  });

  it('reads the text of a saved export, a single event without subEvents, and fills a place that has only a point', () => {
    const event = clone(acrobatics!);
    delete event.subEvent; // older UiTdatabank data: only startDate and endDate
    event.location = { '@id': 'https://io.uitdatabank.be/places/55555555-5555-4555-8555-555555555555', geo: { latitude: 50.96, longitude: 5.5 } };
    const read = readUitdatabank(JSON.stringify([event]), context('2026-06-15', 1));
    expect(read.problems).toEqual([]);
    const [entry] = read.activities;
    expect(entry!.occurrences.map((occurrence) => [local(occurrence.start), local(occurrence.end)])).toEqual([['2026-06-15T09:00', '2026-06-15T12:00']]);
    // A partner place needs a name and an address: the title and the point stand in.
    expect(entry!.activity.place).toEqual({ name: 'Acrobatie & Trampoline', address: '50.96000, 5.50000', geo: { lat: 50.96, lon: 5.5 } });
  });

  it('reports bad dates, a missing name and an online-only event, each with its id, and reads the rest', () => {
    const badDate = clone(acrobatics!);
    badDate['@id'] = 'https://io.uitdatabank.be/events/11111111-1111-4111-8111-111111111111';
    badDate.subEvent[0].startDate = 'next tuesday';
    const backwards = clone(acrobatics!);
    backwards['@id'] = 'https://io.uitdatabank.be/events/22222222-2222-4222-8222-222222222222';
    backwards.subEvent[0].endDate = '2026-06-14T12:00:00+02:00';
    const nameless = clone(place!);
    nameless['@id'] = 'https://io.uitdatabank.be/places/33333333-3333-4333-8333-333333333333';
    nameless.name = {};
    const online = clone(acrobatics!);
    online['@id'] = 'https://io.uitdatabank.be/events/44444444-4444-4444-8444-444444444444';
    online.attendanceMode = 'online';
    online.location = { '@id': 'https://io.uitdatabank.be/places/00000000-0000-0000-0000-000000000000' };
    const read = readUitdatabank([badDate, backwards, nameless, online, acrobatics, place, 'nonsense'], context('2026-06-15', 1));
    // 15 June 2026 is a Monday: the place is open (17:00) too.
    expect(read.activities.map((entry) => entry.uid)).toEqual([acrobatics!['@id'], place!['@id']]);
    expect(read.outside).toBe(0);
    expect(read.problems).toEqual([
      { id: badDate['@id'], title: 'Acrobatie & Trampoline', message: expect.stringContaining('no readable startDate') },
      { id: backwards['@id'], title: 'Acrobatie & Trampoline', message: expect.stringContaining('before it starts') },
      { id: nameless['@id'], message: 'it has no name.' },
      { id: online['@id'], title: 'Acrobatie & Trampoline', message: expect.stringContaining('online only') },
      { message: expect.stringContaining('item 7 is not an UiTdatabank event or place') },
    ]);
  });
});

describe('readUitdatabank on input that is not UiTdatabank', () => {
  const ctx = context('2026-06-15', 1);
  it('throws UitFeedError with a reason staff can act on', () => {
    expect(() => readUitdatabank({ hello: 'world' }, ctx)).toThrow(UitFeedError);
    expect(() => readUitdatabank('<html>', ctx)).toThrow(/not JSON/);
    expect(() => readUitdatabank([{ '@id': 'https://example.org/x' }, 3], ctx)).toThrow(/not UiTdatabank JSON-LD/);
    expect(() => readUitdatabank(null, ctx)).toThrow(UitFeedError);
    expect(() => readUitdatabank({ type: 'https://api.publiq.be/probs/auth/unauthorized', title: 'Unauthorized', status: 401, detail: 'Invalid API key' }, ctx)).toThrow(
      'UiTdatabank answered with an error (401): Unauthorized — Invalid API key',
    );
  });
  it('reads an empty export or an empty page as nothing, without a problem', () => {
    expect(readUitdatabank([], ctx)).toEqual({ activities: [], problems: [], items: 0, outside: 0 });
    expect(readUitdatabank({ '@context': 'http://www.w3.org/ns/hydra/context.jsonld', itemsPerPage: 30, totalItems: 0, member: [] }, ctx).items).toBe(0);
  });
});

describe.runIf(present)('Search API pages', () => {
  const [concert, , acrobatics] = present ? examples('event-with-read-example.json') : [];
  it('reads a page of several members and pages on to the end', () => {
    const members = [0, 1, 2].map((index) => {
      const event = clone(index === 0 ? concert! : acrobatics!);
      event['@id'] = `https://io.uitdatabank.be/events/0000000${index}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`;
      return event;
    });
    const page = { '@context': 'http://www.w3.org/ns/hydra/context.jsonld', '@type': 'PagedCollection', itemsPerPage: 3, totalItems: 7, member: members };
    const read = readUitdatabank(page, context('2026-06-15', 1));
    expect(read.items).toBe(3);
    expect(read.problems).toEqual([]);
    expect(read.outside).toBe(1); // the 2021 concert
    expect(read.activities.map((entry) => entry.uid)).toEqual([members[1]!['@id'], members[2]!['@id']]);
    expect(new Set(read.activities.map((entry) => entry.activity.id)).size).toBe(2);
    expect(uitNextStart(page, 0)).toBe(3);
    expect(uitNextStart(page, 3)).toBe(6);
    expect(uitNextStart({ ...page, member: members.slice(0, 1) }, 6)).toBeUndefined();
    expect(uitNextStart({ ...page, member: [] }, 0)).toBeUndefined();
    expect(uitNextStart({ ...page, totalItems: 5000 }, 1998, 2000)).toBeUndefined();
  });

  it('builds the Search API address without the key', () => {
    const url = new URL(uitSearchUrl('https://search.uitdatabank.be', { ...FEED, query: 'regions:nis-71016-Z' }, { postalCode: '3600' }, 50, 50, { from: Date.parse('2026-06-15T00:00:00+02:00'), days: 2 }));
    expect(url.origin + url.pathname).toBe('https://search.uitdatabank.be/events/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'regions:nis-71016-Z',
      postalCode: '3600',
      dateFrom: '2026-06-14T22:00:00+00:00',
      dateTo: '2026-06-16T22:00:00+00:00',
      embed: 'true',
      'sort[availableTo]': 'asc',
      'sort[created]': 'asc',
      start: '50',
      limit: '50',
    });
    expect(url.search).toContain('dateFrom=2026-06-14T22%3A00%3A00%2B00%3A00');
    expect(url.search).not.toMatch(/key/i);
    expect(new URL(uitSearchUrl('https://search-test.uitdatabank.be/events', { ...FEED, postalCode: '3500' }, { postalCode: '3600' }, 0, 10)).searchParams.get('postalCode')).toBe('3500');
    expect(UIT_API_KEY_HEADER).toBe('x-api-key');
  });
});

describe('the term table', () => {
  it('is documented row by row in docs/feeds.md', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/feeds.md'), 'utf8');
    for (const row of UIT_TERM_TABLE) {
      expect(doc).toContain(`| ${row.id ? `\`${row.id}\`` : '—'} | ${row.label} | ${row.domain} | ${row.level ?? '—'} | ${(row.themes ?? []).join(', ') || '—'} |`);
    }
  });
  it('names only the five default themes and has one row per id and per label', () => {
    const themeIds = new Set(DEFAULT_THEMES.map((theme) => theme.id));
    expect(UIT_TERM_TABLE.flatMap((row) => row.themes ?? []).filter((theme) => !themeIds.has(theme))).toEqual([]);
    const ids = UIT_TERM_TABLE.flatMap((row) => (row.id ? [row.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    const labels = UIT_TERM_TABLE.map((row) => row.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
  });
});
