import { describe, expect, it } from 'vitest';
import type { Occurrence } from '../../../src-renderer/core/model';
import { markerTimeState, markerTimeStates } from '../../../src-renderer/kiosk/map/marker-state';

const zone = 'Europe/Brussels';
// Thursday 3 December 2026, 14:00 in Brussels (13:00 UTC).
const now = Date.UTC(2026, 11, 3, 13, 0);
const minute = 60_000;
const session = (startMinutes: number, lengthMinutes = 60, extra: Partial<Occurrence> = {}): Occurrence => ({
  activityId: 'a',
  start: now + startMinutes * minute,
  end: now + (startMinutes + lengthMinutes) * minute,
  ...extra,
});

describe('markerTimeState', () => {
  it('reads running as on now, within the hour as soon, before midnight as today, else later', () => {
    expect(markerTimeState([session(-10)], 'a', now, zone)).toBe('now');
    expect(markerTimeState([session(0)], 'a', now, zone)).toBe('now');
    expect(markerTimeState([session(1)], 'a', now, zone)).toBe('soon');
    expect(markerTimeState([session(59)], 'a', now, zone)).toBe('soon');
    expect(markerTimeState([session(60)], 'a', now, zone)).toBe('today');
    // 23:59 local is still today; 00:00 is tomorrow.
    expect(markerTimeState([session(9 * 60 + 59)], 'a', now, zone)).toBe('today');
    expect(markerTimeState([session(10 * 60)], 'a', now, zone)).toBe('later');
  });

  it('takes the running or next session that goes ahead, and nothing once all ended', () => {
    expect(markerTimeState([session(24 * 60), session(30)], 'a', now, zone)).toBe('soon');
    expect(markerTimeState([session(-10, 60, { status: 'cancelled' }), session(3 * 60)], 'a', now, zone)).toBe('today');
    expect(markerTimeState([session(-120)], 'a', now, zone)).toBeUndefined();
    expect(markerTimeState([session(10)], 'other', now, zone)).toBeUndefined();
  });

  it('moves with the clock', () => {
    const sessions = [session(90)];
    expect(markerTimeState(sessions, 'a', now, zone)).toBe('today');
    expect(markerTimeState(sessions, 'a', now + 31 * minute, zone)).toBe('soon');
    expect(markerTimeState(sessions, 'a', now + 90 * minute, zone)).toBe('now');
    expect(markerTimeState(sessions, 'a', now + 150 * minute, zone)).toBeUndefined();
  });

  it('gives every activity with something left its state', () => {
    const states = markerTimeStates(
      new Map([
        ['a', [session(-5)]],
        ['b', [{ ...session(2 * 24 * 60), activityId: 'b' }]],
        ['c', [{ ...session(-200), activityId: 'c' }]],
      ]),
      now,
      zone,
    );
    expect([...states]).toEqual([
      ['a', 'now'],
      ['b', 'later'],
    ]);
  });
});
