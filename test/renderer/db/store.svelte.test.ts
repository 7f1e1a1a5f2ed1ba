import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, expect, it, vi } from 'vitest';
import type { KioskDatabase } from '../../../src-renderer/db/database';
import { HubClient } from '../../../src-renderer/db/hub-client';
import { liveState, type LiveState } from '../../../src-renderer/db/live.svelte';
import { KioskStore } from '../../../src-renderer/db/store';
import { at, NOW, practiceRoom, site } from '../core/booking/fixtures';
import { booking, FakeHub, HUB_URL } from './fake-hub';
import { freshDatabase } from './fixtures';

const opened: KioskDatabase[] = [];
const roots: (() => void)[] = [];
afterEach(async () => {
  for (const destroy of roots.splice(0)) destroy();
  for (const db of opened.splice(0)) await db.delete();
});

it('runs under the client pipeline, where $effect runs', () => {
  expect(import.meta.env.SSR).toBe(false);
});

it('exposes online and offlineSince as runes a screen follows', async () => {
  const db = freshDatabase();
  opened.push(db);
  const hub = new FakeHub();
  let now = 1_000;
  const store = new KioskStore(db, new HubClient({ baseUrl: HUB_URL, fetch: hub.fetch, backoffMs: [], sleep: async () => undefined }), { sync: { now: () => now } });
  const seen: string[] = [];
  roots.push(
    $effect.root(() => {
      $effect(() => {
        seen.push(store.online ? 'online' : `offline since ${store.offlineSince}`);
      });
    }),
  );
  flushSync();
  hub.down = true;
  await store.syncOnce().catch(() => undefined);
  // The stream's own failure is reported by its loop; a write reports at once.
  await store.recordAudit({ entity: 'backup', action: 'exported', by: { staff: 'An' } }).catch(() => undefined);
  flushSync();
  now = 2_000;
  hub.down = false;
  await store.syncOnce();
  flushSync();
  expect(seen).toEqual(['online', 'offline since 1000', 'online']);
});

it('keeps free slots live: a booking arriving in the copy takes its slot away', async () => {
  const db = freshDatabase();
  opened.push(db);
  const store = new KioskStore(db, new HubClient({ baseUrl: HUB_URL, fetch: new FakeHub().fetch }));
  const room = practiceRoom();
  let slots: LiveState<string[]> | undefined;
  roots.push(
    $effect.root(() => {
      slots = liveState(() => store.freeSlots(room, '2026-03-24', 1, { site: site(), now: NOW }, { minutes: 60 }).then((found) => found.map((slot) => slot.from)), []);
    }),
  );
  flushSync();
  await vi.waitFor(() => expect(slots?.current).toEqual(['18:00', '18:30', '19:00', '19:30', '20:00', '20:30', '21:00']));
  // What the change stream (or a write's answer) puts into the copy:
  await db.bookings.put(booking('bk-1', { start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00') }));
  await vi.waitFor(() => expect(slots?.current).toEqual(['19:30', '20:00', '20:30', '21:00']));
});
