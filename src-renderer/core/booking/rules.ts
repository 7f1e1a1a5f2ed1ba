// Every rule a booking must satisfy, in one place. The kiosk's free-slot search, the staff planner,
// series planning and the database write all ask `checkBooking` (or its calendar-sharing twin
// `checkOnCalendar`), so "offered as free" and "accepted when booked" can never disagree.
//
// Times are UTC instants; the rules are local wall-clock time in the site's IANA zone. Lengths are
// elapsed time: a 60-minute booking from 01:30 on the spring-forward night ends at 03:30 local.
import type { Site, Space } from '../model';
import { SpaceCalendar, type DayFrame } from './calendar';
import { IntervalIndex, peakOverlap, type Interval } from './interval';

export type ViolationRule =
  | 'not-bookable'
  | 'staff-only'
  | 'invalid-time'
  | 'off-grid'
  | 'too-short'
  | 'too-long'
  | 'not-slot-multiple'
  | 'outside-hours'
  | 'closed'
  | 'in-past'
  | 'too-far-ahead'
  | 'overlaps-session'
  | 'fully-booked'
  | 'in-buffer'
  // Fair use at the kiosk (fair-use.ts): the nickname already holds the site's limit of upcoming bookings.
  | 'visitor-limit'
  // Places on an activity's session (issue 11): the activity takes no reservations here, the session
  // does not exist (past, called off by a closure, never scheduled), or its places are all taken.
  | 'no-places'
  | 'no-session'
  | 'places-full';

/** A rule a booking breaks. `message` is English for logs and staff; the UI translates by `rule`. */
export interface Violation {
  rule: ViolationRule;
  message: string;
  /** For the collision rules: what the booking runs into (booking codes, session activities). */
  conflicts?: Interval[];
}

export type BookingActor = 'visitor' | 'staff';

export interface BookingCheckRequest {
  space: Space;
  start: number;
  end: number;
  by: BookingActor;
  /**
   * The booking's current times when it is being moved or resized. A running booking keeps its
   * start (already past) without breaking `in-past`; leave the booking itself out of `existing`.
   */
  original?: { start: number; end: number };
}

export interface BookingContext {
  site: Site;
  now: number;
  /** Confirmed bookings and fixed sessions in the space around the request; an index is reused as is. */
  existing: readonly Interval[] | IntervalIndex;
}

const MINUTE_MS = 60_000;

/** The rules `request` breaks; empty means it may be booked. */
export function checkBooking(request: BookingCheckRequest, context: BookingContext): Violation[] {
  const rules = request.space.booking;
  if (!rules) return [notBookable()];
  return checkOnCalendar(request, { now: context.now, existing: IntervalIndex.from(context.existing) }, new SpaceCalendar(rules, context.site));
}

/**
 * `checkBooking` with a calendar and index the caller keeps between questions: the free-slot search
 * asks thousands of them about one space. The calendar must belong to `request.space`.
 */
export function checkOnCalendar(request: BookingCheckRequest, context: { now: number; existing: IntervalIndex }, calendar: SpaceCalendar): Violation[] {
  const { space, start, end, by } = request;
  const rules = space.booking;
  if (!rules) return [notBookable()];
  if (rules.bookableBy === 'staff' && by !== 'staff') {
    return [{ rule: 'staff-only', message: 'Only staff can book this space. Ask at the desk.' }];
  }
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    return [{ rule: 'invalid-time', message: 'The end of a booking must come after its start.' }];
  }
  const first = calendar.frameAt(start);
  const last = calendar.frameAt(end - 1);
  return [
    ...checkShape(start, end, first, calendar),
    ...checkOpen(start, end, first, last, calendar),
    ...checkWhen(request, context.now, last, calendar),
    ...checkCollisions(start, end, rules.capacity, rules.bufferMinutes, context.existing),
  ];
}

function notBookable(): Violation {
  return { rule: 'not-bookable', message: 'This space cannot be booked.' };
}

/** Slot grid and length. */
function checkShape(start: number, end: number, first: DayFrame, calendar: SpaceCalendar): Violation[] {
  const { slotMinutes, minMinutes, maxMinutes } = calendar.rules;
  const violations: Violation[] = [];
  const onGrid = (ms: number) => calendar.frameAt(ms).gridAt.has(ms);
  if (!onGrid(start) || !onGrid(end)) {
    const opening = first.open[0]?.from ?? first.start;
    const example = first.grid.filter((point) => point.at >= opening).slice(0, 2).map((point) => point.time);
    violations.push({
      rule: 'off-grid',
      message: `Bookings start and end on the ${slotMinutes}-minute grid${example.length === 2 ? ` (for example ${example[0]} or ${example[1]})` : ''}.`,
    });
  }
  const minutes = (end - start) / MINUTE_MS;
  if (minutes < minMinutes) violations.push({ rule: 'too-short', message: `A booking lasts at least ${minMinutes} minutes.` });
  if (minutes > maxMinutes) violations.push({ rule: 'too-long', message: `A booking lasts at most ${maxMinutes} minutes.` });
  if (minutes % slotMinutes !== 0) {
    violations.push({ rule: 'not-slot-multiple', message: `A booking lasts a whole number of ${slotMinutes}-minute slots.` });
  }
  return violations;
}

/** Opening hours of the start's local weekday, and closures of every local day it touches. */
function checkOpen(start: number, end: number, first: DayFrame, last: DayFrame, calendar: SpaceCalendar): Violation[] {
  const violations: Violation[] = [];
  if (!first.open.some((span) => span.from <= start && end <= span.to)) {
    const hours = first.open.map((span) => `${span.range.from}–${span.range.to}`).join(', ');
    violations.push({
      rule: 'outside-hours',
      message: hours
        ? `On ${WEEKDAY_NAMES[first.weekday]}s this space is open ${hours}; the booking must fit inside those hours.`
        : `This space is closed on ${WEEKDAY_NAMES[first.weekday]}s.`,
    });
  }
  for (let frame = first; ; frame = calendar.frameAt(frame.end)) {
    if (frame.closure) {
      const { from, until, reason } = frame.closure;
      const why = reason?.en ?? Object.values(reason ?? {})[0];
      const span = from === until ? `on ${from}` : `from ${from} to ${until}`;
      violations.push({ rule: 'closed', message: `The space is closed ${span}${why ? ` (${why})` : ''}.` });
      break;
    }
    if (frame === last || frame.end > last.start) break;
  }
  return violations;
}

/** Not in the past, not beyond the visitors' horizon (staff plan the whole season, so it binds visitors only). */
function checkWhen(request: BookingCheckRequest, now: number, last: DayFrame, calendar: SpaceCalendar): Violation[] {
  const { start, end, by, original } = request;
  const violations: Violation[] = [];
  const keepsRunningStart = original !== undefined && original.start === start && original.end > now;
  if (end <= now || (start < now && !keepsRunningStart)) {
    violations.push({ rule: 'in-past', message: 'This time has already begun or passed; choose a later time.' });
  }
  const { maxDaysAhead } = calendar.rules;
  if (by === 'visitor' && last.epochDay - calendar.frameAt(now).epochDay > maxDaysAhead) {
    violations.push({ rule: 'too-far-ahead', message: `Bookings can be made at most ${maxDaysAhead} days ahead.` });
  }
  return violations;
}

/**
 * Fixed sessions take the whole space; bookings take one of `capacity` places. The buffer is kept
 * free after every booking and session, so a booking "in the buffer" is one whose buffered span
 * [start, end + buffer) runs into another's: that is a gap shorter than the buffer on either side.
 */
function checkCollisions(start: number, end: number, capacity: number, bufferMinutes: number, existing: IntervalIndex): Violation[] {
  const buffer = bufferMinutes * MINUTE_MS;
  const near = existing.overlapping(start - buffer, end + buffer);
  if (near.length === 0) return [];
  const violations: Violation[] = [];
  const overlapsRequest = (interval: Interval) => interval.start < end && interval.end > start;

  const sessions = near.filter((interval) => interval.kind === 'session');
  const clashingSessions = sessions.filter(overlapsRequest);
  if (clashingSessions.length > 0) {
    violations.push({ rule: 'overlaps-session', message: 'A session is scheduled in this space at that time.', conflicts: clashingSessions });
  }

  const bookings = near.filter((interval) => interval.kind === 'booking');
  const clashingBookings = bookings.filter(overlapsRequest);
  const full = clashingBookings.length > 0 && peakOverlap(clashingBookings, start, end) >= capacity;
  if (full) {
    violations.push({
      rule: 'fully-booked',
      message: capacity === 1 ? 'This time is already booked.' : `All ${capacity} places are already booked at that time.`,
      conflicts: clashingBookings,
    });
  }

  if (buffer > 0 && clashingSessions.length === 0 && !full) {
    const buffered = (interval: Interval) => ({ start: interval.start, end: interval.end + buffer });
    const tooCloseSessions = sessions.filter((session) => session.start < end + buffer && session.end + buffer > start);
    const tooCloseBookings = bookings.filter((booking) => booking.start < end + buffer && booking.end + buffer > start);
    const bookingsFull = tooCloseBookings.length > 0 && peakOverlap(tooCloseBookings.map(buffered), start, end + buffer) >= capacity;
    if (tooCloseSessions.length > 0 || bookingsFull) {
      violations.push({
        rule: 'in-buffer',
        message: `The space needs ${bufferMinutes} minutes free between bookings; this time is too close to another booking or session.`,
        conflicts: [...tooCloseSessions, ...(bookingsFull ? tooCloseBookings : [])].sort((a, b) => a.start - b.start),
      });
    }
  }
  return violations;
}

const WEEKDAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as const;
