// The race through the whole stack: 50 clients at once over HTTP to a hub on a real PostgreSQL
// (a pool of 16 connections), all for one slot. The database decides: one winner in a room for one,
// four in a studio for four, every other client refused with the nearest free slots.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentHubLog } from '../../src-hub/log';
import { startHub, type RunningHub } from '../../src-hub/start';
import { provision, type HubCredentials } from '../support/hub-credentials';
import { benchSlot, idempotencyKey, writeBenchSite, type BenchSite } from '../bench/hub-site';
import { POSTGRES_MISSING, postgresAvailable, startPostgres, type PostgresCluster } from '../support/postgres';
import { SETUP_TIMEOUT, TEST_TIMEOUT } from './harness';

const CLIENTS = 50;

describe.skipIf(!postgresAvailable())(`50 concurrent HTTP clients race for one slot (PostgreSQL)${postgresAvailable() ? '' : ` — ${POSTGRES_MISSING}`}`, () => {
  let work: string;
  let site: BenchSite;
  let cluster: PostgresCluster;
  let hub: RunningHub;
  let credentials: HubCredentials;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'wegwijzer-race-http-'));
    site = await writeBenchSite(join(work, 'site'), { rooms: 1, halls: 1 });
    cluster = await startPostgres();
    hub = await startHub({ siteDir: site.dir, store: { database: await cluster.createDatabase('race') }, port: 0, log: silentHubLog });
    credentials = await provision(await hub.ready);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await hub?.close();
    await cluster?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it.each([
    { kind: 'room', capacity: 1 },
    { kind: 'hall', capacity: 4 },
  ])('a $kind for $capacity: exactly $capacity of 50 win', async ({ kind, capacity }) => {
    const spaceId = kind === 'room' ? site.rooms[0] : site.halls[0];
    const slot = benchSlot(3, kind === 'room' ? 8 : 12);
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, index) => {
        const response = await fetch(`${hub.url}api/bookings`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...credentials.device },
          body: JSON.stringify({ idempotencyKey: idempotencyKey(), spaceId, ...slot, holder: { kind: 'visitor', nickname: `client ${index}` }, by: 'kiosk' }),
        });
        return { status: response.status, body: (await response.json()) as { error?: string; violations?: { rule: string }[]; nearest?: unknown[] } };
      }),
    );
    const won = answers.filter((answer) => answer.status === 200 || answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(won).toHaveLength(capacity);
    expect(refused).toHaveLength(CLIENTS - capacity);
    for (const { body } of refused) {
      expect(body.error).toBe('booking-refused');
      expect(body.violations?.[0]?.rule).toBe('fully-booked');
      expect(body.nearest?.length).toBeGreaterThan(0);
    }
  }, TEST_TIMEOUT);
});
