// The HTTP layer on the real store, on both engines: bad input on every write endpoint is a 4xx with a
// reason and leaves the database exactly as it was (no change numbered, no row touched), the store's
// refusals keep their statuses, and a booking made over HTTP reaches a waiting long poll.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HUB_ROUTES, routePath, type HubRouteName } from '../../src-renderer/core/hub/contract';
import { createHubApp } from '../../src-hub/http/app';
import type { HubService } from '../../src-hub/service';
import { at } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT } from './harness';
import { provision, withCredentials } from '../support/hub-credentials';
import { ACCESS_ROUTES } from './access-routes';
import { makeFolders, silentLog, VALID_BODIES, type Folders } from './http-fakes';

let folders: Folders;
beforeAll(async () => {
  folders = await makeFolders();
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

const WRITE_ROUTES = (Object.keys(HUB_ROUTES) as HubRouteName[]).filter((name) => HUB_ROUTES[name][0] === 'POST' && name !== 'log' && !ACCESS_ROUTES.has(name));
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function appFor(hub: HubService, siteDir: string) {
  return withCredentials(createHubApp({ service: () => hub, rendererDir: folders.renderer, siteDir: () => siteDir, log: silentLog() }), await provision(hub));
}

/** Everything a write could change: the change stream's position and every synced row. */
async function state(hub: HubService): Promise<string> {
  const [position, snapshot] = await Promise.all([hub.position(), hub.snapshot()]);
  return JSON.stringify({ seq: position.seq, epoch: position.epoch, rows: snapshot.rows });
}

const visitorBooking = (start: string, end: string) => ({
  idempotencyKey: key(),
  spaceId: 'practice-1',
  start: at(start),
  end: at(end),
  holder: { kind: 'visitor' as const, nickname: 'Mo' },
  by: 'kiosk' as const,
});

describeEngines('hub HTTP on the store', (harness) => {
  it('refuses bad input on every write endpoint with a 4xx and a reason, and writes nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, siteDir } = await harness.open();
    const app = await appFor(hub, siteDir);
    await hub.createBooking(visitorBooking('2026-03-24T19:00', '2026-03-24T20:00'));
    const before = await state(hub);
    const broken: [string, (body: Record<string, unknown>) => unknown][] = [
      ['malformed JSON', () => '{"idempotencyKey":'],
      ['an unknown field', (body) => ({ ...body, sneaky: true })],
      ['a wrong type', (body) => ({ ...body, idempotencyKey: 1234567890123456 })],
      ['a missing field', ({ by: _by, ...rest }) => rest],
    ];
    for (const name of WRITE_ROUTES) {
      for (const [what, breakIt] of broken) {
        const response = await app.request(routePath(name, { id: 'b1' }), json(breakIt({ ...VALID_BODIES[name]!, idempotencyKey: key() })));
        expect(response.status, `${name}: ${what}`).toBe(400);
        expect(((await response.json()) as { message: string }).message.length, `${name}: ${what}`).toBeGreaterThan(10);
      }
      const oversized = await app.request(routePath(name, { id: 'b1' }), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(64 * 1024 * 1024) }, body: '{}' });
      expect(oversized.status, `${name}: oversized`).toBe(413);
    }
    expect(await state(hub)).toBe(before);
  });

  it('refuses out-of-range times and unknown ids, writing nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, siteDir } = await harness.open();
    const app = await appFor(hub, siteDir);
    const before = await state(hub);
    const cases: [HubRouteName, Record<string, string>, Record<string, unknown>, number][] = [
      ['createBooking', {}, { ...visitorBooking('2026-03-24T19:00', '2026-03-24T20:00'), start: -5 }, 400],
      ['createBooking', {}, { ...visitorBooking('2026-03-24T19:00', '2026-03-24T20:00'), end: 8_640_000_000_001 }, 400],
      // End before start, outside the hours, unknown space: the rules, answered as refusals.
      ['createBooking', {}, visitorBooking('2026-03-24T20:00', '2026-03-24T19:00'), 409],
      ['createBooking', {}, visitorBooking('2026-03-24T03:00', '2026-03-24T04:00'), 409],
      ['createBooking', {}, { ...visitorBooking('2026-03-24T19:00', '2026-03-24T20:00'), spaceId: 'no-such-space' }, 0],
      ['cancelBooking', {}, { idempotencyKey: key(), code: 'ZZZZZZ', by: 'kiosk' }, 404],
      ['moveBooking', { id: 'no-such-booking' }, { idempotencyKey: key(), start: at('2026-03-24T19:00'), end: at('2026-03-24T20:00'), by: { staff: 'An' } }, 404],
      ['skipSeriesDate', { id: 'no-such-series' }, { idempotencyKey: key(), date: '2026-04-01', by: { staff: 'An' } }, 404],
      ['cancelSeries', { id: 'no-such-series' }, { idempotencyKey: key(), by: { staff: 'An' } }, 404],
      ['changeSeries', { id: 'no-such-series' }, { idempotencyKey: key(), scope: 'all', startTime: '19:00', skipConflicts: false, knownConflicts: [], by: { staff: 'An' } }, 404],
      ['saveOrganisation', {}, { idempotencyKey: key(), id: 'no-such-organisation', draft: { name: 'X', kind: 'resident' }, by: { staff: 'An' } }, 404],
      ['restore', {}, { idempotencyKey: key(), backup: { format: 'something else' }, by: { staff: 'An' } }, 400],
    ];
    for (const [name, params, body, status] of cases) {
      const response = await app.request(routePath(name, params), json(body));
      const answer = (await response.json()) as { error: string; message: string };
      if (status === 0) expect([400, 404, 409], `${name} ${JSON.stringify(body)}`).toContain(response.status);
      else expect(response.status, `${name} ${JSON.stringify(body)}: ${answer.message}`).toBe(status);
      expect(answer.message.length).toBeGreaterThan(10);
    }
    expect(await state(hub)).toBe(before);
  });

  it('refuses a key reused for another request (409) and answers a retry of the same one with the same booking', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, siteDir } = await harness.open();
    const app = await appFor(hub, siteDir);
    const body = visitorBooking('2026-03-24T19:00', '2026-03-24T20:00');
    const first = await app.request(routePath('createBooking'), json(body));
    expect(first.status).toBe(200);
    const retry = await app.request(routePath('createBooking'), json(body));
    expect(await retry.json()).toEqual(await first.json());
    const other = await app.request(routePath('createBooking'), json({ ...visitorBooking('2026-03-25T19:00', '2026-03-25T20:00'), idempotencyKey: body.idempotencyKey }));
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: 'idempotency-conflict' });
  });

  it('a booking over HTTP answers a waiting long poll, and the slot is then refused with 409 and the nearest free slots', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, siteDir } = await harness.open();
    const app = await appFor(hub, siteDir);
    const { seq, epoch } = await hub.position();
    const polling = Promise.resolve(app.request(`/api/changes?since=${seq}&epoch=${epoch}&wait=30000`));
    const booked = await app.request(routePath('createBooking'), json(visitorBooking('2026-03-24T19:00', '2026-03-24T20:00')));
    expect(booked.status).toBe(200);
    const changes = (await (await polling).json()) as { reset: boolean; changes: { table: string }[] };
    expect(changes.reset).toBe(false);
    expect(changes.changes.map((change) => change.table)).toContain('bookings');

    const taken = await app.request(routePath('createBooking'), json(visitorBooking('2026-03-24T19:00', '2026-03-24T20:00')));
    expect(taken.status).toBe(409);
    const refusal = (await taken.json()) as { error: string; violations: { rule: string }[]; nearest: unknown[] };
    expect(refusal.error).toBe('booking-refused');
    expect(refusal.violations.length).toBeGreaterThan(0);
    expect(Array.isArray(refusal.nearest)).toBe(true);
  });

  it('a long poll with nothing new answers when its wait is over', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, siteDir } = await harness.open();
    const app = await appFor(hub, siteDir);
    const { seq, epoch, configVersion } = await hub.position();
    const response = await app.request(`/api/changes?since=${seq}&epoch=${epoch}&config=${configVersion}&wait=50`);
    expect(await response.json()).toMatchObject({ reset: false, seq, changes: [] });
  });
});
