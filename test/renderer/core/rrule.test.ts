import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rruleProblems } from '../../../src-renderer/core/config';
import type { Activity, Site } from '../../../src-renderer/core/model';
import { expandActivity } from '../../../src-renderer/core/schedule';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

describe('rruleProblems', () => {
  it.each(['FREQ=WEEKLY', 'FREQ=MONTHLY;BYDAY=2SA', 'FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2', 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231', 'FREQ=DAILY;COUNT=10;WKST=MO', 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1', 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2', 'FREQ=WEEKLY;UNTIL=20261231T170000', 'FREQ=WEEKLY;UNTIL=20261231T160000Z', 'FREQ=HOURLY;INTERVAL=3;BYHOUR=9,12,15', 'FREQ=MINUTELY;INTERVAL=30;BYHOUR=10,11', 'FREQ=YEARLY;BYMONTH=3;BYYEARDAY=70', 'FREQ=YEARLY;BYYEARDAY=100;BYMONTHDAY=10', 'FREQ=YEARLY;BYWEEKNO=20;BYMONTHDAY=12', 'FREQ=MONTHLY;BYDAY=5MO', 'FREQ=YEARLY;BYDAY=53MO'])(
    'accepts %s',
    (rule) => expect(rruleProblems(rule)).toEqual([]),
  );

  it.each([
    ['', 'the rule is empty; leave `rrule` out for a one-off session'],
    ['RRULE:FREQ=WEEKLY', 'write the rule without the `RRULE:` prefix'],
    ['BYDAY=MO', 'FREQ is required, e.g. FREQ=WEEKLY'],
    ['FREQ=FORTNIGHTLY', 'FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY, not `FORTNIGHTLY`'],
    ['FREQ=SECONDLY', 'FREQ=SECONDLY is not supported: the kiosk schedules to the minute'],
    ['FREQ=MONTHLY;BYDAY=6MO', 'BYDAY `6MO`: a month has at most 5 of each weekday, so the number must be 1 to 5 or -1 to -5'],
    ['FREQ=YEARLY;BYDAY=54MO', 'BYDAY `54MO`: a year has at most 53 of each weekday, so the number must be 1 to 53 or -1 to -53'],
    ['FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO', 'with BYWEEKNO, BYDAY takes plain weekdays (MO, not 1MO)'],
    ['FREQ=HOURLY;BYHOUR=9,10;BYSETPOS=1', 'BYSETPOS cannot be used with FREQ=HOURLY'],
    ['FREQ=MONTHLY;BYYEARDAY=100', 'BYYEARDAY cannot be used with FREQ=MONTHLY'],
    ['FREQ=DAILY;BYSECOND=0', 'BYSECOND is not supported: the kiosk schedules to the minute'],
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY value `XX` is not a weekday like MO, 2SA or -1FR'],
    ['FREQ=WEEKLY;BYDAY=2SA', 'BYDAY `2SA`: a number before the weekday only works with FREQ=MONTHLY or FREQ=YEARLY'],
    ['FREQ=MONTHLY;BYDAY=0SA', 'BYDAY value `0SA` is not a weekday like MO, 2SA or -1FR'],
    ['FREQ=WEEKLY;UNTIL=2026-12-31', 'UNTIL must be a date like 20261231 or a date-time like 20261231T170000 (site time) or 20261231T160000Z (UTC), not `2026-12-31`'],
    ['FREQ=WEEKLY;UNTIL=20261231Z', 'UNTIL must be a date like 20261231 or a date-time like 20261231T170000 (site time) or 20261231T160000Z (UTC), not `20261231Z`'],
    ['FREQ=WEEKLY;UNTIL=20260230', 'UNTIL `20260230` is not a real date or time'],
    ['FREQ=WEEKLY;COUNT=ten', 'COUNT must be a positive whole number, not `ten`'],
    ['FREQ=WEEKLY;INTERVAL=0', 'INTERVAL must be a positive whole number, not `0`'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20261231', 'use COUNT or UNTIL, not both'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY value `32` must be a whole number from 1 to 31 or -31 to -1'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH value `13` must be a whole number from 1 to 12'],
    ['FREQ=MONTHLY;BYDAY=SA;BYSETPOS=0', 'BYSETPOS value `0` must be a whole number from 1 to 366 or -366 to -1'],
    ['FREQ=MONTHLY;BYSETPOS=2', 'BYSETPOS needs another BY… part to pick from, e.g. BYDAY=SA;BYSETPOS=2'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=WEEKLY;WKST=XY', 'WKST must be one of MO, TU, WE, TH, FR, SA, SU, not `XY`'],
    ['FREQ=WEEKLY;BYDAYS=MO', 'unknown part `BYDAYS` (parts are upper-case, e.g. FREQ, BYDAY, UNTIL)'],
    ['freq=weekly', 'unknown part `freq` (parts are upper-case, e.g. FREQ, BYDAY, UNTIL)'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'FREQ is given twice'],
    ['FREQ=WEEKLY;BYDAY', '`BYDAY` is not a NAME=VALUE part'],
    ['FREQ=WEEKLY;BYDAY=', 'BYDAY has no value'],
  ])('refuses %j', (rule, problem) => {
    expect(rruleProblems(rule)).toContain(problem);
  });
});

// Validation and expansion must agree: a rule that validates never makes the kiosk's expansion throw.
describe('whatever validates expands', () => {
  const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
  const signed = (max: number) => fc.integer({ min: -max, max }).filter((value) => value !== 0);
  const part = fc.oneof(
    fc.integer({ min: 1, max: 4 }).map((value) => `INTERVAL=${value}`),
    fc.integer({ min: 1, max: 30 }).map((value) => `COUNT=${value}`),
    fc.constantFrom('UNTIL=20270630', 'UNTIL=20270630T120000', 'UNTIL=20270630T100000Z'),
    fc.array(fc.tuple(fc.option(signed(6), { nil: undefined }), weekday), { minLength: 1, maxLength: 3 }).map((days) => `BYDAY=${days.map(([n, day]) => `${n ?? ''}${day}`).join(',')}`),
    fc.array(signed(31), { minLength: 1, maxLength: 3 }).map((days) => `BYMONTHDAY=${days.join(',')}`),
    fc.array(signed(366), { minLength: 1, maxLength: 3 }).map((days) => `BYYEARDAY=${days.join(',')}`),
    fc.array(signed(53), { minLength: 1, maxLength: 2 }).map((weeks) => `BYWEEKNO=${weeks.join(',')}`),
    fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }).map((months) => `BYMONTH=${months.join(',')}`),
    fc.array(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }).map((hours) => `BYHOUR=${hours.join(',')}`),
    fc.array(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }).map((minutes) => `BYMINUTE=${minutes.join(',')}`),
    fc.array(signed(10), { minLength: 1, maxLength: 2 }).map((positions) => `BYSETPOS=${positions.join(',')}`),
    weekday.map((day) => `WKST=${day}`),
  );
  const rule = fc
    .tuple(fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'), fc.uniqueArray(part, { maxLength: 4, selector: (text) => text.split('=')[0] }))
    .map(([freq, parts]) => [`FREQ=${freq}`, ...parts].join(';'));

  it(
    'expands every random rule that validates, in a year window, without throwing',
    () => {
      fc.assert(
        fc.property(rule, fc.constantFrom('Europe/Brussels', 'America/New_York'), (text, zone) => {
          if (rruleProblems(text).length > 0) return;
          const activity = { id: 'a', space: 's', organiser: 'o', schedule: [{ start: '2026-03-28T02:30', end: '2026-03-28T03:00', rrule: text, except: [] }] } as unknown as Activity;
          const from = Date.parse('2026-03-01T00:00:00Z');
          expect(() => expandActivity(activity, { timeZone: zone } as Site, undefined, from, from + 365 * 86_400_000)).not.toThrow();
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
