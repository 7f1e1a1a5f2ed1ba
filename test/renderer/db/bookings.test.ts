import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { bookingsInSpace, busyIntervals, confirmedBookingsBetween, findBookingByCode, freeSlots } from '../../../src-renderer/db/bookings';
import type { BookingRow, KioskDatabase } from '../../../src-renderer/db/database';
import { NOW, at, practiceRoom, site } from '../core/booking/fixtures';
import { booking } from './fake-hub';
import { freshDatabase } from './fixtures';

// The copy's booking reads. The writes (and the rules they check) are the hub's and tested there.
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
const row = (id: string, start: string, end: string, overrides: Partial<BookingRow> = {}): BookingRow => booking(id, { start: at(start), end: at(end), ...overrides });

describe('booking reads', () => {
  it('reads busy intervals through the space index, with bookings that started before the window', async () => {
    const db = database();
    await db.bookings.bulkPut([
      row('long', '2026-03-23T18:00', '2026-03-23T20:00', { code: 'AAA111' }),
      row('elsewhere', '2026-03-23T18:00', '2026-03-23T19:00', { spaceId: 'elsewhere' }),
      row('gone', '2026-03-23T19:00', '2026-03-23T19:30', { status: 'cancelled' }),
    ]);
    await db.occurrences.add({ id: 'choir@1', activityId: 'choir', spaceId: 'practice-1', start: at('2026-03-23T20:00'), end: at('2026-03-23T21:00'), source: 'config' });
    const busy = await busyIntervals(db, room, at('2026-03-23T19:00'), at('2026-03-23T20:30'));
    expect(busy).toEqual([
      { start: at('2026-03-23T18:00'), end: at('2026-03-23T20:00'), kind: 'booking', id: 'long', code: 'AAA111' },
      { start: at('2026-03-23T20:00'), end: at('2026-03-23T21:00'), kind: 'session', id: 'choir@1', activityId: 'choir' },
    ]);
    expect(await busyIntervals(db, room, at('2026-03-23T19:00'), at('2026-03-23T20:30'), new Set(['long', 'choir@1']))).toEqual([]);
  });

  it('offers only the slots the copy sees free, buffer included', async () => {
    const db = database();
    await db.bookings.put(row('a', '2026-03-23T18:00', '2026-03-23T20:00'));
    const slots = await freeSlots(db, room, '2026-03-23', 1, { site: site(), now: NOW }, { minutes: 60 });
    expect(slots.map((slot) => slot.from)).toEqual(['20:30', '21:00']);
  });

  it('finds a booking by a typed code, the confirmed one first', async () => {
    const db = database();
    await db.bookings.bulkPut([
      row('old', '2026-03-20T18:00', '2026-03-20T19:00', { code: 'ABC123', status: 'cancelled', updatedAt: 5 }),
      row('now', '2026-03-23T18:00', '2026-03-23T19:00', { code: 'ABC123' }),
      row('cancelled', '2026-03-24T18:00', '2026-03-24T19:00', { code: 'XYZ789', status: 'cancelled' }),
    ]);
    expect((await findBookingByCode(db, ' abc-123 '))?.id).toBe('now');
    expect((await findBookingByCode(db, 'xyz789'))?.id).toBe('cancelled');
    expect(await findBookingByCode(db, 'not a code')).toBeUndefined();
    expect(await findBookingByCode(db, 'QQQ999')).toBeUndefined();
  });

  it('lists a space’s bookings (cancelled too) and every confirmed booking of a period', async () => {
    const db = database();
    await db.bookings.bulkPut([
      row('a', '2026-03-23T18:00', '2026-03-23T19:00'),
      row('b', '2026-03-23T19:30', '2026-03-23T20:30', { status: 'cancelled' }),
      row('c', '2026-03-23T18:00', '2026-03-23T19:00', { spaceId: 'other' }),
      row('d', '2026-03-25T18:00', '2026-03-25T19:00'),
    ]);
    const day = [at('2026-03-23T00:00'), at('2026-03-24T00:00')] as const;
    expect((await bookingsInSpace(db, 'practice-1', ...day)).map((b) => b.id)).toEqual(['a', 'b']);
    expect((await confirmedBookingsBetween(db, ...day)).map((b) => b.id).sort()).toEqual(['a', 'c']);
  });
});
