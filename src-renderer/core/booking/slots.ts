// Free slots: the bookings a visitor (or staff) could make right now. Each candidate is asked of the
// same `checkOnCalendar` that guards the database write, so a slot offered here is one the write
// accepts unless someone else books it first.
//
// DST, decided here and tested on Europe/Brussels' 2026 change days:
// - A slot starts on the local grid (local midnight + k · slotMinutes) at a local time that exists.
//   On 29 March 02:00 and 02:30 do not exist, so no slot starts there.
// - A slot's length is elapsed time. One crossing the spring gap keeps its real length: 60 minutes
//   from 01:30 ends at 03:30 local. Its wall-clock label looks two hours long; the booking is one.
// - On 25 October 02:00 and 02:30 happen twice. Both are real, distinct instants, so both are
//   offered, once each, in time order; `offset` ("+02:00" / "+01:00") tells them apart on screen.
import type { Site, Space } from '../model';
import { SpaceCalendar } from './calendar';
import { IntervalIndex, type Interval } from './interval';
import { checkOnCalendar, type BookingActor } from './rules';

const MINUTE_MS = 60_000;

export interface Slot {
  spaceId: string;
  start: number;
  end: number;
  /** Elapsed minutes, end − start. */
  minutes: number;
  /** Local date of the start, "YYYY-MM-DD". */
  day: string;
  /** Local wall-clock start and end, "HH:mm"; an end at the next midnight reads "24:00". */
  from: string;
  to: string;
  /** UTC offset at the start, e.g. "+01:00". */
  offset: string;
}

export interface SlotContext {
  site: Site;
  now: number;
  /** Confirmed bookings and fixed sessions of the space over the searched days (plus a little before). */
  existing: readonly Interval[] | IntervalIndex;
}

export interface SlotOptions {
  /** Length of the wanted slots; default the space's shortest booking. */
  minutes?: number;
  by?: BookingActor;
}

/** The free slots starting on one local day, by start. */
export function findFreeSlots(space: Space, localDay: string, context: SlotContext, options: SlotOptions = {}): Slot[] {
  return findFreeSlotsBetween(space, localDay, 1, context, options);
}

/** The free slots starting on `days` local days from `firstDay`, by start. */
export function findFreeSlotsBetween(space: Space, firstDay: string, days: number, context: SlotContext, options: SlotOptions = {}): Slot[] {
  const rules = space.booking;
  if (!rules) return [];
  const search = new SlotSearch(space, context, options);
  const first = search.calendar.frame(firstDay);
  const slots: Slot[] = [];
  for (const day of search.calendar.daysFrom(first.start, days)) slots.push(...search.day(day));
  return slots;
}

export interface NextFreeContext {
  site: Site;
  now: number;
  /** Busy intervals per space id; a space missing here is taken as empty. */
  existing: ReadonlyMap<string, readonly Interval[] | IntervalIndex>;
}

/**
 * "Next free hour anywhere": for each space, its earliest free slot of `minutes` starting at or
 * after `fromNow` within `horizonDays` local days (default: the space's own booking horizon), sorted
 * by start, so the first element is the answer and the rest are alternatives.
 */
export function nextFreeAnywhere(
  spaces: readonly Space[],
  context: NextFreeContext,
  fromNow: number,
  options: { minutes?: number; horizonDays?: number; by?: BookingActor } = {},
): Slot[] {
  const { minutes = 60, by = 'visitor' } = options;
  const found: Slot[] = [];
  for (const space of spaces) {
    const rules = space.booking;
    if (!rules || (rules.bookableBy === 'staff' && by !== 'staff')) continue;
    const search = new SlotSearch(space, { site: context.site, now: context.now, existing: context.existing.get(space.id) ?? [] }, { minutes, by });
    const horizon = options.horizonDays ?? rules.maxDaysAhead;
    for (const day of search.calendar.daysFrom(fromNow, horizon + 1)) {
      const slot = search.day(day).find((candidate) => candidate.start >= fromNow);
      if (slot) {
        found.push(slot);
        break;
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || a.spaceId.localeCompare(b.spaceId));
}

/**
 * The free slots nearest to a wanted time, for "just taken — here are the nearest free slots":
 * same space and length (or the nearest allowed length), from the wanted local day to `days` days
 * after it, closest start first.
 */
export function nearestFreeSlots(
  space: Space,
  wanted: { start: number; end: number },
  context: SlotContext,
  options: { count?: number; days?: number; by?: BookingActor } = {},
): Slot[] {
  const rules = space.booking;
  if (!rules) return [];
  const { count = 3, days = 3, by = 'visitor' } = options;
  const asked = Math.round((wanted.end - wanted.start) / MINUTE_MS);
  const minutes = Math.min(rules.maxMinutes, Math.max(rules.minMinutes, Math.ceil(asked / rules.slotMinutes) * rules.slotMinutes));
  const search = new SlotSearch(space, context, { minutes, by });
  const candidates = search.calendar.daysFrom(wanted.start, days + 1).flatMap((day) => search.day(day));
  return candidates
    .sort((a, b) => Math.abs(a.start - wanted.start) - Math.abs(b.start - wanted.start) || a.start - b.start)
    .slice(0, count)
    .sort((a, b) => a.start - b.start);
}

/** One space's search: a calendar and an index shared by every candidate. */
class SlotSearch {
  readonly calendar: SpaceCalendar;
  readonly #index: IntervalIndex;
  readonly #minutes: number;
  readonly #by: BookingActor;

  constructor(
    readonly space: Space,
    readonly context: SlotContext,
    options: SlotOptions,
  ) {
    const rules = space.booking;
    if (!rules) throw new Error(`space ${space.id} is not bookable`);
    this.calendar = new SpaceCalendar(rules, context.site);
    this.#index = IntervalIndex.from(context.existing);
    this.#minutes = options.minutes ?? rules.minMinutes;
    this.#by = options.by ?? 'visitor';
  }

  day(day: string): Slot[] {
    const frame = this.calendar.frame(day);
    if (frame.open.length === 0) return [];
    const length = this.#minutes * MINUTE_MS;
    const slots: Slot[] = [];
    for (const point of frame.grid) {
      const end = point.at + length;
      // Cheap pre-filter; the full check below decides.
      if (point.at < this.context.now || !frame.open.some((span) => span.from <= point.at && end <= span.to)) continue;
      const request = { space: this.space, start: point.at, end, by: this.#by };
      if (checkOnCalendar(request, { now: this.context.now, existing: this.#index }, this.calendar).length > 0) continue;
      const endFrame = end === frame.end ? undefined : this.calendar.frameAt(end);
      slots.push({
        spaceId: this.space.id,
        start: point.at,
        end,
        minutes: this.#minutes,
        day: frame.day,
        from: point.time,
        to: endFrame ? (endFrame.gridAt.get(end)?.time ?? '') : '24:00',
        offset: point.offset,
      });
    }
    return slots;
  }
}
