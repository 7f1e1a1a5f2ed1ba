import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBooking } from '../../../src-renderer/db/bookings';
import { cancelSeries, commitSeries, commitSeriesChange, planSeriesChange, planSeriesFromDb, SeriesRefused, skipSeriesDate } from '../../../src-renderer/db/series';
import { listAudit } from '../../../src-renderer/db/audit';
import type { KioskDatabase } from '../../../src-renderer/db/database';
import type { SeriesDefinition } from '../../../src-renderer/core/booking/series';
import { NOW, at, local, practiceRoom, site } from '../core/booking/fixtures';
import { freshDatabase } from './fixtures';

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const room = practiceRoom();
const staff = { staff: 'An' };
const context = { now: NOW, site: site() };

async function database(): Promise<KioskDatabase> {
  const db = freshDatabase();
  opened.push(db);
  await db.spaces.bulkPut([{ ...room, source: 'config' }, { ...practiceRoom({}, 'practice-2'), source: 'config' }]);
  await db.organisations.bulkPut([
    { id: 'choir-club', name: 'Choir club', kind: 'resident', description: {}, source: 'config' },
    { id: 'visiting-band', name: 'Visiting band', kind: 'guest', description: {}, period: { from: '2026-04-01', until: '2026-04-15' }, source: 'staff' },
  ]);
  return db;
}

function definition(overrides: Partial<SeriesDefinition> = {}): SeriesDefinition {
  return { spaceId: 'practice-1', organisationId: 'choir-club', startTime: '19:00', minutes: 120, pattern: { kind: 'weekly', interval: 1 }, from: '2026-03-24', until: '2026-04-28', exceptions: [], ...overrides };
}

describe('series in the store', () => {
  it('plans, reports the visitor booking it collides with by code, and writes nothing until staff choose', async () => {
    const db = await database();
    const visitor = await createBooking(db, { start: at('2026-03-31T20:00'), end: at('2026-03-31T21:00'), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk' }, { ...context, space: room });
    const plan = await planSeriesFromDb(db, definition(), context);
    expect(plan.create).toHaveLength(5);
    expect(plan.conflicts.map((c) => [c.date, c.from, c.collidesWith.map((i) => i.code)])).toEqual([['2026-03-31', '19:00', [visitor.code]]]);

    await expect(commitSeries(db, plan, { ...context, by: staff })).rejects.toBeInstanceOf(SeriesRefused);
    expect(await db.series.count()).toBe(0);
    expect(await db.bookings.count()).toBe(1);

    const committed = await commitSeries(db, plan, { ...context, by: staff, skipConflicts: true });
    expect(committed.bookings.map((b) => local(b.start))).toEqual(['2026-03-24T19:00', '2026-04-07T19:00', '2026-04-14T19:00', '2026-04-21T19:00', '2026-04-28T19:00']);
    expect(committed.series.exceptions).toEqual(['2026-03-31']);
    for (const b of committed.bookings) expect(b).toMatchObject({ seriesId: committed.series.id, holder: { kind: 'organisation', id: 'choir-club' }, source: 'staff', status: 'confirmed' });
    expect(new Set(committed.bookings.map((b) => b.code)).size).toBe(5);
    expect(await db.bookings.where('seriesId').equals(committed.series.id).count()).toBe(5);
    const audit = await listAudit(db, { entity: 'series' });
    expect(audit[0]).toMatchObject({ action: 'created', actor: 'staff:An', entityId: committed.series.id });
  });

  it('re-checks inside the commit: a booking made after planning refuses the whole series', async () => {
    const db = await database();
    const plan = await planSeriesFromDb(db, definition(), context);
    expect(plan.conflicts).toEqual([]);
    await createBooking(db, { start: at('2026-03-31T18:00'), end: at('2026-03-31T19:00'), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk' }, { ...context, space: room });
    const error = await commitSeries(db, plan, { ...context, by: staff, skipConflicts: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeriesRefused);
    expect((error as SeriesRefused).conflicts.map((c) => c.date)).toEqual(['2026-03-31']);
    expect(await db.series.count()).toBe(0);
    expect(await db.bookings.count()).toBe(1);
  });

  it("creates a guest's occurrences only inside its period", async () => {
    const db = await database();
    const plan = await planSeriesFromDb(db, definition({ organisationId: 'visiting-band' }), context);
    expect(plan.create.map((o) => o.date)).toEqual(['2026-04-07', '2026-04-14']);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['outside-guest-period', 'outside-guest-period', 'outside-guest-period', 'outside-guest-period']);
    const { bookings } = await commitSeries(db, plan, { ...context, by: staff });
    expect(bookings).toHaveLength(2);
  });

  it('edits "this", "this and following" and "all"', async () => {
    const db = await database();
    const { series, bookings } = await commitSeries(db, await planSeriesFromDb(db, definition(), context), { ...context, by: staff });
    const [first, second, third] = bookings;

    // This: only the second occurrence moves to 18:00–19:30.
    const thisPlan = await planSeriesChange(db, { seriesId: series.id, scope: 'this', bookingId: second!.id, startTime: '18:00', minutes: 90 }, context);
    const thisDone = await commitSeriesChange(db, thisPlan, { ...context, by: staff });
    expect(thisDone.updated.map((b) => [local(b.start), local(b.end)])).toEqual([['2026-03-31T18:00', '2026-03-31T19:30']]);
    expect((await db.series.get(series.id))?.startTime).toBe('19:00');

    // This and following from the third: split into a new series at 20:00 in practice-2.
    const followPlan = await planSeriesChange(db, { seriesId: series.id, scope: 'following', bookingId: third!.id, startTime: '20:00', spaceId: 'practice-2' }, context);
    const followDone = await commitSeriesChange(db, followPlan, { ...context, by: staff });
    expect(followDone.seriesId).not.toBe(series.id);
    expect(followDone.updated.map((b) => [b.spaceId, local(b.start)])).toEqual([
      ['practice-2', '2026-04-07T20:00'], ['practice-2', '2026-04-14T20:00'], ['practice-2', '2026-04-21T20:00'], ['practice-2', '2026-04-28T20:00'],
    ]);
    expect(await db.series.get(series.id)).toMatchObject({ until: '2026-04-06', startTime: '19:00' });
    expect(await db.series.get(followDone.seriesId)).toMatchObject({ from: '2026-04-07', startTime: '20:00', spaceId: 'practice-2' });

    // All (of the original series): its remaining occurrences become 19:30–21:30.
    const allPlan = await planSeriesChange(db, { seriesId: series.id, scope: 'all', startTime: '19:30' }, context);
    expect(allPlan.affected).toEqual([first!.id, second!.id]);
    const allDone = await commitSeriesChange(db, allPlan, { ...context, by: staff });
    expect(allDone.updated.map((b) => [local(b.start), local(b.end)])).toEqual([['2026-03-24T19:30', '2026-03-24T21:30'], ['2026-03-31T19:30', '2026-03-31T21:30']]);
    expect((await db.series.get(series.id))?.startTime).toBe('19:30');
  });

  it('keeps a conflicting occurrence at its old time when staff skip the conflict', async () => {
    const db = await database();
    const { series, bookings } = await commitSeries(db, await planSeriesFromDb(db, definition({ until: '2026-03-31' }), context), { ...context, by: staff });
    const blocker = await createBooking(db, { start: at('2026-03-31T18:00'), end: at('2026-03-31T18:30'), holder: { kind: 'visitor', nickname: 'Mo' }, by: 'kiosk' }, { ...context, space: room });
    const plan = await planSeriesChange(db, { seriesId: series.id, scope: 'all', startTime: '18:30', minutes: 90 }, context);
    expect(plan.edit.conflicts.map((c) => [c.bookingId, c.collidesWith.map((i) => i.code)])).toEqual([[bookings[1]!.id, [blocker.code]]]);
    await expect(commitSeriesChange(db, plan, { ...context, by: staff })).rejects.toBeInstanceOf(SeriesRefused);
    const done = await commitSeriesChange(db, plan, { ...context, by: staff, skipConflicts: true });
    expect(done.updated.map((b) => b.id)).toEqual([bookings[0]!.id]);
    expect(done.kept.map((k) => k.bookingId)).toEqual([bookings[1]!.id]);
    expect(local((await db.bookings.get(bookings[1]!.id))!.start)).toBe('2026-03-31T19:00');
  });

  it('skips one date as an exception, and cancels the rest of a series', async () => {
    const db = await database();
    const { series } = await commitSeries(db, await planSeriesFromDb(db, definition(), context), { ...context, by: staff });
    const skipped = await skipSeriesDate(db, series.id, '2026-04-14', { ...context, by: staff });
    expect(local(skipped!.start)).toBe('2026-04-14T19:00');
    expect(skipped!.status).toBe('cancelled');
    expect((await db.series.get(series.id))?.exceptions).toEqual(['2026-04-14']);
    const cancelled = await cancelSeries(db, series.id, { now: at('2026-04-01T12:00'), by: staff });
    expect(cancelled.map((b) => local(b.start).slice(0, 10))).toEqual(['2026-04-07', '2026-04-21', '2026-04-28']);
    expect(await db.bookings.where('status').equals('confirmed').count()).toBe(2);
  });
});
