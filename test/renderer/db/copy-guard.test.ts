// A copy deleted, cleared or replaced under a running kiosk (issue 15: "a wiped IndexedDB goes
// unnoticed"): the store notices, refuses writes until the copy is rebuilt from the hub, logs it,
// and keeps a notice for staff with what was restored.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BookingRefused } from '../../../src-renderer/core/booking/errors';
import type { LogEntry } from '../../../src-renderer/core/contract';
import { KioskDatabase, metaRow } from '../../../src-renderer/db/database';
import { HubClient } from '../../../src-renderer/db/hub-client';
import { KioskStore, StoreUntrusted, type NewBooking } from '../../../src-renderer/db/store';
import { booking, FakeHub, HUB_URL, series } from './fake-hub';
import { freshDatabase } from './fixtures';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function setup(options: { checkEveryMs?: number; name?: string; hub?: FakeHub } = {}) {
  const db = options.name ? new KioskDatabase(options.name) : freshDatabase();
  const hub = options.hub ?? new FakeHub();
  const client = new HubClient({ baseUrl: HUB_URL, fetch: hub.fetch, backoffMs: [1, 1], sleep: async () => undefined });
  const logged: LogEntry[] = [];
  const store = new KioskStore(db, client, {
    sync: { waitMs: 0, retryMs: { first: 5, max: 20 } },
    guard: { checkEveryMs: options.checkEveryMs ?? 3_600_000, retryMs: 10 },
    log: (entry) => logged.push(entry),
  });
  const configs: string[] = [];
  store.onConfigChanged((version) => configs.push(version));
  cleanup.push(async () => {
    store.close();
    await db.delete();
  });
  return { db, hub, store, logged, configs };
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('delete failed'));
  });
}

const taken = booking('bk-taken', { spaceId: 'practice-1', start: 1_000_000, end: 4_600_000 });
const sameSlot: NewBooking = { spaceId: 'practice-1', start: 1_000_000, end: 4_600_000, holder: { kind: 'visitor', nickname: 'Eve' }, by: 'kiosk' };
const freeSlot: NewBooking = { ...sameSlot, start: 8_000_000, end: 11_600_000 };
const errors = (logged: LogEntry[]) => logged.filter((entry) => entry.level === 'error' && entry.topic === 'store');

describe('a copy deleted under a running store', () => {
  it('is noticed, refuses bookings meanwhile, and is rebuilt from the hub with a notice for staff', async () => {
    const hub = new FakeHub();
    hub.put('bookings', taken);
    hub.put('series', series('sr-1'));
    const { db, store, logged, configs } = setup({ hub });
    const stop = store.start();
    cleanup.push(stop);
    await vi.waitFor(async () => expect(await db.bookings.get('bk-taken')).toBeDefined());
    expect(await store.checkCopy()).toBe(true);
    configs.length = 0;

    // The hub is slow to send the fresh snapshot, so the time in between can be looked at.
    const slow = gate();
    hub.snapshotGate = slow.wait;
    await deleteDatabase(db.name);

    await vi.waitFor(() => expect(store.trusted).toBe(false));
    expect(errors(logged)).toHaveLength(1);
    expect(errors(logged)[0]?.message).toMatch(/sentinel is gone/);
    // The empty copy would offer the taken slot as free: the store refuses before asking the hub.
    await expect(store.createBooking(sameSlot)).rejects.toBeInstanceOf(StoreUntrusted);
    await expect(store.createBooking(freeSlot)).rejects.toBeInstanceOf(StoreUntrusted);
    expect(hub.requests.filter((request) => request.path === '/api/bookings')).toEqual([]);
    expect(store.online).toBe(true);

    slow.open();
    await vi.waitFor(() => expect(store.trusted).toBe(true));
    expect(await db.bookings.get('bk-taken')).toEqual(taken);
    expect(await db.series.get('sr-1')).toBeDefined();
    expect(store.copyNotice).toMatchObject({ reason: 'missing', restored: { bookings: 1, series: 1 } });
    // The site session is told to seed the config rows again.
    expect(configs).toContain('config-1');
    expect(logged.some((entry) => entry.topic === 'store' && /rebuilt from the hub: 1 bookings, 1 series/.test(entry.message))).toBe(true);

    // Trusted again: the hub still refuses the taken slot, and the free one is booked once.
    await expect(store.createBooking(sameSlot)).rejects.toBeInstanceOf(BookingRefused);
    await store.createBooking(freeSlot);
    expect(hub.rows.bookings.size).toBe(2);
    expect(await db.bookings.count()).toBe(2);
    expect(errors(logged)).toHaveLength(1);
  });

  it('a copy cleared by a page script (no versionchange) is caught by the check before a write', async () => {
    const hub = new FakeHub();
    hub.put('bookings', taken);
    const { db, store, logged } = setup({ hub });
    await store.syncOnce();
    expect(await store.checkCopy()).toBe(true);

    const other = new KioskDatabase(db.name);
    await other.transaction('rw', [other.meta, other.bookings], async () => {
      await other.meta.clear();
      await other.bookings.clear();
    });
    other.close();

    await expect(store.createBooking(sameSlot)).rejects.toBeInstanceOf(StoreUntrusted);
    expect(errors(logged)).toHaveLength(1);
    await vi.waitFor(() => expect(store.trusted).toBe(true));
    expect(await db.bookings.get('bk-taken')).toEqual(taken);
    await expect(store.createBooking(sameSlot)).rejects.toBeInstanceOf(BookingRefused);
    expect(hub.rows.bookings.size).toBe(1);
  });

  it('another copy in its place (another sentinel) is caught by the periodic check', async () => {
    const { db, store, logged } = setup({ checkEveryMs: 10 });
    const stop = store.start();
    cleanup.push(stop);
    await vi.waitFor(async () => expect(await db.meta.get('copySentinel')).toBeDefined());
    await vi.waitFor(async () => expect(await db.meta.get('hubEpoch')).toBeDefined());
    const other = new KioskDatabase(db.name);
    await other.meta.put(metaRow('copySentinel', 'someone-else'));
    other.close();
    await vi.waitFor(() => expect(store.copyNotice?.reason).toBe('replaced'));
    expect(store.trusted).toBe(true);
    expect(errors(logged)[0]?.message).toMatch(/another copy took its place/);
    expect((await db.meta.get('copySentinel'))?.value).not.toBe('someone-else');
  });

  it('stays untrusted while the hub is away and rebuilds once it answers', async () => {
    const { db, hub, store } = setup();
    const stop = store.start();
    cleanup.push(stop);
    await vi.waitFor(async () => expect(await db.meta.get('hubEpoch')).toBeDefined());
    await vi.waitFor(async () => expect(await store.checkCopy()).toBe(true));
    hub.down = true;
    await deleteDatabase(db.name);
    await vi.waitFor(() => expect(store.trusted).toBe(false));
    // Several retries go by, none trusting the empty copy.
    await vi.waitFor(() => expect(hub.requests.filter((request) => request.path === '/api/snapshot').length).toBeGreaterThan(3));
    expect(store.trusted).toBe(false);
    await expect(store.createBooking(freeSlot)).rejects.toBeInstanceOf(StoreUntrusted);
    hub.down = false;
    await vi.waitFor(() => expect(store.trusted).toBe(true));
    expect(store.copyNotice?.reason).toBe('missing');
  });

  it('keeps the notice across a reload until staff dismiss it; closing its own handle is no loss', async () => {
    const first = setup();
    await first.store.syncOnce();
    await first.store.checkCopy();
    await deleteDatabase(first.db.name);
    await expect(first.store.checkCopy()).resolves.toBe(false);
    await vi.waitFor(() => expect(first.store.trusted).toBe(true));
    first.store.close();

    const second = setup({ name: first.db.name, hub: first.hub });
    const stop = second.store.start();
    cleanup.push(stop);
    await vi.waitFor(() => expect(second.store.copyNotice?.reason).toBe('missing'));
    await second.store.dismissCopyNotice();
    expect(second.store.copyNotice).toBeUndefined();
    expect(await second.db.meta.get('copyNotice')).toBeUndefined();
    stop();
    second.store.close();
    expect(errors(second.logged)).toEqual([]);
  });
});
