// What keeps kiosks in step with the hub: idempotent writes, the gap-free change stream with its
// resets, long polls that wake on commits and config changes, snapshots, and the config itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleHash } from '../../src-renderer/core/bundle-hash';
import type { Change, ChangesResponse, CreateBookingRequest } from '../../src-renderer/core/hub/contract';
import { readSiteBundle } from '../../src-hub/site/read';
import { pruneChanges } from '../../src-hub/db/changes';
import { openHubService } from '../../src-hub/hub';
import { HubRequestError, type HubService } from '../../src-hub/service';
import { at, NOW } from '../renderer/core/booking/fixtures';
import { migrate } from '../../src-hub/db/migrations';
import { POSTGRES_MISSING, postgresAvailable, startPostgres } from '../support/postgres';
import { describeEngines, key, SETUP_TIMEOUT, TEST_TIMEOUT } from './harness';
import { writeTestSite } from './site';

function visitor(start: string, end: string, extra: Partial<CreateBookingRequest> = {}): CreateBookingRequest {
  return { idempotencyKey: key(), spaceId: 'practice-1', start: at(start), end: at(end), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk', ...extra };
}

function changesOf(response: ChangesResponse): Change[] {
  if (response.reset) throw new Error('expected changes, got a reset');
  return response.changes;
}

/** Polls until `check` holds: for what follows a file watcher, whose timing is the OS's. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function epochOf(hub: HubService): Promise<string> {
  return (await hub.position()).epoch;
}

describeEngines('hub change stream under many screens', (harness) => {
  it('answers the screens a commit wakes at once with one query: the same answer for the same question', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { epoch, seq } = await hub.position();
    const answers = await Promise.all(Array.from({ length: 50 }, () => hub.changesSince(seq, epoch)));
    expect(new Set(answers).size).toBe(1);
    // Another question is another query, and a later one sees later commits.
    expect(await hub.changesSince(seq, 'another-epoch')).toMatchObject({ reset: true });
    await hub.recordAudit({ idempotencyKey: key(), entity: 'backup', action: 'exported', by: { staff: 'Eva' } });
    expect(await hub.changesSince(seq, epoch)).toMatchObject({ reset: false, seq: seq + 1 });
  });
});

describeEngines('hub idempotency', (harness) => {
  it('answers a retried request with the first answer and books once', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const request = visitor('2026-03-23T18:00', '2026-03-23T19:00');
    const first = await hub.createBooking(request);
    const again = await hub.createBooking({ ...request });
    expect(again).toEqual(first);
    expect((await hub.snapshot()).rows.bookings).toHaveLength(1);
  });

  it('books once when the same request arrives twice at the same moment', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const request = visitor('2026-03-23T18:00', '2026-03-23T19:00');
    const answers = await Promise.all(Array.from({ length: 5 }, () => hub.createBooking({ ...request })));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect((await hub.snapshot()).rows.bookings).toHaveLength(1);
  });

  it('refuses a different request under a used key with a 409, writing nothing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const request = visitor('2026-03-23T18:00', '2026-03-23T19:00');
    await hub.createBooking(request);
    const before = await hub.snapshot();
    const error = await hub.createBooking({ ...request, start: at('2026-03-24T18:00'), end: at('2026-03-24T19:00') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({ status: 409, code: 'idempotency-conflict' });
    // The same key on another route is another request too.
    await expect(hub.recordAudit({ idempotencyKey: request.idempotencyKey, entity: 'poster', action: 'printed', by: { staff: 'An' } })).rejects.toMatchObject({ status: 409 });
    expect(await hub.snapshot()).toEqual(before);
  });

  it('stores no refusal: the same key is judged again once the slot is free', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    const request = visitor('2026-03-23T18:00', '2026-03-23T19:00');
    await expect(hub.createBooking(request)).rejects.toMatchObject({ violations: [{ rule: 'fully-booked' }] });
    await hub.cancelBooking({ idempotencyKey: key(), code: booking.code, by: { staff: 'An' } });
    await expect(hub.createBooking(request)).resolves.toMatchObject({ booking: { status: 'confirmed' } });
  });
});

describeEngines('hub change stream', (harness) => {
  it('numbers every change 1, 2, 3 … without gaps, bookings and their audit entries alike', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const epoch = await epochOf(hub);
    const start = (await hub.position()).seq;
    // Concurrent writes to different spaces and times: commits interleave, numbers must not.
    const days = ['23', '24', '25', '27'];
    const spaces = ['practice-1', 'practice-2', 'studio', 'benches'];
    const made = await Promise.all(days.flatMap((day) => spaces.map((spaceId) => hub.createBooking(visitor(`2026-03-${day}T18:00`, `2026-03-${day}T19:00`, { spaceId })))));
    const answer = await hub.changesSince(start, epoch);
    const changes = changesOf(answer);
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 32 }, (_, i) => start + 1 + i));
    expect(answer.seq).toBe(start + 32);
    const bookings = changes.filter((c) => c.table === 'bookings');
    expect(new Set(bookings.map((c) => c.key))).toEqual(new Set(made.map((m) => m.booking.id)));
    const audit = changes.filter((c) => c.table === 'auditLog');
    expect(audit).toHaveLength(16);
    for (const change of audit) expect(change).toMatchObject({ op: 'put', key: expect.any(Number) as number, row: { seq: change.key } });
    expect(changesOf(await hub.changesSince(answer.seq, epoch))).toEqual([]);
    expect(changesOf(await hub.changesSince(answer.seq - 2, epoch)).map((c) => c.seq)).toEqual([answer.seq - 1, answer.seq]);
  });

  it('tells a kiosk to start again from a snapshot on another epoch, a position ahead, or changes no longer kept', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, sql } = await harness.open();
    for (const day of ['23', '24', '25']) await hub.createBooking(visitor(`2026-03-${day}T18:00`, `2026-03-${day}T19:00`));
    const { epoch, seq } = await hub.position();
    expect(await hub.changesSince(0, 'another-epoch')).toMatchObject({ reset: true, epoch, seq });
    expect(await hub.changesSince(0, undefined)).toMatchObject({ reset: true });
    expect(await hub.changesSince(seq + 1, epoch)).toMatchObject({ reset: true });
    await pruneChanges(sql, 2);
    expect(await hub.changesSince(0, epoch)).toMatchObject({ reset: true });
    expect(await hub.changesSince(seq - 3, epoch)).toMatchObject({ reset: true });
    expect(changesOf(await hub.changesSince(seq - 2, epoch)).map((c) => c.seq)).toEqual([seq - 1, seq]);
    expect((await hub.position()).seq).toBe(seq);
  });

  it('gives a snapshot of every mirrored table at one position', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { booking } = await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    const { organisation } = await hub.saveOrganisation({ idempotencyKey: key(), draft: { name: 'Koor', kind: 'resident' }, by: { staff: 'An' } });
    const snapshot = await hub.snapshot();
    expect(snapshot).toMatchObject({ ...(await hub.position()), rows: { bookings: [booking], organisations: [organisation], series: [], activities: [], occurrences: [] } });
    expect(snapshot.rows.auditLog.map((e) => `${e.entity}:${e.action}`)).toEqual(['config:loaded', 'booking:created', 'organisation:created']);
    expect(snapshot.rows.auditLog.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('wakes a waiting long poll when a change commits, and answers at once when already behind', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { seq, configVersion } = await hub.position();
    let woke = false;
    const waiting = hub.waitForChange(seq, configVersion, 60_000).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(woke).toBe(false);
    await hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    await waiting;
    await hub.waitForChange(seq, configVersion, 60_000);
    await hub.waitForChange(seq + 2, 'another-config', 60_000);
  });

  it('ends a long poll on its timeout and on abort, without throwing', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const { seq, configVersion } = await hub.position();
    await hub.waitForChange(seq, configVersion, 50);
    const abort = new AbortController();
    const waiting = hub.waitForChange(seq, configVersion, 60_000, abort.signal);
    abort.abort();
    await waiting;
    abort.abort();
    await hub.waitForChange(seq, configVersion, 60_000, abort.signal);
  });

  it('reports its health and position', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open({ hub: { version: '1.2.3' } });
    const health = await hub.health();
    expect(health).toEqual({ ok: true, version: '1.2.3', store: hub.store, ...(await hub.position()) });
    expect(health.epoch).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describeEngines('hub site config', (harness) => {
  it('serves the site folder with its hash as the version, and records the load', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, siteDir } = await harness.open();
    const bundle = await readSiteBundle(siteDir);
    expect(hub.site()).toMatchObject({ bundle, version: bundleHash(bundle) });
    // The config it validated rides along, so screens need not validate it again.
    expect(hub.site()?.validated).toMatchObject({ version: bundleHash(bundle), source: bundle.source, warnings: [], config: { site: { id: expect.any(String) } } });
    expect(hub.site()?.validated?.config.spaces).toHaveLength(6);
    expect((await hub.position()).configVersion).toBe(bundleHash(bundle));
    const [entry] = (await hub.snapshot()).rows.auditLog;
    expect(entry).toMatchObject({ entity: 'config', action: 'loaded', actor: 'system', detail: { configVersion: bundleHash(bundle), spaces: 6 } });
  });

  it('follows the folder: a broken change keeps the config in force, a fixed one replaces it and wakes long polls', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, siteDir } = await harness.open();
    const first = hub.site()!.version;
    await writeFile(join(siteDir, 'spaces.json'), '{ "spaces": [ broken');
    // The broken file is read and refused; nothing to wait for but the watcher, so give it time.
    // The config in force stays, and screens learn of the refusal: its problems ride along with the
    // bundle, and the version changes so they fetch it.
    await eventually(() => (hub.site()?.bundle.refused ?? []).length > 0);
    const refused = hub.site()!;
    expect(refused.bundle.refused).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'spaces.json' })]));
    expect(refused.version).toMatch(new RegExp(`^${first}\\+refused-`));
    await expect(hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'))).resolves.toMatchObject({ booking: { status: 'confirmed' } });

    const { seq } = await hub.position();
    const waiting = hub.waitForChange(seq, refused.version, 60_000);
    await writeTestSite(siteDir, (files) => {
      // practice-1 stays, without booking rules; the studio goes.
      const spaces = (files.spaces['spaces'] as { id: string; booking?: unknown }[]).filter((space) => space.id !== 'studio');
      for (const space of spaces) if (space.id === 'practice-1') delete space.booking;
      files.spaces = { spaces };
    });
    await waiting;
    await eventually(() => hub.site()?.version !== refused.version);
    expect(hub.site()?.bundle.refused).toBeUndefined();
    // The new config has no bookable practice-1 and no other spaces.
    await expect(hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00'))).rejects.toMatchObject({ violations: [{ rule: 'not-bookable' }] });
    await expect(hub.createBooking(visitor('2026-03-24T18:00', '2026-03-24T19:00', { spaceId: 'studio' }))).rejects.toMatchObject({ status: 404 });
  });

  it('after a restart with a broken folder, serves the last good config', { timeout: TEST_TIMEOUT }, async () => {
    const first = await harness.open();
    const good = first.hub.site()!;
    await first.hub.close();
    await writeFile(join(first.siteDir, 'site.json'), 'not json');
    const restarted = await harness.reopen(first);
    // The last good bundle, with the folder's problems for staff.
    const { refused, ...bundle } = restarted.hub.site()!.bundle;
    expect(bundle).toEqual(good.bundle);
    expect(refused).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'site.json' })]));
    await expect(restarted.hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'))).resolves.toMatchObject({ booking: { status: 'confirmed' } });
    // The same database: the same epoch, and the config load was recorded once.
    expect((await restarted.hub.snapshot()).rows.auditLog.filter((e) => e.entity === 'config')).toHaveLength(1);
  });

  it('without any good config, serves nothing and refuses writes as unavailable', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open({ change: (files) => void (files.spaces = { spaces: 'not a list' }) });
    expect(hub.site()).toBeUndefined();
    expect((await hub.position()).configVersion).toBe('');
    await expect(hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'))).rejects.toMatchObject({ status: 503, code: 'unavailable' });
  });

  it('keeps its database across a restart: the same epoch, position and rows', { timeout: TEST_TIMEOUT }, async () => {
    const first = await harness.open();
    const { booking } = await first.hub.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
    const position = await first.hub.position();
    await first.hub.close();
    const second = await harness.reopen(first);
    expect(await second.hub.position()).toEqual(position);
    expect((await second.hub.snapshot()).rows.bookings).toEqual([booking]);
  });
});

describeEngines('hub migrations', (harness) => {
  it('migrates once, and refuses a database that a newer hub migrated', { timeout: TEST_TIMEOUT }, async () => {
    const { sql } = await harness.open();
    expect(await migrate(sql)).toEqual([]);
    expect((await sql.query('SELECT id, name FROM hub_migrations ORDER BY id')).rows).toEqual([
      { id: 1, name: 'runtime tables, change stream, idempotency' },
      { id: 2, name: 'accounts, sessions, screens, usage counts' },
      { id: 3, name: "feeds in: staff feeds and each feed's last good copy" },
      { id: 4, name: 'published OpenActive items' },
      { id: 5, name: 'badges: issuer keys, claim QRs, issued badges' },
      { id: 6, name: 'place reservations on activity sessions' },
    ]);
    await sql.query("INSERT INTO hub_migrations (id, name) VALUES (99, 'from the future')");
    try {
      await expect(migrate(sql)).rejects.toThrow(/migrated by a newer hub \(migration 99\)/);
    } finally {
      await sql.query('DELETE FROM hub_migrations WHERE id = 99');
    }
  });
});

describe.skipIf(!postgresAvailable())(postgresAvailable() ? 'two hubs on one PostgreSQL database' : `two hubs on one PostgreSQL database: ${POSTGRES_MISSING}`, () => {
  it('start together on a new database, share one epoch and stream, and let one of 20 racers win', { timeout: SETUP_TIMEOUT }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'wegwijzer-two-hubs-'));
    const cluster = await startPostgres();
    try {
      await writeTestSite(join(root, 'site'));
      const database = await cluster.createDatabase('shared');
      const options = { siteDir: join(root, 'site'), database, now: () => NOW };
      const hubs = await Promise.all([openHubService(options), openHubService(options)]);
      try {
        const [a, b] = hubs as [HubService, HubService];
        const position = await a.position();
        expect(await b.position()).toEqual(position);
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'))));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const fromA = changesOf(await a.changesSince(position.seq, position.epoch));
        expect(changesOf(await b.changesSince(position.seq, position.epoch))).toEqual(fromA);
        expect(fromA.map((c) => c.seq)).toEqual([position.seq + 1, position.seq + 2]);
      } finally {
        await Promise.all(hubs.map((hub) => hub.close()));
      }
    } finally {
      await cluster.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
describe('hub on a PGlite data folder', () => {
  it('creates the folder on first start and finds everything in it after a restart', { timeout: SETUP_TIMEOUT }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'wegwijzer-hub-folder-'));
    try {
      const siteDir = join(root, 'site');
      const dataDir = join(root, 'data');
      await writeTestSite(siteDir);
      const options = { siteDir, dataDir, now: () => NOW };
      const first = await openHubService(options);
      expect(first.store).toBe('pglite');
      const { booking } = await first.createBooking(visitor('2026-03-23T18:00', '2026-03-23T19:00'));
      const position = await first.position();
      await first.close();
      const second = await openHubService(options);
      try {
        expect(await second.position()).toEqual(position);
        expect((await second.snapshot()).rows.bookings).toEqual([booking]);
        await expect(second.createBooking(visitor('2026-03-23T18:30', '2026-03-23T19:30'))).rejects.toMatchObject({ violations: [{ rule: 'fully-booked' }] });
      } finally {
        await second.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
