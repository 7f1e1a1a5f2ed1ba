// Booking writes. Each one checks and writes in ONE Dexie read-write transaction over bookings,
// occurrences and the audit log, with nothing but IndexedDB awaited inside it. IndexedDB runs
// read-write transactions whose scopes overlap one after another, in creation order, even across
// connections (IndexedDB spec, "transaction scheduling"); so the second of two racing createBooking
// calls reads the bookings only after the first has committed, sees the slot taken and is refused.
// That is the whole no-double-booking mechanism on one device; it holds as long as every booking
// write goes through this module. (Several devices need one authority; see booking-anchors.md §3.4.)
import { Dexie } from 'dexie';
import { bookingCodeFromBytes, BOOKING_CODE_BYTES, idFromBytes } from '../core/booking/code';
import type { Interval } from '../core/booking/interval';
import { BookingNotFound, BookingRefused } from '../core/booking/errors';
import { checkBooking, type BookingActor } from '../core/booking/rules';
import { findFreeSlotsBetween, nearestFreeSlots, type Slot, type SlotOptions } from '../core/booking/slots';
import type { Site, Space } from '../core/model';
import { normalizeBookingCode } from '../core/path-code';
import { audit, type Actor } from './audit';
import type { BookingHolder, BookingRow, KioskDatabase } from './database';

export { BookingNotFound, BookingRefused } from '../core/booking/errors';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far before a window sessions are read: a session that started earlier may still be running. */
const SESSION_LOOKBACK_MS = 7 * DAY_MS;



export interface NewBooking {
  start: number;
  end: number;
  holder: BookingHolder;
  purpose?: string;
  by: Actor;
}

export interface BookingWriteOptions {
  now: number;
  site: Site;
  /** The space booked (for a move: the space moved to), with its rules. */
  space: Space;
}

/** The rules' view of an actor: the kiosk books as a visitor. */
export function actorRole(actor: Actor): BookingActor {
  return actor === 'kiosk' ? 'visitor' : 'staff';
}

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
    if (booking.status === 'confirmed' && booking.end > from && !exclude.has(booking.id)) {
      busy.push({ start: booking.start, end: booking.end, kind: 'booking', id: booking.id, code: booking.code });
    }
  }
  for (const session of sessions) {
    if (session.end > from && !exclude.has(session.id)) busy.push({ start: session.start, end: session.end, kind: 'session', id: session.id, activityId: session.activityId });
  }
  return busy.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Reads what a check of [start, end) needs: everything within the space's buffer of it. */
function busyAround(db: KioskDatabase, space: Space, start: number, end: number, exclude?: ReadonlySet<string>): Promise<Interval[]> {
  const buffer = (space.booking?.bufferMinutes ?? 0) * MINUTE_MS;
  return busyIntervals(db, space, start - buffer, end + buffer, exclude);
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
  const existing = await busyIntervals(db, space, from, to);
  return findFreeSlotsBetween(space, firstDay, days, { ...context, existing }, options);
}

/** Creates a booking, or throws BookingRefused (with the nearest free slots) when a rule says no. */
export async function createBooking(db: KioskDatabase, request: NewBooking, options: BookingWriteOptions): Promise<BookingRow> {
  const { now, site, space } = options;
  const by = actorRole(request.by);
  try {
    return await db.transaction('rw', [db.bookings, db.occurrences, db.auditLog], async () => {
      const existing = await busyAround(db, space, request.start, request.end);
      const violations = checkBooking({ space, start: request.start, end: request.end, by }, { site, now, existing });
      if (violations.length > 0) throw new BookingRefused(violations);
      const row: BookingRow = {
        id: newId('bk'),
        spaceId: space.id,
        start: request.start,
        end: request.end,
        holder: request.holder,
        ...(request.purpose === undefined ? {} : { purpose: request.purpose }),
        source: request.by === 'kiosk' ? 'kiosk' : 'staff',
        status: 'confirmed',
        code: await uniqueCode(db),
        createdAt: now,
        updatedAt: now,
      };
      await db.bookings.add(row);
      await audit(db, { actor: request.by, entity: 'booking', entityId: row.id, action: 'created', after: row, at: now });
      return row;
    });
  } catch (error) {
    throw await withNearest(db, error, space, request, { site, now, by });
  }
}

/**
 * Cancels a future or running confirmed booking by its code (typed codes are normalised: lower case,
 * O for 0 …). The kiosk may cancel only visitors' bookings; staff any.
 */
export async function cancelBooking(db: KioskDatabase, typedCode: string, options: { now: number; by: Actor }): Promise<BookingRow> {
  const code = normalizeBookingCode(typedCode);
  if (code === undefined) throw new BookingNotFound(`"${typedCode}" is not a booking code.`);
  const { now, by } = options;
  return db.transaction('rw', [db.bookings, db.auditLog], async () => {
    const matches = await db.bookings.where('code').equals(code).filter((b) => b.status === 'confirmed' && b.end > now).toArray();
    const booking = matches.find((b) => by !== 'kiosk' || b.holder.kind === 'visitor');
    if (!booking) throw new BookingNotFound(`No current booking has the code ${code}.`);
    const after: BookingRow = { ...booking, status: 'cancelled', updatedAt: now };
    await db.bookings.put(after);
    await audit(db, { actor: by, entity: 'booking', entityId: booking.id, action: 'cancelled', before: booking, after, at: now });
    return after;
  });
}

/**
 * Staff move a booking to another time and/or space. The same rules apply as for a new booking, with
 * the booking itself left out of the collisions; a running booking may keep its (past) start.
 */
export async function moveBooking(
  db: KioskDatabase,
  id: string,
  change: { start: number; end: number; spaceId?: string },
  options: BookingWriteOptions & { by: { staff: string } },
): Promise<BookingRow> {
  const { now, site, space, by } = options;
  try {
    return await db.transaction('rw', [db.bookings, db.occurrences, db.auditLog], async () => {
      const booking = await db.bookings.get(id);
      if (!booking || booking.status !== 'confirmed' || booking.end <= now) throw new BookingNotFound(`No current booking has the id ${id}.`);
      const spaceId = change.spaceId ?? booking.spaceId;
      if (spaceId !== space.id) throw new Error(`moveBooking: options.space is ${space.id}, but the booking moves to ${spaceId}`);
      const existing = await busyAround(db, space, change.start, change.end, new Set([id]));
      const original = spaceId === booking.spaceId ? { start: booking.start, end: booking.end } : undefined;
      const violations = checkBooking({ space, start: change.start, end: change.end, by: 'staff', ...(original ? { original } : {}) }, { site, now, existing });
      if (violations.length > 0) throw new BookingRefused(violations);
      const after: BookingRow = { ...booking, spaceId, start: change.start, end: change.end, updatedAt: now };
      await db.bookings.put(after);
      await audit(db, { actor: by, entity: 'booking', entityId: id, action: 'moved', before: booking, after, at: now });
      return after;
    });
  } catch (error) {
    throw await withNearest(db, error, space, change, { site, now, by: 'staff', exclude: new Set([id]) });
  }
}

/** Staff change a booking's start and/or end in its own space: a move that keeps the space. */
export function resizeBooking(
  db: KioskDatabase,
  id: string,
  change: { start: number; end: number },
  options: BookingWriteOptions & { by: { staff: string } },
): Promise<BookingRow> {
  return moveBooking(db, id, { ...change, spaceId: options.space.id }, options);
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

/**
 * A booking code no confirmed booking has. Retried inside the caller's transaction, so no other
 * write can take the code between the check and the insert.
 */
export async function uniqueCode(db: KioskDatabase, taken: ReadonlySet<string> = new Set()): Promise<string> {
  for (let attempt = 0; attempt < 16; attempt++) {
    const code = bookingCodeFromBytes(crypto.getRandomValues(new Uint8Array(BOOKING_CODE_BYTES)));
    if (taken.has(code)) continue;
    const clash = await db.bookings.where('code').equals(code).filter((b) => b.status === 'confirmed').count();
    if (clash === 0) return code;
  }
  throw new Error('Could not find a free booking code after 16 tries.');
}

export function newId(prefix: string): string {
  return idFromBytes(prefix, crypto.getRandomValues(new Uint8Array(16)));
}

/** A refusal gets its nearest free slots, read after the failed transaction has ended. */
async function withNearest(
  db: KioskDatabase,
  error: unknown,
  space: Space,
  wanted: { start: number; end: number },
  context: { site: Site; now: number; by: BookingActor; exclude?: ReadonlySet<string> },
): Promise<unknown> {
  if (!(error instanceof BookingRefused)) return error;
  const hopeless = error.violations.some((v) => v.rule === 'not-bookable' || v.rule === 'staff-only' || v.rule === 'invalid-time');
  if (hopeless) return error;
  const days = 3;
  const existing = await busyIntervals(db, space, wanted.start - 2 * DAY_MS, wanted.start + (days + 2) * DAY_MS, context.exclude);
  const nearest = nearestFreeSlots(space, wanted, { site: context.site, now: context.now, existing }, { days, by: context.by });
  return new BookingRefused(error.violations, nearest);
}
