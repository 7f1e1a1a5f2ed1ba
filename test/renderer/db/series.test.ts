import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { planSeriesChange, planSeriesFromDb } from '../../../src-renderer/db/series';
import type { BookingRow, KioskDatabase } from '../../../src-renderer/db/database';
import type { SeriesDefinition } from '../../../src-renderer/core/booking/series';
import { NOW, at, local, practiceRoom, site } from '../core/booking/fixtures';
import { booking, series as seriesRow } from './fake-hub';
import { freshDatabase } from './fixtures';

// Planning on the copy: read-only. Writing a series (and re-planning inside the write) is the hub's.

const opened: KioskDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const room = practiceRoom();
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

/** A series as the hub would have written it: the rule plus one booking per date at its start time. */
async function written(db: KioskDatabase, id: string, dates: string[], overrides: Partial<SeriesDefinition> = {}): Promise<BookingRow[]> {
  const rule = definition(overrides);
  await db.series.put(seriesRow(id, { ...rule }));
  const rows = dates.map((date, index) =>
    booking(`${id}-${index + 1}`, {
      start: at(`${date}T${rule.startTime}`),
      end: at(`${date}T${rule.startTime}`) + rule.minutes * 60_000,
      holder: { kind: 'organisation', id: rule.organisationId },
      source: 'staff',
      code: `S${id.slice(-1)}000${index + 1}`.slice(0, 6),
      seriesId: id,
    }),
  );
  await db.bookings.bulkPut(rows);
  return rows;
}

describe('planning series on the copy', () => {
  it('plans, reports the visitor booking it collides with by code, and writes nothing', async () => {
    const db = await database();
    await db.bookings.put(booking('visitor', { start: at('2026-03-31T20:00'), end: at('2026-03-31T21:00'), code: 'VIS123' }));
    const plan = await planSeriesFromDb(db, definition(), context);
    expect(plan.create.map((o) => local(o.start))).toEqual(['2026-03-24T19:00', '2026-04-07T19:00', '2026-04-14T19:00', '2026-04-21T19:00', '2026-04-28T19:00']);
    expect(plan.conflicts.map((c) => [c.date, c.from, c.collidesWith.map((i) => i.code)])).toEqual([['2026-03-31', '19:00', ['VIS123']]]);
    expect(await db.series.count()).toBe(0);
    expect(await db.bookings.count()).toBe(1);
  });

  it("plans a guest's occurrences only inside its period, and names unknown spaces and organisations", async () => {
    const db = await database();
    const plan = await planSeriesFromDb(db, definition({ organisationId: 'visiting-band' }), context);
    expect(plan.create.map((o) => o.date)).toEqual(['2026-04-07', '2026-04-14']);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['outside-guest-period', 'outside-guest-period', 'outside-guest-period', 'outside-guest-period']);
    await expect(planSeriesFromDb(db, definition({ organisationId: 'nobody' }), context)).rejects.toThrow(/organisation "nobody"/);
    await expect(planSeriesFromDb(db, definition({ spaceId: 'nowhere' }), context)).rejects.toThrow(/space "nowhere"/);
  });

  it('plans "this", "this and following" and "all" edits from the stored occurrences', async () => {
    const db = await database();
    const [, second, third, fourth] = await written(db, 'sr-1', ['2026-03-24', '2026-03-31', '2026-04-07', '2026-04-14']);

    const thisPlan = await planSeriesChange(db, { seriesId: 'sr-1', scope: 'this', bookingId: second!.id, startTime: '18:00', minutes: 90 }, context);
    expect(thisPlan.affected).toEqual([second!.id]);
    expect(thisPlan.edit.update.map((u) => [local(u.start), local(u.end)])).toEqual([['2026-03-31T18:00', '2026-03-31T19:30']]);

    const followPlan = await planSeriesChange(db, { seriesId: 'sr-1', scope: 'following', bookingId: third!.id, startTime: '20:00', spaceId: 'practice-2' }, context);
    expect(followPlan).toMatchObject({ startTime: '20:00', minutes: 120, spaceId: 'practice-2', affected: [third!.id, fourth!.id] });
    expect(followPlan.edit.update.map((u) => [u.spaceId, local(u.start)])).toEqual([['practice-2', '2026-04-07T20:00'], ['practice-2', '2026-04-14T20:00']]);

    const allPlan = await planSeriesChange(db, { seriesId: 'sr-1', scope: 'all', startTime: '19:30' }, { ...context, now: at('2026-03-30T12:00') });
    expect(allPlan.affected).toEqual([second!.id, third!.id, fourth!.id]);
    await expect(planSeriesChange(db, { seriesId: 'nope', scope: 'all' }, context)).rejects.toThrow(/series "nope"/);
  });

  it('leaves the occurrences being moved out of the collisions, and reports the others by code', async () => {
    const db = await database();
    const rows = await written(db, 'sr-2', ['2026-03-24', '2026-03-31']);
    await db.bookings.put(booking('blocker', { start: at('2026-03-31T18:00'), end: at('2026-03-31T18:30'), code: 'BLK123' }));
    const plan = await planSeriesChange(db, { seriesId: 'sr-2', scope: 'all', startTime: '18:30', minutes: 90 }, context);
    expect(plan.edit.update.map((u) => u.bookingId)).toEqual([rows[0]!.id]);
    expect(plan.edit.conflicts.map((c) => [c.bookingId, c.collidesWith.map((i) => i.code)])).toEqual([[rows[1]!.id, ['BLK123']]]);
  });
});
