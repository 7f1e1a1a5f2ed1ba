// The desk's week view for a whole building: one row per space, grouped by building, one column per
// day, and in each cell the bookings, series dates and sessions of that space that day. Pure, so the
// grouping and the cut into days are tested without a screen; names come in through `names`.
import { localDayKey, localTime } from '../../core/timing';
import type { BookingRow, OccurrenceRow } from '../../core/rows';

export type BlockKind = 'visitor' | 'staff' | 'series' | 'session';

export interface WeekBlock {
  /** Unique on the page: "booking:<id>" or "session:<id>". */
  key: string;
  kind: BlockKind;
  target: { kind: 'booking'; id: string } | { kind: 'session'; id: string };
  start: number;
  end: number;
  /** "18:00–19:30". */
  time: string;
  /** Who or what: the organisation's name, the visitor's nickname, the activity's title. */
  label: string;
  /** The booking code, when there is one. */
  code?: string;
  /** The organisation's colour, else the kind's. */
  color: string;
}

export interface WeekRow {
  spaceId: string;
  name: string;
  bookable: boolean;
  /** One list per day of `days`, by start. */
  cells: WeekBlock[][];
}

export interface BuildingGroup {
  /** The building as the config names it; '' for spaces without one (shown last). */
  building: string;
  rows: WeekRow[];
}

export interface LayoutSpace {
  id: string;
  name: string;
  building?: string | undefined;
  bookable: boolean;
}

export interface WeekInput {
  spaces: readonly LayoutSpace[];
  bookings: readonly BookingRow[];
  sessions: readonly OccurrenceRow[];
  /** The local days shown ("YYYY-MM-DD"), in order: seven for the week, one for a day. */
  days: readonly string[];
  timeZone: string;
  organisation: (id: string) => { name: string; color?: string | undefined } | undefined;
  activityTitle: (id: string) => string;
  /** Only these spaces (a building picked, a search); all when absent. */
  onlySpaces?: ReadonlySet<string>;
}

export const KIND_COLOURS: Readonly<Record<BlockKind, string>> = {
  visitor: '#0b57d0',
  staff: '#1e7b34',
  series: '#6d28d9',
  session: '#6b6257',
};

/** What kind a booking is on the timeline: a series date, a visitor's booking or a staff booking. */
export function bookingKind(booking: Pick<BookingRow, 'seriesId' | 'source'>): BlockKind {
  return booking.seriesId ? 'series' : booking.source === 'kiosk' ? 'visitor' : 'staff';
}

export function weekLayout(input: WeekInput): BuildingGroup[] {
  const dayIndex = new Map(input.days.map((day, index) => [day, index]));
  const rows = new Map<string, WeekRow>();
  const spaces = input.spaces.filter((space) => !input.onlySpaces || input.onlySpaces.has(space.id));
  for (const space of spaces) rows.set(space.id, { spaceId: space.id, name: space.name, bookable: space.bookable, cells: input.days.map(() => []) });

  const place = (spaceId: string | undefined, block: WeekBlock): void => {
    const row = spaceId === undefined ? undefined : rows.get(spaceId);
    const index = dayIndex.get(localDayKey(block.start, input.timeZone));
    if (row && index !== undefined) row.cells[index]?.push(block);
  };
  const time = (start: number, end: number): string => `${localTime(start, input.timeZone)}–${localTime(end, input.timeZone)}`;

  for (const booking of input.bookings) {
    if (booking.status !== 'confirmed') continue;
    const kind = bookingKind(booking);
    const organisation = booking.holder.kind === 'organisation' ? input.organisation(booking.holder.id) : undefined;
    place(booking.spaceId, {
      key: `booking:${booking.id}`,
      kind,
      target: { kind: 'booking', id: booking.id },
      start: booking.start,
      end: booking.end,
      time: time(booking.start, booking.end),
      // A place on an activity's session (issue 11) says whose place on which activity.
      label: `${booking.holder.kind === 'visitor' ? booking.holder.nickname : (organisation?.name ?? booking.holder.id)}${booking.activityId === undefined ? '' : ` · ${input.activityTitle(booking.activityId)}`}`,
      code: booking.code,
      color: organisation?.color ?? KIND_COLOURS[kind],
    });
  }
  for (const session of input.sessions) {
    place(session.spaceId, {
      key: `session:${session.id}`,
      kind: 'session',
      target: { kind: 'session', id: session.id },
      start: session.start,
      end: session.end,
      time: time(session.start, session.end),
      label: input.activityTitle(session.activityId),
      color: KIND_COLOURS.session,
    });
  }
  for (const row of rows.values()) for (const cell of row.cells) cell.sort((a, b) => a.start - b.start || a.end - b.end);

  const groups = new Map<string, WeekRow[]>();
  for (const space of spaces) {
    const building = space.building ?? '';
    const row = rows.get(space.id);
    if (row) groups.set(building, [...(groups.get(building) ?? []), row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, undefined, { numeric: true })))
    .map(([building, list]) => ({ building, rows: list.sort((a, b) => Number(b.bookable) - Number(a.bookable) || a.name.localeCompare(b.name)) }));
}

/** The buildings that have spaces, in the order the week view shows them ('' last). */
export function buildingsOf(spaces: readonly Pick<LayoutSpace, 'building'>[]): string[] {
  return [...new Set(spaces.map((space) => space.building ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, undefined, { numeric: true })));
}
