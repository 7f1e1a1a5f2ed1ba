import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, exportBackup, restoreBackup, type BackupFile } from '../../../src-renderer/db/backup';
import { createBooking } from '../../../src-renderer/db/bookings';
import { commitSeries, planSeriesFromDb } from '../../../src-renderer/db/series';
import { listAudit } from '../../../src-renderer/db/audit';
import { metaRow, type KioskDatabase } from '../../../src-renderer/db/database';
import { NOW, at, practiceRoom, site } from '../core/booking/fixtures';
import { freshDatabase } from './fixtures';

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const room = practiceRoom();
const benches = practiceRoom({ capacity: 2, bufferMinutes: 0 }, 'benches');
const context = { now: NOW, site: site() };

/** A db holding what the config gives: spaces, one organisation, one activity with an occurrence. */
async function configured(): Promise<KioskDatabase> {
  const db = freshDatabase();
  opened.push(db);
  await db.spaces.bulkPut([{ ...room, source: 'config' }, { ...benches, source: 'config' }]);
  await db.organisations.put({ id: 'choir-club', name: 'Choir club', kind: 'resident', description: {}, source: 'config' });
  await db.activities.put({ id: 'choir', organiser: 'choir-club', schedule: [], source: 'config' } as never);
  await db.occurrences.put({ id: 'choir@1', activityId: 'choir', spaceId: 'practice-1', start: at('2026-03-27T18:00'), end: at('2026-03-27T20:00'), source: 'config' });
  await db.meta.put(metaRow('configHash', 'abc'));
  return db;
}

/** Runtime data of every kind on top of the config. */
async function populated(): Promise<KioskDatabase> {
  const db = await configured();
  await createBooking(db, { start: at('2026-03-23T18:00'), end: at('2026-03-23T19:00'), holder: { kind: 'visitor', nickname: 'Mo' }, purpose: 'drums', by: 'kiosk' }, { ...context, space: room });
  await createBooking(db, { start: at('2026-03-23T18:00'), end: at('2026-03-23T19:00'), holder: { kind: 'visitor', nickname: 'Lea' }, by: 'kiosk' }, { ...context, space: benches });
  await createBooking(db, { start: at('2026-03-23T18:00'), end: at('2026-03-23T19:00'), holder: { kind: 'visitor', nickname: 'Kim' }, by: 'kiosk' }, { ...context, space: benches });
  const plan = await planSeriesFromDb(db, { spaceId: 'practice-1', organisationId: 'guests', startTime: '19:00', minutes: 120, pattern: { kind: 'weekly', interval: 1 }, from: '2026-03-24', count: 3, exceptions: [] }, context).catch(() => undefined);
  expect(plan).toBeUndefined(); // 'guests' does not exist yet: added as a staff row below.
  await db.organisations.put({ id: 'guests', name: 'Guest band', kind: 'guest', description: {}, period: { from: '2026-03-01', until: '2026-06-30' }, source: 'staff' });
  await db.activities.put({ id: 'jam', organiser: 'guests', schedule: [], source: 'staff' } as never);
  await db.occurrences.put({ id: 'jam@1', activityId: 'jam', spaceId: 'benches', start: at('2026-03-28T10:00'), end: at('2026-03-28T12:00'), source: 'staff' });
  await db.spaces.put({ ...practiceRoom({}, 'pop-up'), source: 'staff' });
  await commitSeries(db, await planSeriesFromDb(db, { spaceId: 'practice-1', organisationId: 'guests', startTime: '19:00', minutes: 120, pattern: { kind: 'weekly', interval: 1 }, from: '2026-03-24', count: 3, exceptions: [] }, context), { ...context, by: { staff: 'An' } });
  return db;
}

describe('backup and restore', () => {
  it('exports the runtime data only, with a format version and counts', async () => {
    const db = await populated();
    const file = await exportBackup(db, NOW);
    expect(file).toMatchObject({ format: BACKUP_FORMAT, version: 1, schemaVersion: 3, exportedAt: NOW });
    expect(file.counts).toEqual({ bookings: 6, series: 1, spaces: 1, organisations: 1, activities: 1, occurrences: 1, auditLog: 7, meta: 0 });
    expect(file.data.spaces.map((s) => s.id)).toEqual(['pop-up']);
    expect(file.data.occurrences.map((o) => o.id)).toEqual(['jam@1']);
  });

  it('round-trips losslessly: export → restore into a fresh db → export again', async () => {
    const first = await exportBackup(await populated(), NOW);
    const target = await configured();
    const json: unknown = JSON.parse(JSON.stringify(first));
    expect(await restoreBackup(target, json)).toEqual({ ok: true, counts: first.counts });
    const second = await exportBackup(target, NOW);
    expect(second).toEqual(first);
    // Config rows were left alone, and new audit entries number on after the restored ones.
    expect(await target.occurrences.get('choir@1')).toBeDefined();
    await createBooking(target, { start: at('2026-03-24T18:00'), end: at('2026-03-24T18:30'), holder: { kind: 'visitor', nickname: 'Jo' }, by: 'kiosk' }, { ...context, space: room });
    expect((await listAudit(target, { limit: 1 }))[0]?.seq).toBe(8);
  });

  it('replaces the runtime data that was there, and can record the restore', async () => {
    const file = await exportBackup(await populated(), NOW);
    const target = await configured();
    await createBooking(target, { start: at('2026-03-25T18:00'), end: at('2026-03-25T19:00'), holder: { kind: 'visitor', nickname: 'Old' }, by: 'kiosk' }, { ...context, space: room });
    await target.spaces.put({ ...practiceRoom({}, 'old-staff-space'), source: 'staff' });
    const result = await restoreBackup(target, file, { audit: { actor: { staff: 'An' }, at: NOW + 1 } });
    expect(result.ok).toBe(true);
    expect(await target.spaces.get('old-staff-space')).toBeUndefined();
    expect((await target.bookings.toArray()).map((b) => b.holder)).not.toContainEqual({ kind: 'visitor', nickname: 'Old' });
    expect((await listAudit(target, { limit: 1 }))[0]).toMatchObject({ action: 'restored', actor: 'staff:An', entity: 'backup' });
  });

  it('refuses a malformed file with readable errors and changes nothing', async () => {
    const db = await populated();
    const before = await exportBackup(db, NOW);
    const good = (): BackupFile => JSON.parse(JSON.stringify(before)) as BackupFile;
    const broken: [unknown, RegExp][] = [
      ['not json at all', /not a Wegwijzer backup/],
      [{ ...good(), format: 'other' }, /not a Wegwijzer backup/],
      [{ ...good(), version: 2 }, /version 2 is not supported/],
      [{ ...good(), schemaVersion: 9 }, /newer Wegwijzer/],
      [{ ...good(), counts: { ...good().counts, bookings: 99 } }, /counts.bookings says 99/],
      [(() => { const f = good(); f.data.bookings[1]!.id = f.data.bookings[0]!.id; return f; })(), /duplicate id/],
      [(() => { const f = good(); f.data.bookings[0]!.end = f.data.bookings[0]!.start; return f; })(), /end after start/],
      [(() => { const f = good(); f.data.bookings[0]!.code = 'nope'; return f; })(), /not a booking code/],
      [(() => { const f = good(); f.data.bookings[1]!.code = f.data.bookings[0]!.code; return f; })(), /also used by confirmed booking/],
      [(() => { const f = good(); f.data.bookings[0]!.spaceId = 'ghost-room'; return f; })(), /space "ghost-room" does not exist/],
      [(() => { const f = good(); f.data.bookings.push({ ...f.data.bookings[0]!, id: 'dupe', code: 'ZZZZZZ' }); f.counts.bookings += 1; return f; })(), /overlaps data.bookings\[0\]/],
      [(() => { const f = good(); f.data.series = []; f.counts.series = 0; return f; })(), /series ".*" is not in the backup/],
      [(() => { const f = good(); f.data.occurrences[0]!.activityId = 'gone'; return f; })(), /activity "gone" does not exist/],
      [(() => { const f = good(); f.data.spaces[0]!.source = 'config'; return f; })(), /source must be staff or import/],
    ];
    for (const [json, message] of broken) {
      const result = await restoreBackup(db, json);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(message);
    }
    expect(await exportBackup(db, NOW)).toEqual(before);
  });

  it('allows overlapping bookings up to a space’s capacity', async () => {
    const file = await exportBackup(await populated(), NOW);
    const onBenches = file.data.bookings.filter((b) => b.spaceId === 'benches');
    expect(onBenches).toHaveLength(2);
    const third = { ...onBenches[0]!, id: 'third', code: 'ZZZZZZ' };
    const result = await restoreBackup(await configured(), { ...file, data: { ...file.data, bookings: [...file.data.bookings, third] }, counts: { ...file.counts, bookings: 7 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/room for 2/);
  });
});
