// The expansion computes common rules (weekly by weekday, monthly by nth weekday) directly and
// caches zone offsets per day, for speed. This property test holds it to a plain oracle: ical.js
// iterating the rule from the first start in floating time, each start converted with Temporal.
import fc from 'fast-check';
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Activity, Site } from '../../../src-renderer/core/model';
import { expandActivity } from '../../../src-renderer/core/schedule';

const DAY_MS = 86_400_000;
const ZONES = ['Europe/Brussels', 'America/New_York', 'UTC', 'Australia/Sydney'] as const;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const weeklyRule = fc
  .record({
    days: fc.subarray([...WEEKDAYS], { minLength: 0, maxLength: 3 }),
    interval: fc.integer({ min: 1, max: 3 }),
    wkst: fc.constantFrom('MO', 'SU'),
  })
  .map(({ days, interval, wkst }) => `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ''}${days.length ? `;BYDAY=${days.join(',')}` : ''};WKST=${wkst}`);

const monthlyRule = fc
  .record({ nth: fc.constantFrom('1', '2', '3', '4', '-1'), day: fc.constantFrom(...WEEKDAYS), interval: fc.integer({ min: 1, max: 2 }) })
  .map(({ nth, day, interval }) => `FREQ=MONTHLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYDAY=${nth}${day}`);

const series = fc.record({
  rule: fc.oneof(weeklyRule, monthlyRule),
  zone: fc.constantFrom(...ZONES),
  // First start between 2024 and 2027, at a quarter hour, including the small hours DST moves.
  firstDay: fc.integer({ min: 0, max: 3 * 365 }),
  minuteOfDay: fc.integer({ min: 0, max: 95 }).map((quarter) => quarter * 15),
  minutes: fc.integer({ min: 15, max: 240 }),
  windowOffsetDays: fc.integer({ min: -30, max: 500 }),
  windowDays: fc.integer({ min: 1, max: 70 }),
});

function local(date: Temporal.PlainDate, minuteOfDay: number): string {
  return `${date.toString()}T${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** The oracle: every start of the rule, in order, up to the window's end plus a day. */
function oracleStarts(rule: string, firstLocal: string, zone: string, minutes: number, from: number, to: number): number[] {
  const iterator = ICAL.Recur.fromString(rule).iterator(ICAL.Time.fromDateTimeString(`${firstLocal}:00`));
  const starts: number[] = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    const wall = Temporal.PlainDateTime.from(next.toString().slice(0, 16));
    const start = wall.toZonedDateTime(zone, { disambiguation: 'compatible' });
    const end = wall.add({ minutes }).toZonedDateTime(zone, { disambiguation: 'compatible' });
    if (start.epochMilliseconds >= to + DAY_MS) break;
    if (start.epochMilliseconds < to && end.epochMilliseconds > from) starts.push(start.epochMilliseconds);
  }
  return starts;
}

describe('schedule expansion against an ical.js oracle', () => {
  // CPU-bound: well under a second on a quiet machine, many seconds on a shared, loaded one.
  it('gives the same starts for weekly and monthly rules in any zone, DST included', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(series, ({ rule, zone, firstDay, minuteOfDay, minutes, windowOffsetDays, windowDays }) => {
        const startDate = Temporal.PlainDate.from('2024-01-01').add({ days: firstDay });
        const firstLocal = local(startDate, minuteOfDay);
        const endLocal = Temporal.PlainDateTime.from(firstLocal).add({ minutes }).toString().slice(0, 16);
        const from = startDate.add({ days: windowOffsetDays }).toZonedDateTime(zone).epochMilliseconds;
        const to = from + windowDays * DAY_MS;
        const activity = { id: 'a', space: 's', organiser: 'o', schedule: [{ start: firstLocal, end: endLocal, rrule: rule, except: [] }] } as unknown as Activity;
        const expanded = expandActivity(activity, { timeZone: zone } as Site, undefined, from, to).map((occurrence) => occurrence.start);
        expect(expanded).toEqual(oracleStarts(rule, firstLocal, zone, minutes, from, to));
      }),
      { numRuns: 1500 },
    );
  });
});
