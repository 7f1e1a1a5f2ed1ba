// Careful cancelling and fair use at the hub (issue 11, item 4): a code can be looked up without
// cancelling, under the same rules as a cancel, and one nickname holds at most the site's limit of
// upcoming kiosk bookings, counted by the hub so that two screens cannot get around it.
import { expect, it } from 'vitest';
import { BookingNotFound, BookingRefused } from '../../src-renderer/core/booking/errors';
import type { CreateBookingRequest } from '../../src-renderer/core/hub/contract';
import { NOW, at } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT } from './harness';

const staff = { staff: 'An' };

function visitor(start: string, end: string, nickname = 'Mo', extra: Partial<CreateBookingRequest> = {}): CreateBookingRequest {
  return { idempotencyKey: key(), spaceId: 'practice-1', start: at(start), end: at(end), holder: { kind: 'visitor', nickname }, by: 'kiosk', ...extra };
}

function withLimit(limit: number | undefined) {
  return {
    change: (files: { site: Record<string, unknown> }) => {
      if (limit === undefined) delete files.site.booking;
      else files.site.booking = { maxActivePerVisitor: limit };
    },
  };
}

describeEngines('hub previewCancel', (harness) => {
  it('shows what a code would cancel and changes nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00', 'Sam'));
    const before = await hub.snapshot();
    const typed = ` ${booking.code.toLowerCase().slice(0, 3)}-${booking.code.toLowerCase().slice(3)} `;
    await expect(hub.previewCancel({ code: typed, by: 'kiosk' })).resolves.toEqual({ booking });
    const after = await hub.snapshot();
    expect(after.seq).toBe(before.seq);
    expect(after.rows.bookings).toEqual([booking]);
    expect(after.rows.auditLog).toEqual(before.rows.auditLog);
  });

  it('finds only what a cancel would: no unknown, cancelled or ended codes, and no organisations’ bookings at the kiosk', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open();
    await expect(hub.previewCancel({ code: 'not a code', by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    await expect(hub.previewCancel({ code: 'QQQ999', by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    const { booking: club } = await hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00', 'x', { holder: { kind: 'organisation', id: 'choir-club' }, by: staff }));
    await expect(hub.previewCancel({ code: club.code, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    await expect(hub.previewCancel({ code: club.code, by: staff })).resolves.toMatchObject({ booking: { id: club.id } });
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    clock.now = at('2026-03-23T19:00');
    await expect(hub.previewCancel({ code: booking.code, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
    clock.now = NOW;
    await hub.cancelBooking({ idempotencyKey: key(), code: booking.code, by: 'kiosk' });
    await expect(hub.previewCancel({ code: booking.code, by: 'kiosk' })).rejects.toBeInstanceOf(BookingNotFound);
  });
});

describeEngines('hub fair use', (harness) => {
  it('refuses a third upcoming booking under one nickname by default, whatever its case and spacing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open(withLimit(undefined));
    await hub.createBooking(visitor('2026-03-23T19:00', '2026-03-23T20:00', 'Sam'));
    await hub.createBooking(visitor('2026-03-23T20:30', '2026-03-23T21:30', 'sam', { spaceId: 'practice-2' }));
    const refusal = await hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00', '  SAM ')).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(BookingRefused);
    expect(refusal).toMatchObject({ violations: [{ rule: 'visitor-limit' }], nearest: [] });
    // Another nickname, and staff, are not held to Sam's limit.
    await expect(hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00', 'Samira'))).resolves.toMatchObject({ booking: { status: 'confirmed' } });
    await expect(hub.createBooking(visitor('2026-03-25T18:00', '2026-03-25T19:00', 'Sam', { by: staff }))).resolves.toMatchObject({ booking: { source: 'staff' } });
  });

  it('frees a place when a booking is cancelled or has ended, and follows the site limit', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open(withLimit(1));
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    await expect(hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00'))).rejects.toMatchObject({ violations: [{ rule: 'visitor-limit' }] });
    await hub.cancelBooking({ idempotencyKey: key(), code: booking.code, by: 'kiosk' });
    const { booking: second } = await hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00'));
    clock.now = second.end;
    await expect(hub.createBooking(visitor('2026-03-24T20:00', '2026-03-24T21:00'))).resolves.toMatchObject({ booking: { status: 'confirmed' } });
  });

  it('lets only the limit through when screens book under one nickname at once', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open(withLimit(2));
    const days = ['2026-03-23', '2026-03-24', '2026-03-27', '2026-03-30', '2026-03-31', '2026-04-01'];
    const results = await Promise.allSettled(days.map((day) => hub.createBooking(visitor(`${day}T18:00`, `${day}T19:00`, 'Racer'))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toMatchObject({ violations: [{ rule: 'visitor-limit' }] });
  });
});
