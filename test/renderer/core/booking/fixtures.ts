// Sites, spaces and instants for the booking tests. Every instant is built from a local wall-clock
// time in Europe/Brussels with Temporal, so the tests mean the same under any process TZ.
import { Temporal } from 'temporal-polyfill';
import type { BookingRules, OpeningHours, Site, Space } from '../../../../src-renderer/core/model';
import type { Interval } from '../../../../src-renderer/core/booking/interval';

export const ZONE = 'Europe/Brussels';
export const MINUTE = 60_000;

/** The instant of a Brussels wall-clock time; `later` picks the second 02:30 of an autumn night. */
export function at(local: string, disambiguation: 'earlier' | 'later' = 'earlier'): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE, { disambiguation }).epochMilliseconds;
}

export function local(ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(ZONE).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

const evenings: OpeningHours = {
  mon: [{ from: '18:00', to: '22:00' }],
  tue: [{ from: '18:00', to: '22:00' }],
  wed: [{ from: '18:00', to: '22:00' }],
  thu: [{ from: '18:00', to: '22:00' }],
  fri: [{ from: '18:00', to: '22:00' }],
  sat: [{ from: '09:00', to: '18:00' }],
  sun: [{ from: '10:00', to: '17:00' }],
};

const allDay = { from: '00:00', to: '24:00' };
export const ALWAYS_OPEN: OpeningHours = { mon: [allDay], tue: [allDay], wed: [allDay], thu: [allDay], fri: [allDay], sat: [allDay], sun: [allDay] };

export function site(overrides: Partial<Site> = {}): Site {
  return {
    id: 'test-site',
    name: { nl: 'Testsite' },
    timeZone: ZONE,
    defaultLocale: 'nl',
    locales: ['nl', 'en'],
    followUpBaseUrl: 'https://example.org/',
    idle: { timeoutSeconds: 90, warningSeconds: 15 },
    staff: { idleLockSeconds: 120 },
    openingHours: evenings,
    closures: [{ from: '2026-12-24', until: '2027-01-01', reason: { nl: 'Kerstvakantie', en: 'Christmas break' } }],
    plan: { image: 'plan.svg', width: 100, height: 100 },
    ...overrides,
  };
}

/** The sample practice room: visitors, 30-min slots, 30–120 min, 10-min buffer, 14 days ahead. */
export function practiceRoom(rules: Partial<BookingRules> = {}, id = 'practice-1'): Space {
  return {
    id,
    name: { nl: 'Oefenruimte', en: 'Practice room' },
    kind: 'practice-room',
    at: { x: 1, y: 1 },
    equipment: [],
    concurrent: false,
    booking: {
      bookableBy: 'visitors',
      slotMinutes: 30,
      minMinutes: 30,
      maxMinutes: 120,
      bufferMinutes: 10,
      maxDaysAhead: 14,
      openingHours: evenings,
      closures: [],
      capacity: 1,
      ...rules,
    },
  };
}

/** A studio open day and night, for the DST days. */
export function nightStudio(rules: Partial<BookingRules> = {}): Space {
  return practiceRoom({ openingHours: ALWAYS_OPEN, bufferMinutes: 0, maxMinutes: 240, maxDaysAhead: 60, ...rules }, 'night-studio');
}

/** Monday 2026-03-23 12:00 in Brussels. */
export const NOW = at('2026-03-23T12:00');

export function booking(start: string, end: string, extra: Partial<Interval> = {}): Interval {
  return { start: at(start), end: at(end), kind: 'booking', id: `b-${start}`, code: 'K7Q2XY', ...extra };
}

export function session(start: string, end: string, activityId = 'choir'): Interval {
  return { start: at(start), end: at(end), kind: 'session', id: `${activityId}@${start}`, activityId };
}
