// Run under several process zones (TZ=UTC, Europe/Brussels, America/New_York): every expectation is
// written in the site's zone, so the results must not move.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Occurrence } from '../../../src-renderer/core/model';
import {
  TIME_WINDOWS,
  firstInRange,
  formatDay,
  formatTime,
  liveState,
  localDayKey,
  localTime,
  nextOccurrence,
  upcomingByActivity,
  windowRange,
} from '../../../src-renderer/core/timing';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

const BRUSSELS = 'Europe/Brussels';
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A Brussels wall-clock time as an instant; add an offset ("+02:00") to pick one side of the autumn fold. */
function brussels(local: string): number {
  return Temporal.ZonedDateTime.from(`${local}[${BRUSSELS}]`).epochMilliseconds;
}

function occurrence(activityId: string, start: number, end: number): Occurrence {
  return { activityId, start, end };
}

describe('liveState', () => {
  const start = brussels('2026-05-12T14:00');
  const end = brussels('2026-05-12T15:30');
  const session = occurrence('repair-cafe', start, end);

  it('is later until an hour before the start, then starts soon', () => {
    expect(liveState(session, start - 60 * MINUTE)).toEqual({ kind: 'later', startsAt: start });
    expect(liveState(session, start - 60 * MINUTE + 1)).toEqual({ kind: 'starts-soon', inMinutes: 60 });
    expect(liveState(session, start - 59 * MINUTE)).toEqual({ kind: 'starts-soon', inMinutes: 59 });
  });

  it('rounds minutes up, so it says "in 1 min" until the very start', () => {
    expect(liveState(session, start - 90_000)).toEqual({ kind: 'starts-soon', inMinutes: 2 });
    expect(liveState(session, start - 1)).toEqual({ kind: 'starts-soon', inMinutes: 1 });
  });

  it('is running from its start until just before its end, then ended', () => {
    expect(liveState(session, start)).toEqual({ kind: 'running', endsInMinutes: 90 });
    expect(liveState(session, end - 1)).toEqual({ kind: 'running', endsInMinutes: 1 });
    expect(liveState(session, end)).toEqual({ kind: 'ended' });
  });

  it('agrees with the "now" window: in it exactly when running or starting soon', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.integer({ min: -5 * HOUR, max: 5 * HOUR }), fc.integer({ min: 0, max: 3 * HOUR }), (offset, length) => {
        const now = start + offset;
        const span = occurrence('a', start, start + length);
        const range = windowRange('now', now, BRUSSELS);
        const inNow = span.start < range.to && span.end > range.from;
        const kind = liveState(span, now).kind;
        expect(inNow).toBe(kind === 'running' || kind === 'starts-soon');
      }),
      { numRuns: 100 },
    );
  });
});

describe('windowRange', () => {
  it('"now" is the next sixty minutes', () => {
    const now = brussels('2026-05-12T10:17');
    expect(windowRange('now', now, BRUSSELS)).toEqual({ from: now, to: now + HOUR });
  });

  it('"today" ends at the coming local midnight, even at 23:50', () => {
    const now = brussels('2026-05-12T23:50');
    expect(windowRange('today', now, BRUSSELS)).toEqual({ from: now, to: brussels('2026-05-13T00:00') });
  });

  it('"week" holds the rest of today and 7 more local days, so the same weekday next week is in', () => {
    const now = brussels('2026-05-12T10:00');
    expect(windowRange('week', now, BRUSSELS)).toEqual({ from: now, to: brussels('2026-05-20T00:00') });
  });

  it('"week" spans the real hours of a DST change: 8 × 24 h − 1 h in spring', () => {
    const midnight = brussels('2026-03-26T00:00');
    const { from, to } = windowRange('week', midnight, BRUSSELS);
    expect(to - from).toBe(8 * 24 * HOUR - HOUR);
  });

  it('has 23 h on the spring-forward day and 25 h on the fall-back day', () => {
    const spring = windowRange('today', brussels('2026-03-29T00:00'), BRUSSELS);
    const autumn = windowRange('today', brussels('2026-10-25T00:00'), BRUSSELS);
    expect(spring.to - spring.from).toBe(23 * HOUR);
    expect(autumn.to - autumn.from).toBe(25 * HOUR);
  });

  it('ends "today" at midnight on a DST day whatever the hour', () => {
    expect(windowRange('today', brussels('2026-03-29T01:30'), BRUSSELS).to).toBe(brussels('2026-03-30T00:00'));
    expect(windowRange('today', brussels('2026-10-25T02:30+01:00'), BRUSSELS).to).toBe(brussels('2026-10-26T00:00'));
  });

  it('uses the site zone, not the process zone', () => {
    const now = Temporal.ZonedDateTime.from('2026-05-12T20:00[America/New_York]').epochMilliseconds;
    expect(windowRange('today', now, 'America/New_York').to).toBe(Temporal.ZonedDateTime.from('2026-05-13T00:00[America/New_York]').epochMilliseconds);
    // Same instant, but in Brussels it is already 02:00 on the 13th.
    expect(windowRange('today', now, BRUSSELS).to).toBe(brussels('2026-05-14T00:00'));
  });

  it('always starts now and nests "today" inside "week"', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.integer({ min: brussels('2026-01-01T00:00'), max: brussels('2027-01-01T00:00') }), (now) => {
        for (const window of TIME_WINDOWS) expect(windowRange(window, now, BRUSSELS).from).toBe(now);
        const today = windowRange('today', now, BRUSSELS);
        expect(today.to).toBeGreaterThan(now);
        expect(today.to).toBeLessThanOrEqual(windowRange('week', now, BRUSSELS).to);
        expect(localTime(today.to, BRUSSELS)).toBe('00:00');
      }),
      { numRuns: 100 },
    );
  });
});

describe('across midnight', () => {
  const lateSession = occurrence('winter-bar', brussels('2026-12-18T23:30'), brussels('2026-12-19T00:30'));

  it('is running at 00:10 the next day', () => {
    expect(liveState(lateSession, brussels('2026-12-19T00:10'))).toEqual({ kind: 'running', endsInMinutes: 20 });
  });

  it('belongs to "today" at 23:40', () => {
    const upcoming = upcomingByActivity([lateSession], brussels('2026-12-18T23:40'), 'today', BRUSSELS);
    expect(upcoming.get('winter-bar')).toEqual([lateSession]);
  });

  it('still belongs to "today" after midnight while it runs, on the new day', () => {
    const upcoming = upcomingByActivity([lateSession], brussels('2026-12-19T00:10'), 'today', BRUSSELS);
    expect(upcoming.get('winter-bar')).toEqual([lateSession]);
  });
});

describe('DST days in Brussels', () => {
  it('counts real minutes across the missing spring hour (01:45 → 03:30 is 45 min)', () => {
    const session = occurrence('garden', brussels('2026-03-29T03:30'), brussels('2026-03-29T05:00'));
    expect(liveState(session, brussels('2026-03-29T01:45'))).toEqual({ kind: 'starts-soon', inMinutes: 45 });
  });

  it('counts the autumn fold hour twice (01:45 → 03:30 is 165 min)', () => {
    const session = occurrence('garden', brussels('2026-10-25T03:30'), brussels('2026-10-25T05:00'));
    expect(session.start - brussels('2026-10-25T01:45')).toBe(165 * MINUTE);
    expect(liveState(session, brussels('2026-10-25T01:45'))).toEqual({ kind: 'later', startsAt: session.start });
  });

  it('sees a session at the second 02:15 as 45 min after the first 02:30', () => {
    const session = occurrence('night-walk', brussels('2026-10-25T02:15+01:00'), brussels('2026-10-25T03:00'));
    expect(liveState(session, brussels('2026-10-25T02:30+02:00'))).toEqual({ kind: 'starts-soon', inMinutes: 45 });
    expect(localTime(session.start, BRUSSELS)).toBe('02:15');
  });

  it('keeps the local day key right on both sides of each change', () => {
    expect(localDayKey(brussels('2026-03-29T00:00'), BRUSSELS)).toBe('2026-03-29');
    expect(localDayKey(brussels('2026-03-29T23:59'), BRUSSELS)).toBe('2026-03-29');
    expect(localDayKey(brussels('2026-10-25T23:59'), BRUSSELS)).toBe('2026-10-25');
    expect(localDayKey(brussels('2026-10-26T00:00'), BRUSSELS)).toBe('2026-10-26');
  });
});

describe('nextOccurrence', () => {
  const now = brussels('2026-05-12T14:00');
  const list = [
    occurrence('cooking', now + 3 * HOUR, now + 4 * HOUR),
    occurrence('cooking', now - 2 * HOUR, now - HOUR),
    occurrence('cooking', now - 30 * MINUTE, now + 30 * MINUTE),
    occurrence('repair', now + HOUR, now + 2 * HOUR),
  ];

  it('returns the running occurrence before later ones, skipping ended ones', () => {
    expect(nextOccurrence(list, 'cooking', now)).toBe(list[2]);
  });

  it('moves on once the running one has ended', () => {
    expect(nextOccurrence(list, 'cooking', now + 30 * MINUTE)).toBe(list[0]);
  });

  it('skips a session its source called off, but not a full one', () => {
    const cancelled = [{ ...list[2]!, status: 'cancelled' as const }, list[0]!];
    expect(nextOccurrence(cancelled, 'cooking', now)).toBe(list[0]);
    const full = [{ ...list[2]!, full: true }, list[0]!];
    expect(nextOccurrence(full, 'cooking', now)).toBe(full[0]);
  });

  it('returns undefined for an activity with nothing left', () => {
    expect(nextOccurrence(list, 'cooking', now + 4 * HOUR)).toBeUndefined();
    expect(nextOccurrence(list, 'unknown', now)).toBeUndefined();
  });
});

describe('upcomingByActivity', () => {
  const now = brussels('2026-05-12T14:00');
  const ended = occurrence('repair', now - 2 * HOUR, now);
  const running = occurrence('repair', now - HOUR, now + HOUR);
  const tonight = occurrence('repair', brussels('2026-05-12T19:00'), brussels('2026-05-12T21:00'));
  const soon = occurrence('cooking', now + 30 * MINUTE, now + 90 * MINUTE);
  const tomorrow = occurrence('cooking', brussels('2026-05-13T10:00'), brussels('2026-05-13T12:00'));
  const nextWeek = occurrence('cooking', brussels('2026-05-19T10:00'), brussels('2026-05-19T12:00'));
  const beyond = occurrence('cooking', brussels('2026-05-20T10:00'), brussels('2026-05-20T12:00'));
  const all = [beyond, nextWeek, tomorrow, tonight, soon, running, ended];

  it('keeps only what overlaps the window, sorted by start, ended excluded', () => {
    expect(Object.fromEntries(upcomingByActivity(all, now, 'now', BRUSSELS))).toEqual({ repair: [running], cooking: [soon] });
    expect(Object.fromEntries(upcomingByActivity(all, now, 'today', BRUSSELS))).toEqual({ repair: [running, tonight], cooking: [soon] });
    expect(Object.fromEntries(upcomingByActivity(all, now, 'week', BRUSSELS))).toEqual({ repair: [running, tonight], cooking: [soon, tomorrow, nextWeek] });
  });

  it('leaves out an occurrence that starts exactly when the window ends', () => {
    const atTheHour = occurrence('talk', now + HOUR, now + 2 * HOUR);
    expect(upcomingByActivity([atTheHour], now, 'now', BRUSSELS).has('talk')).toBe(false);
  });

  it('agrees with firstInRange on the first of each group', () => {
    const range = windowRange('week', now, BRUSSELS);
    for (const [activityId, group] of upcomingByActivity(all, now, 'week', BRUSSELS)) {
      expect(firstInRange(all.filter((o) => o.activityId === activityId), range)).toBe(group[0]);
    }
  });
});

describe('formatting', () => {
  const ms = brussels('2026-03-29T14:05');

  it('gives locale-free "HH:mm" and day keys in the site zone', () => {
    expect(localTime(ms, BRUSSELS)).toBe('14:05');
    expect(localTime(ms, 'America/New_York')).toBe('08:05');
    expect(localDayKey(brussels('2026-03-29T01:00'), 'America/New_York')).toBe('2026-03-28');
  });

  it('formats time and day in the visitor language and the site zone', () => {
    expect(formatTime(ms, BRUSSELS, 'nl')).toBe('14:05');
    expect(formatTime(ms, BRUSSELS, 'fr')).toBe('14:05');
    expect(formatTime(ms, BRUSSELS, 'en')).toBe('14:05');
    expect(formatDay(ms, BRUSSELS, 'nl')).toBe('zondag 29 maart');
    expect(formatDay(brussels('2026-03-29T01:00'), 'America/New_York', 'en')).toBe('Saturday 28 March');
  });
});
