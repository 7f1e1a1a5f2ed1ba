// The runtime rows: what the site hub stores in PostgreSQL and every kiosk mirrors in its Dexie copy.
// One definition for both sides, so a row that crosses the change stream has one shape.
import type { SeriesDefinition } from './booking/series';
import type { Activity, Occurrence, Organisation, Space } from './model';

/**
 * Where a row came from. Config rows are replaced on every config load; staff and import rows are
 * never touched by a config reload; feed rows are replaced only by their feed's next good read.
 */
export type RowSource = 'config' | 'staff' | 'import' | 'feed';

/** Every source but config: the rows the hub holds and syncs, which a config reload never touches. */
export const HUB_ROW_SOURCES = ['staff', 'import', 'feed'] as const satisfies readonly RowSource[];

export type SpaceRow = Space & { source: RowSource };
export type OrganisationRow = Organisation & { source: RowSource };
export type ActivityRow = Activity & { source: RowSource };

/** A stored occurrence. Its id is stable across reseeds, see `occurrenceId`. */
export interface OccurrenceRow extends Occurrence {
  id: string;
  source: RowSource;
}

export type BookingHolder = { kind: 'visitor'; nickname: string } | { kind: 'organisation'; id: string };

export interface BookingRow {
  id: string;
  spaceId: string;
  /** UTC epoch milliseconds. */
  start: number;
  end: number;
  holder: BookingHolder;
  purpose?: string;
  source: 'kiosk' | 'staff' | 'import';
  status: 'confirmed' | 'cancelled';
  /** Short code the visitor gets on screen and in the QR, to find the booking again. */
  code: string;
  createdAt: number;
  updatedAt: number;
  /** The staff series this booking is an occurrence of (v3). */
  seriesId?: string;
  /**
   * Set on a place reservation (issue 11): a place on this activity's session [start, end), not a
   * room booking. It never occupies its space (the session does); `spaceId` is the activity's space,
   * or '' for an activity off site.
   */
  activityId?: string;
}

/** A place reservation on an activity's session, not a room booking. */
export function isPlaceReservation(row: Pick<BookingRow, 'activityId'>): boolean {
  return row.activityId !== undefined;
}

/** A staff series (v3): the rule in local wall-clock time; its occurrences are booking rows with its id. */
export interface SeriesRow extends SeriesDefinition {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export interface AuditEntry {
  seq: number;
  at: number;
  /** What kind of thing changed: 'config', 'booking', 'activity', … */
  entity: string;
  entityId?: string;
  action: string;
  detail?: unknown;
  /** Who did it: 'kiosk', 'staff:<label>' or 'system' (booking writes, v3). */
  actor?: string;
  before?: unknown;
  after?: unknown;
}


export function occurrenceId(activityId: string, start: number): string {
  return `${activityId}@${start}`;
}

/** Who acts: the kiosk (a visitor) or a staff member by label. */
export type Actor = 'kiosk' | { staff: string };

/** The actor as stored: 'kiosk', 'system' or 'staff:<label>'. */
export function actorLabel(actor: Actor | 'system'): string {
  return typeof actor === 'string' ? actor : `staff:${actor.staff}`;
}
