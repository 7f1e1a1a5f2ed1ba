import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateBackupShape } from '../../../src-renderer/core/backup';
import { metaRow, readMeta, type KioskDatabase } from '../../../src-renderer/db/database';
import { HubClient } from '../../../src-renderer/db/hub-client';
import { HubSync, type ConnectionStatus, type HubSyncOptions } from '../../../src-renderer/db/sync';
import { booking, FakeHub, HUB_URL, series } from './fake-hub';
import { freshDatabase } from './fixtures';

const opened: KioskDatabase[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const db of opened.splice(0)) await db.delete();
});

function setup(options: HubSyncOptions = {}) {
  const db = freshDatabase();
  opened.push(db);
  const hub = new FakeHub();
  const versions: string[] = [];
  const statuses: ConnectionStatus[] = [];
  const warnings: string[] = [];
  const client = new HubClient({ baseUrl: HUB_URL, fetch: hub.fetch, backoffMs: [], sleep: async () => undefined });
  const sync = new HubSync(db, client, {
    waitMs: 0,
    onConfigVersion: (version) => versions.push(version),
    onStatus: (status) => statuses.push(status),
    log: (entry) => warnings.push(entry.message),
    ...options,
  });
  return { db, hub, sync, versions, statuses, warnings };
}

const position = async (db: KioskDatabase) => [await readMeta(db, 'hubEpoch'), await readMeta(db, 'hubSeq')];

describe('HubSync', () => {
  it('starts an empty copy from a snapshot, then follows the changes after it', async () => {
    const { db, hub, sync, versions } = setup();
    hub.put('bookings', booking('bk-1'));
    hub.put('series', series('sr-1'));
    hub.put('organisations', { id: 'band', name: 'Band', kind: 'guest', description: {}, source: 'staff' });

    expect(await sync.step()).toBe('snapshot');
    expect(await position(db)).toEqual(['epoch-1', 3]);
    expect(await db.bookings.toArray()).toEqual([booking('bk-1')]);
    expect(await db.series.count()).toBe(1);
    expect(versions).toEqual(['config-1']);

    hub.put('bookings', booking('bk-1', { status: 'cancelled', updatedAt: 2 }));
    hub.put('bookings', booking('bk-2', { code: 'XYZ789' }));
    hub.delete('series', 'sr-1');
    hub.put('auditLog', { seq: 1, at: 2, entity: 'booking', entityId: 'bk-1', action: 'cancelled' });
    expect(await sync.step()).toBe('changes');
    expect(await position(db)).toEqual(['epoch-1', 7]);
    expect((await db.bookings.get('bk-1'))?.status).toBe('cancelled');
    expect(await db.bookings.count()).toBe(2);
    expect(await db.series.count()).toBe(0);
    expect(await db.auditLog.get(1)).toMatchObject({ action: 'cancelled' });
    const polls = hub.requests.filter((request) => request.path === '/api/changes');
    expect(polls.at(-1)?.query).toEqual({ since: '3', epoch: 'epoch-1', config: 'config-1', wait: '0' });
    // Nothing new: nothing moves, the version is not reported again.
    expect(await sync.step()).toBe('changes');
    expect(await position(db)).toEqual(['epoch-1', 7]);
    expect(versions).toEqual(['config-1']);
  });

  it('applies a batch whole or not at all, with its position', async () => {
    const { db, hub, sync } = setup();
    await sync.step();
    hub.put('bookings', booking('bk-1'));
    // A row without its key cannot be stored: the whole batch (and the position) must stay out.
    hub.put('bookings', { id: undefined } as never);
    await expect(sync.step()).rejects.toThrow();
    expect(await db.bookings.count()).toBe(0);
    expect(await position(db)).toEqual(['epoch-1', 0]);
  });

  it('skips changes it already has, and resyncs on a gap', async () => {
    const { db, hub, sync } = setup();
    hub.put('bookings', booking('bk-1'));
    await sync.step();
    hub.put('bookings', booking('bk-2'));
    hub.put('bookings', booking('bk-3'));
    // The hub repeats change 1 (already in the snapshot) before the new ones: applied once.
    const original = hub.changesSince.bind(hub);
    hub.changesSince = (since, epoch) => original(since - 1, epoch);
    expect(await sync.step()).toBe('changes');
    expect(await db.bookings.count()).toBe(3);
    expect(await position(db)).toEqual(['epoch-1', 3]);

    // Change 4 is lost on the way: the copy cannot continue from 3 and starts again from a snapshot.
    hub.changesSince = original;
    hub.put('bookings', booking('bk-4'));
    hub.put('bookings', booking('bk-5'));
    const complete = hub.changesSince.bind(hub);
    hub.changesSince = (since, epoch) => {
      const answer = complete(since, epoch);
      return answer.reset ? answer : { ...answer, changes: answer.changes.filter((change) => change.seq !== 4) };
    };
    expect(await sync.step()).toBe('snapshot');
    expect((await db.bookings.toCollection().primaryKeys()).sort()).toEqual(['bk-1', 'bk-2', 'bk-3', 'bk-4', 'bk-5']);
    expect(await position(db)).toEqual(['epoch-1', 5]);
  });

  it('resyncs when the hub claims changes it does not send, or has gone back', async () => {
    const { db, hub, sync } = setup();
    await sync.step();
    hub.put('bookings', booking('bk-1'));
    const complete = hub.changesSince.bind(hub);
    hub.changesSince = (since, epoch) => ({ ...complete(since, epoch), reset: false, changes: [] });
    expect(await sync.step()).toBe('snapshot');
    expect(await db.bookings.count()).toBe(1);

    hub.changesSince = complete;
    await db.meta.put(metaRow('hubSeq', 9));
    hub.changesSince = (_since, epoch) => ({ ...complete(1, epoch), reset: false, changes: [] });
    expect(await sync.step()).toBe('snapshot');
    expect(await position(db)).toEqual(['epoch-1', 1]);
  });

  it('replaces every runtime row on reset — config rows stay, nothing is doubled', async () => {
    const { db, hub, sync } = setup();
    await db.organisations.bulkPut([
      { id: 'choir-club', name: 'Choir club', kind: 'resident', description: {}, source: 'config' },
      { id: 'old-guest', name: 'Gone', kind: 'guest', description: {}, source: 'staff' },
    ]);
    await db.occurrences.bulkPut([
      { id: 'choir@1', activityId: 'choir', start: 1, end: 2, source: 'config' },
      { id: 'quiz@1', activityId: 'quiz', start: 1, end: 2, source: 'import' },
    ]);
    hub.put('bookings', booking('bk-1'));
    hub.put('bookings', booking('bk-2'));
    hub.put('auditLog', { seq: 1, at: 1, entity: 'booking', action: 'created' });
    await sync.step();
    expect(await db.organisations.toCollection().primaryKeys()).toEqual(['choir-club']);
    expect(await db.occurrences.toCollection().primaryKeys()).toEqual(['choir@1']);

    // The hub is restored from a backup: a new epoch whose rows overlap the old ones.
    hub.restart();
    hub.rows.bookings.delete('bk-2');
    hub.put('bookings', booking('bk-1', { status: 'cancelled', updatedAt: 5 }));
    hub.put('bookings', booking('bk-9'));
    hub.put('occurrences', { id: 'quiz@2', activityId: 'quiz', start: 3, end: 4, source: 'import' });
    hub.put('auditLog', { seq: 1, at: 9, entity: 'backup', action: 'restored' });
    expect(await sync.step()).toBe('snapshot');
    expect(await position(db)).toEqual(['epoch-2', 4]);
    expect((await db.bookings.toArray()).map((row) => [row.id, row.status])).toEqual([['bk-1', 'cancelled'], ['bk-9', 'confirmed']]);
    expect(await db.auditLog.toArray()).toEqual([{ seq: 1, at: 9, entity: 'backup', action: 'restored' }]);
    expect((await db.occurrences.toCollection().primaryKeys()).sort()).toEqual(['choir@1', 'quiz@2']);
    expect(await db.organisations.toCollection().primaryKeys()).toEqual(['choir-club']);

    // The same snapshot again (a reset answer) changes nothing: still one row per id.
    hub.changesSince = () => ({ ...hub.position(), reset: true });
    expect(await sync.step()).toBe('snapshot');
    expect(await db.bookings.count()).toBe(2);
    expect(await db.occurrences.count()).toBe(2);
  });

  it('replaces feed rows on reset like every hub row: a session the feed dropped goes, its status comes along', async () => {
    const { db, hub, sync } = setup();
    hub.put('occurrences', { id: 'uit-1@1', activityId: 'uit-1', start: 1, end: 2, source: 'feed' });
    hub.put('occurrences', { id: 'uit-1@3', activityId: 'uit-1', start: 3, end: 4, source: 'feed' });
    await sync.step();
    expect((await db.occurrences.toCollection().primaryKeys()).sort()).toEqual(['uit-1@1', 'uit-1@3']);

    hub.restart();
    hub.rows.occurrences.delete('uit-1@1');
    hub.put('occurrences', { id: 'uit-1@3', activityId: 'uit-1', start: 3, end: 4, status: 'cancelled', source: 'feed' });
    expect(await sync.step()).toBe('snapshot');
    expect(await db.occurrences.toArray()).toEqual([{ id: 'uit-1@3', activityId: 'uit-1', start: 3, end: 4, status: 'cancelled', source: 'feed' }]);
  });

  it('keeps what a kiosk stored before it followed a hub as a backup, before the first snapshot replaces it', async () => {
    const { db, hub, sync, warnings } = setup({ now: () => 77 });
    await db.spaces.put({ id: 'practice-1', name: { nl: 'Oefenruimte' }, kind: 'room', at: { x: 1, y: 1 }, equipment: [], concurrent: false, source: 'config' });
    await db.organisations.put({ id: 'choir-club', name: 'Choir club', kind: 'resident', description: {}, source: 'config' });
    await db.bookings.bulkPut([booking('local-1'), booking('local-2', { code: 'XYZ789', start: 9_000_000, end: 9_600_000 })]);
    await db.auditLog.add({ seq: 1, at: 1, entity: 'booking', entityId: 'local-1', action: 'created' });
    hub.put('bookings', booking('bk-hub', { code: 'HUB123' }));
    await sync.step();
    expect(await db.bookings.toCollection().primaryKeys()).toEqual(['bk-hub']);
    const kept = await readMeta(db, 'preHubBackup');
    expect(kept).toMatchObject({ exportedAt: 77, counts: { bookings: 2, auditLog: 1, spaces: 0, organisations: 0 } });
    expect(kept?.data.bookings.map((row) => row.id)).toEqual(['local-1', 'local-2']);
    // It is a backup file the hub's restore reads.
    expect(validateBackupShape(JSON.parse(JSON.stringify(kept)), db.verno)).toMatchObject({ ok: true });
    expect(warnings).toEqual([expect.stringMatching(/Kept 2 booking/)]);

    // Later resets replace the copy without touching what was kept.
    hub.restart();
    await sync.step();
    expect((await readMeta(db, 'preHubBackup'))?.data.bookings).toHaveLength(2);
  });

  it('reports a config version the copy does not hold, once per change', async () => {
    const { db, hub, sync, versions } = setup();
    await db.meta.put(metaRow('bundleHash', 'config-1'));
    await sync.step();
    // The copy was seeded from exactly this config: nothing to reload.
    expect(versions).toEqual([]);
    hub.configVersion = 'config-2';
    await sync.step();
    await sync.step();
    expect(versions).toEqual(['config-2']);
    hub.configVersion = 'config-3';
    await sync.step();
    expect(versions).toEqual(['config-2', 'config-3']);
    expect(hub.requests.filter((request) => request.path === '/api/changes').map((request) => request.query['config'])).toEqual(['config-1', 'config-2', 'config-2']);
  });

  it('skips a change for a table it does not know, and says so', async () => {
    const { db, hub, sync, warnings } = setup();
    await sync.step();
    hub.log.push({ seq: ++hub.seq, table: 'badges' as never, op: 'put', key: 'b1', row: { id: 'b1' } });
    hub.put('bookings', booking('bk-1'));
    expect(await sync.step()).toBe('changes');
    expect(await db.bookings.count()).toBe(1);
    expect(await position(db)).toEqual(['epoch-1', 2]);
    expect(warnings).toEqual([expect.stringMatching(/unknown table "badges"/)]);
  });

  it('goes offline when the hub cannot be reached, remembers since when, and catches up when it is back', async () => {
    let clock = 10_000;
    const { db, hub, sync, statuses } = setup({ retryMs: { first: 5, max: 20 }, now: () => clock });
    stops.push(sync.start());
    await vi.waitFor(async () => expect(await position(db)).toEqual(['epoch-1', 0]));
    expect(sync.status).toEqual({ online: true });

    clock = 20_000;
    hub.down = true;
    sync.wake();
    await vi.waitFor(() => expect(sync.status).toEqual({ online: false, offlineSince: 20_000 }));
    // Still down a while later: the mark keeps the first moment.
    clock = 30_000;
    const failures = hub.requests.length;
    await vi.waitFor(() => expect(hub.requests.length).toBeGreaterThan(failures + 2));
    expect(sync.status).toEqual({ online: false, offlineSince: 20_000 });

    // Meanwhile the hub took bookings; back online, the copy gets them, with no duplicates.
    hub.put('bookings', booking('bk-1'));
    hub.put('bookings', booking('bk-2'));
    hub.down = false;
    await vi.waitFor(async () => expect(await db.bookings.count()).toBe(2));
    expect(sync.status).toEqual({ online: true });
    expect(statuses).toEqual([{ online: false, offlineSince: 20_000 }, { online: true }]);
  });

  it('counts a hub that is starting (503) as unavailable, and a write that got through as online', async () => {
    const { hub, sync, statuses } = setup({ now: () => 5 });
    hub.status = 503;
    await expect(sync.step()).rejects.toMatchObject({ name: 'HubUnavailable' });
    sync.reportOffline();
    sync.reportOffline();
    expect(sync.status).toEqual({ online: false, offlineSince: 5 });
    sync.reportOnline();
    expect(statuses).toEqual([{ online: false, offlineSince: 5 }, { online: true }]);
  });
});
