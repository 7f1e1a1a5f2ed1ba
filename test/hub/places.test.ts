// Places on an activity's session at the hub (issue 11, item 3): a reservation is a booking row with
// an activityId, counted per session under a lock, limited per visitor with room bookings, refused
// for sessions that are past, called off by a closure or never scheduled, and cancelled by code.
import { expect, it } from 'vitest';
import { BookingRefused } from '../../src-renderer/core/booking/errors';
import type { ReservePlaceRequest } from '../../src-renderer/core/hub/contract';
import { at } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT } from './harness';
import type { siteFiles } from './site';

/** Drawing: every Tuesday 19:00–21:00 in practice-1, 3 places a session. */
function withDrawing(capacity: number | undefined = 3, limit = 100) {
  return {
    change: (files: ReturnType<typeof siteFiles>) => {
      (files.site.booking as Record<string, unknown>) = { maxActivePerVisitor: limit };
      const activities = files.activities.activities as Record<string, unknown>[];
      activities.push({
        id: 'drawing',
        title: { nl: 'Tekenen', en: 'Drawing' },
        level: 'do-together',
        themes: ['relaxation'],
        organiser: 'choir-club',
        space: 'practice-1',
        registration: 'required',
        ...(capacity === undefined ? {} : { capacity }),
        schedule: [{ start: '2026-03-24T19:00', end: '2026-03-24T21:00', rrule: 'FREQ=WEEKLY' }],
      });
    },
  };
}

function place(start: string, nickname = 'Mo', extra: Partial<ReservePlaceRequest> = {}): ReservePlaceRequest {
  return { idempotencyKey: key(), activityId: 'drawing', start: at(start), holder: { kind: 'visitor', nickname }, by: 'kiosk', ...extra };
}

async function refusalOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BookingRefused) return error.violations.map((violation) => violation.rule);
    throw error;
  }
  return [];
}

describeEngines('hub place reservations', (harness) => {
  it('reserves a place for the session, with a code, without taking the room', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open(withDrawing());
    const { booking } = await hub.reservePlace(place('2026-03-24T19:00', 'Ada'));
    expect(booking).toMatchObject({ activityId: 'drawing', spaceId: 'practice-1', start: at('2026-03-24T19:00'), end: at('2026-03-24T21:00'), holder: { kind: 'visitor', nickname: 'Ada' }, source: 'kiosk', status: 'confirmed' });
    expect(booking.code).toMatch(/^[0-9A-Z]{6}$/);
    // The session already holds the room; a place on it adds nothing the room rules would see.
    const room = await refusalOf(hub.createBooking({ idempotencyKey: key(), spaceId: 'practice-1', start: at('2026-03-24T21:30'), end: at('2026-03-24T22:00'), holder: { kind: 'visitor', nickname: 'Bo' }, by: 'kiosk' }));
    expect(room).toEqual([]);
    expect((await hub.snapshot()).rows.bookings.map((row) => row.id)).toContain(booking.id);
  });

  it('gives exactly N of N + k racing reservations a place', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open(withDrawing(3));
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, index) => hub.reservePlace(place('2026-03-31T19:00', `Racer ${index}`))));
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(3);
    expect(lost).toHaveLength(6);
    for (const result of lost) expect((result.reason as BookingRefused).violations.map((v) => v.rule)).toEqual(['places-full']);
    // Another session of the same activity still has all its places.
    await expect(hub.reservePlace(place('2026-04-07T19:00'))).resolves.toBeDefined();
  });

  it('frees the place again when the reservation is cancelled by its code, after a preview that names the activity', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open(withDrawing(1));
    const { booking } = await hub.reservePlace(place('2026-03-24T19:00', 'Ada'));
    expect(await refusalOf(hub.reservePlace(place('2026-03-24T19:00', 'Bo')))).toEqual(['places-full']);
    await expect(hub.previewCancel({ code: booking.code, by: 'kiosk' })).resolves.toMatchObject({ booking: { activityId: 'drawing', start: booking.start } });
    await hub.cancelBooking({ idempotencyKey: key(), code: booking.code, by: 'kiosk' });
    await expect(hub.reservePlace(place('2026-03-24T19:00', 'Bo'))).resolves.toBeDefined();
  });

  it('refuses past, closed, unscheduled sessions and activities without places', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, clock } = await harness.open(withDrawing());
    clock.now = at('2026-03-24T19:30');
    expect(await refusalOf(hub.reservePlace(place('2026-03-24T19:00')))).toEqual(['no-session']);
    // 29 December falls in the Christmas closure: that session is called off.
    expect(await refusalOf(hub.reservePlace(place('2026-12-29T19:00')))).toEqual(['no-session']);
    expect(await refusalOf(hub.reservePlace(place('2026-03-31T18:00')))).toEqual(['no-session']);
    expect(await refusalOf(hub.reservePlace(place('2026-03-31T19:00', 'Mo', { activityId: 'choir' })))).toEqual(['no-places']);
    await expect(hub.reservePlace(place('2026-03-31T19:00', 'Mo', { activityId: 'nothing' }))).rejects.toThrow(/no activity "nothing"/);
  });

  it('keeps a place with its session: staff cannot move it like a room booking', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open(withDrawing());
    const { booking } = await hub.reservePlace(place('2026-03-24T19:00', 'Ada'));
    await expect(hub.moveBooking(booking.id, { idempotencyKey: key(), start: at('2026-03-25T19:00'), end: at('2026-03-25T21:00'), by: { staff: 'An' } })).rejects.toThrow(/keeps its session/);
  });

  it('counts places and room bookings together against the per-visitor limit', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open(withDrawing(5, 2));
    await hub.createBooking({ idempotencyKey: key(), spaceId: 'practice-2', start: at('2026-03-23T19:00'), end: at('2026-03-23T20:00'), holder: { kind: 'visitor', nickname: 'Sam' }, by: 'kiosk' });
    await hub.reservePlace(place('2026-03-24T19:00', 'sam'));
    expect(await refusalOf(hub.reservePlace(place('2026-03-31T19:00', ' SAM ')))).toEqual(['visitor-limit']);
    expect(await refusalOf(hub.createBooking({ idempotencyKey: key(), spaceId: 'practice-2', start: at('2026-03-25T19:00'), end: at('2026-03-25T20:00'), holder: { kind: 'visitor', nickname: 'Sam' }, by: 'kiosk' }))).toEqual(['visitor-limit']);
  });
});
