// Staff series in the store: plan (read-only, every conflict reported), then commit (one transaction
// that re-checks everything before writing). A series is a `series` row with its rule in local time
// plus one booking row per occurrence carrying its `seriesId`; edits work on those rows.
import { Temporal } from 'temporal-polyfill';
import { localDay } from '../core/booking/calendar';
import {
  planSeries,
  planSeriesEdit,
  seriesDates,
  type SeriesConflict,
  type SeriesDefinition,
  type SeriesEditPlan,
  type SeriesPlan,
} from '../core/booking/series';
import { SeriesRefused } from '../core/booking/errors';
import type { Site, Space } from '../core/model';
import { localTime } from '../core/timing';
import { audit } from './audit';
import { busyIntervals, newId, uniqueCode } from './bookings';
import type { BookingRow, KioskDatabase, SeriesRow } from './database';

const DAY_MS = 86_400_000;


export { SeriesRefused } from '../core/booking/errors';

type Staff = { staff: string };

async function spaceOf(db: KioskDatabase, spaceId: string): Promise<Space> {
  const space = await db.spaces.get(spaceId);
  if (!space) throw new Error(`There is no space "${spaceId}".`);
  return space;
}

/** Instants wide enough to hold every local date in [first, last] in any zone: a day of slack either side, only ever used to bound a read. */
function spanOf(dates: readonly string[]): { from: number; to: number } {
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return { from: 0, to: 0 };
  return { from: Date.parse(`${first}T00:00:00Z`) - DAY_MS, to: Date.parse(`${last}T00:00:00Z`) + 2 * DAY_MS };
}

/** Reads what planning needs and plans; writes nothing. */
export async function planSeriesFromDb(db: KioskDatabase, definition: SeriesDefinition, context: { now: number; site: Site }): Promise<SeriesPlan> {
  const [space, organisation] = await Promise.all([spaceOf(db, definition.spaceId), db.organisations.get(definition.organisationId)]);
  if (!organisation) throw new Error(`There is no organisation "${definition.organisationId}".`);
  const span = spanOf(seriesDates(definition));
  const existing = await busyIntervals(db, space, span.from, span.to);
  return planSeries(definition, { ...context, space, organisation, existing });
}

export interface CommittedSeries {
  series: SeriesRow;
  bookings: BookingRow[];
  /** Conflicting dates left out (and recorded as the series' exceptions). */
  skipped: SeriesConflict[];
}

/**
 * Writes a planned series in one transaction. With conflicts in the plan it writes nothing unless
 * `skipConflicts`; then the conflicting dates become exceptions. Inside the transaction the plan is
 * made again from the current data: if anything new collides since the plan was shown, nothing is
 * written and SeriesRefused lists the fresh conflicts.
 */
export async function commitSeries(
  db: KioskDatabase,
  plan: SeriesPlan,
  options: { now: number; site: Site; by: Staff; skipConflicts?: boolean },
): Promise<CommittedSeries> {
  const { now, site, by, skipConflicts = false } = options;
  if (plan.conflicts.length > 0 && !skipConflicts) throw new SeriesRefused(plan.conflicts);
  const definition = plan.definition;
  const span = spanOf(seriesDates(definition));
  return db.transaction('rw', [db.bookings, db.occurrences, db.series, db.spaces, db.organisations, db.auditLog], async () => {
    const [space, organisation] = await Promise.all([spaceOf(db, definition.spaceId), db.organisations.get(definition.organisationId)]);
    const existing = await busyIntervals(db, space, span.from, span.to);
    const fresh = planSeries(definition, { now, site, space, ...(organisation ? { organisation } : {}), existing });
    const known = new Set(plan.conflicts.map((conflict) => conflict.date));
    const unseen = fresh.conflicts.filter((conflict) => !known.has(conflict.date));
    if (unseen.length > 0) throw new SeriesRefused(fresh.conflicts, `${unseen.length} session(s) collide since the plan was made; look at the series again.`);

    const skippedDates = fresh.conflicts.map((conflict) => conflict.date);
    const series: SeriesRow = {
      ...definition,
      exceptions: [...new Set([...definition.exceptions, ...skippedDates])].sort(),
      id: newId('sr'),
      createdAt: now,
      updatedAt: now,
    };
    const taken = new Set<string>();
    const bookings: BookingRow[] = [];
    for (const occurrence of fresh.create) {
      const code = await uniqueCode(db, taken);
      taken.add(code);
      bookings.push({
        id: newId('bk'),
        spaceId: space.id,
        start: occurrence.start,
        end: occurrence.end,
        holder: { kind: 'organisation', id: definition.organisationId },
        ...(definition.purpose === undefined ? {} : { purpose: definition.purpose }),
        source: 'staff',
        status: 'confirmed',
        code,
        createdAt: now,
        updatedAt: now,
        seriesId: series.id,
      });
    }
    await db.series.add(series);
    await db.bookings.bulkAdd(bookings);
    await audit(db, { actor: by, entity: 'series', entityId: series.id, action: 'created', after: series, detail: { bookings: bookings.map((b) => b.id), skippedDates }, at: now });
    for (const booking of bookings) {
      await audit(db, { actor: by, entity: 'booking', entityId: booking.id, action: 'created', after: booking, detail: { seriesId: series.id }, at: now });
    }
    return { series, bookings, skipped: fresh.conflicts };
  });
}

/** Which occurrences an edit touches: one, that one and the later ones, or every future one. */
export type EditScope = 'this' | 'following' | 'all';

export interface SeriesChange {
  seriesId: string;
  scope: EditScope;
  /** The occurrence staff picked; required for 'this' and 'following'. */
  bookingId?: string;
  /** What changes; left out, it stays as the series (for 'this': as the booking) has it. */
  startTime?: string;
  minutes?: number;
  spaceId?: string;
}

export interface SeriesChangePlan {
  change: SeriesChange;
  /** The resolved new values. */
  startTime: string;
  minutes: number;
  spaceId: string;
  /** The occurrences affected, by id, as they are now. */
  affected: string[];
  edit: SeriesEditPlan;
}

/** Plans an edit of a series' time, length or space; writes nothing. Only current and future occurrences change. */
export async function planSeriesChange(db: KioskDatabase, change: SeriesChange, context: { now: number; site: Site }): Promise<SeriesChangePlan> {
  const series = await db.series.get(change.seriesId);
  if (!series) throw new Error(`There is no series "${change.seriesId}".`);
  const affected = await affectedOccurrences(db, series, change, context);
  return planChange(db, series, change, affected, context);
}

async function affectedOccurrences(db: KioskDatabase, series: SeriesRow, change: SeriesChange, context: { now: number; site: Site }): Promise<BookingRow[]> {
  const all = (await db.bookings.where('seriesId').equals(series.id).toArray())
    .filter((b) => b.status === 'confirmed' && b.end > context.now)
    .sort((a, b) => a.start - b.start);
  if (change.scope === 'all') return all;
  const picked = all.find((b) => b.id === change.bookingId);
  if (!picked) throw new Error(`Booking "${change.bookingId ?? ''}" is not a current occurrence of series "${series.id}".`);
  return change.scope === 'this' ? [picked] : all.filter((b) => b.start >= picked.start);
}

async function planChange(db: KioskDatabase, series: SeriesRow, change: SeriesChange, affected: BookingRow[], context: { now: number; site: Site }): Promise<SeriesChangePlan> {
  const { site, now } = context;
  const single = change.scope === 'this' ? affected[0] : undefined;
  const startTime = change.startTime ?? (single ? localTime(single.start, site.timeZone) : series.startTime);
  const minutes = change.minutes ?? (single ? (single.end - single.start) / 60_000 : series.minutes);
  const spaceId = change.spaceId ?? single?.spaceId ?? series.spaceId;
  const space = await spaceOf(db, spaceId);
  const occurrences = affected.map((b) => ({ bookingId: b.id, date: localDay(b.start, site.timeZone), start: b.start, end: b.end }));
  const span = spanOf(occurrences.map((o) => o.date));
  const existing = await busyIntervals(db, space, span.from, span.to, new Set(affected.map((b) => b.id)));
  const edit = planSeriesEdit(occurrences, { startTime, minutes, space }, { site, now, existing });
  return { change, startTime, minutes, spaceId, affected: affected.map((b) => b.id), edit };
}

export interface CommittedChange {
  /** The series the changed occurrences now belong to: a new one when 'following' split it. */
  seriesId: string;
  updated: BookingRow[];
  /** Occurrences that keep their old time because the new one conflicts. */
  kept: SeriesChangePlan['edit']['conflicts'];
}

/**
 * Writes a planned series edit in one transaction, after planning it again from current data.
 * Conflicting occurrences keep their current time when `skipConflicts`; otherwise nothing changes.
 * 'all' updates the series rule; 'following' ends the series the day before the picked occurrence
 * and starts a new one with the new rule; 'this' changes only that booking.
 */
export async function commitSeriesChange(
  db: KioskDatabase,
  plan: SeriesChangePlan,
  options: { now: number; site: Site; by: Staff; skipConflicts?: boolean },
): Promise<CommittedChange> {
  const { now, site, by, skipConflicts = false } = options;
  if (plan.edit.conflicts.length > 0 && !skipConflicts) throw new SeriesRefused(plan.edit.conflicts);
  return db.transaction('rw', [db.bookings, db.occurrences, db.series, db.spaces, db.auditLog], async () => {
    const series = await db.series.get(plan.change.seriesId);
    if (!series) throw new Error(`There is no series "${plan.change.seriesId}".`);
    const affected = await affectedOccurrences(db, series, plan.change, { now, site });
    const fresh = await planChange(db, series, plan.change, affected, { now, site });
    const known = new Set(plan.edit.conflicts.map((c) => c.bookingId));
    if (fresh.edit.conflicts.some((c) => !known.has(c.bookingId))) {
      throw new SeriesRefused(fresh.edit.conflicts, 'Some sessions collide since the change was planned; look at it again.');
    }

    let seriesId = series.id;
    const rule = { startTime: fresh.startTime, minutes: fresh.minutes, spaceId: fresh.spaceId };
    if (plan.change.scope === 'all') {
      const after: SeriesRow = { ...series, ...rule, updatedAt: now };
      await db.series.put(after);
      await audit(db, { actor: by, entity: 'series', entityId: series.id, action: 'changed', before: series, after, at: now });
    } else if (plan.change.scope === 'following' && affected[0]) {
      const splitDate = localDay(affected[0].start, site.timeZone);
      const previousDay = Temporal.PlainDate.from(splitDate).subtract({ days: 1 }).toString();
      const { count: _count, ...withoutCount } = series;
      const ended: SeriesRow = { ...withoutCount, until: previousDay, updatedAt: now };
      const lastDate = localDay(affected.at(-1)?.start ?? affected[0].start, site.timeZone);
      const followed: SeriesRow = { ...withoutCount, ...rule, id: newId('sr'), from: splitDate, until: series.until ?? lastDate, createdAt: now, updatedAt: now };
      seriesId = followed.id;
      await db.series.bulkPut([ended, followed]);
      await audit(db, { actor: by, entity: 'series', entityId: series.id, action: 'split', before: series, after: ended, detail: { newSeriesId: followed.id }, at: now });
      await audit(db, { actor: by, entity: 'series', entityId: followed.id, action: 'created', after: followed, detail: { splitFrom: series.id }, at: now });
    }

    const byId = new Map(affected.map((b) => [b.id, b]));
    const updated: BookingRow[] = [];
    for (const next of fresh.edit.update) {
      const before = byId.get(next.bookingId);
      if (!before) continue;
      const after: BookingRow = { ...before, spaceId: next.spaceId, start: next.start, end: next.end, seriesId, updatedAt: now };
      updated.push(after);
      await db.bookings.put(after);
      await audit(db, { actor: by, entity: 'booking', entityId: after.id, action: 'moved', before, after, detail: { seriesId, scope: plan.change.scope }, at: now });
    }
    // Kept occurrences still follow the split: they belong to the series their date falls in.
    for (const kept of [...fresh.edit.conflicts, ...fresh.edit.skipped]) {
      const before = byId.get(kept.bookingId);
      if (before && before.seriesId !== seriesId) await db.bookings.put({ ...before, seriesId, updatedAt: now });
    }
    return { seriesId, updated, kept: fresh.edit.conflicts };
  });
}

/** Leaves one date out of a series: the date becomes an exception and its booking is cancelled. */
export async function skipSeriesDate(db: KioskDatabase, seriesId: string, date: string, options: { now: number; site: Site; by: Staff }): Promise<BookingRow | undefined> {
  const { now, site, by } = options;
  return db.transaction('rw', [db.bookings, db.series, db.auditLog], async () => {
    const series = await db.series.get(seriesId);
    if (!series) throw new Error(`There is no series "${seriesId}".`);
    const after: SeriesRow = { ...series, exceptions: [...new Set([...series.exceptions, date])].sort(), updatedAt: now };
    await db.series.put(after);
    await audit(db, { actor: by, entity: 'series', entityId: seriesId, action: 'date-skipped', before: series, after, detail: { date }, at: now });
    const bookings = await db.bookings.where('seriesId').equals(seriesId).toArray();
    const booking = bookings.find((b) => b.status === 'confirmed' && b.end > now && localDay(b.start, site.timeZone) === date);
    if (!booking) return undefined;
    const cancelled: BookingRow = { ...booking, status: 'cancelled', updatedAt: now };
    await db.bookings.put(cancelled);
    await audit(db, { actor: by, entity: 'booking', entityId: booking.id, action: 'cancelled', before: booking, after: cancelled, detail: { seriesId, date }, at: now });
    return cancelled;
  });
}

/** Cancels every current and future occurrence of a series; past ones stay as history. */
export async function cancelSeries(db: KioskDatabase, seriesId: string, options: { now: number; by: Staff }): Promise<BookingRow[]> {
  const { now, by } = options;
  return db.transaction('rw', [db.bookings, db.series, db.auditLog], async () => {
    const series = await db.series.get(seriesId);
    if (!series) throw new Error(`There is no series "${seriesId}".`);
    const bookings = (await db.bookings.where('seriesId').equals(seriesId).toArray())
      .filter((b) => b.status === 'confirmed' && b.end > now)
      .sort((a, b) => a.start - b.start);
    const cancelled = bookings.map((b): BookingRow => ({ ...b, status: 'cancelled', updatedAt: now }));
    await db.bookings.bulkPut(cancelled);
    await audit(db, { actor: by, entity: 'series', entityId: seriesId, action: 'cancelled', before: series, detail: { bookings: cancelled.map((b) => b.id) }, at: now });
    for (const [index, booking] of bookings.entries()) {
      await audit(db, { actor: by, entity: 'booking', entityId: booking.id, action: 'cancelled', before: booking, after: cancelled[index], detail: { seriesId }, at: now });
    }
    return cancelled;
  });
}
