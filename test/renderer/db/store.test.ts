import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingRefused } from '../../../src-renderer/core/booking/errors';
import type { SeriesPlan } from '../../../src-renderer/core/booking/series';
import type { KioskDatabase } from '../../../src-renderer/db/database';
import { HubClient, type FetchFn } from '../../../src-renderer/db/hub-client';
import { HubUnavailable, KioskStore, newIdempotencyKey, type NewBooking } from '../../../src-renderer/db/store';
import { booking, FakeHub, HUB_URL, json, series } from './fake-hub';
import { freshDatabase } from './fixtures';

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function setup(fetch?: FetchFn, now = () => 42_000) {
  const db = freshDatabase();
  opened.push(db);
  const hub = new FakeHub();
  const client = new HubClient({ baseUrl: HUB_URL, fetch: fetch ?? hub.fetch, backoffMs: [1, 1], sleep: async () => undefined });
  const store = new KioskStore(db, client, { sync: { now } });
  return { db, hub, store };
}

const request: NewBooking = { spaceId: 'practice-1', start: 1_000_000, end: 4_600_000, holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk' };

describe('KioskStore writes', () => {
  it('books through the hub and shows the booking at once; the stream bringing it again doubles nothing', async () => {
    const { db, hub, store } = setup();
    await store.syncOnce();
    const row = await store.createBooking(request);
    expect(row).toMatchObject({ spaceId: 'practice-1', status: 'confirmed', source: 'kiosk' });
    expect(hub.requests.filter((r) => r.path === '/api/bookings')).toHaveLength(1);
    // In the copy before any change arrived:
    expect(await store.findBookingByCode(row.code)).toEqual(row);
    expect(await db.meta.get('hubSeq')).toMatchObject({ value: 0 });
    await store.syncOnce();
    expect(await db.bookings.toArray()).toEqual([row]);
    expect(await store.listAudit()).toHaveLength(1);
  });

  it('never books locally: with the hub away the write fails plainly, the copy is untouched, and the kiosk is offline', async () => {
    const { db, hub, store } = setup();
    await store.syncOnce();
    hub.down = true;
    expect(store.online).toBe(true);
    await expect(store.createBooking(request)).rejects.toBeInstanceOf(HubUnavailable);
    expect(await db.bookings.count()).toBe(0);
    expect(store.online).toBe(false);
    expect(store.offlineSince).toBe(42_000);
    // Reads go on from the copy.
    await expect(store.freeSlots({ id: 'practice-1', name: {}, kind: 'room', at: { x: 0, y: 0 }, equipment: [], concurrent: false }, '2026-03-23', 1, { site: {} as never, now: 0 })).resolves.toEqual([]);

    hub.down = false;
    await store.createBooking(request);
    expect(store.online).toBe(true);
    expect(store.offlineSince).toBeUndefined();
    expect(await db.bookings.count()).toBe(1);
  });

  it('a refusal is an answer: the kiosk stays online and nothing is stored', async () => {
    const { db, hub, store } = setup();
    hub.put('bookings', booking('taken', { start: request.start, end: request.end }));
    await store.syncOnce();
    await expect(store.createBooking(request)).rejects.toBeInstanceOf(BookingRefused);
    expect(store.online).toBe(true);
    expect(await db.bookings.count()).toBe(1);
  });

  it('repeating an intent whose answer was lost gets that booking, never a second one', async () => {
    // The hub commits every try, but the first call's answers never come back.
    let loseAnswers = true;
    const hub = new FakeHub();
    const lossy: FetchFn = async (input, init) => {
      const response = await hub.fetch(input, init);
      if (loseAnswers && input.endsWith('/api/bookings')) throw new TypeError('network changed');
      return response;
    };
    const { db, store } = setup(lossy);
    const intent = newIdempotencyKey();
    await expect(store.createBooking(request, { intent })).rejects.toBeInstanceOf(HubUnavailable);
    expect(hub.rows.bookings.size).toBe(1);
    // The visitor taps "Book" again: the same intent.
    loseAnswers = false;
    const row = await store.createBooking(request, { intent });
    expect(hub.rows.bookings.size).toBe(1);
    expect(row.id).toBe([...hub.rows.bookings.keys()][0]);
    expect(await db.bookings.count()).toBe(1);
    const keys = new Set(hub.requests.filter((r) => r.path === '/api/bookings').map((r) => (r.body as { idempotencyKey: string }).idempotencyKey));
    expect(keys).toEqual(new Set([intent]));
  });

  it('keeps a newer version the stream already brought over an older one a write returns', async () => {
    const newer = booking('bk-1', { status: 'cancelled', updatedAt: 20 });
    const { db, store } = setup(async () => json(200, { booking: booking('bk-1', { start: 7, updatedAt: 10 }) }));
    await db.bookings.put(newer);
    await store.moveBooking('bk-1', { start: 7, end: 8 }, { staff: 'An' });
    expect(await db.bookings.get('bk-1')).toEqual(newer);
  });

  it('sends a series with the conflicts staff saw, and a series change with its known conflicts', async () => {
    const bodies: Record<string, unknown>[] = [];
    const committed = { series: series('sr-1'), bookings: [booking('bk-1', { seriesId: 'sr-1' })], skipped: [] };
    const { db, store } = setup(async (input, init) => {
      bodies.push({ path: new URL(input).pathname, ...(JSON.parse(init.body as string) as object) });
      return input.endsWith('/change') ? json(200, { seriesId: 'sr-1', updated: [booking('bk-1', { seriesId: 'sr-1', start: 5, updatedAt: 9 })], kept: [] }) : json(201, committed);
    });
    const plan = { definition: { ...series('sr-1'), id: undefined }, create: [], conflicts: [{ date: '2026-03-31' }], skipped: [] } as unknown as SeriesPlan;
    await store.commitSeries(plan, { by: { staff: 'An' }, skipConflicts: true });
    expect(bodies[0]).toMatchObject({ path: '/api/series', skipConflicts: true, knownConflicts: ['2026-03-31'], by: { staff: 'An' }, definition: { spaceId: 'practice-1', organisationId: 'choir-club' } });
    expect(await db.series.get('sr-1')).toEqual(committed.series);
    expect(await db.bookings.get('bk-1')).toEqual(committed.bookings[0]);

    const change = { change: { seriesId: 'sr-1', scope: 'this', bookingId: 'bk-1', startTime: '18:00' }, startTime: '18:00', minutes: 60, spaceId: 'practice-1', affected: ['bk-1'], edit: { update: [], conflicts: [{ bookingId: 'bk-7' }], skipped: [] } } as never;
    await store.commitSeriesChange(change, { by: { staff: 'An' } });
    expect(bodies[1]).toEqual({ path: '/api/series/sr-1/change', idempotencyKey: expect.any(String), scope: 'this', bookingId: 'bk-1', startTime: '18:00', skipConflicts: false, knownConflicts: ['bk-7'], by: { staff: 'An' } });
    expect((await db.bookings.get('bk-1'))?.start).toBe(5);
  });

  it('answers a refused restore with its problems, and a good one with its counts', async () => {
    let answer = json(400, { error: 'restore-refused', message: 'no', errors: [{ path: 'format', message: 'not a backup' }] });
    const { store } = setup(async () => answer);
    await expect(store.restoreBackup({}, { staff: 'An' })).resolves.toEqual({ ok: false, errors: [{ path: 'format', message: 'not a backup' }] });
    answer = json(200, { counts: { bookings: 3 } });
    await expect(store.restoreBackup({}, { staff: 'An' })).resolves.toEqual({ ok: true, counts: { bookings: 3 } });
  });

  it('tells the site session when the hub serves another config', async () => {
    const { hub, store } = setup();
    const seen: string[] = [];
    const stop = store.onConfigChanged((version) => seen.push(version));
    await store.syncOnce();
    hub.configVersion = 'config-2';
    await store.syncOnce();
    stop();
    hub.configVersion = 'config-3';
    await store.syncOnce();
    expect(seen).toEqual(['config-1', 'config-2']);
  });

  it("follows this screen's settings from the change stream, and forgets a screen that is removed", async () => {
    const { hub, store } = setup();
    await store.syncOnce();
    expect(await store.screen('lobby')).toBeUndefined();
    hub.put('screens', { id: 'lobby', name: 'Lobby', closed: false, pairedAt: 1 });
    await store.syncOnce();
    expect(await store.screen('lobby')).toMatchObject({ name: 'Lobby', closed: false });
    hub.put('screens', { id: 'lobby', name: 'Lobby', closed: true, pairedAt: 1 });
    await store.syncOnce();
    expect(await store.screen('lobby')).toMatchObject({ closed: true });
    hub.delete('screens', 'lobby');
    await store.syncOnce();
    expect(await store.screen('lobby')).toBeUndefined();
  });
});
