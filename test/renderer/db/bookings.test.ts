import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BookingNotFound, BookingRefused, busyIntervals, cancelBooking, createBooking, findBookingByCode, freeSlots, moveBooking, resizeBooking, type NewBooking } from '../../../src-renderer/db/bookings';
import { listAudit } from '../../../src-renderer/db/audit';
import { openKioskDatabase, type KioskDatabase } from '../../../src-renderer/db/database';
import { isBookingCode } from '../../../src-renderer/core/path-code';
import type { Space } from '../../../src-renderer/core/model';
import { NOW, at, local, practiceRoom, site } from '../core/booking/fixtures';
import { freshDatabase } from './fixtures';
import { PROPERTY_TIMEOUT_MS } from '../../support/property';

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
function database(): KioskDatabase {
  const db = freshDatabase();
  opened.push(db);
  return db;
}

const room = practiceRoom();
const options = (space: Space = room, now = NOW) => ({ now, site: site(), space });
function visitor(start: string, end: string, nickname = 'Mo'): NewBooking {
  return { start: at(start), end: at(end), holder: { kind: 'visitor', nickname }, by: 'kiosk' };
}

async function refusal(promise: Promise<unknown>): Promise<BookingRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BookingRefused);
  return error as BookingRefused;
}

describe('createBooking', () => {
  it('books a free slot with a fresh code and an audit entry in the same transaction', async () => {
    const db = database();
    const row = await createBooking(db, { ...visitor('2026-03-23T18:00', '2026-03-23T19:00'), purpose: 'piano' }, options());
    expect(isBookingCode(row.code)).toBe(true);
    expect(row).toMatchObject({ spaceId: 'practice-1', status: 'confirmed', source: 'kiosk', purpose: 'piano', createdAt: NOW, updatedAt: NOW });
    expect(await db.bookings.get(row.id)).toEqual(row);
    const [entry] = await listAudit(db, { limit: 5 });
    expect(entry).toMatchObject({ actor: 'kiosk', entity: 'booking', entityId: row.id, action: 'created', after: row, at: NOW });
  });

  it('refuses, straight at the db, a booking outside hours, too long, in a buffer or in a closure', async () => {
    const db = database();
    await createBooking(db, visitor('2026-03-24T19:00', '2026-03-24T20:00'), options());
    const closed = practiceRoom({ closures: [{ from: '2026-03-25', until: '2026-03-25', reason: { en: 'Cleaning' } }] });
    const cases: [NewBooking, Space, string][] = [
      [visitor('2026-03-23T16:00', '2026-03-23T17:00'), room, 'outside-hours'],
      [visitor('2026-03-23T18:00', '2026-03-23T20:30'), room, 'too-long'],
      [visitor('2026-03-24T20:00', '2026-03-24T21:00'), room, 'in-buffer'],
      [visitor('2026-03-25T18:00', '2026-03-25T19:00'), closed, 'closed'],
    ];
    for (const [request, space, rule] of cases) {
      const error = await refusal(createBooking(db, request, options(space)));
      expect(error.violations.map((v) => v.rule)).toEqual([rule]);
      expect(error.message).toContain(error.violations[0]!.message);
    }
    expect(await db.bookings.count()).toBe(1);
  });

  it('refuses a fixed session stored in the occurrences table', async () => {
    const db = database();
    await db.occurrences.add({ id: 'choir@1', activityId: 'choir', spaceId: 'practice-1', start: at('2026-03-23T18:00'), end: at('2026-03-23T20:00'), source: 'config' });
    const error = await refusal(createBooking(db, visitor('2026-03-23T19:00', '2026-03-23T20:00'), options()));
    expect(error.violations.map((v) => v.rule)).toEqual(['overlaps-session']);
    expect(error.nearest.map((slot) => local(slot.start))).toEqual(['2026-03-23T20:30', '2026-03-23T21:00', '2026-03-24T18:00']);
  });

  it('lets exactly one of 50 parallel bookings of one slot win; the others get the nearest free slots', async () => {
    const db = database();
    const attempts = Array.from({ length: 50 }, (_, i) => createBooking(db, visitor('2026-03-23T19:00', '2026-03-23T20:00', `racer ${i}`), options()));
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const error of lost) {
      expect(error).toBeInstanceOf(BookingRefused);
      const refused = error as BookingRefused;
      expect(refused.violations.map((v) => v.rule)).toEqual(['fully-booked']);
      expect(refused.nearest.map((slot) => local(slot.start))).toEqual(['2026-03-23T20:30', '2026-03-23T21:00', '2026-03-24T18:00']);
    }
    expect(await db.bookings.where('status').equals('confirmed').count()).toBe(1);
    expect((await listAudit(db, { entity: 'booking' })).length).toBe(1);
  });

  it('lets one win across two connections to the same database, too', async () => {
    const db = database();
    const other = openKioskDatabase(db.name);
    const attempts = Array.from({ length: 20 }, (_, i) => createBooking(i % 2 ? db : other, visitor('2026-03-23T18:30', '2026-03-23T19:30'), options()));
    const results = await Promise.allSettled(attempts);
    other.close();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.bookings.count()).toBe(1);
  });

  it('books up to capacity in parallel and no further', async () => {
    const db = database();
    const benches = practiceRoom({ capacity: 4, bufferMinutes: 0 }, 'benches');
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options(benches))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
  });

  it('never leaves overlapping confirmed bookings, whatever the sequence of creates, moves and cancels (property)', { timeout: PROPERTY_TIMEOUT_MS }, async () => {
    const slot = fc.record({ day: fc.integer({ min: 23, max: 25 }), half: fc.integer({ min: 0, max: 7 }), length: fc.integer({ min: 1, max: 4 }) });
    const step = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), slot }),
      fc.record({ kind: fc.constant('move' as const), slot, pick: fc.nat() }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    const instant = (s: { day: number; half: number }) => at(`2026-03-${s.day}T18:00`) + s.half * 30 * 60_000;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const db = database();
        await Promise.allSettled(
          steps.map(async (s) => {
            const confirmed = await db.bookings.where('status').equals('confirmed').toArray();
            if (s.kind === 'create') {
              const start = instant(s.slot);
              await createBooking(db, { start, end: start + s.slot.length * 30 * 60_000, holder: { kind: 'visitor', nickname: 'p' }, by: 'kiosk' }, options());
            } else if (s.kind === 'move' && confirmed.length > 0) {
              const start = instant(s.slot);
              await moveBooking(db, confirmed[s.pick % confirmed.length]!.id, { start, end: start + s.slot.length * 30 * 60_000 }, { ...options(), by: { staff: 'An' } });
            } else if (s.kind === 'cancel' && confirmed.length > 0) {
              await cancelBooking(db, confirmed[s.pick % confirmed.length]!.code, { now: NOW, by: { staff: 'An' } });
            }
          }),
        );
        const rows = (await db.bookings.where('status').equals('confirmed').toArray()).sort((a, b) => a.start - b.start);
        for (let i = 1; i < rows.length; i++) expect(rows[i]!.start).toBeGreaterThanOrEqual(rows[i - 1]!.end + 10 * 60_000);
      }),
      { numRuns: 15 },
    );
  });
});

describe('cancelBooking', () => {
  it('cancels by a typed code, case and look-alikes forgiven, and frees the slot', async () => {
    const db = database();
    const row = await createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options());
    const typed = row.code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const cancelled = await cancelBooking(db, ` ${typed.slice(0, 3)}-${typed.slice(3)} `, { now: NOW, by: 'kiosk' });
    expect(cancelled).toMatchObject({ id: row.id, status: 'cancelled' });
    const [entry] = await listAudit(db, { limit: 1 });
    expect(entry).toMatchObject({ action: 'cancelled', actor: 'kiosk', before: row, after: cancelled });
    await expect(createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options())).resolves.toMatchObject({ status: 'confirmed' });
    await expect(cancelBooking(db, row.code, { now: NOW, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
  });

  it('refuses unknown codes, ended bookings and (at the kiosk) organisations’ bookings', async () => {
    const db = database();
    await expect(cancelBooking(db, 'not a code', { now: NOW, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    const row = await createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options());
    await expect(cancelBooking(db, row.code, { now: at('2026-03-23T19:00'), by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    // Running: can still be cancelled (frees the rest of the hour).
    await expect(cancelBooking(db, row.code, { now: at('2026-03-23T18:30'), by: 'kiosk' })).resolves.toMatchObject({ status: 'cancelled' });
    const club = await createBooking(db, { start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00'), holder: { kind: 'organisation', id: 'club' }, by: { staff: 'An' } }, options());
    expect(club.source).toBe('staff');
    await expect(cancelBooking(db, club.code, { now: NOW, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    await expect(cancelBooking(db, club.code, { now: NOW, by: { staff: 'An' } })).resolves.toMatchObject({ status: 'cancelled' });
    expect(await findBookingByCode(db, club.code.toLowerCase())).toMatchObject({ id: club.id, status: 'cancelled' });
  });
});

describe('moveBooking and resizeBooking', () => {
  it('moves a booking over its own old time, with an audit of before and after', async () => {
    const db = database();
    const row = await createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options());
    const moved = await moveBooking(db, row.id, { start: at('2026-03-23T18:30'), end: at('2026-03-23T19:30') }, { ...options(), by: { staff: 'An' } });
    expect(local(moved.start)).toBe('2026-03-23T18:30');
    const [entry] = await listAudit(db, { limit: 1 });
    expect(entry).toMatchObject({ action: 'moved', actor: 'staff:An', before: row, after: moved });
  });

  it('refuses a move into another booking, with nearest slots that leave the booking itself out', async () => {
    const db = database();
    const a = await createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options());
    await createBooking(db, visitor('2026-03-23T20:00', '2026-03-23T21:00'), options());
    const error = await refusal(moveBooking(db, a.id, { start: at('2026-03-23T20:30'), end: at('2026-03-23T21:30') }, { ...options(), by: { staff: 'An' } }));
    expect(error.violations.map((v) => v.rule)).toEqual(['fully-booked']);
    expect(error.nearest.map((slot) => local(slot.start))).toEqual(['2026-03-23T18:00', '2026-03-23T18:30', '2026-03-24T18:00']);
    expect(await db.bookings.get(a.id)).toEqual(a);
  });

  it('extends a running booking and moves a booking to another space', async () => {
    const db = database();
    const row = await createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options());
    const running = at('2026-03-23T18:20');
    const longer = await resizeBooking(db, row.id, { start: row.start, end: at('2026-03-23T19:30') }, { ...options(room, running), by: { staff: 'An' } });
    expect(local(longer.end)).toBe('2026-03-23T19:30');
    const other = practiceRoom({}, 'practice-2');
    const moved = await moveBooking(db, row.id, { start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00'), spaceId: 'practice-2' }, { ...options(other), by: { staff: 'An' } });
    expect(moved.spaceId).toBe('practice-2');
    await expect(moveBooking(db, 'nope', { start: 0, end: 1 }, { ...options(), by: { staff: 'An' } })).rejects.toBeInstanceOf(BookingNotFound);
  });
});

describe('reads', () => {
  it('reads busy intervals through the space index, with bookings that started before the window', async () => {
    const db = database();
    const row = await createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T20:00'), options());
    await createBooking(db, visitor('2026-03-23T18:00', '2026-03-23T19:00'), options(practiceRoom({}, 'elsewhere')));
    const busy = await busyIntervals(db, room, at('2026-03-23T19:00'), at('2026-03-23T19:30'));
    expect(busy).toEqual([{ start: row.start, end: row.end, kind: 'booking', id: row.id, code: row.code }]);
    const slots = await freeSlots(db, room, '2026-03-23', 1, { site: site(), now: NOW }, { minutes: 60 });
    expect(slots.map((slot) => slot.from)).toEqual(['20:30', '21:00']);
  });
});
