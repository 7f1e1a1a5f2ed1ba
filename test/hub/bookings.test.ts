// The hub's booking writes on both engines: the rules of the kiosk's booking tests, now checked by
// the hub inside its transactions, and the database deciding races between concurrent writers.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { BookingNotFound, BookingRefused } from '../../src-renderer/core/booking/errors';
import type { CreateBookingRequest } from '../../src-renderer/core/hub/contract';
import { isBookingCode } from '../../src-renderer/core/path-code';
import type { BookingRow } from '../../src-renderer/core/rows';
import { HubRequestError, type HubService } from '../../src-hub/service';
import { NOW, at, local } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT } from './harness';

const staff = { staff: 'An' };

function visitor(start: string, end: string, extra: Partial<CreateBookingRequest> = {}): CreateBookingRequest {
  return { idempotencyKey: key(), spaceId: 'practice-1', start: at(start), end: at(end), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk', ...extra };
}

async function refusal(promise: Promise<unknown>): Promise<BookingRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BookingRefused);
  return error as BookingRefused;
}

async function confirmed(hub: HubService, spaceId?: string): Promise<BookingRow[]> {
  const { rows } = await hub.snapshot();
  return rows.bookings.filter((b) => b.status === 'confirmed' && (spaceId === undefined || b.spaceId === spaceId)).sort((a, b) => a.start - b.start);
}

describeEngines('hub bookings', (harness, engine) => {
  it('books a free slot with a fresh code and an audit entry in the same transaction', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00', { purpose: 'piano' }));
    expect(isBookingCode(booking.code)).toBe(true);
    expect(booking).toMatchObject({ spaceId: 'practice-1', status: 'confirmed', source: 'kiosk', purpose: 'piano', createdAt: NOW, updatedAt: NOW });
    const { rows } = await hub.snapshot();
    expect(rows.bookings).toEqual([booking]);
    expect(rows.auditLog.at(-1)).toMatchObject({ actor: 'kiosk', entity: 'booking', entityId: booking.id, action: 'created', after: booking, at: NOW });
  });

  it('refuses, straight at the hub, a booking outside hours, too long, in a buffer or in a closure', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    await hub.createBooking(visitor('2026-03-24T19:00', '2026-03-24T20:00'));
    const cases: [CreateBookingRequest, string][] = [
      [visitor('2026-03-23T16:00', '2026-03-23T17:00'), 'outside-hours'],
      [visitor('2026-03-23T18:00', '2026-03-23T20:30'), 'too-long'],
      [visitor('2026-03-24T20:00', '2026-03-24T21:00'), 'in-buffer'],
      [visitor('2026-03-25T18:00', '2026-03-25T19:00', { spaceId: 'cleaning-room' }), 'closed'],
      [visitor('2026-03-22T10:00', '2026-03-22T11:00'), 'in-past'],
      [visitor('2026-04-30T18:00', '2026-04-30T19:00'), 'too-far-ahead'],
    ];
    for (const [request, rule] of cases) {
      const error = await refusal(hub.createBooking(request));
      expect(error.violations.map((v) => v.rule)).toEqual([rule]);
      expect(error.message).toContain(error.violations[0]!.message);
    }
    expect(await confirmed(hub)).toHaveLength(1);
  });

  it('refuses a fixed session from the config, and an imported session stored in SQL', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, sql } = await harness.open();
    const error = await refusal(hub.createBooking(visitor('2026-03-26T19:00', '2026-03-26T20:00')));
    expect(error.violations.map((v) => v.rule)).toEqual(['overlaps-session']);
    expect(error.violations[0]?.conflicts).toEqual([{ start: at('2026-03-26T18:00'), end: at('2026-03-26T20:00'), kind: 'session', id: `choir@${at('2026-03-26T18:00')}`, activityId: 'choir' }]);
    expect(error.nearest.map((slot) => local(slot.start))).toEqual(['2026-03-26T20:30', '2026-03-26T21:00', '2026-03-27T18:00']);

    const start = at('2026-03-27T18:00');
    const end = at('2026-03-27T20:00');
    const row = { id: 'jam@1', activityId: 'jam', spaceId: 'practice-1', start, end, source: 'import' };
    await sql.query("INSERT INTO occurrences (id, activity_id, space_id, start_ms, end_ms, source, row) VALUES ('jam@1', 'jam', 'practice-1', $1, $2, 'import', $3::jsonb)", [start, end, JSON.stringify(row)]);
    const imported = await refusal(hub.createBooking(visitor('2026-03-27T19:00', '2026-03-27T20:00')));
    expect(imported.violations[0]?.conflicts).toEqual([{ start, end, kind: 'session', id: 'jam@1', activityId: 'jam' }]);
  });

  it('checks weekly config sessions far beyond the expanded window too', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    // The band plays every Saturday 10:00–12:00 in practice-2; staff plan half a year ahead.
    const far = await refusal(hub.createBooking(visitor('2026-09-26T11:00', '2026-09-26T12:00', { spaceId: 'practice-2', by: staff })));
    expect(far.violations.map((v) => v.rule)).toEqual(['overlaps-session']);
    const near = await refusal(hub.createBooking(visitor('2026-03-28T10:00', '2026-03-28T11:00', { spaceId: 'practice-2', by: staff })));
    expect(near.violations.map((v) => v.rule)).toEqual(['overlaps-session']);
    await expect(hub.createBooking(visitor('2026-09-26T12:30', '2026-09-26T13:30', { spaceId: 'practice-2', by: staff }))).resolves.toMatchObject({ booking: { status: 'confirmed' } });
  });

  it('lets exactly one of 50 concurrent bookings of one slot win; the others get the nearest free slots', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => hub.createBooking(visitor('2026-03-23T19:00', '2026-03-23T20:00', { holder: { kind: 'visitor', nickname: `racer ${i}` } }))));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const error of lost) {
      expect(error).toBeInstanceOf(BookingRefused);
      const refused = error as BookingRefused;
      expect(refused.violations.map((v) => v.rule)).toEqual(['fully-booked']);
      expect(refused.nearest.map((slot) => local(slot.start))).toEqual(['2026-03-23T20:30', '2026-03-23T21:00', '2026-03-24T18:00']);
    }
    expect(await confirmed(hub)).toHaveLength(1);
    expect((await hub.snapshot()).rows.auditLog.filter((e) => e.entity === 'booking')).toHaveLength(1);
  });

  it('books a capacity-4 space 4 times out of 50 concurrent attempts, and no further', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00', { spaceId: 'studio' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(BookingRefused);
    expect(await confirmed(hub, 'studio')).toHaveLength(4);
  });

  it('holds the exclusion constraint even against a write that skips the rules', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, sql } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    // Starting 5 minutes after the end: inside the 10-minute buffer, which `during` includes.
    const insert = sql.query(
      `INSERT INTO bookings (id, space_id, start_ms, end_ms, during, status, code, exclusive, row)
       VALUES ('intruder', 'practice-1', 0, 0, tstzrange(to_timestamp($1 / 1000.0), to_timestamp($2 / 1000.0)), 'confirmed', 'ZZZZZZ', true, '{}')`,
      [booking.end + 5 * 60_000, booking.end + 65 * 60_000],
    );
    await expect(insert).rejects.toMatchObject({ code: '23P01' });
  });

  it('never leaves confirmed bookings closer than the buffer, whatever the concurrent creates, moves and cancels (property)', { timeout: 4 * TEST_TIMEOUT }, async () => {
    const { hub, sql } = await harness.open();
    const slot = fc.record({ day: fc.integer({ min: 23, max: 25 }), half: fc.integer({ min: 0, max: 7 }), length: fc.integer({ min: 1, max: 4 }) });
    const step = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), slot }),
      fc.record({ kind: fc.constant('move' as const), slot, pick: fc.nat() }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    const instant = (s: { day: number; half: number }) => at(`2026-03-${s.day}T18:00`) + s.half * 30 * 60_000;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        await sql.query('TRUNCATE bookings');
        await Promise.allSettled(
          steps.map(async (s) => {
            const current = await confirmed(hub);
            if (s.kind === 'create') {
              const start = instant(s.slot);
              await hub.createBooking({ idempotencyKey: key(), spaceId: 'practice-1', start, end: start + s.slot.length * 30 * 60_000, holder: { kind: 'visitor', nickname: 'p' }, by: 'kiosk' });
            } else if (s.kind === 'move' && current.length > 0) {
              const start = instant(s.slot);
              await hub.moveBooking(current[s.pick % current.length]!.id, { idempotencyKey: key(), start, end: start + s.slot.length * 30 * 60_000, by: staff });
            } else if (s.kind === 'cancel' && current.length > 0) {
              await hub.cancelBooking({ idempotencyKey: key(), code: current[s.pick % current.length]!.code, by: staff });
            }
          }),
        );
        const rows = await confirmed(hub);
        for (let i = 1; i < rows.length; i++) expect(rows[i]!.start).toBeGreaterThanOrEqual(rows[i - 1]!.end + 10 * 60_000);
      }),
      { numRuns: engine === 'pglite' ? 8 : 15 },
    );
  });

  it('refuses an unknown space or holder organisation as not found, writing nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    await expect(hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00', { spaceId: 'ghost' }))).rejects.toMatchObject({ status: 404, code: 'not-found' });
    await expect(hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00', { holder: { kind: 'organisation', id: 'ghost' }, by: staff }))).rejects.toBeInstanceOf(HubRequestError);
    await expect(hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00', { spaceId: 'hall' }))).rejects.toMatchObject({ violations: [{ rule: 'not-bookable' }], nearest: [] });
    expect((await hub.snapshot()).rows.bookings).toEqual([]);
  });
});

describeEngines('hub cancelBooking', (harness) => {
  it('cancels by a typed code, case and look-alikes forgiven, and frees the slot', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    const typed = booking.code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const { booking: cancelled } = await hub.cancelBooking({ idempotencyKey: key(), code: ` ${typed.slice(0, 3)}-${typed.slice(3)} `, by: 'kiosk' });
    expect(cancelled).toMatchObject({ id: booking.id, status: 'cancelled' });
    expect((await hub.snapshot()).rows.auditLog.at(-1)).toMatchObject({ action: 'cancelled', actor: 'kiosk', before: booking, after: cancelled });
    await expect(hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'))).resolves.toMatchObject({ booking: { status: 'confirmed' } });
    await expect(hub.cancelBooking({ idempotencyKey: key(), code: booking.code, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
  });

  it('refuses unknown codes, ended bookings and (at the kiosk) organisations’ bookings', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    await expect(hub.cancelBooking({ idempotencyKey: key(), code: 'not a code', by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    clock.now = at('2026-03-23T19:00');
    await expect(hub.cancelBooking({ idempotencyKey: key(), code: booking.code, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    // Running: can still be cancelled (frees the rest of the hour).
    clock.now = at('2026-03-23T18:30');
    await expect(hub.cancelBooking({ idempotencyKey: key(), code: booking.code, by: 'kiosk' })).resolves.toMatchObject({ booking: { status: 'cancelled' } });
    clock.now = NOW;
    const { booking: club } = await hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00', { holder: { kind: 'organisation', id: 'choir-club' }, by: staff }));
    expect(club.source).toBe('staff');
    await expect(hub.cancelBooking({ idempotencyKey: key(), code: club.code, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    await expect(hub.cancelBooking({ idempotencyKey: key(), code: club.code, by: staff })).resolves.toMatchObject({ booking: { id: club.id, status: 'cancelled' } });
  });
});

describeEngines('hub moveBooking', (harness) => {
  it('moves a booking over its own old time, with an audit of before and after', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    const { booking: moved } = await hub.moveBooking(booking.id, { idempotencyKey: key(), start: at('2026-03-23T18:30'), end: at('2026-03-23T19:30'), by: staff });
    expect(local(moved.start)).toBe('2026-03-23T18:30');
    expect((await hub.snapshot()).rows.auditLog.at(-1)).toMatchObject({ action: 'moved', actor: 'staff:An', before: booking, after: moved });
  });

  it('refuses a move into another booking, with nearest slots that leave the booking itself out', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking: a } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    await hub.createBooking(visitor('2026-03-23T20:00', '2026-03-23T21:00'));
    const error = await refusal(hub.moveBooking(a.id, { idempotencyKey: key(), start: at('2026-03-23T20:30'), end: at('2026-03-23T21:30'), by: staff }));
    expect(error.violations.map((v) => v.rule)).toEqual(['fully-booked']);
    expect(error.nearest.map((slot) => local(slot.start))).toEqual(['2026-03-23T18:00', '2026-03-23T18:30', '2026-03-24T18:00']);
    expect((await confirmed(hub)).find((b) => b.id === a.id)).toEqual(a);
  });

  it('extends a running booking, moves a booking to another space, and refuses unknown ids', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    clock.now = at('2026-03-23T18:20');
    const { booking: longer } = await hub.moveBooking(booking.id, { idempotencyKey: key(), start: booking.start, end: at('2026-03-23T19:30'), by: staff });
    expect(local(longer.end)).toBe('2026-03-23T19:30');
    clock.now = NOW;
    const { booking: moved } = await hub.moveBooking(booking.id, { idempotencyKey: key(), start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00'), spaceId: 'practice-2', by: staff });
    expect(moved.spaceId).toBe('practice-2');
    await expect(hub.moveBooking('nope', { idempotencyKey: key(), start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00'), by: staff })).rejects.toBeInstanceOf(BookingNotFound);
    await expect(hub.moveBooking(booking.id, { idempotencyKey: key(), start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00'), spaceId: 'ghost', by: staff })).rejects.toMatchObject({ status: 404 });
  });
});
