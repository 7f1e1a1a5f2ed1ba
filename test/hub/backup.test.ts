// Backup and restore through the hub, in the kiosk's backup format: round trips, refusals that
// change nothing, a new epoch on every restore, and a site's migration: a backup written by the
// kiosk code from before the hub restores into the hub with its bookings.
//
// fixtures/kiosk-backup.json was written by that kiosk code (src-renderer/db/backup.ts exportBackup
// at commit e2cb5b4, over a fake-indexeddb Dexie seeded from test/hub/site.ts, with bookings, a
// cancelled one, a staff guest organisation, its series and a partner import made by the kiosk's
// own write functions). It stays as it is: it is the file a site brings along.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BACKUP_FORMAT, type BackupFile } from '../../src-renderer/core/backup';
import { BookingRefused } from '../../src-renderer/core/booking/errors';
import { HubRequestError, type HubService } from '../../src-hub/service';
import { at } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT, type TestHub } from './harness';

const staff = { staff: 'An' };

async function kioskBackup(): Promise<BackupFile> {
  return JSON.parse(await readFile(join(import.meta.dirname, 'fixtures', 'kiosk-backup.json'), 'utf8')) as BackupFile;
}

function book(hub: HubService, spaceId: string, start: string, end: string, nickname: string) {
  return hub.createBooking({ idempotencyKey: key(), spaceId, start: at(start), end: at(end), holder: { kind: 'visitor', nickname }, by: 'kiosk' });
}

const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bib//EN', 'BEGIN:VEVENT', 'UID:story@bib', 'DTSTAMP:20260101T000000Z', 'SUMMARY:Voorleesuur', 'DTSTART;TZID=Europe/Brussels:20260328T140000', 'DURATION:PT2H', 'RRULE:FREQ=WEEKLY;COUNT=3', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

/** Runtime data of every kind, made through the hub. */
async function populate({ hub }: TestHub): Promise<void> {
  await book(hub, 'practice-1', '2026-03-23T18:00', '2026-03-23T19:00', 'Mo');
  await book(hub, 'benches', '2026-03-23T18:00', '2026-03-23T19:00', 'Lea');
  await book(hub, 'benches', '2026-03-23T18:00', '2026-03-23T19:00', 'Kim');
  const { booking: gone } = await book(hub, 'practice-2', '2026-03-25T18:00', '2026-03-25T19:00', 'Jo');
  await hub.cancelBooking({ idempotencyKey: key(), code: gone.code, by: 'kiosk' });
  const { organisation } = await hub.saveOrganisation({ idempotencyKey: key(), draft: { name: 'Guest band', kind: 'guest', period: { from: '2026-03-01', until: '2026-06-30' } }, by: staff });
  await hub.createSeries({
    idempotencyKey: key(),
    definition: { spaceId: 'practice-1', organisationId: organisation.id, startTime: '19:00', minutes: 120, pattern: { kind: 'weekly', interval: 1 }, from: '2026-03-24', count: 3, exceptions: [] },
    skipConflicts: false,
    knownConflicts: [],
    by: staff,
  });
  await hub.importOffer({ idempotencyKey: key(), organisationId: 'bib', level: 'see-do', themes: ['relaxation'], price: 'free', contentLocale: 'nl', ics, removeMissing: false, by: staff });
  await hub.recordAudit({ idempotencyKey: key(), entity: 'backup', action: 'exported', by: staff });
}

function restore(hub: HubService, backup: unknown) {
  return hub.restoreBackup({ idempotencyKey: key(), backup, by: staff });
}

async function refusedRestore(promise: Promise<unknown>): Promise<HubRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubRequestError);
  expect(error).toMatchObject({ status: 400, code: 'restore-refused' });
  return error as HubRequestError;
}

describeEngines('hub backup and restore', (harness) => {
  it('exports the runtime data in the kiosk backup format, with counts', { timeout: TEST_TIMEOUT }, async () => {
    const source = await harness.open();
    await populate(source);
    const file = await source.hub.exportBackup();
    expect(file).toMatchObject({ format: BACKUP_FORMAT, version: 1, schemaVersion: 3, exportedAt: source.clock.now });
    expect(file.counts).toEqual({ bookings: 7, series: 1, spaces: 0, organisations: 1, activities: 1, occurrences: 3, auditLog: 13, meta: 0 });
    expect(file.data.bookings.map((b) => b.id)).toEqual(file.data.bookings.map((b) => b.id).sort());
    expect(file.data.auditLog.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('round-trips: export → restore into another hub → export again, plus the restore in the log', { timeout: TEST_TIMEOUT }, async () => {
    const source = await harness.open();
    await populate(source);
    const first = await source.hub.exportBackup();
    const target = await harness.open();
    const before = await target.hub.position();
    expect(await restore(target.hub, JSON.parse(JSON.stringify(first)))).toEqual({ counts: first.counts });
    const second = await target.hub.exportBackup();
    const restored = second.data.auditLog.at(-1);
    expect(restored).toMatchObject({ seq: 14, entity: 'backup', action: 'restored', actor: 'staff:An', detail: { counts: first.counts, exportedAt: first.exportedAt } });
    expect(second.data).toEqual({ ...first.data, auditLog: [...first.data.auditLog, restored] });

    // A new life of the database: kiosks on the old epoch start again from a snapshot.
    const after = await target.hub.position();
    expect(after.epoch).not.toBe(before.epoch);
    expect(await target.hub.changesSince(before.seq, before.epoch)).toMatchObject({ reset: true });
    const snapshot = await target.hub.snapshot();
    expect(snapshot).toMatchObject({ epoch: after.epoch, seq: after.seq });
    expect(snapshot.rows.bookings).toHaveLength(7);
    // Restored bookings hold their slots, and new audit entries number on after the restored ones.
    await expect(book(target.hub, 'practice-1', '2026-03-23T18:30', '2026-03-23T19:30', 'Late')).rejects.toBeInstanceOf(BookingRefused);
    await book(target.hub, 'practice-1', '2026-03-23T20:00', '2026-03-23T21:00', 'Later');
    expect((await target.hub.snapshot()).rows.auditLog.at(-1)?.seq).toBe(15);
  });

  it('replaces the runtime data that was there', { timeout: TEST_TIMEOUT }, async () => {
    const source = await harness.open();
    await populate(source);
    const file = await source.hub.exportBackup();
    const target = await harness.open();
    await book(target.hub, 'practice-1', '2026-03-27T18:00', '2026-03-27T19:00', 'Old');
    await target.hub.saveOrganisation({ idempotencyKey: key(), draft: { name: 'Old club', kind: 'resident' }, by: staff });
    await restore(target.hub, file);
    const { rows } = await target.hub.snapshot();
    expect(rows.bookings.map((b) => b.holder)).not.toContainEqual({ kind: 'visitor', nickname: 'Old' });
    expect(rows.organisations.map((o) => o.name)).toEqual(['Guest band']);
  });

  it('refuses a malformed file with readable errors and changes nothing', { timeout: TEST_TIMEOUT }, async () => {
    const source = await harness.open();
    await populate(source);
    const before = await source.hub.exportBackup();
    const position = await source.hub.position();
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
      [(() => { const f = good(); const [a, b] = f.data.bookings.filter((x) => x.status === 'confirmed'); b!.code = a!.code; return f; })(), /also used by confirmed booking/],
      [(() => { const f = good(); f.data.bookings[0]!.spaceId = 'ghost-room'; return f; })(), /space "ghost-room" does not exist/],
      [(() => { const f = good(); const mo = f.data.bookings.find((b) => b.holder.kind === 'visitor' && b.holder.nickname === 'Mo')!; f.data.bookings.push({ ...mo, id: 'dupe', code: 'ZZZZZZ' }); f.counts.bookings += 1; return f; })(), /overlaps data.bookings\[\d+\]/],
      [(() => { const f = good(); f.data.series = []; f.counts.series = 0; return f; })(), /series ".*" is not in the backup/],
      [(() => { const f = good(); f.data.occurrences[0]!.activityId = 'gone'; return f; })(), /activity "gone" does not exist/],
      [(() => { const f = good(); f.data.organisations[0]!.source = 'config'; return f; })(), /source must be staff, import or feed/],
    ];
    for (const [json, message] of broken) {
      const error = await refusedRestore(restore(source.hub, json));
      expect((error.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(message);
    }
    expect({ ...(await source.hub.exportBackup()), exportedAt: before.exportedAt }).toEqual(before);
    expect(await source.hub.position()).toEqual(position);
  });

  it('allows overlapping bookings up to a space’s capacity', { timeout: TEST_TIMEOUT }, async () => {
    const source = await harness.open();
    await populate(source);
    const file = await source.hub.exportBackup();
    const onBenches = file.data.bookings.filter((b) => b.spaceId === 'benches');
    expect(onBenches).toHaveLength(2);
    const third = { ...onBenches[0]!, id: 'third', code: 'ZZZZZZ' };
    const error = await refusedRestore(restore(source.hub, { ...file, data: { ...file.data, bookings: [...file.data.bookings, third] }, counts: { ...file.counts, bookings: 8 } }));
    expect(error.errors?.[0]?.message).toMatch(/room for 2/);
  });

  it('answers a retried restore with the first answer, starting one new epoch', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const request = { idempotencyKey: key(), backup: await kioskBackup(), by: staff };
    const answer = await hub.restoreBackup(request);
    const position = await hub.position();
    expect(await hub.restoreBackup(request)).toEqual(answer);
    expect(await hub.position()).toEqual(position);
  });
});

describeEngines('a site moving from a kiosk to the hub', (harness) => {
  it('restores a JSON backup made by the kiosk before the hub, with its bookings', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    const backup = await kioskBackup();
    expect(await restore(hub, backup)).toEqual({ counts: backup.counts });
    const exported = await hub.exportBackup();
    expect(exported.data).toEqual({ ...backup.data, auditLog: [...backup.data.auditLog, exported.data.auditLog.at(-1)] });

    const { rows } = await hub.snapshot();
    expect(rows.bookings).toHaveLength(7);
    expect(rows.series).toEqual(backup.data.series);
    // The kiosk's bookings hold their slots on the hub: Mo's hour, the series' Tuesday evenings.
    await expect(book(hub, 'practice-1', '2026-03-23T18:30', '2026-03-23T19:30', 'Late')).rejects.toMatchObject({ violations: [{ rule: 'fully-booked' }] });
    await expect(book(hub, 'practice-1', '2026-03-24T20:00', '2026-03-24T21:00', 'Late')).rejects.toMatchObject({ violations: [{ rule: 'fully-booked' }] });
    // And stay the visitor's: Mo cancels with the code the kiosk gave.
    const mo = backup.data.bookings.find((b) => b.holder.kind === 'visitor' && b.holder.nickname === 'Mo')!;
    await expect(hub.cancelBooking({ idempotencyKey: key(), code: mo.code, by: 'kiosk' })).resolves.toMatchObject({ booking: { id: mo.id, status: 'cancelled' } });
  });

  it('changes nothing for a broken backup', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open();
    await book(hub, 'practice-1', '2026-03-27T18:00', '2026-03-27T19:00', 'Here');
    const before = await hub.snapshot();
    const backup = await kioskBackup();
    backup.data.series[0]!.spaceId = 'gone';
    const error = await refusedRestore(restore(hub, backup));
    expect(error.errors).toEqual([{ path: 'data.series[0].spaceId', message: 'space "gone" does not exist on this kiosk or in the backup.' }]);
    expect(await hub.snapshot()).toEqual(before);
  });
});
