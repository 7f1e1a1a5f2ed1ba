// Planning staff series on the kiosk's copy: read-only, every conflict reported, so staff see what a
// series or an edit would do before they ask the hub to write it (the hub plans again inside its
// writing transaction). A series is a `series` row with its rule in local time plus one booking row
// per occurrence carrying its `seriesId`; edits work on those rows.
import { localDay } from '../core/booking/calendar';
import { planSeries, planSeriesEdit, seriesDates, type SeriesDefinition, type SeriesEditPlan, type SeriesPlan } from '../core/booking/series';
import type { Site, Space } from '../core/model';
import { localTime } from '../core/timing';
import { busyIntervals } from './bookings';
import type { BookingRow, KioskDatabase, SeriesRow } from './database';

const DAY_MS = 86_400_000;

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
