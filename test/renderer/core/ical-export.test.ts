import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '../../../src-renderer/core/i18n';
import { calendarEvents, calendarFileName, exportCalendar, type CalendarExportInput, type ExportBooking } from '../../../src-renderer/core/ical-export';
import { readIcsOffer } from '../../../src-renderer/core/ical-import';
import type { Activity, Level, LevelId, Occurrence, Organisation, Site, Space } from '../../../src-renderer/core/model';
import { expandActivity } from '../../../src-renderer/core/schedule';

// The file's texts come from the language tables, which the app loads on demand.
beforeAll(async () => {
  await Promise.all((['en', 'fr', 'tr'] as const).map((locale) => loadMessages(locale)));
});

// Runs under whatever TZ the caller sets; checked under UTC, Europe/Brussels and America/New_York.
const BRUSSELS = 'Europe/Brussels';
const site: Site = {
  id: 'regina-mundi',
  name: { nl: 'Regina Mundi', en: 'Regina Mundi' },
  timeZone: BRUSSELS,
  defaultLocale: 'nl',
  locales: ['nl', 'en'],
  followUpBaseUrl: 'https://example.org/volg/',
  idle: { timeoutSeconds: 90, warningSeconds: 15 },
  staff: { idleLockSeconds: 120 },
  openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  closures: [],
  plan: { image: 'plan.svg', width: 100, height: 100 },
};
const space = (id: string, name: string): Space => ({ id, name: { nl: name }, kind: 'room', at: { x: 0, y: 0 }, equipment: [], concurrent: false });
const spaces = [space('atelier', 'Atelier'), space('zaal', 'Grote zaal')];
const organisations: Organisation[] = [
  { id: 'fablab', name: 'FabLab Genk', kind: 'resident', description: {} },
  { id: 'bib', name: 'Bibliotheek', kind: 'partner', description: {}, place: { name: 'Bib Genk', address: 'Stadsplein 1', geo: { lat: 50.96, lon: 5.5 } } },
];
const activity = (id: string, spaceId: string | undefined, schedule: Activity['schedule'], extra: Partial<Activity> = {}): Activity => ({
  id,
  title: { nl: `Titel ${id}`, en: `Title ${id}` },
  summary: { nl: `Over ${id}` },
  description: {},
  level: 'see-do',
  themes: [],
  organiser: spaceId ? 'fablab' : 'bib',
  ...(spaceId ? { space: spaceId } : {}),
  schedule,
  ages: { min: 0 },
  price: { kind: 'free' },
  languages: ['nl'],
  registration: 'walk-in',
  badges: [],
  nextSteps: [],
  ...extra,
});
// A Sunday series across both 2026 changes, a one-off in the spring gap's morning, one in the autumn fold, and an off-site one.
const activities = [
  activity('repair-cafe', 'atelier', [{ start: '2026-03-15T14:00', end: '2026-03-15T16:00', rrule: 'FREQ=WEEKLY;BYDAY=SU', except: [] }]),
  activity('night-owls', 'zaal', [
    { start: '2026-03-29T01:30', end: '2026-03-29T03:30', except: [] },
    { start: '2026-10-25T01:30', end: '2026-10-25T02:45', except: [] },
  ]),
  activity('reading', undefined, [{ start: '2026-10-25T10:00', end: '2026-10-25T11:00', except: [] }]),
];
const level = (id: LevelId, shape: Level['shape']): Level => ({ id, name: { nl: id }, description: {}, color: '#123456', shape });
const levels: Record<LevelId, Level> = { 'see-do': level('see-do', 'circle'), 'do-together': level('do-together', 'square'), 'do-yourself': level('do-yourself', 'diamond') };
const organisationById = new Map(organisations.map((o) => [o.id, o]));
const FROM = Date.parse('2026-03-01T00:00:00Z');
const TO = Date.parse('2026-11-30T00:00:00Z');
const occurrences: Occurrence[] = activities.flatMap((a) => expandActivity(a, site, organisationById.get(a.organiser), FROM, TO));
const bookings: ExportBooking[] = [
  { id: 'b1', spaceId: 'atelier', start: Date.parse('2026-03-29T08:00:00Z'), end: Date.parse('2026-03-29T09:00:00Z'), holder: { kind: 'visitor', nickname: 'Zeynep' }, purpose: 'Zeynep haar fiets', status: 'confirmed' },
  { id: 'b2', spaceId: 'zaal', start: Date.parse('2026-10-25T08:00:00Z'), end: Date.parse('2026-10-25T10:00:00Z'), holder: { kind: 'organisation', id: 'fablab' }, purpose: 'Workshop lasersnijden', status: 'confirmed' },
  { id: 'b3', spaceId: 'atelier', start: Date.parse('2026-04-02T08:00:00Z'), end: Date.parse('2026-04-02T09:00:00Z'), holder: { kind: 'visitor', nickname: 'Ahmed' }, status: 'cancelled' },
];
const input = (extra: Partial<CalendarExportInput> = {}): CalendarExportInput => ({
  site,
  locale: 'en',
  spaces,
  activities,
  organisations,
  occurrences,
  bookings,
  from: FROM,
  to: TO,
  now: Date.parse('2026-02-01T12:00:00Z'),
  ...extra,
});

/** Reads a file as a calendar application would: every event's instants through the file's own VTIMEZONE. */
function parseBack(text: string): { uid: string; start: number; end: number; summary: string; description: string | null }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([BRUSSELS]);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component, { exceptions: [] });
    return { uid: event.uid, start: event.startDate.toUnixTime() * 1000, end: event.endDate.toUnixTime() * 1000, summary: event.summary, description: event.description };
  });
}

describe('exportCalendar', () => {
  it('round-trips every session and booking through ical.js as the same instants, across both DST changes of 2026', () => {
    const text = exportCalendar(input());
    const parsed = parseBack(text);
    const expected = [...occurrences.map((o) => ({ start: o.start, end: o.end })), ...bookings.filter((b) => b.status === 'confirmed').map((b) => ({ start: b.start, end: b.end }))].sort(
      (a, b) => a.start - b.start || a.end - b.end,
    );
    expect(parsed.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start || a.end - b.end)).toEqual(expected);

    // The Sunday 14:00 session stays at 14:00 local on both sides of each change.
    const sundays = parsed.filter((event) => event.summary === 'Title repair-cafe').map((event) => event.start);
    expect(sundays).toContain(Date.parse('2026-03-22T13:00:00Z')); // CET
    expect(sundays).toContain(Date.parse('2026-03-29T12:00:00Z')); // CEST, the day of the change
    expect(sundays).toContain(Date.parse('2026-10-18T12:00:00Z')); // CEST
    expect(sundays).toContain(Date.parse('2026-10-25T13:00:00Z')); // CET, the day of the change
    // 01:30–03:30 on 29 March is only one real hour (02:00–03:00 does not exist); 02:45 in the autumn fold is the first one.
    const owls = parsed.filter((event) => event.summary === 'Title night-owls');
    expect(owls.map((event) => [event.start, event.end])).toEqual([
      [Date.parse('2026-03-29T00:30:00Z'), Date.parse('2026-03-29T01:30:00Z')],
      [Date.parse('2026-10-24T23:30:00Z'), Date.parse('2026-10-25T00:45:00Z')],
    ]);
  });

  it('is valid RFC 5545 in form: CRLF lines of at most 75 octets, one VTIMEZONE, UID and DTSTAMP on every event', () => {
    const text = exportCalendar(input());
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
    const events = text.split('BEGIN:VEVENT').slice(1);
    expect(events.length).toBeGreaterThan(30);
    for (const event of events) {
      expect(event).toMatch(/\r\nUID:[^\r]+@regina-mundi\.wegwijzer\r\n/);
      expect(event).toMatch(/\r\nDTSTAMP:20260201T120000Z\r\n/);
    }
    const uids = events.map((event) => /UID:([^\r]+)/.exec(event)?.[1]);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('shows a visitor booking as "Booked" with no nickname, purpose or code; an organisation booking with its name', () => {
    const text = exportCalendar(input());
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).not.toContain('Zeynep');
    expect(unfolded).not.toContain('Ahmed');
    const events = calendarEvents(input());
    const visitor = events.find((event) => event.uid.startsWith('booking-b1@'));
    expect(visitor).toEqual({ uid: 'booking-b1@regina-mundi.wegwijzer', start: bookings[0]!.start, end: bookings[0]!.end, summary: 'Booked', location: 'Atelier, Regina Mundi' });
    const organisation = events.find((event) => event.uid.startsWith('booking-b2@'));
    expect(organisation?.summary).toBe('Booked: FabLab Genk');
    expect(organisation?.description).toBe('Workshop lasersnijden');
    // Cancelled bookings stay out.
    expect(events.some((event) => event.uid.startsWith('booking-b3@'))).toBe(false);
  });

  it('exports one space: only its sessions and bookings, named after it', () => {
    const text = exportCalendar(input({ spaceId: 'zaal', locale: 'nl' }));
    expect(text).toContain('NAME:Regina Mundi — Grote zaal');
    const parsed = parseBack(text);
    expect(parsed.map((event) => event.summary).sort()).toEqual(['Gereserveerd: FabLab Genk', 'Titel night-owls', 'Titel night-owls']);
  });

  it('links each session to its follow-up page and places off-site ones at the partner', () => {
    const reading = calendarEvents(input()).find((event) => event.summary === 'Title reading');
    expect(reading?.url).toBe('https://example.org/volg/#a/reading');
    expect(reading?.location).toBe('Bib Genk, Stadsplein 1');
    expect(reading?.description).toContain('By Bibliotheek');
  });

  it('leaves out what falls outside the period and counts a duplicate session once', () => {
    const narrow = calendarEvents(input({ from: Date.parse('2026-10-25T00:00:00Z'), to: Date.parse('2026-10-26T00:00:00Z'), occurrences: [...occurrences, ...occurrences] }));
    expect(narrow.map((event) => event.summary)).toEqual(['Title night-owls', 'Booked: FabLab Genk', 'Title reading', 'Title repair-cafe']);
  });

  it('reads back through the partner import with the same instants (export → import)', async () => {
    const text = exportCalendar(input({ bookings: [] }));
    const result = await readIcsOffer(
      text,
      { organisation: organisations[1]!, level: 'see-do', themes: [], price: 'free', contentLocale: 'en' },
      { timeZone: BRUSSELS, defaultLocale: 'nl', levels, themes: [], from: FROM, days: 274 },
    );
    if (!result.ok) throw new Error(result.error.message);
    const imported = result.plan.activities.flatMap((entry) => entry.occurrences.map((o) => [o.start, o.end])).sort((a, b) => a[0]! - b[0]!);
    expect(imported).toEqual(occurrences.map((o) => [o.start, o.end]).sort((a, b) => a[0]! - b[0]!));
  });
});

describe('calendarFileName', () => {
  it('makes plain names', () => {
    expect(calendarFileName('regina-mundi')).toBe('regina-mundi-site.ics');
    expect(calendarFileName('regina-mundi', 'atelier')).toBe('regina-mundi-atelier.ics');
    expect(calendarFileName('../x', 'a/b')).toBe('x-a-b.ics');
  });
});
