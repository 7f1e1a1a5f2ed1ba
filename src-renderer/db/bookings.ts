// Booking reads of the kiosk's copy: what is busy in a space, its free slots, a booking by its code.
// Writes go to the hub (db/store.ts through db/hub-client.ts), which alone decides whether a slot
// is free; these reads only decide what the kiosk offers.
import { Dexie } from 'dexie';
import type { Interval } from '../core/booking/interval';
import type { Slot, SlotOptions } from '../core/booking/slots';
import type { Site, Space } from '../core/model';
import { normalizeBookingCode } from '../core/path-code';
import type { BookingRow, KioskDatabase } from './database';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far before a window sessions are read: a session that started earlier may still be running. */
const SESSION_LOOKBACK_MS = 7 * DAY_MS;

/**
 * Confirmed bookings and fixed sessions of a space overlapping [from, to), through the
 * `[spaceId+start]` indexes. A booking that started before `from` can still overlap, so the range
 * starts a lookback earlier: the longest booking the space allows (at least a day), plus its buffer.
 * Works inside a transaction (the tables must be in its scope) and outside one.
 */
export async function busyIntervals(db: KioskDatabase, space: Space, from: number, to: number, exclude: ReadonlySet<string> = new Set()): Promise<Interval[]> {
  const rules = space.booking;
  const bookingLookback = (Math.max(rules?.maxMinutes ?? 0, 24 * 60) + (rules?.bufferMinutes ?? 0)) * MINUTE_MS;
  const [bookings, sessions] = await Promise.all([
    db.bookings.where('[spaceId+start]').between([space.id, from - bookingLookback], [space.id, to], true, false).toArray(),
    db.occurrences.where('[spaceId+start]').between([space.id, from - SESSION_LOOKBACK_MS], [space.id, to], true, false).toArray(),
  ]);
  const busy: Interval[] = [];
  for (const booking of bookings) {
    // A place reservation (issue 11) is a place on a session, which holds the room already.
    if (booking.status === 'confirmed' && booking.activityId === undefined && booking.end > from && !exclude.has(booking.id)) {
      busy.push({ start: booking.start, end: booking.end, kind: 'booking', id: booking.id, code: booking.code });
    }
  }
  for (const session of sessions) {
    if (session.end > from && !exclude.has(session.id)) busy.push({ start: session.start, end: session.end, kind: 'session', id: session.id, activityId: session.activityId });
  }
  return busy.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Confirmed place reservations per session start of one activity, for sessions starting in [from, to).
 * Read through `[spaceId+start]` (a reservation keeps its activity's space, '' off site), so a live
 * query follows every reservation the change stream brings.
 */
export async function placesTaken(db: KioskDatabase, activity: { id: string; space?: string }, from: number, to: number): Promise<Map<number, number>> {
  const rows = await db.bookings.where('[spaceId+start]').between([activity.space ?? '', from], [activity.space ?? '', to], true, false).toArray();
  const taken = new Map<number, number>();
  for (const row of rows) if (row.status === 'confirmed' && row.activityId === activity.id) taken.set(row.start, (taken.get(row.start) ?? 0) + 1);
  return taken;
}

/** Free slots of a space on `days` local days from `firstDay`, read from the store. */
export async function freeSlots(
  db: KioskDatabase,
  space: Space,
  firstDay: string,
  days: number,
  context: { site: Site; now: number },
  options: SlotOptions = {},
): Promise<Slot[]> {
  // Local days are at most 25 hours: a day of slack either side covers the window in any zone.
  const from = Date.parse(`${firstDay}T00:00:00Z`) - DAY_MS;
  const to = from + (days + 2) * DAY_MS;
  // Read first, then load the slot rules: inside a live query every read happens before the one
  // await that is not IndexedDB's, so the query still follows the bookings it read. The rules load
  // on the first use (the booking dialog): visitor screens that never book do not carry them.
  const existing = await busyIntervals(db, space, from, to);
  const { findFreeSlotsBetween } = await import('../core/booking/slots');
  return findFreeSlotsBetween(space, firstDay, days, { ...context, existing }, options);
}

/** Looks a booking up by a typed code: the confirmed one if any, for "show my booking". */
export async function findBookingByCode(db: KioskDatabase, typedCode: string): Promise<BookingRow | undefined> {
  const code = normalizeBookingCode(typedCode);
  if (code === undefined) return undefined;
  const matches = await db.bookings.where('code').equals(code).toArray();
  return matches.find((b) => b.status === 'confirmed') ?? matches.sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/** A space's bookings overlapping [from, to), cancelled ones included, by start: the staff timeline. */
export function bookingsInSpace(db: KioskDatabase, spaceId: string, from: number, to: number): Promise<BookingRow[]> {
  return db.bookings
    .where('[spaceId+start]')
    .between([spaceId, Dexie.minKey], [spaceId, to], true, false)
    .filter((b) => b.end > from)
    .toArray();
}

/** Confirmed bookings of every space overlapping [from, to): the staff timeline. */
export function confirmedBookingsBetween(db: KioskDatabase, from: number, to: number): Promise<BookingRow[]> {
  return db.bookings
    .where('status')
    .equals('confirmed')
    .filter((b) => b.start < to && b.end > from)
    .toArray();
}
