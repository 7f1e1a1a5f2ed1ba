// Two kiosks (two Dexie copies) and the real hub (src-hub: the store on PGlite and the hono app),
// wired through `app.fetch` instead of a socket: what one kiosk books appears in the other's copy
// and leaves its free slots; the same intent retried after a lost answer books once.
import 'fake-indexeddb/auto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHash } from '../../../src-renderer/core/bundle-hash';
import { BookingRefused } from '../../../src-renderer/core/booking/errors';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import type { Space } from '../../../src-renderer/core/model';
import { expandAll } from '../../../src-renderer/core/schedule';
import type { KioskDatabase } from '../../../src-renderer/db/database';
import { HubClient, type FetchFn } from '../../../src-renderer/db/hub-client';
import { HubUnavailable, KioskStore, newIdempotencyKey } from '../../../src-renderer/db/store';
import { NOW } from '../core/booking/fixtures';
import { freshDatabase } from './fixtures';

/**
 * The hub is Node code outside the renderer's type project (tsconfig.web.json), so it is loaded by a
 * computed path and typed here by the little this test uses of it: its store and its app.
 */
interface HubModules {
  hub: { openHubService(options: { siteDir: string; now: () => number }): Promise<{ close(): Promise<void> }> };
  app: {
    createHubApp(options: { service: () => unknown; rendererDir: string; siteDir: () => string; log: unknown; now: () => number }): { fetch(request: Request): Response | Promise<Response> };
  };
  log: { silentHubLog: unknown };
  credentials: { provision(service: unknown, screenName?: string): Promise<{ device: Record<string, string> }> };
}
const HUB_SOURCE = '../../../src-hub/';
async function loadHub(): Promise<HubModules> {
  const load = (path: string): Promise<unknown> => import(/* @vite-ignore */ `${HUB_SOURCE}${path}`);
  const [hub, app, log, credentials] = await Promise.all([load('hub'), load('http/app'), load('log'), load('../test/support/hub-credentials')]);
  return { hub, app, log, credentials } as HubModules;
}

const evenings = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ from: '18:00', to: '22:00' }]]));
const room = (id: string) => ({
  id,
  name: { nl: 'Oefenruimte', en: 'Practice room' },
  kind: 'practice-room',
  at: { x: 1, y: 1 },
  booking: { bookableBy: 'visitors', slotMinutes: 30, minMinutes: 30, maxMinutes: 120, bufferMinutes: 10, maxDaysAhead: 14, openingHours: evenings, capacity: 1 },
});
/** A small site folder: two practice rooms open on weekday evenings. */
const SITE_FILES = {
  'site.json': {
    id: 'test-site',
    name: { nl: 'Testsite' },
    timeZone: 'Europe/Brussels',
    defaultLocale: 'nl',
    locales: ['nl', 'en'],
    followUpBaseUrl: 'https://example.org/',
    openingHours: evenings,
    map: { plan: { image: 'plan.svg', width: 100, height: 100 } },
  },
  'spaces.json': { spaces: [room('practice-1'), room('practice-2')] },
  'organisations.json': { organisations: [{ id: 'choir-club', name: 'Choir club', kind: 'resident', description: { nl: 'Koor' } }] },
  'activities.json': { activities: [] },
};

/** A first PGlite open runs initdb: slow, more so on a shared machine. */
const SETUP_TIMEOUT = 180_000;
const TEST_TIMEOUT = 60_000;
const HUB = 'http://hub.test/';

let root = '';
let service: { close(): Promise<void> } | undefined;
let fetchHub: FetchFn;
/** The paired screen both kiosks are (the hub admits only paired screens). */
let device: Record<string, string> = {};
const opened: KioskDatabase[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wegwijzer-kiosk-hub-'));
  const siteDir = join(root, 'site');
  const rendererDir = join(root, 'renderer');
  await mkdir(siteDir);
  await Promise.all(Object.entries(SITE_FILES).map(([name, content]) => writeFile(join(siteDir, name), JSON.stringify(content))));
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const modules = await loadHub();
  const hub = await modules.hub.openHubService({ siteDir, now: () => NOW });
  service = hub;
  ({ device } = await modules.credentials.provision(hub, 'Lobby'));
  const app = modules.app.createHubApp({ service: () => hub, rendererDir, siteDir: () => siteDir, log: modules.log.silentHubLog, now: () => NOW });
  fetchHub = async (input, init) => app.fetch(new Request(input, init));
}, SETUP_TIMEOUT);

afterAll(async () => {
  await service?.close();
  for (const db of opened.splice(0)) await db.delete();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A kiosk: its own copy, seeded from the bundle the hub serves, following the hub's stream. */
async function kiosk(fetch: FetchFn = fetchHub): Promise<KioskStore> {
  const db = freshDatabase();
  opened.push(db);
  const client = new HubClient({ baseUrl: HUB, fetch, backoffMs: [1, 1], sleep: async () => undefined, credentials: () => device });
  const store = new KioskStore(db, client);
  const bundle = await client.siteBundle();
  const loaded = loadSiteConfig(bundle, { now: NOW });
  if (!loaded.ok) throw new Error(loaded.errors.map((error) => error.message).join('\n'));
  await store.seedConfig(loaded.config, bundleHash(bundle), { now: NOW, warnings: loaded.warnings, expand: expandAll });
  await store.syncOnce();
  return store;
}

async function space(store: KioskStore, id: string): Promise<Space> {
  const found = (await store.listSpaces()).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no space ${id}`);
  return found;
}

async function slots(store: KioskStore, spaceId: string, day: string) {
  const meta = await store.siteMeta();
  return store.freeSlots(await space(store, spaceId), day, 1, { site: meta!.site, now: NOW }, { minutes: 60, by: 'visitor' });
}

describe('two kiosks and the real hub', () => {
  it(
    'a booking made on kiosk A appears in kiosk B’s copy and disappears from its free slots',
    async () => {
      const [a, b] = [await kiosk(), await kiosk()];
      const before = await slots(b, 'practice-1', '2026-03-24');
      const slot = before[0]!;
      expect(slot).toMatchObject({ from: '18:00', to: '19:00' });

      const booked = await a.createBooking({ spaceId: 'practice-1', start: slot.start, end: slot.end, holder: { kind: 'visitor', nickname: 'Sam' }, by: 'kiosk' });
      expect(booked).toMatchObject({ status: 'confirmed', source: 'kiosk' });
      // Kiosk A shows it at once, before its stream has moved.
      expect(await a.findBookingByCode(booked.code)).toEqual(booked);

      expect(await b.findBookingByCode(booked.code)).toBeUndefined();
      expect(await b.syncOnce()).toBe('changes');
      expect(await b.findBookingByCode(booked.code)).toEqual(booked);
      const after = await slots(b, 'practice-1', '2026-03-24');
      expect(after.map((s) => s.from)).not.toContain('18:00');
      expect(after.length).toBeLessThan(before.length);
      expect((await b.listAudit({ entity: 'booking' })).map((entry) => [entry.entityId, entry.action])).toContainEqual([booked.id, 'created']);

      // Kiosk B trying the same slot is refused by the hub, with the nearest free ones.
      const refusal = await b.createBooking({ spaceId: 'practice-1', start: slot.start, end: slot.end, holder: { kind: 'visitor', nickname: 'Lou' }, by: 'kiosk' }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(BookingRefused);
      expect((refusal as BookingRefused).nearest.length).toBeGreaterThan(0);

      // A cancels; B's copy follows and the slot is offered again.
      await a.cancelBooking(booked.code, 'kiosk');
      await b.syncOnce();
      expect((await b.findBookingByCode(booked.code))?.status).toBe('cancelled');
      expect((await slots(b, 'practice-1', '2026-03-24')).map((s) => s.from)).toContain('18:00');
    },
    TEST_TIMEOUT,
  );

  it(
    'an intent whose answer was lost, tapped again, books once',
    async () => {
      let lose = true;
      const lossy: FetchFn = async (input, init) => {
        const response = await fetchHub(input, init);
        if (lose && new URL(input).pathname === '/api/bookings') throw new TypeError('network changed');
        return response;
      };
      const a = await kiosk(lossy);
      const b = await kiosk();
      const [slot] = await slots(a, 'practice-2', '2026-03-25');
      const request = { spaceId: 'practice-2', start: slot!.start, end: slot!.end, holder: { kind: 'visitor' as const, nickname: 'Kim' }, by: 'kiosk' as const };
      const intent = newIdempotencyKey();
      await expect(a.createBooking(request, { intent })).rejects.toBeInstanceOf(HubUnavailable);
      lose = false;
      const booked = await a.createBooking(request, { intent });
      await b.syncOnce();
      const inB = (await b.confirmedBookingsBetween(slot!.start, slot!.end)).filter((row) => row.spaceId === 'practice-2');
      expect(inB.map((row) => row.id)).toEqual([booked.id]);
    },
    TEST_TIMEOUT,
  );
});
