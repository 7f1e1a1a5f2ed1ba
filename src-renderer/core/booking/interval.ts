// Busy time in one space as a sorted, searchable list. Every booking check asks "what overlaps
// [from, to)?", thousands of times in a month's free-slot search, so the list is sorted by start
// once and each question is a binary search plus a short walk back.

/** Something that occupies a space: a confirmed booking or a fixed session (an activity's occurrence). */
export interface Interval {
  /** UTC epoch milliseconds, half-open [start, end). */
  start: number;
  end: number;
  /** Bookings count against the space's capacity; sessions take the whole space. */
  kind: 'booking' | 'session';
  /** Booking id or occurrence id, so a booking being moved can leave itself out. */
  id?: string;
  /** Booking code, to tell staff which booking a series collides with. */
  code?: string;
  /** Activity of a session. */
  activityId?: string;
}

export class IntervalIndex {
  readonly items: readonly Interval[];
  /** maxEnd[i] = the latest end among items[0..i]: lets a search stop walking back early. */
  readonly #maxEnd: Float64Array;

  private constructor(sorted: Interval[]) {
    this.items = sorted;
    this.#maxEnd = new Float64Array(sorted.length);
    let max = -Infinity;
    sorted.forEach((item, i) => {
      max = Math.max(max, item.end);
      this.#maxEnd[i] = max;
    });
  }

  static from(intervals: readonly Interval[] | IntervalIndex): IntervalIndex {
    if (intervals instanceof IntervalIndex) return intervals;
    return new IntervalIndex([...intervals].sort((a, b) => a.start - b.start || a.end - b.end));
  }

  get size(): number {
    return this.items.length;
  }

  /** The intervals sharing at least one instant with [from, to), by start. */
  overlapping(from: number, to: number): Interval[] {
    const found: Interval[] = [];
    for (let i = this.#firstStartingAtOrAfter(to) - 1; i >= 0 && (this.#maxEnd[i] ?? -Infinity) > from; i--) {
      const item = this.items[i];
      if (item && item.end > from) found.push(item);
    }
    return found.reverse();
  }

  /** A copy without the given ids: a booking being moved must not collide with itself. */
  without(ids: ReadonlySet<string>): IntervalIndex {
    if (ids.size === 0) return this;
    return new IntervalIndex(this.items.filter((item) => item.id === undefined || !ids.has(item.id)));
  }

  #firstStartingAtOrAfter(ms: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.items[mid]?.start ?? Infinity) < ms) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/**
 * The most intervals that run at the same instant anywhere inside [from, to), counting only the
 * given ones (already known to overlap the window). A sweep over start/end events; ends sort
 * before starts at the same instant, because half-open intervals that touch do not overlap.
 */
export function peakOverlap(intervals: readonly Pick<Interval, 'start' | 'end'>[], from: number, to: number): number {
  const events: [number, number][] = [];
  for (const { start, end } of intervals) {
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s < e) events.push([s, 1], [e, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}
