// Staff series. Staff plan on their screen (the pure planSeries over their copy) and send the
// definition with the conflicts they saw; the hub plans again inside the writing transaction, from
// current data, and writes only when nothing new collides. A series is a `series` row with its rule
// in local time plus one booking row per occurrence carrying its `seriesId`.
import { Temporal } from 'temporal-polyfill';
import { localDay } from '../../src-renderer/core/booking/calendar';
import { SeriesRefused } from '../../src-renderer/core/booking/errors';
import { planSeries, planSeriesEdit, seriesDates, validateSeries, type SeriesDefinition } from '../../src-renderer/core/booking/series';
import type {
  CancelledSeriesResponse,
  CancelSeriesRequest,
  ChangeSeriesRequest,
  CommittedChangeResponse,
  CommittedSeriesResponse,
  CreateSeriesRequest,
  SkippedDateResponse,
  SkipSeriesDateRequest,
} from '../../src-renderer/core/hub/contract';
import type { BookingRow, SeriesRow } from '../../src-renderer/core/rows';
import { localTime } from '../../src-renderer/core/timing';
import { HubRequestError } from '../service';
import type { AuditRecord } from './audit';
import { bookingChange, busyIntervals, freeCodes, lockSharedSpace, putBookings } from './bookings';
import type { RowChange } from './changes';
import type { StoreContext } from './context';
import { newId } from './ids';
import { requireOrganisation, requireSpace } from './lookups';
import type { Sql } from './sql';
import { runWrite } from './write';

const DAY_MS = 86_400_000;

/** Instants wide enough to hold every local date in [first, last] in any zone: a day of slack either side, only ever used to bound a read. */
function spanOf(dates: readonly string[]): { from: number; to: number } {
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return { from: 0, to: 0 };
  return { from: Date.parse(`${first}T00:00:00Z`) - DAY_MS, to: Date.parse(`${last}T00:00:00Z`) + 2 * DAY_MS };
}

export async function putSeries(tx: Sql, rows: readonly SeriesRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO series (id, space_id, organisation_id, row)
     SELECT r->>'id', r->>'spaceId', r->>'organisationId', r FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (id) DO UPDATE SET space_id = excluded.space_id, organisation_id = excluded.organisation_id, row = excluded.row`,
    [JSON.stringify(rows)],
  );
}

async function requireSeries(tx: Sql, id: string): Promise<SeriesRow> {
  const { rows } = await tx.query<{ row: SeriesRow }>('SELECT row FROM series WHERE id = $1', [id]);
  const series = rows[0]?.row;
  if (!series) throw new HubRequestError(404, 'not-found', `There is no series "${id}".`);
  return series;
}

/** The series' confirmed bookings that have not ended, by start. */
async function currentOccurrences(tx: Sql, seriesId: string, now: number): Promise<BookingRow[]> {
  const { rows } = await tx.query<{ row: BookingRow }>("SELECT row FROM bookings WHERE series_id = $1 AND status = 'confirmed' AND end_ms > $2 ORDER BY start_ms", [seriesId, now]);
  return rows.map((row) => row.row);
}

const seriesChange = (row: SeriesRow): RowChange => ({ table: 'series', op: 'put', key: row.id, row });

/**
 * Writes a series after planning it again from current data. A conflict staff did not see refuses
 * the whole series (something was booked since their plan); the conflicts they saw are written as
 * exceptions when `skipConflicts`, and refuse the series otherwise.
 */
export async function createSeries(ctx: StoreContext, request: CreateSeriesRequest): Promise<CommittedSeriesResponse> {
  const definition: SeriesDefinition = request.definition;
  const problems = validateSeries(definition);
  if (problems.length > 0) throw new HubRequestError(400, 'bad-request', problems.join(' '));
  const model = ctx.model();
  const space = requireSpace(model, definition.spaceId);
  const span = spanOf(seriesDates(definition));
  return runWrite(ctx, { route: 'createSeries', key: request.idempotencyKey, request }, async (tx, now) => {
    const organisation = await requireOrganisation(tx, model, definition.organisationId);
    await lockSharedSpace(tx, space);
    const existing = await busyIntervals(tx, model, space, span.from, span.to, now);
    const fresh = planSeries(definition, { now, site: model.site, space, organisation, existing });
    const known = new Set(request.knownConflicts);
    const unseen = fresh.conflicts.filter((conflict) => !known.has(conflict.date));
    if (unseen.length > 0) throw new SeriesRefused(fresh.conflicts, `${unseen.length} session(s) collide since the plan was made; look at the series again.`);
    if (fresh.conflicts.length > 0 && !request.skipConflicts) throw new SeriesRefused(fresh.conflicts);

    const skippedDates = fresh.conflicts.map((conflict) => conflict.date);
    const series: SeriesRow = {
      ...definition,
      exceptions: [...new Set([...definition.exceptions, ...skippedDates])].sort(),
      id: newId('sr'),
      createdAt: now,
      updatedAt: now,
    };
    const codes = await freeCodes(tx, fresh.create.length);
    const bookings = fresh.create.map(
      (occurrence, index): BookingRow => ({
        id: newId('bk'),
        spaceId: space.id,
        start: occurrence.start,
        end: occurrence.end,
        holder: { kind: 'organisation', id: definition.organisationId },
        ...(definition.purpose === undefined ? {} : { purpose: definition.purpose }),
        source: 'staff',
        status: 'confirmed',
        code: codes[index] ?? '',
        createdAt: now,
        updatedAt: now,
        seriesId: series.id,
      }),
    );
    await putSeries(tx, [series]);
    await putBookings(tx, bookings, (id) => model.spaces.get(id));
    const audit: AuditRecord[] = [
      { actor: request.by, entity: 'series', entityId: series.id, action: 'created', after: series, detail: { bookings: bookings.map((b) => b.id), skippedDates } },
      ...bookings.map((booking): AuditRecord => ({ actor: request.by, entity: 'booking', entityId: booking.id, action: 'created', after: booking, detail: { seriesId: series.id } })),
    ];
    return { response: { series, bookings, skipped: fresh.conflicts }, audit, changes: [seriesChange(series), ...bookings.map(bookingChange)] };
  });
}

/**
 * Changes the time, length or space of one occurrence ('this'), of it and the later ones
 * ('following': the series is split into an ended one and a new one), or of every current and
 * future one ('all': the rule itself changes). Planned again inside the transaction; a conflict
 * staff did not see refuses the change, the ones they saw keep their old time when `skipConflicts`.
 */
export async function changeSeries(ctx: StoreContext, id: string, request: ChangeSeriesRequest): Promise<CommittedChangeResponse> {
  if (request.scope !== 'all' && request.bookingId === undefined) throw new HubRequestError(400, 'bad-request', `A change of "${request.scope}" names the occurrence (bookingId) it starts from.`);
  const model = ctx.model();
  const { site } = model;
  return runWrite(ctx, { route: 'changeSeries', key: request.idempotencyKey, request: { id, ...request } }, async (tx, now) => {
    const series = await requireSeries(tx, id);
    const all = await currentOccurrences(tx, id, now);
    const picked = all.find((booking) => booking.id === request.bookingId);
    if (request.scope !== 'all' && !picked) throw new HubRequestError(404, 'not-found', `Booking "${request.bookingId ?? ''}" is not a current occurrence of series "${id}".`);
    const affected = request.scope === 'all' || !picked ? all : request.scope === 'this' ? [picked] : all.filter((b) => b.start >= picked.start);

    const single = request.scope === 'this' ? affected[0] : undefined;
    const startTime = request.startTime ?? (single ? localTime(single.start, site.timeZone) : series.startTime);
    const minutes = request.minutes ?? (single ? (single.end - single.start) / 60_000 : series.minutes);
    const space = requireSpace(model, request.spaceId ?? single?.spaceId ?? series.spaceId);
    await lockSharedSpace(tx, space);
    const occurrences = affected.map((b) => ({ bookingId: b.id, date: localDay(b.start, site.timeZone), start: b.start, end: b.end }));
    const span = spanOf(occurrences.map((o) => o.date));
    const existing = await busyIntervals(tx, model, space, span.from, span.to, now, new Set(affected.map((b) => b.id)));
    const edit = planSeriesEdit(occurrences, { startTime, minutes, space }, { site, now, existing });
    const known = new Set(request.knownConflicts);
    if (edit.conflicts.some((conflict) => !known.has(conflict.bookingId))) throw new SeriesRefused(edit.conflicts, 'Some sessions collide since the change was planned; look at it again.');
    if (edit.conflicts.length > 0 && !request.skipConflicts) throw new SeriesRefused(edit.conflicts);

    let seriesId = series.id;
    const rule = { startTime, minutes, spaceId: space.id };
    const audit: AuditRecord[] = [];
    const seriesRows: SeriesRow[] = [];
    if (request.scope === 'all') {
      const after: SeriesRow = { ...series, ...rule, updatedAt: now };
      seriesRows.push(after);
      audit.push({ actor: request.by, entity: 'series', entityId: series.id, action: 'changed', before: series, after });
    } else if (request.scope === 'following' && affected[0]) {
      const splitDate = localDay(affected[0].start, site.timeZone);
      const previousDay = Temporal.PlainDate.from(splitDate).subtract({ days: 1 }).toString();
      const { count: _count, ...withoutCount } = series;
      const ended: SeriesRow = { ...withoutCount, until: previousDay, updatedAt: now };
      const lastDate = localDay(affected.at(-1)?.start ?? affected[0].start, site.timeZone);
      const followed: SeriesRow = { ...withoutCount, ...rule, id: newId('sr'), from: splitDate, until: series.until ?? lastDate, createdAt: now, updatedAt: now };
      seriesId = followed.id;
      seriesRows.push(ended, followed);
      audit.push(
        { actor: request.by, entity: 'series', entityId: series.id, action: 'split', before: series, after: ended, detail: { newSeriesId: followed.id } },
        { actor: request.by, entity: 'series', entityId: followed.id, action: 'created', after: followed, detail: { splitFrom: series.id } },
      );
    }

    const byId = new Map(affected.map((b) => [b.id, b]));
    const updated: BookingRow[] = [];
    for (const next of edit.update) {
      const before = byId.get(next.bookingId);
      if (!before) continue;
      const after: BookingRow = { ...before, spaceId: next.spaceId, start: next.start, end: next.end, seriesId, updatedAt: now };
      updated.push(after);
      audit.push({ actor: request.by, entity: 'booking', entityId: after.id, action: 'moved', before, after, detail: { seriesId, scope: request.scope } });
    }
    // Kept occurrences still follow the split: they belong to the series their date falls in.
    const regrouped = [...edit.conflicts, ...edit.skipped].flatMap((kept): BookingRow[] => {
      const before = byId.get(kept.bookingId);
      return before && before.seriesId !== seriesId ? [{ ...before, seriesId, updatedAt: now }] : [];
    });
    await putSeries(tx, seriesRows);
    await putBookings(tx, [...updated, ...regrouped], (spaceId) => model.spaces.get(spaceId));
    return {
      response: { seriesId, updated, kept: edit.conflicts },
      audit,
      changes: [...seriesRows.map(seriesChange), ...[...updated, ...regrouped].map(bookingChange)],
    };
  });
}

/** Leaves one date out of a series: the date becomes an exception and its booking is cancelled. */
export async function skipSeriesDate(ctx: StoreContext, id: string, request: SkipSeriesDateRequest): Promise<SkippedDateResponse> {
  const model = ctx.model();
  return runWrite<SkippedDateResponse>(ctx, { route: 'skipSeriesDate', key: request.idempotencyKey, request: { id, ...request } }, async (tx, now) => {
    const series = await requireSeries(tx, id);
    const after: SeriesRow = { ...series, exceptions: [...new Set([...series.exceptions, request.date])].sort(), updatedAt: now };
    await putSeries(tx, [after]);
    const audit: AuditRecord[] = [{ actor: request.by, entity: 'series', entityId: id, action: 'date-skipped', before: series, after, detail: { date: request.date } }];
    const booking = (await currentOccurrences(tx, id, now)).find((b) => localDay(b.start, model.site.timeZone) === request.date);
    if (!booking) return { response: {}, audit, changes: [seriesChange(after)] };
    const cancelled: BookingRow = { ...booking, status: 'cancelled', updatedAt: now };
    await putBookings(tx, [cancelled], (spaceId) => model.spaces.get(spaceId));
    audit.push({ actor: request.by, entity: 'booking', entityId: booking.id, action: 'cancelled', before: booking, after: cancelled, detail: { seriesId: id, date: request.date } });
    return { response: { cancelled }, audit, changes: [seriesChange(after), bookingChange(cancelled)] };
  });
}

/** Cancels every current and future occurrence of a series; past ones stay as history. */
export async function cancelSeries(ctx: StoreContext, id: string, request: CancelSeriesRequest): Promise<CancelledSeriesResponse> {
  const model = ctx.model();
  return runWrite(ctx, { route: 'cancelSeries', key: request.idempotencyKey, request: { id, ...request } }, async (tx, now) => {
    const series = await requireSeries(tx, id);
    const bookings = await currentOccurrences(tx, id, now);
    const cancelled = bookings.map((b): BookingRow => ({ ...b, status: 'cancelled', updatedAt: now }));
    await putBookings(tx, cancelled, (spaceId) => model.spaces.get(spaceId));
    const audit: AuditRecord[] = [
      { actor: request.by, entity: 'series', entityId: id, action: 'cancelled', before: series, detail: { bookings: cancelled.map((b) => b.id) } },
      ...bookings.map((booking, index): AuditRecord => ({ actor: request.by, entity: 'booking', entityId: booking.id, action: 'cancelled', before: booking, after: cancelled[index], detail: { seriesId: id } })),
    ];
    return { response: { cancelled }, audit, changes: cancelled.map(bookingChange) };
  });
}
