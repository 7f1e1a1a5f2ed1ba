// The Explore screen's filter: facets (level, theme, age, free) plus the time window, and the
// suggestions it offers when nothing matches. Facets combine the usual faceted-search way: values
// within one facet are OR ("making or food"), facets together are AND ("making or food, and free").
// An empty facet means no restriction, so the empty filter shows everything in its window.
import type { Activity, LevelId, Occurrence } from './model';
import { TIME_WINDOWS, firstInRange, goesAhead, windowRange, type TimeWindow } from './timing';
import { compareIds } from './order';

/** Fixed age groups, inclusive years. An activity fits a group when its age range overlaps it. */
export const AGE_GROUPS = [
  { id: 'children', min: 0, max: 11 },
  { id: 'teens', min: 12, max: 17 },
  { id: 'adults', min: 18, max: 64 },
  { id: 'seniors', min: 65, max: Number.POSITIVE_INFINITY },
] as const;
export type AgeGroupId = (typeof AGE_GROUPS)[number]['id'];

/** Replaced, never mutated (it lives in `$state.raw`): hence the readonly lists. */
export interface ActivityFilter {
  levels: readonly LevelId[];
  themes: readonly string[];
  ageGroups: readonly AgeGroupId[];
  freeOnly: boolean;
  window: TimeWindow;
}

/**
 * What a visitor sees before touching anything: no facets, and "today". "Now" is often empty
 * (mornings, between sessions) and an empty first screen says "nothing here"; "this week" is too
 * long a list to scan at a kiosk and loses the "now and next" feel.
 */
export const EMPTY_FILTER: Readonly<ActivityFilter> = Object.freeze({ levels: Object.freeze([]), themes: Object.freeze([]), ageGroups: Object.freeze([]), freeOnly: false, window: 'today' });

/** The moment and place the window is read against. */
export interface ExploreClock {
  nowMs: number;
  timeZone: string;
}

export interface ActivityMatch {
  activity: Activity;
  /** The activity's first occurrence in the window that goes ahead (possibly running now). */
  next: Occurrence;
  /**
   * The first session in the window before `next` that its source called off, so the list can say so:
   * someone who came for it learns it is off, and when the next one is.
   */
  calledOff?: Occurrence;
}

/**
 * The activities that pass every facet and have an occurrence in the filter's window that goes ahead
 * (called-off sessions never count: see `goesAhead`), sorted by that occurrence's start, then by
 * Dutch title, then id. `occurrencesByActivity` may hold more than
 * the window (e.g. the whole week, or unsorted lists): the window is applied here, so switching
 * window or trying a widening needs no new expansion.
 */
export function filterActivities(
  activities: readonly Activity[],
  occurrencesByActivity: ReadonlyMap<string, readonly Occurrence[]>,
  filter: ActivityFilter,
  clock: ExploreClock,
): ActivityMatch[] {
  const range = windowRange(filter.window, clock.nowMs, clock.timeZone);
  const matches: ActivityMatch[] = [];
  for (const activity of activities) {
    if (!matchesFacets(activity, filter)) continue;
    const occurrences = occurrencesByActivity.get(activity.id) ?? [];
    const next = firstInRange(occurrences.filter(goesAhead), range);
    if (!next) continue;
    const calledOff = firstCalledOff(occurrences, range.from, next);
    matches.push(calledOff ? { activity, next, calledOff } : { activity, next });
  }
  return matches.sort(byNextStartThenTitle);
}

/** The earliest (by start, then end) called-off session overlapping [from, next.start), if any. */
export function firstCalledOff(occurrences: readonly Occurrence[], from: number, next: Occurrence): Occurrence | undefined {
  return firstInRange(
    occurrences.filter((occurrence) => !goesAhead(occurrence)),
    { from, to: next.start },
  );
}

/** How many activities a filter would show: for labels like "show paid activities too (4)". */
export function countWith(
  activities: readonly Activity[],
  occurrencesByActivity: ReadonlyMap<string, readonly Occurrence[]>,
  filter: ActivityFilter,
  clock: ExploreClock,
): number {
  return filterActivities(activities, occurrencesByActivity, filter, clock).length;
}

/** Whether an activity passes every facet of the filter (the time window aside). */
export function matchesFacets(activity: Activity, filter: ActivityFilter): boolean {
  return matchesLevels(activity, filter.levels) && matchesThemes(activity, filter.themes) && matchesAgeGroups(activity, filter.ageGroups) && (!filter.freeOnly || isFree(activity));
}

export function matchesLevels(activity: Activity, levels: readonly LevelId[]): boolean {
  return levels.length === 0 || levels.includes(activity.level);
}

export function matchesThemes(activity: Activity, themes: readonly string[]): boolean {
  return themes.length === 0 || activity.themes.some((theme) => themes.includes(theme));
}

export function matchesAgeGroups(activity: Activity, ageGroups: readonly AgeGroupId[]): boolean {
  return ageGroups.length === 0 || AGE_GROUPS.some((group) => ageGroups.includes(group.id) && agesOverlap(activity.ages, group));
}

/** "Free" means free of charge; pay-what-you-can is not free, but the sheet shows its support. */
export function isFree(activity: Activity): boolean {
  return activity.price.kind === 'free';
}

function agesOverlap(ages: Activity['ages'], group: { min: number; max: number }): boolean {
  return ages.min <= group.max && (ages.max ?? Number.POSITIVE_INFINITY) >= group.min;
}

/** The number on the "filters" button: one per selected value. The window is its own switch, always set, so it does not count. */
export function activeFilterCount(filter: ActivityFilter): number {
  return filter.levels.length + filter.themes.length + filter.ageGroups.length + (filter.freeOnly ? 1 : 0);
}

export type WideningStep = 'free-only' | 'age-groups' | 'themes' | 'levels' | 'window';

export interface Widening {
  /** What was let go, so the screen can word it ("show paid activities too"). */
  step: WideningStep;
  filter: ActivityFilter;
}

/**
 * Ways out of an empty result, each one step wider than `filter`, most restrictive facet first:
 * free-only, age, themes, levels, then the window. Dropping a facet can only add matches; the window
 * step goes to the next window that covers the current one — near midnight "today" ends before
 * "now" does, so from "now" it skips straight to "week" then. Every suggestion therefore shows at
 * least what the current filter shows.
 */
export function widenings(filter: ActivityFilter, clock: ExploreClock): Widening[] {
  const steps: Widening[] = [];
  if (filter.freeOnly) steps.push({ step: 'free-only', filter: { ...filter, freeOnly: false } });
  if (filter.ageGroups.length > 0) steps.push({ step: 'age-groups', filter: { ...filter, ageGroups: [] } });
  if (filter.themes.length > 0) steps.push({ step: 'themes', filter: { ...filter, themes: [] } });
  if (filter.levels.length > 0) steps.push({ step: 'levels', filter: { ...filter, levels: [] } });
  const window = widerWindow(filter.window, clock);
  if (window) steps.push({ step: 'window', filter: { ...filter, window } });
  return steps;
}

/** The next window on the switch that ends later than `window`; undefined for the widest. */
function widerWindow(window: TimeWindow, clock: ExploreClock): TimeWindow | undefined {
  const currentEnd = windowRange(window, clock.nowMs, clock.timeZone).to;
  return TIME_WINDOWS.slice(TIME_WINDOWS.indexOf(window) + 1).find((candidate) => windowRange(candidate, clock.nowMs, clock.timeZone).to > currentEnd);
}

const dutchCollator = new Intl.Collator('nl');

function byNextStartThenTitle(a: ActivityMatch, b: ActivityMatch): number {
  return a.next.start - b.next.start || compareByTitle(a.activity, b.activity);
}

/** The list's order among activities that start together: Dutch title, then id. */
export function compareByTitle(a: Activity, b: Activity): number {
  return dutchCollator.compare(sortTitle(a), sortTitle(b)) || compareIds(a.id, b.id);
}

/** Dutch is the kiosk's default and always-present locale; the id stands in for a title-less activity. */
function sortTitle(activity: Activity): string {
  return activity.title.nl ?? Object.values(activity.title).find((text) => text !== undefined) ?? activity.id;
}
