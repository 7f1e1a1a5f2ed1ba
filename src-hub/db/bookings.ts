// Booking writes. Each runs in one transaction (write.ts) that reads what collides with the wanted
// time from SQL and the config, asks the pure `checkBooking` with the hub's clock, and writes.
// Two writers can both read "free" before either commits, so the database decides the race:
// - a space that takes one booking at a time (capacity 1) has the exclusion constraint on
//   [start, end + buffer): the second insert fails with 23P01, the write runs again, reads the
//   winner and is refused by the rules like any other collision;
// - a space with capacity > 1 cannot be guarded by a constraint (it is a count), so its row in
//   `space_locks` is locked FOR UPDATE before the count: writers to one such space go one by one.
import { BookingNotFound, BookingRefused } from '../../src-renderer/core/booking/errors';
import { checkVisitorLimit, DEFAULT_MAX_ACTIVE_PER_VISITOR, visitorKey } from '../../src-renderer/core/booking/fair-use';
import type { Interval } from '../../src-renderer/core/booking/interval';
import { checkBooking, type BookingActor } from '../../src-renderer/core/booking/rules';
import { nearestFreeSlots } from '../../src-renderer/core/booking/slots';
import type { BookingResponse, CancelBookingRequest, CreateBookingRequest, MoveBookingRequest, PreviewCancelRequest } from '../../src-renderer/core/hub/contract';
import type { Space } from '../../src-renderer/core/model';
import { normalizeBookingCode } from '../../src-renderer/core/path-code';
import type { Actor, BookingRow } from '../../src-renderer/core/rows';
import { HubRequestError } from '../service';
import type { SiteModel } from '../site-model';
import type { RowChange } from './changes';
import type { StoreContext } from './context';
import { newId, randomBookingCode } from './ids';
import { requireOrganisation, requireSpace } from './lookups';
import { EXCLUSION_VIOLATION, sqlState, type Sql } from './sql';
import { runWrite } from './write';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far before a window imported sessions are read: one that started earlier may still be running. */
const SESSION_LOOKBACK_MS = 7 * DAY_MS;
/** Days after the wanted one that "nearest free slots" searches. */
const NEAREST_DAYS = 3;

/** The rules' view of an actor: the kiosk books as a visitor. */
function actorRole(actor: Actor): BookingActor {
  return actor === 'kiosk' ? 'visitor' : 'staff';
}

/**
 * What occupies a space during [from, to): confirmed bookings and imported sessions from SQL, fixed
 * sessions from the config. A booking that started before `from` can still overlap, so bookings
 * are read from a lookback earlier: the longest booking the space allows (at least a day) plus its
 * buffer; through the (space_id, start_ms) index either way.
 */
export async function busyIntervals(tx: Sql, model: SiteModel, space: Space, from: number, to: number, now: number, exclude: ReadonlySet<string> = new Set()): Promise<Interval[]> {
  const rules = space.booking;
  const bookingLookback = (Math.max(rules?.maxMinutes ?? 0, 24 * 60) + (rules?.bufferMinutes ?? 0)) * MINUTE_MS;
  const { rows } = await tx.query<{ kind: 'booking' | 'session'; id: string; code: string | null; activity_id: string | null; start_ms: number; end_ms: number }>(
    `SELECT 'booking' AS kind, id, code, NULL AS activity_id, start_ms, end_ms FROM bookings
      WHERE space_id = $1 AND status = 'confirmed' AND start_ms >= $2 AND start_ms < $4 AND end_ms > $3 AND (row->>'activityId') IS NULL
     UNION ALL
     SELECT 'session', id, NULL, activity_id, start_ms, end_ms FROM occurrences
      WHERE space_id = $1 AND start_ms >= $5 AND start_ms < $4 AND end_ms > $3`,
    [space.id, from - bookingLookback, from, to, from - SESSION_LOOKBACK_MS],
  );
  const busy: Interval[] = [];
  for (const row of rows) {
    if (exclude.has(row.id)) continue;
    busy.push(
      row.kind === 'booking'
        ? { start: row.start_ms, end: row.end_ms, kind: 'booking', id: row.id, code: row.code ?? '' }
        : { start: row.start_ms, end: row.end_ms, kind: 'session', id: row.id, activityId: row.activity_id ?? '' },
    );
  }
  for (const session of model.sessions(space.id, from, to, now)) if (!exclude.has(session.id ?? '')) busy.push(session);
  return busy.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** What a check of [start, end) needs: everything within the space's buffer of it. */
function busyAround(tx: Sql, model: SiteModel, space: Space, start: number, end: number, now: number, exclude?: ReadonlySet<string>): Promise<Interval[]> {
  const buffer = (space.booking?.bufferMinutes ?? 0) * MINUTE_MS;
  return busyIntervals(tx, model, space, start - buffer, end + buffer, now, exclude);
}

/**
 * A space with capacity > 1 is counted, not constrained: lock its `space_locks` row (made on first
 * use) until commit, so the next writer counts only after this one's booking is visible.
 */
export async function lockSharedSpace(tx: Sql, space: Space): Promise<void> {
  if ((space.booking?.capacity ?? 1) <= 1) return;
  const lock = () => tx.query('SELECT space_id FROM space_locks WHERE space_id = $1 FOR UPDATE', [space.id]);
  if ((await lock()).rows.length > 0) return;
  await tx.query('INSERT INTO space_locks (space_id) VALUES ($1) ON CONFLICT DO NOTHING', [space.id]);
  await lock();
}

/**
 * Inserts or replaces booking rows. `during` spans [start, end + buffer) of the booking's space;
 * `bufferless` leaves the buffer out (a restore: its rows were checked when they were booked, and
 * the buffer only has to keep two new writers apart, which the rules do against stored rows).
 */
export async function putBookings(tx: Sql, rows: readonly BookingRow[], spaceOf: (id: string) => Space | undefined, options: { bufferless?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const items = rows.map((row) => {
    const rules = spaceOf(row.spaceId)?.booking;
    // A place reservation never takes its room: the exclusion constraint leaves it out.
    return { row, buffer_ms: options.bufferless ? 0 : (rules?.bufferMinutes ?? 0) * MINUTE_MS, exclusive: (rules?.capacity ?? 1) === 1 && row.activityId === undefined };
  });
  await tx.query(
    `INSERT INTO bookings (id, space_id, start_ms, end_ms, during, status, code, series_id, exclusive, row)
     SELECT b.row->>'id', b.row->>'spaceId', (b.row->>'start')::numeric::bigint, (b.row->>'end')::numeric::bigint,
            tstzrange(to_timestamp((b.row->>'start')::numeric / 1000), to_timestamp(((b.row->>'end')::numeric + b.buffer_ms) / 1000)),
            b.row->>'status', b.row->>'code', b.row->>'seriesId', b.exclusive, b.row
       FROM jsonb_to_recordset($1::jsonb) AS b(row jsonb, buffer_ms bigint, exclusive boolean)
     ON CONFLICT (id) DO UPDATE SET space_id = excluded.space_id, start_ms = excluded.start_ms, end_ms = excluded.end_ms, during = excluded.during,
            status = excluded.status, code = excluded.code, series_id = excluded.series_id, exclusive = excluded.exclusive, row = excluded.row`,
    [JSON.stringify(items)],
  );
}

/**
 * `count` booking codes no confirmed booking has, checked inside the caller's transaction. Two
 * writers drawing the same code at once is what the partial unique index catches (then write.ts
 * runs the write again with fresh codes).
 */
export async function freeCodes(tx: Sql, count: number): Promise<string[]> {
  const codes = new Set<string>();
  for (let attempt = 0; attempt < 16 && codes.size < count; attempt++) {
    const candidates = new Set<string>();
    while (candidates.size < count - codes.size) {
      const code = randomBookingCode();
      if (!codes.has(code)) candidates.add(code);
    }
    const { rows } = await tx.query<{ code: string }>("SELECT code FROM bookings WHERE status = 'confirmed' AND code = ANY($1::text[])", [[...candidates]]);
    const taken = new Set(rows.map((row) => row.code));
    for (const code of candidates) if (!taken.has(code)) codes.add(code);
  }
  if (codes.size < count) throw new Error('Could not find free booking codes after 16 tries.');
  return [...codes];
}

export function bookingChange(row: BookingRow): RowChange {
  return { table: 'bookings', op: 'put', key: row.id, row };
}

async function bookingById(tx: Sql, id: string): Promise<BookingRow | undefined> {
  const { rows } = await tx.query<{ row: BookingRow }>('SELECT row FROM bookings WHERE id = $1', [id]);
  return rows[0]?.row;
}

/** Creates a booking, or throws BookingRefused (with the nearest free slots) when a rule says no. */
export async function createBooking(ctx: StoreContext, request: CreateBookingRequest): Promise<BookingResponse> {
  const model = ctx.model();
  const space = requireSpace(model, request.spaceId);
  const by = actorRole(request.by);
  try {
    return await runWrite(ctx, { route: 'createBooking', key: request.idempotencyKey, request }, async (tx, now) => {
      if (request.holder.kind === 'organisation') await requireOrganisation(tx, model, request.holder.id);
      await lockSharedSpace(tx, space);
      const existing = await busyAround(tx, model, space, request.start, request.end, now);
      const violations = checkBooking({ space, start: request.start, end: request.end, by }, { site: model.site, now, existing });
      if (violations.length > 0) throw new BookingRefused(violations);
      if (request.by === 'kiosk' && request.holder.kind === 'visitor') {
        const limit = checkVisitorLimit(await activeUnderNickname(tx, request.holder.nickname, now), model.site.booking?.maxActivePerVisitor ?? DEFAULT_MAX_ACTIVE_PER_VISITOR);
        if (limit) throw new BookingRefused([limit]);
      }
      const [code = ''] = await freeCodes(tx, 1);
      const row: BookingRow = {
        id: newId('bk'),
        spaceId: space.id,
        start: request.start,
        end: request.end,
        holder: request.holder,
        ...(request.purpose === undefined ? {} : { purpose: request.purpose }),
        source: request.by === 'kiosk' ? 'kiosk' : 'staff',
        status: 'confirmed',
        code,
        createdAt: now,
        updatedAt: now,
      };
      await putBookings(tx, [row], (id) => model.spaces.get(id));
      return { response: { booking: row }, audit: [{ actor: request.by, entity: 'booking', entityId: row.id, action: 'created', after: row }], changes: [bookingChange(row)] };
    });
  } catch (error) {
    throw await withNearest(ctx, model, error, space, request, { by });
  }
}

/**
 * The booking a typed code names: confirmed, not yet ended (typed codes are normalised: lower case,
 * O for 0 …). The kiosk finds only visitors' bookings; staff any.
 */
async function cancellableByCode(tx: Sql, typed: string, by: CancelBookingRequest['by'], now: number): Promise<BookingRow> {
  const code = normalizeBookingCode(typed);
  if (code === undefined) throw new BookingNotFound(`"${typed}" is not a booking code.`);
  const { rows } = await tx.query<{ row: BookingRow }>("SELECT row FROM bookings WHERE code = $1 AND status = 'confirmed' AND end_ms > $2", [code, now]);
  const booking = rows.map((row) => row.row).find((b) => by !== 'kiosk' || b.holder.kind === 'visitor');
  if (!booking) throw new BookingNotFound(`No current booking has the code ${code}.`);
  return booking;
}

/** What `cancelBooking` with this code would cancel, without cancelling (the kiosk shows it and asks once). */
export async function previewCancel(ctx: StoreContext, request: PreviewCancelRequest): Promise<BookingResponse> {
  return { booking: await cancellableByCode(ctx.sql, request.code, request.by, ctx.now()) };
}

/** Cancels a future or running confirmed booking by its code. The kiosk may cancel only visitors' bookings; staff any. */
export async function cancelBooking(ctx: StoreContext, request: CancelBookingRequest): Promise<BookingResponse> {
  if (normalizeBookingCode(request.code) === undefined) throw new BookingNotFound(`"${request.code}" is not a booking code.`);
  const model = ctx.model();
  return runWrite(ctx, { route: 'cancelBooking', key: request.idempotencyKey, request }, async (tx, now) => {
    const booking = await cancellableByCode(tx, request.code, request.by, now);
    const after: BookingRow = { ...booking, status: 'cancelled', updatedAt: now };
    await putBookings(tx, [after], (id) => model.spaces.get(id));
    return { response: { booking: after }, audit: [{ actor: request.by, entity: 'booking', entityId: booking.id, action: 'cancelled', before: booking, after }], changes: [bookingChange(after)] };
  });
}

/**
 * How many upcoming (not yet ended) confirmed bookings made at a kiosk the nickname holds, place
 * reservations included (they are booking rows too). Writers for
 * one nickname go one by one (a lock on its key until commit), so two screens booking at the same
 * moment cannot both slip under the limit.
 */
export async function activeUnderNickname(tx: Sql, nickname: string, now: number): Promise<number> {
  const key = visitorKey(nickname);
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`visitor:${key}`]);
  const { rows } = await tx.query<{ nickname: string }>(
    "SELECT row->'holder'->>'nickname' AS nickname FROM bookings WHERE status = 'confirmed' AND end_ms > $1 AND row->>'source' = 'kiosk' AND row->'holder'->>'kind' = 'visitor'",
    [now],
  );
  return rows.filter((row) => visitorKey(row.nickname) === key).length;
}

/**
 * Staff move a booking to another time and/or space. The same rules apply as for a new booking, with
 * the booking itself left out of the collisions; a running booking may keep its (past) start.
 */
export async function moveBooking(ctx: StoreContext, id: string, request: MoveBookingRequest): Promise<BookingResponse> {
  const model = ctx.model();
  let space = request.spaceId === undefined ? undefined : requireSpace(model, request.spaceId);
  const exclude = new Set([id]);
  try {
    return await runWrite(ctx, { route: 'moveBooking', key: request.idempotencyKey, request: { id, ...request } }, async (tx, now) => {
      const booking = await bookingById(tx, id);
      if (!booking || booking.status !== 'confirmed' || booking.end <= now) throw new BookingNotFound(`No current booking has the id ${id}.`);
      if (booking.activityId !== undefined) throw new HubRequestError(400, 'bad-request', 'A place reservation keeps its session: cancel it by its code and reserve another session instead.');
      const target = (space ??= requireSpace(model, booking.spaceId));
      await lockSharedSpace(tx, target);
      const existing = await busyAround(tx, model, target, request.start, request.end, now, exclude);
      const original = target.id === booking.spaceId ? { start: booking.start, end: booking.end } : undefined;
      const violations = checkBooking({ space: target, start: request.start, end: request.end, by: 'staff', ...(original ? { original } : {}) }, { site: model.site, now, existing });
      if (violations.length > 0) throw new BookingRefused(violations);
      const after: BookingRow = { ...booking, spaceId: target.id, start: request.start, end: request.end, updatedAt: now };
      await putBookings(tx, [after], (spaceId) => model.spaces.get(spaceId));
      return { response: { booking: after }, audit: [{ actor: request.by, entity: 'booking', entityId: id, action: 'moved', before: booking, after }], changes: [bookingChange(after)] };
    });
  } catch (error) {
    throw space ? await withNearest(ctx, model, error, space, request, { by: 'staff', exclude }) : error;
  }
}

/**
 * A refusal gets its nearest free slots, read after the failed transaction has ended. An exclusion
 * violation that outlived write.ts's retries (the rules saw no collision, the constraint did) is
 * still a slot taken, and says so.
 */
async function withNearest(
  ctx: StoreContext,
  model: SiteModel,
  error: unknown,
  space: Space,
  wanted: { start: number; end: number },
  context: { by: BookingActor; exclude?: ReadonlySet<string> },
): Promise<unknown> {
  const refusal =
    error instanceof BookingRefused ? error : sqlState(error) === EXCLUSION_VIOLATION ? new BookingRefused([{ rule: 'fully-booked', message: 'This time is already booked.' }]) : undefined;
  if (!refusal) return error;
  const hopeless = refusal.violations.some((v) => v.rule === 'not-bookable' || v.rule === 'staff-only' || v.rule === 'invalid-time' || v.rule === 'visitor-limit');
  if (hopeless) return refusal;
  const now = ctx.now();
  const existing = await busyIntervals(ctx.sql, model, space, wanted.start - 2 * DAY_MS, wanted.start + (NEAREST_DAYS + 2) * DAY_MS, now, context.exclude);
  const nearest = nearestFreeSlots(space, wanted, { site: model.site, now, existing }, { days: NEAREST_DAYS, by: context.by });
  return new BookingRefused(refusal.violations, nearest);
}
