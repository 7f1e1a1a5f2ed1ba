// The recurrence engine against the transcribed corpus (RFC 5545 examples, python-dateutil cases)
// and against hand-worked clock changes in Europe/Brussels and America/New_York.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rruleProblems } from '../../../src-renderer/core/config';
import type { Activity, Site } from '../../../src-renderer/core/model';
import { expandRule, parseRule, RuleError } from '../../../src-renderer/core/recurrence';
import { expandActivity, instantToLocal, localDateTimeToInstant } from '../../../src-renderer/core/schedule';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';
import { DATEUTIL_CASES, RFC_EXAMPLES, RFC_ZONE } from './recurrence-corpus';

const FAR_FUTURE = '2030-01-01T00:00';

function activity(start: string, rule: string | undefined, except: string[] = [], minutes = 60): Activity {
  const end = new Date(Date.parse(`${start}Z`) + minutes * 60_000).toISOString().slice(0, 16);
  return { id: 'a', space: 's', organiser: 'o', schedule: [{ start, end, ...(rule ? { rrule: rule } : {}), except }] } as unknown as Activity;
}

/** Starts as local wall-clock times, through the kiosk's own path (validation aside). */
function localStarts(zone: string, start: string, rule: string | undefined, through: string, except: string[] = []): string[] {
  const from = localDateTimeToInstant(start, zone) - 60_000;
  const to = localDateTimeToInstant(through, zone) + 60_000;
  return expandActivity(activity(start, rule, except), { timeZone: zone } as Site, undefined, from, to).map((occurrence) => instantToLocal(occurrence.start, zone));
}

/** Starts as UTC instants "YYYY-MM-DDTHH:mmZ". */
function utcStarts(zone: string, start: string, rule: string, through: string): string[] {
  const from = localDateTimeToInstant(start, zone) - 60_000;
  const to = localDateTimeToInstant(through, zone);
  return expandActivity(activity(start, rule), { timeZone: zone } as Site, undefined, from, to).map((occurrence) => `${new Date(occurrence.start).toISOString().slice(0, 16)}Z`);
}

describe('RFC 5545 §3.8.5.3 examples', () => {
  it('has every example of the section', () => {
    expect(RFC_EXAMPLES).toHaveLength(43);
  });

  it.each(RFC_EXAMPLES.map((example) => [example.title, example] as const))('%s', (_title, example) => {
    expect(rruleProblems(example.rule)).toEqual([]);
    expect(localStarts(RFC_ZONE, example.start, example.rule, example.through ?? FAR_FUTURE, example.except)).toEqual(example.expected);
  });
});

describe('python-dateutil test_rrule.py cases', () => {
  const floating = (local: string) => Date.parse(`${local}:00Z`);
  const accepted = DATEUTIL_CASES.filter((entry) => 'expected' in entry);
  const refused = DATEUTIL_CASES.filter((entry) => 'refused' in entry);

  it.each(accepted.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    if (!('expected' in entry)) throw new Error('unreachable');
    expect(rruleProblems(entry.rule)).toEqual([]);
    const starts = expandRule(parseRule(entry.rule), floating(entry.start), { through: floating('2300-01-01T00:00'), firstStart: 'if-matching' });
    expect(starts.map((start) => new Date(start).toISOString().slice(0, 16))).toEqual(entry.expected);
  });

  it.each(refused.map((entry) => [entry.name, entry] as const))('%s is refused with a reason', (_name, entry) => {
    if (!('refused' in entry)) throw new Error('unreachable');
    expect(() => parseRule(entry.rule)).toThrow(RuleError);
    expect(rruleProblems(entry.rule).join(' ')).toContain(entry.refused);
  });
});

describe('clock changes (RFC 5545 §3.3.10: a start in a spring-forward gap is skipped and not counted)', () => {
  const BRUSSELS = 'Europe/Brussels';
  const NEW_YORK = 'America/New_York';

  it('Brussels: a daily 02:30 session skips 29 March 2026 and still counts four', () => {
    expect(localStarts(BRUSSELS, '2026-03-27T02:30', 'FREQ=DAILY;COUNT=4', '2026-04-30T00:00')).toEqual(['2026-03-27T02:30', '2026-03-28T02:30', '2026-03-30T02:30', '2026-03-31T02:30']);
  });

  it('Brussels: a weekly Sunday 02:30 session has no session on the day of the gap', () => {
    expect(localStarts(BRUSSELS, '2026-03-22T02:30', 'FREQ=WEEKLY', '2026-04-06T00:00')).toEqual(['2026-03-22T02:30', '2026-04-05T02:30']);
  });

  it('Brussels: an hourly series steps over the missing hour', () => {
    expect(utcStarts(BRUSSELS, '2026-03-29T00:30', 'FREQ=HOURLY;COUNT=4', '2026-03-30T00:00')).toEqual(['2026-03-28T23:30Z', '2026-03-29T00:30Z', '2026-03-29T01:30Z', '2026-03-29T02:30Z']);
  });

  it('Brussels: a start in the autumn fold is the first of the two 02:30s', () => {
    expect(utcStarts(BRUSSELS, '2026-10-24T02:30', 'FREQ=DAILY;COUNT=3', '2026-11-01T00:00')).toEqual(['2026-10-24T00:30Z', '2026-10-25T00:30Z', '2026-10-26T01:30Z']);
  });

  it('Brussels: an hourly series runs through the fold once, by the wall clock', () => {
    expect(utcStarts(BRUSSELS, '2026-10-25T01:30', 'FREQ=HOURLY;COUNT=3', '2026-10-26T00:00')).toEqual(['2026-10-24T23:30Z', '2026-10-25T00:30Z', '2026-10-25T02:30Z']);
  });

  it('Brussels: a weekly 14:00 session stays at 14:00 across both changes', () => {
    expect(utcStarts(BRUSSELS, '2026-03-22T14:00', 'FREQ=WEEKLY;COUNT=2', '2026-04-01T00:00')).toEqual(['2026-03-22T13:00Z', '2026-03-29T12:00Z']);
    expect(utcStarts(BRUSSELS, '2026-10-18T14:00', 'FREQ=WEEKLY;COUNT=2', '2026-11-01T00:00')).toEqual(['2026-10-18T12:00Z', '2026-10-25T13:00Z']);
  });

  it('Brussels: a series whose first start is in the gap keeps that start, moved forward like any explicit time', () => {
    expect(utcStarts(BRUSSELS, '2026-03-29T02:30', 'FREQ=WEEKLY;COUNT=2', '2026-04-10T00:00')).toEqual(['2026-03-29T01:30Z', '2026-04-05T00:30Z']);
  });

  it('New York: a daily 02:30 session skips 8 March 2026 and still counts three', () => {
    expect(localStarts(NEW_YORK, '2026-03-07T02:30', 'FREQ=DAILY;COUNT=3', '2026-04-01T00:00')).toEqual(['2026-03-07T02:30', '2026-03-09T02:30', '2026-03-10T02:30']);
  });

  it('New York: a monthly second-Sunday 02:15 session has no March 2026 date', () => {
    expect(localStarts(NEW_YORK, '2026-02-08T02:15', 'FREQ=MONTHLY;BYDAY=2SU;COUNT=3', '2026-12-31T00:00')).toEqual(['2026-02-08T02:15', '2026-04-12T02:15', '2026-05-10T02:15']);
  });

  it('New York: a start in the November fold is the first (EDT) 01:30', () => {
    expect(utcStarts(NEW_YORK, '2026-10-31T01:30', 'FREQ=DAILY;COUNT=3', '2026-11-05T00:00')).toEqual(['2026-10-31T05:30Z', '2026-11-01T05:30Z', '2026-11-02T06:30Z']);
  });

  it('New York: a UTC UNTIL is compared as an instant, the last start included when equal', () => {
    expect(utcStarts(NEW_YORK, '2026-10-30T09:00', 'FREQ=DAILY;UNTIL=20261103T140000Z', '2026-12-01T00:00')).toEqual([
      '2026-10-30T13:00Z',
      '2026-10-31T13:00Z',
      '2026-11-01T14:00Z',
      '2026-11-02T14:00Z',
      '2026-11-03T14:00Z',
    ]);
    expect(utcStarts(NEW_YORK, '2026-10-30T09:00', 'FREQ=DAILY;UNTIL=20261103T135959Z', '2026-12-01T00:00')).toHaveLength(4);
  });

  it('New York: a one-off session in the gap moves forward (an explicit time, §3.3.5)', () => {
    expect(utcStarts(NEW_YORK, '2026-03-08T02:30', 'FREQ=DAILY;COUNT=1', '2026-03-09T00:00')).toEqual(['2026-03-08T07:30Z']);
  });
});

// Plain weekly and monthly rules list their days directly instead of testing every day of a period;
// that shortcut is kept only because it gives exactly what testing every day gives.
describe('the day-listing shortcut', () => {
  const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
  const rule = fc.oneof(
    fc
      .record({ days: fc.uniqueArray(weekday, { minLength: 1, maxLength: 4 }), interval: fc.integer({ min: 1, max: 3 }), wkst: weekday, count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }) })
      .map(({ days, interval, wkst, count }) => `FREQ=WEEKLY;INTERVAL=${interval};BYDAY=${days.join(',')};WKST=${wkst}${count ? `;COUNT=${count}` : ''}`),
    fc
      .record({
        days: fc.uniqueArray(fc.tuple(fc.constantFrom('', '1', '2', '3', '4', '5', '-1', '-2', '-5'), weekday), { minLength: 1, maxLength: 3, selector: ([n, day]) => `${n}${day}` }),
        interval: fc.integer({ min: 1, max: 3 }),
        months: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
        positions: fc.option(fc.constantFrom('1', '-1', '2,-2'), { nil: undefined }),
      })
      .map(({ days, interval, months, positions }) => `FREQ=MONTHLY;INTERVAL=${interval};BYDAY=${days.map(([n, day]) => `${n}${day}`).join(',')}${months ? `;BYMONTH=${months.join(',')}` : ''}${positions ? `;BYSETPOS=${positions}` : ''}`),
  );

  it(
    'gives the same starts as testing every day',
    () => {
      fc.assert(
        fc.property(rule, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 600 }), (text, startDay, fromDay) => {
          const start = Date.parse('2024-01-01T10:30:00Z') + startDay * 86_400_000;
          const options = { from: start + fromDay * 86_400_000, through: start + (fromDay + 400) * 86_400_000 };
          expect(expandRule(parseRule(text), start, options)).toEqual(expandRule(parseRule(text), start, { ...options, testEveryDay: true }));
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
