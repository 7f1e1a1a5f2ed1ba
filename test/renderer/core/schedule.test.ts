import { describe, expect, it } from 'vitest';
import type { Activity, Organisation, ScheduleEntry, Site } from '../../../src-renderer/core/model';
import { expandActivity, expandAll, instantToLocal, localDateTimeToInstant, occurrencesOverlapping } from '../../../src-renderer/core/schedule';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import { fixtureBundle, NOW } from './site-fixture';

const TIME_ZONE = 'Europe/Brussels';
const site = { timeZone: TIME_ZONE } as Site;

function activityWith(...schedule: Partial<ScheduleEntry>[]): Activity {
  return {
    id: 'session',
    space: 'workshop',
    organiser: 'buurtwerk',
    schedule: schedule.map((entry) => ({ start: '', end: '', except: [], ...entry })),
  } as Activity;
}

/** Local start–end of each occurrence in [from, until) local days, as "YYYY-MM-DDTHH:mm–HH:mm". */
function localOccurrences(activity: Activity, from: string, until: string, organiser?: Organisation): string[] {
  const occurrences = expandActivity(activity, site, organiser, localDateTimeToInstant(`${from}T00:00`, TIME_ZONE), localDateTimeToInstant(`${until}T00:00`, TIME_ZONE));
  return occurrences.map(({ start, end }) => `${instantToLocal(start, TIME_ZONE)}–${instantToLocal(end, TIME_ZONE).slice(11)}`);
}

describe('time zone conversion', () => {
  it('resolves a time in the spring-forward gap forward (02:30 → 03:30 CEST)', () => {
    expect(localDateTimeToInstant('2026-03-29T02:30', TIME_ZONE)).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });

  it('takes the earlier instant of a time in the autumn fold', () => {
    expect(localDateTimeToInstant('2026-10-25T02:30', TIME_ZONE)).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('round-trips an ordinary local time', () => {
    const instant = localDateTimeToInstant('2026-06-15T14:05', TIME_ZONE);
    expect(instant).toBe(Date.parse('2026-06-15T12:05:00Z'));
    expect(instantToLocal(instant, TIME_ZONE)).toBe('2026-06-15T14:05');
  });
});

describe('expandActivity', () => {
  it('expands a weekly series', () => {
    const activity = activityWith({ start: '2026-01-07T19:00', end: '2026-01-07T22:00', rrule: 'FREQ=WEEKLY' });
    expect(localOccurrences(activity, '2026-01-01', '2026-01-22')).toEqual(['2026-01-07T19:00–22:00', '2026-01-14T19:00–22:00', '2026-01-21T19:00–22:00']);
  });

  it('expands the second Saturday of every month', () => {
    const activity = activityWith({ start: '2026-01-10T13:00', end: '2026-01-10T17:00', rrule: 'FREQ=MONTHLY;BYDAY=2SA' });
    expect(localOccurrences(activity, '2026-01-01', '2026-05-01')).toEqual([
      '2026-01-10T13:00–17:00',
      '2026-02-14T13:00–17:00',
      '2026-03-14T13:00–17:00',
      '2026-04-11T13:00–17:00',
    ]);
  });

  it('keeps a weekly Sunday 14:00 session at 14:00 local across both DST changes', () => {
    const activity = activityWith({ start: '2026-03-22T14:00', end: '2026-03-22T16:00', rrule: 'FREQ=WEEKLY' });
    const [beforeSpring, afterSpring] = expandActivity(activity, site, undefined, Date.parse('2026-03-22T00:00Z'), Date.parse('2026-03-30T00:00Z'));
    expect(beforeSpring?.start).toBe(Date.parse('2026-03-22T13:00:00Z'));
    expect(afterSpring?.start).toBe(Date.parse('2026-03-29T12:00:00Z'));
    expect(afterSpring && afterSpring.end - afterSpring.start).toBe(2 * 60 * 60_000);
    const [beforeAutumn, afterAutumn] = expandActivity(activity, site, undefined, Date.parse('2026-10-18T00:00Z'), Date.parse('2026-10-26T00:00Z'));
    expect(beforeAutumn?.start).toBe(Date.parse('2026-10-18T12:00:00Z'));
    expect(afterAutumn?.start).toBe(Date.parse('2026-10-25T13:00:00Z'));
    expect(localOccurrences(activity, '2026-10-18', '2026-10-26')).toEqual(['2026-10-18T14:00–16:00', '2026-10-25T14:00–16:00']);
  });

  it('resolves a one-off session in the spring gap as 03:30 CEST and one in the autumn fold as the first 02:30', () => {
    const gap = expandActivity(activityWith({ start: '2026-03-29T02:30', end: '2026-03-29T04:00' }), site, undefined, 0, Date.parse('2027-01-01'));
    expect(gap[0]?.start).toBe(Date.parse('2026-03-29T01:30:00Z'));
    const fold = expandActivity(activityWith({ start: '2026-10-25T02:30', end: '2026-10-25T03:30' }), site, undefined, 0, Date.parse('2027-01-01'));
    expect(fold[0]?.start).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('leaves out a whole excepted day and a single excepted start', () => {
    const activity = activityWith({
      start: '2026-01-05T10:00',
      end: '2026-01-05T11:00',
      rrule: 'FREQ=DAILY;BYHOUR=10,15',
      except: ['2026-01-06', '2026-01-07T15:00'],
    });
    expect(localOccurrences(activity, '2026-01-05', '2026-01-08')).toEqual([
      '2026-01-05T10:00–11:00',
      '2026-01-05T15:00–16:00',
      '2026-01-07T10:00–11:00',
    ]);
  });

  it('runs a guest\'s series only within the guest period, both days included', () => {
    const guest = { id: 'thor-park', kind: 'guest', period: { from: '2026-01-13', until: '2026-01-27' } } as Organisation;
    const activity = activityWith({ start: '2026-01-06T16:00', end: '2026-01-06T17:00', rrule: 'FREQ=WEEKLY' });
    expect(localOccurrences(activity, '2026-01-01', '2026-02-28', guest)).toEqual(['2026-01-13T16:00–17:00', '2026-01-20T16:00–17:00', '2026-01-27T16:00–17:00']);
  });

  it('includes a date-only UNTIL day and respects COUNT', () => {
    const until = activityWith({ start: '2026-01-05T10:00', end: '2026-01-05T11:00', rrule: 'FREQ=WEEKLY;UNTIL=20260119' });
    expect(localOccurrences(until, '2026-01-01', '2026-03-01')).toHaveLength(3);
    const count = activityWith({ start: '2026-01-05T10:00', end: '2026-01-05T11:00', rrule: 'FREQ=DAILY;COUNT=4' });
    expect(localOccurrences(count, '2026-01-01', '2026-03-01')).toHaveLength(4);
  });

  it('does not invent days that a month lacks', () => {
    const activity = activityWith({ start: '2028-02-29T10:00', end: '2028-02-29T11:00', rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29' });
    expect(localOccurrences(activity, '2028-01-01', '2033-01-01')).toEqual(['2028-02-29T10:00–11:00', '2032-02-29T10:00–11:00']);
  });

  it('returns the occurrences overlapping the window, including one that started before it', () => {
    const activity = activityWith({ start: '2026-01-07T19:00', end: '2026-01-07T22:00', rrule: 'FREQ=WEEKLY' });
    const from = localDateTimeToInstant('2026-01-14T21:00', TIME_ZONE);
    const occurrences = expandActivity(activity, site, undefined, from, from + 7 * 24 * 60 * 60_000);
    expect(occurrences.map(({ start }) => instantToLocal(start, TIME_ZONE))).toEqual(['2026-01-14T19:00', '2026-01-21T19:00']);
    expect(occurrencesOverlapping(occurrences, localDateTimeToInstant('2026-01-21T22:00', TIME_ZONE), Infinity)).toEqual([]);
  });
});

describe('expandAll', () => {
  it('expands every activity of a config, sorted by start', () => {
    const result = loadSiteConfig(fixtureBundle(), { now: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const from = localDateTimeToInstant('2026-04-06T00:00', TIME_ZONE);
    const occurrences = expandAll(result.config, from, from + 7 * 24 * 60 * 60_000);
    expect(occurrences.map(({ activityId, start, spaceId }) => `${instantToLocal(start, TIME_ZONE)} ${activityId} ${spaceId ?? '-'}`)).toEqual([
      '2026-04-08T19:00 maker-night workshop',
      '2026-04-11T13:00 repair-cafe workshop',
      '2026-04-12T14:00 mine-tour -',
    ]);
  });
});

describe('site closures', () => {
  const closedSite = { timeZone: TIME_ZONE, closures: [{ from: '2026-01-14', until: '2026-01-15', reason: { nl: 'Inventaris' } }] } as unknown as Site;
  const weekly = activityWith({ start: '2026-01-07T19:00', end: '2026-01-07T22:00', rrule: 'FREQ=WEEKLY' });
  const local = (activity: Activity) =>
    expandActivity(activity, closedSite, undefined, localDateTimeToInstant('2026-01-01T00:00', TIME_ZONE), localDateTimeToInstant('2026-01-29T00:00', TIME_ZONE)).map(({ start }) => instantToLocal(start, TIME_ZONE));

  it('cancels the sessions on a closed day', () => {
    expect(local(weekly)).toEqual(['2026-01-07T19:00', '2026-01-21T19:00', '2026-01-28T19:00']);
  });

  it('keeps them for an activity that runs through closures', () => {
    expect(local({ ...weekly, runsThroughClosures: true })).toEqual(['2026-01-07T19:00', '2026-01-14T19:00', '2026-01-21T19:00', '2026-01-28T19:00']);
  });

  it('cancels a session that runs into a closed day', () => {
    const late = activityWith({ start: '2026-01-13T23:00', end: '2026-01-14T01:00' });
    expect(local(late)).toEqual([]);
  });
});
