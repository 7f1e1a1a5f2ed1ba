// The Explore filter without a pass over the whole catalogue on every tap. Built once per change of
// the data (not per tap, not per clock tick): a bit set of activities per facet value, each
// activity's occurrences sorted by start with the running maximum of their ends, and every
// activity's rank in title order. A tap is then a few bit-set unions and intersections, one binary
// search per remaining activity for its first occurrence in the window, and a numeric sort.
// `filterActivities` in filters.ts stays the definition; this gives exactly its answer, faster.
import type { Activity, Occurrence } from './model';
import { AGE_GROUPS, compareByTitle, firstCalledOff, isFree, matchesAgeGroups, type ActivityFilter, type ActivityMatch, type ExploreClock } from './filters';
import { compareSpans, goesAhead, windowRange, type InstantRange } from './timing';

/** One bit per activity, by its position in the catalogue's list. */
type Bits = Uint32Array;

export interface FilterIndex {
  readonly activities: readonly Activity[];
  /** Per position: the activity's occurrences that go ahead, by start, then end (input order among equals). */
  readonly occurrences: readonly (readonly Occurrence[])[];
  /** Per position: its called-off sessions (few, usually none), only to mark them in the list. */
  readonly calledOff: readonly (readonly Occurrence[])[];
  /** Per position: `maxEnds[i]` is the latest end among `occurrences[0..i]`, so it never decreases. */
  readonly maxEnds: readonly Float64Array[];
  /** Per position: the place in (Dutch title, id) order, ties in catalogue order. */
  readonly titleRank: Uint32Array;
  /** Activities with at least one occurrence that goes ahead: the only ones a window can show. */
  readonly scheduled: Bits;
  readonly byLevel: ReadonlyMap<string, Bits>;
  readonly byTheme: ReadonlyMap<string, Bits>;
  readonly byAgeGroup: ReadonlyMap<string, Bits>;
  readonly free: Bits;
}

/**
 * Index a catalogue for `queryFilterIndex`. `occurrencesByActivity` may hold any span of time and
 * need not be sorted, as for `filterActivities`.
 */
export function buildFilterIndex(activities: readonly Activity[], occurrencesByActivity: ReadonlyMap<string, readonly Occurrence[]>): FilterIndex {
  const count = activities.length;
  const scheduled = emptyBits(count);
  const free = emptyBits(count);
  const byLevel = new Map<string, Bits>();
  const byTheme = new Map<string, Bits>();
  const byAgeGroup = new Map<string, Bits>(AGE_GROUPS.map((group) => [group.id, emptyBits(count)]));
  const occurrences: Occurrence[][] = [];
  const calledOff: Occurrence[][] = [];
  const maxEnds: Float64Array[] = [];

  activities.forEach((activity, position) => {
    // Array.prototype.sort is stable: equal spans keep their input order, as `firstInRange` picks the first.
    const all = occurrencesByActivity.get(activity.id) ?? [];
    const sorted = all.filter(goesAhead).sort(compareSpans);
    calledOff.push(sorted.length === all.length ? [] : all.filter((occurrence) => !goesAhead(occurrence)));
    const ends = new Float64Array(sorted.length);
    let latest = Number.NEGATIVE_INFINITY;
    sorted.forEach((occurrence, index) => (ends[index] = latest = Math.max(latest, occurrence.end)));
    occurrences.push(sorted);
    maxEnds.push(ends);
    if (sorted.length > 0) setBit(scheduled, position);
    if (isFree(activity)) setBit(free, position);
    setBit(bitsFor(byLevel, activity.level, count), position);
    for (const theme of activity.themes) setBit(bitsFor(byTheme, theme, count), position);
    for (const group of AGE_GROUPS) if (matchesAgeGroups(activity, [group.id])) setBit(byAgeGroup.get(group.id)!, position);
  });

  const titleRank = new Uint32Array(count);
  const byTitle = activities.map((_, position) => position).sort((a, b) => compareByTitle(activities[a]!, activities[b]!));
  byTitle.forEach((position, rank) => (titleRank[position] = rank));

  return { activities, occurrences, calledOff, maxEnds, titleRank, scheduled, byLevel, byTheme, byAgeGroup, free };
}

/** What `filterActivities(activities, occurrencesByActivity, filter, clock)` returns, from the index. */
export function queryFilterIndex(index: FilterIndex, filter: ActivityFilter, clock: ExploreClock): ActivityMatch[] {
  const range = windowRange(filter.window, clock.nowMs, clock.timeZone);
  const candidates = Uint32Array.from(index.scheduled);
  // Within a facet the values are OR, across facets AND; an empty facet restricts nothing.
  if (filter.levels.length > 0) intersect(candidates, unionOf(index.byLevel, filter.levels, candidates.length));
  if (filter.themes.length > 0) intersect(candidates, unionOf(index.byTheme, filter.themes, candidates.length));
  if (filter.ageGroups.length > 0) intersect(candidates, unionOf(index.byAgeGroup, filter.ageGroups, candidates.length));
  if (filter.freeOnly) intersect(candidates, index.free);

  const positions: number[] = [];
  const nexts: Occurrence[] = [];
  forEachBit(candidates, (position) => {
    const next = firstOverlapping(index.occurrences[position]!, index.maxEnds[position]!, range);
    if (next) {
      positions.push(position);
      nexts[position] = next;
    }
  });
  // Title ranks are unique, so this is a total order; equal titles and ids kept catalogue order in the rank.
  positions.sort((a, b) => nexts[a]!.start - nexts[b]!.start || index.titleRank[a]! - index.titleRank[b]!);
  return positions.map((position) => {
    const match = { activity: index.activities[position]!, next: nexts[position]! };
    const offList = index.calledOff[position]!;
    const calledOff = offList.length === 0 ? undefined : firstCalledOff(offList, range.from, match.next);
    return calledOff ? { ...match, calledOff } : match;
  });
}

/**
 * The earliest (by start, then end) of `sorted` that overlaps `range`. An occurrence overlaps when
 * it starts before `range.to` and ends after `range.from`; the first one ending after `range.from`
 * is where the running maximum of ends first passes it, and it is the answer if it starts in time.
 */
function firstOverlapping(sorted: readonly Occurrence[], maxEnds: Float64Array, range: InstantRange): Occurrence | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (maxEnds[middle]! > range.from) high = middle;
    else low = middle + 1;
  }
  const first = sorted[low];
  return first !== undefined && first.start < range.to ? first : undefined;
}

function emptyBits(count: number): Bits {
  return new Uint32Array(Math.ceil(count / 32));
}

function setBit(bits: Bits, position: number): void {
  bits[position >>> 5]! |= 1 << (position & 31);
}

function bitsFor(map: Map<string, Bits>, key: string, count: number): Bits {
  let bits = map.get(key);
  if (!bits) map.set(key, (bits = emptyBits(count)));
  return bits;
}

/** The union of the sets for `keys`; a value nothing carries adds nothing. */
function unionOf(map: ReadonlyMap<string, Bits>, keys: readonly string[], words: number): Bits {
  const union = new Uint32Array(words);
  for (const key of keys) {
    const bits = map.get(key);
    if (bits) for (let word = 0; word < words; word++) union[word]! |= bits[word]!;
  }
  return union;
}

function intersect(target: Bits, other: Bits): void {
  for (let word = 0; word < target.length; word++) target[word]! &= other[word]!;
}

/** Calls `visit` with each set position, lowest first. */
function forEachBit(bits: Bits, visit: (position: number) => void): void {
  for (let word = 0; word < bits.length; word++) {
    let remaining = bits[word]!;
    while (remaining !== 0) {
      const lowest = remaining & -remaining;
      visit(word * 32 + 31 - Math.clz32(lowest));
      remaining ^= lowest;
    }
  }
}
