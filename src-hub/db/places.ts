// Place reservations (issue 11): a visitor takes a place on one session of an activity that has
// places (`activities[].capacity`). A reservation is a booking row with `activityId` set, so it shares
// the room bookings' codes, cancel-by-code, change stream, backups and the per-visitor limit; it never
// occupies the room (busyIntervals and the exclusion constraint leave it out).
//
// The count is the race: two writers could both count N-1 before either commits, so writers for one
// session go one by one under a transaction-scoped advisory lock on the session's key.
import { BookingRefused } from '../../src-renderer/core/booking/errors';
import { checkVisitorLimit, DEFAULT_MAX_ACTIVE_PER_VISITOR } from '../../src-renderer/core/booking/fair-use';
import { takesPlaces } from '../../src-renderer/core/booking/places';
import type { BookingResponse, ReservePlaceRequest } from '../../src-renderer/core/hub/contract';
import type { Activity } from '../../src-renderer/core/model';
import type { BookingRow } from '../../src-renderer/core/rows';
import { expandActivity } from '../../src-renderer/core/schedule';
import { HubRequestError } from '../service';
import type { SiteModel } from '../site-model';
import { activeUnderNickname, bookingChange, freeCodes, putBookings } from './bookings';
import type { StoreContext } from './context';
import { newId } from './ids';
import type { Sql } from './sql';
import { runWrite } from './write';

/** The session of `activity` that starts at `start`, as the config schedules it (closures applied). */
export function sessionAt(model: SiteModel, activity: Activity, start: number): { start: number; end: number } | undefined {
  const organiser = model.organisations.get(activity.organiser);
  return expandActivity(activity, model.site, organiser, start, start + 1).find((occurrence) => occurrence.start === start);
}

/** Confirmed place reservations on the session of `activityId` that starts at `start`. */
export async function placesTaken(tx: Sql, activityId: string, start: number): Promise<number> {
  const { rows } = await tx.query<{ n: number | string }>(
    "SELECT count(*) AS n FROM bookings WHERE status = 'confirmed' AND (row->>'activityId') = $1 AND start_ms = $2",
    [activityId, start],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function reservePlace(ctx: StoreContext, request: ReservePlaceRequest): Promise<BookingResponse> {
  const model = ctx.model();
  const activity = model.config.activities.find((candidate) => candidate.id === request.activityId);
  if (!activity) throw new HubRequestError(404, 'not-found', `There is no activity "${request.activityId}".`);
  const capacity = activity.capacity ?? 0;
  if (!takesPlaces(activity)) {
    throw new BookingRefused([{ rule: 'no-places', message: 'This activity takes no place reservations at the kiosk; see how to register on its sheet.' }]);
  }
  return runWrite(ctx, { route: 'reservePlace', key: request.idempotencyKey, request }, async (tx, now) => {
    const session = sessionAt(model, activity, request.start);
    if (!session || session.start <= now) {
      throw new BookingRefused([{ rule: 'no-session', message: 'This session has started, is over, was called off or was never scheduled; choose another.' }]);
    }
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`place:${activity.id}:${session.start}`]);
    if ((await placesTaken(tx, activity.id, session.start)) >= capacity) {
      throw new BookingRefused([{ rule: 'places-full', message: `All ${capacity} places on this session are taken.` }]);
    }
    if (request.by === 'kiosk') {
      const limit = checkVisitorLimit(await activeUnderNickname(tx, request.holder.nickname, now), model.site.booking?.maxActivePerVisitor ?? DEFAULT_MAX_ACTIVE_PER_VISITOR);
      if (limit) throw new BookingRefused([limit]);
    }
    const [code = ''] = await freeCodes(tx, 1);
    const row: BookingRow = {
      id: newId('pl'),
      spaceId: activity.space ?? '',
      activityId: activity.id,
      start: session.start,
      end: session.end,
      holder: request.holder,
      source: request.by === 'kiosk' ? 'kiosk' : 'staff',
      status: 'confirmed',
      code,
      createdAt: now,
      updatedAt: now,
    };
    await putBookings(tx, [row], (id) => model.spaces.get(id));
    return { response: { booking: row }, audit: [{ actor: request.by, entity: 'booking', entityId: row.id, action: 'created', after: row }], changes: [bookingChange(row)] };
  });
}
