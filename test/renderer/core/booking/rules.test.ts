import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkBooking, type BookingActor, type BookingCheckRequest, type ViolationRule } from '../../../../src-renderer/core/booking/rules';
import { IntervalIndex, peakOverlap, type Interval } from '../../../../src-renderer/core/booking/interval';
import type { Space } from '../../../../src-renderer/core/model';
import { NOW, at, booking, nightStudio, practiceRoom, session, site } from './fixtures';
import { PROPERTY_TIMEOUT_MS } from '../../../support/property';

function rulesBroken(space: Space, start: string, end: string, options: { existing?: Interval[]; by?: BookingActor; now?: number; request?: Partial<BookingCheckRequest> } = {}): ViolationRule[] {
  const violations = checkBooking(
    { space, start: at(start), end: at(end), by: options.by ?? 'visitor', ...options.request },
    { site: site(), now: options.now ?? NOW, existing: options.existing ?? [] },
  );
  for (const violation of violations) expect(violation.message.length).toBeGreaterThan(10);
  return violations.map((violation) => violation.rule);
}

describe('checkBooking', () => {
  const room = practiceRoom();

  it('accepts a booking that keeps every rule', () => {
    expect(rulesBroken(room, '2026-03-23T18:00', '2026-03-23T19:00')).toEqual([]);
    expect(rulesBroken(room, '2026-03-23T20:00', '2026-03-23T22:00')).toEqual([]);
  });

  it('refuses a space without booking rules, and staff-only spaces to visitors', () => {
    const { booking: _rules, ...plain } = room;
    expect(rulesBroken(plain, '2026-03-23T18:00', '2026-03-23T19:00')).toEqual(['not-bookable']);
    const staffOnly = practiceRoom({ bookableBy: 'staff' });
    expect(rulesBroken(staffOnly, '2026-03-23T18:00', '2026-03-23T19:00')).toEqual(['staff-only']);
    expect(rulesBroken(staffOnly, '2026-03-23T18:00', '2026-03-23T19:00', { by: 'staff' })).toEqual([]);
  });

  it('refuses an end before the start', () => {
    expect(rulesBroken(room, '2026-03-23T19:00', '2026-03-23T18:00')).toEqual(['invalid-time']);
    expect(rulesBroken(room, '2026-03-23T19:00', '2026-03-23T19:00')).toEqual(['invalid-time']);
  });

  it('keeps bookings on the local slot grid', () => {
    expect(rulesBroken(room, '2026-03-23T18:15', '2026-03-23T19:15')).toEqual(['off-grid']);
    expect(rulesBroken(room, '2026-03-23T18:00', '2026-03-23T18:45')).toEqual(['off-grid', 'not-slot-multiple']);
    // The grid is local: 18:30 Brussels is not on a 60-minute grid, whatever UTC says.
    expect(rulesBroken(practiceRoom({ slotMinutes: 60, minMinutes: 60 }), '2026-03-23T18:30', '2026-03-23T19:30')).toEqual(['off-grid']);
  });

  it('keeps the length between min and max', () => {
    expect(rulesBroken(practiceRoom({ minMinutes: 60 }), '2026-03-23T18:00', '2026-03-23T18:30')).toEqual(['too-short']);
    expect(rulesBroken(room, '2026-03-23T18:00', '2026-03-23T20:30')).toEqual(['too-long']);
  });

  it('keeps bookings inside the opening hours of their local weekday', () => {
    expect(rulesBroken(room, '2026-03-23T17:30', '2026-03-23T18:30')).toEqual(['outside-hours']);
    // Spanning the closing time.
    expect(rulesBroken(room, '2026-03-23T21:30', '2026-03-23T22:30')).toEqual(['outside-hours']);
    // Saturday hours differ from Monday's.
    expect(rulesBroken(room, '2026-03-28T09:00', '2026-03-28T10:00')).toEqual([]);
    expect(rulesBroken(room, '2026-03-28T19:00', '2026-03-28T20:00')).toEqual(['outside-hours']);
    const closedTuesdays = practiceRoom({ openingHours: { ...room.booking!.openingHours, tue: [] } });
    const [violation] = checkBooking({ space: closedTuesdays, start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00'), by: 'visitor' }, { site: site(), now: NOW, existing: [] });
    expect(violation).toMatchObject({ rule: 'outside-hours', message: 'This space is closed on Tuesdays.' });
  });

  it('refuses closed days of the space and of the site, inclusive', () => {
    const closedRoom = practiceRoom({ closures: [{ from: '2026-03-25', until: '2026-03-26', reason: { en: 'Painting' } }] });
    expect(rulesBroken(closedRoom, '2026-03-24T18:00', '2026-03-24T19:00')).toEqual([]);
    expect(rulesBroken(closedRoom, '2026-03-25T18:00', '2026-03-25T19:00')).toEqual(['closed']);
    expect(rulesBroken(closedRoom, '2026-03-26T21:00', '2026-03-26T22:00')).toEqual(['closed']);
    expect(rulesBroken(closedRoom, '2026-03-27T18:00', '2026-03-27T19:00')).toEqual([]);
    const violations = checkBooking({ space: closedRoom, start: at('2026-03-25T18:00'), end: at('2026-03-25T19:00'), by: 'visitor' }, { site: site(), now: NOW, existing: [] });
    expect(violations[0]?.message).toBe('The space is closed from 2026-03-25 to 2026-03-26 (Painting).');
    // The site's Christmas closure, checked by staff (no horizon) on its first and last day.
    expect(rulesBroken(room, '2026-12-24T18:00', '2026-12-24T19:00', { by: 'staff' })).toEqual(['closed']);
    expect(rulesBroken(room, '2027-01-01T18:00', '2027-01-01T19:00', { by: 'staff' })).toEqual(['closed']);
    expect(rulesBroken(room, '2027-01-04T18:00', '2027-01-04T19:00', { by: 'staff' })).toEqual([]);
  });

  it('refuses the past, and a start that has already begun', () => {
    const now = at('2026-03-23T18:10');
    expect(rulesBroken(room, '2026-03-23T18:00', '2026-03-23T19:00', { now })).toEqual(['in-past']);
    expect(rulesBroken(room, '2026-03-20T18:00', '2026-03-20T19:00', { now })).toEqual(['in-past']);
    expect(rulesBroken(room, '2026-03-23T18:30', '2026-03-23T19:30', { now })).toEqual([]);
    // A running booking being extended keeps its start.
    const original = { start: at('2026-03-23T18:00'), end: at('2026-03-23T19:00') };
    expect(rulesBroken(room, '2026-03-23T18:00', '2026-03-23T19:30', { now, by: 'staff', request: { original } })).toEqual([]);
  });

  it('refuses visitors more than maxDaysAhead local days ahead, but not staff', () => {
    // NOW is Monday 23 March; 14 days ahead is Monday 6 April.
    expect(rulesBroken(room, '2026-04-06T21:00', '2026-04-06T22:00')).toEqual([]);
    expect(rulesBroken(room, '2026-04-07T18:00', '2026-04-07T19:00')).toEqual(['too-far-ahead']);
    expect(rulesBroken(room, '2026-04-07T18:00', '2026-04-07T19:00', { by: 'staff' })).toEqual([]);
    // Counted in local days: late on day 14 is fine, even just before local midnight.
    expect(rulesBroken(nightStudio({ maxDaysAhead: 14 }), '2026-04-06T23:00', '2026-04-07T00:00')).toEqual([]);
    expect(rulesBroken(nightStudio({ maxDaysAhead: 14 }), '2026-04-06T23:30', '2026-04-07T00:30')).toEqual(['outside-hours', 'too-far-ahead']);
  });

  it('refuses an overlap with another booking and with a fixed session', () => {
    const existing = [booking('2026-03-23T19:00', '2026-03-23T20:00', { code: 'ABC123' })];
    const violations = checkBooking({ space: room, start: at('2026-03-23T19:30'), end: at('2026-03-23T20:30'), by: 'visitor' }, { site: site(), now: NOW, existing });
    expect(violations.map((v) => v.rule)).toEqual(['fully-booked']);
    expect(violations[0]?.conflicts?.[0]?.code).toBe('ABC123');
    expect(rulesBroken(room, '2026-03-23T19:00', '2026-03-23T20:00', { existing: [session('2026-03-23T18:30', '2026-03-23T21:00')] })).toEqual(['overlaps-session']);
  });

  it('keeps the buffer free before and after bookings and sessions', () => {
    const existing = [booking('2026-03-23T19:00', '2026-03-23T20:00')];
    expect(rulesBroken(room, '2026-03-23T18:00', '2026-03-23T19:00', { existing })).toEqual(['in-buffer']);
    expect(rulesBroken(room, '2026-03-23T20:00', '2026-03-23T21:00', { existing })).toEqual(['in-buffer']);
    expect(rulesBroken(room, '2026-03-23T20:30', '2026-03-23T21:30', { existing })).toEqual([]);
    const sessions = [session('2026-03-23T20:00', '2026-03-23T21:00')];
    expect(rulesBroken(room, '2026-03-23T19:00', '2026-03-23T20:00', { existing: sessions })).toEqual(['in-buffer']);
    // Without a buffer, touching is fine: intervals are half-open.
    expect(rulesBroken(practiceRoom({ bufferMinutes: 0 }), '2026-03-23T20:00', '2026-03-23T21:00', { existing })).toEqual([]);
  });

  it('lets up to `capacity` bookings overlap, but no booking over a session', () => {
    const benches = practiceRoom({ capacity: 3, bufferMinutes: 0 });
    const two = [booking('2026-03-23T18:00', '2026-03-23T20:00', { id: 'a' }), booking('2026-03-23T19:00', '2026-03-23T21:00', { id: 'b' })];
    expect(rulesBroken(benches, '2026-03-23T19:00', '2026-03-23T20:00', { existing: two })).toEqual([]);
    const three = [...two, booking('2026-03-23T19:30', '2026-03-23T20:30', { id: 'c' })];
    expect(rulesBroken(benches, '2026-03-23T19:00', '2026-03-23T20:00', { existing: three })).toEqual(['fully-booked']);
    // Three bookings overlap the request, but never all at the same instant.
    const staggered = [booking('2026-03-23T18:00', '2026-03-23T19:00', { id: 'a' }), booking('2026-03-23T19:00', '2026-03-23T20:00', { id: 'b' }), booking('2026-03-23T18:00', '2026-03-23T20:00', { id: 'c' })];
    expect(rulesBroken(benches, '2026-03-23T18:00', '2026-03-23T20:00', { existing: staggered })).toEqual([]);
    expect(rulesBroken(benches, '2026-03-23T18:00', '2026-03-23T20:00', { existing: [session('2026-03-23T19:30', '2026-03-23T20:30')] })).toEqual(['overlaps-session']);
  });

  it('counts a buffer against capacity: a place needs its cleaning time', () => {
    const benches = practiceRoom({ capacity: 2, bufferMinutes: 10 });
    const existing = [booking('2026-03-23T18:00', '2026-03-23T19:00', { id: 'a' }), booking('2026-03-23T18:00', '2026-03-23T19:00', { id: 'b' })];
    expect(rulesBroken(benches, '2026-03-23T19:00', '2026-03-23T20:00', { existing })).toEqual(['in-buffer']);
    expect(rulesBroken(benches, '2026-03-23T19:00', '2026-03-23T20:00', { existing: existing.slice(0, 1) })).toEqual([]);
  });

  it('reports every rule a booking breaks at once', () => {
    const rules = rulesBroken(room, '2026-04-10T17:15', '2026-04-10T20:50', { existing: [booking('2026-04-10T18:00', '2026-04-10T19:00')] });
    expect(rules).toEqual(['off-grid', 'too-long', 'not-slot-multiple', 'outside-hours', 'too-far-ahead', 'fully-booked']);
  });

  it('gives the same answer whatever the order of existing intervals, or as an index', () => {
    const existing = [booking('2026-03-23T21:00', '2026-03-23T22:00'), session('2026-03-23T18:00', '2026-03-23T18:30')];
    const request = { space: room, start: at('2026-03-23T19:00'), end: at('2026-03-23T20:00'), by: 'visitor' as const };
    const a = checkBooking(request, { site: site(), now: NOW, existing });
    const b = checkBooking(request, { site: site(), now: NOW, existing: IntervalIndex.from([...existing].reverse()) });
    expect(a).toEqual(b);
    expect(a).toEqual([]);
  });
});

describe('IntervalIndex', () => {
  it('finds exactly the overlapping intervals (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 200 })).map(([start, length]): Interval => ({ start, end: start + length, kind: 'booking' }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 60 }), fc.integer({ min: -50, max: 1100 }), fc.integer({ min: 1, max: 300 }), (items, from, length) => {
        const to = from + length;
        const expected = items.filter((i) => i.start < to && i.end > from).sort((a, b) => a.start - b.start || a.end - b.end);
        expect(IntervalIndex.from(items).overlapping(from, to)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('measures the peak overlap', () => {
    expect(peakOverlap([{ start: 0, end: 10 }, { start: 10, end: 20 }], 0, 20)).toBe(1);
    expect(peakOverlap([{ start: 0, end: 10 }, { start: 5, end: 20 }, { start: 9, end: 12 }], 0, 20)).toBe(3);
    expect(peakOverlap([{ start: 0, end: 10 }, { start: 5, end: 20 }], 12, 20)).toBe(1);
  });
});
