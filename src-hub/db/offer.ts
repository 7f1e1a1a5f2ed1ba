// The store's part of the published programme (offer/offer.ts): staff, imported and feed rows, the
// sessions stored for them around now and the confirmed bookings the free slots must avoid, read in
// one snapshot together with the change stream's position they belong to.
import type { ActivityRow, OccurrenceRow, OrganisationRow, SpaceRow } from '../../src-renderer/core/rows';
import type { OfferRows, SpaceBooking } from '../offer/offer';
import { streamPosition } from './changes';
import type { Sql } from './sql';

export async function readOfferRows(sql: Sql, window: { from: number; to: number }, bookingWindow: { from: number; to: number }): Promise<OfferRows & { seq: number }> {
  return sql.transaction(
    async (tx) => {
      const rowsOf = async <T>(text: string, params: unknown[] = []) => (await tx.query<{ row: T }>(text, params)).rows.map((row) => row.row);
      const { seq } = await streamPosition(tx);
      const activities = await rowsOf<ActivityRow>('SELECT row FROM activities ORDER BY id');
      const occurrences = await rowsOf<OccurrenceRow>('SELECT row FROM occurrences WHERE start_ms < $2 AND end_ms > $1 ORDER BY start_ms, id', [window.from, window.to]);
      const organisations = await rowsOf<OrganisationRow>('SELECT row FROM organisations ORDER BY id');
      const spaces = await rowsOf<SpaceRow>('SELECT row FROM spaces ORDER BY id');
      const { rows } = await tx.query<{ id: string; space_id: string; start_ms: number; end_ms: number }>(
        "SELECT id, space_id, start_ms, end_ms FROM bookings WHERE status = 'confirmed' AND start_ms < $2 AND end_ms > $1 AND (row->>'activityId') IS NULL ORDER BY start_ms",
        [bookingWindow.from, bookingWindow.to],
      );
      const bookings: SpaceBooking[] = rows.map((row) => ({ kind: 'booking', id: row.id, spaceId: row.space_id, start: row.start_ms, end: row.end_ms }));
      return { seq, activities, occurrences, organisations, spaces, bookings };
    },
    { snapshot: true },
  );
}
