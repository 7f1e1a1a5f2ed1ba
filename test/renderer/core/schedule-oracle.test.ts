// The expansion skips whole periods before the window and caches zone offsets per day, for speed.
// This property test holds it to a plain oracle: the same engine walking every period from the first
// start, each start converted by Temporal alone, gaps found by Temporal's round trip. The corpus in
// recurrence.test.ts holds the engine itself to RFC 5545 and python-dateutil.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Activity, Site } from '../../../src-renderer/core/model';
import { expandRule, parseRule } from '../../../src-renderer/core/recurrence';
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
  .record({ nth: fc.constantFrom('1', '2', '3', '4', '5', '-1', '-2'), day: fc.constantFrom(...WEEKDAYS), interval: fc.integer({ min: 1, max: 2 }) })
  .map(({ nth, day, interval }) => `FREQ=MONTHLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYDAY=${nth}${day}`);

const otherRule = fc.constantFrom(
  'FREQ=DAILY',
  'FREQ=DAILY;INTERVAL=3;BYHOUR=9,14',
  'FREQ=MONTHLY;BYMONTHDAY=1,15,-1',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU',
  'FREQ=YEARLY;BYWEEKNO=1,26;BYDAY=MO',
  'FREQ=YEARLY;BYYEARDAY=1,100,-1',
  'FREQ=HOURLY;INTERVAL=5',
  'FREQ=MINUTELY;INTERVAL=45;BYHOUR=1,2,3',
  'FREQ=WEEKLY;COUNT=20',
  'FREQ=DAILY;UNTIL=20260601T000000Z',
);

const series = fc.record({
  rule: fc.oneof(weeklyRule, monthlyRule, otherRule),
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

const floatingOf = (wall: Temporal.PlainDateTime) => Date.parse(`${wall.toString({ smallestUnit: 'minute' })}:00Z`);
const wallOf = (floating: number) => Temporal.PlainDateTime.from(new Date(floating).toISOString().slice(0, 16));

/** The oracle: every start of the rule from the first one, converted one by one, that overlaps [from, to). */
function oracleStarts(rule: string, firstLocal: string, zone: string, minutes: number, from: number, to: number): number[] {
  const first = Temporal.PlainDateTime.from(firstLocal);
  const floatingStarts = expandRule(parseRule(rule), floatingOf(first), {
    // Floating and instant differ by less than a day in any zone.
    through: to + 2 * DAY_MS,
    // A wall-clock time in a gap comes back from Temporal as another time; one in a fold as itself.
    exists: (floating) => wallOf(floating).toZonedDateTime(zone).toPlainDateTime().equals(wallOf(floating)),
    isAfterUtcUntil: (floating, until) => wallOf(floating).toZonedDateTime(zone).epochMilliseconds > until,
  });
  const starts: number[] = [];
  for (const floating of floatingStarts) {
    const wall = wallOf(floating);
    const start = wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
    const end = wall.add({ minutes }).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
    if (start < to && end > from) starts.push(start);
  }
  return starts;
}

describe('schedule expansion against a plain oracle', () => {
  it(
    'gives the same starts for every kind of rule in any zone, DST included',
    () => {
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
        // A fixed number of runs and a budget far above what they need on an idle machine, so a
        // busy two-core machine running other suites alongside still finishes in time.
        { numRuns: 400 },
      );
    },
    180_000,
  );
});
