// Time as the Explore screen sees it: which occurrences fall in "now / today / this week", and how an
// occurrence reads against the clock ("running", "starts in 5 min"). Every calendar step goes through
// Temporal in the site's time zone, so the kiosk's own TZ never matters and DST days keep their real
// 23 or 25 hours. Durations ("in N minutes") are elapsed time, never wall-clock differences.
import { Temporal } from 'temporal-polyfill';
import type { Occurrence, OccurrenceStatus } from './model';

/** The Explore screen's time switch. */
export type TimeWindow = 'now' | 'today' | 'week';
export const TIME_WINDOWS: readonly TimeWindow[] = ['now', 'today', 'week'];

/** A half-open span of instants [from, to), in epoch milliseconds. */
export interface InstantRange {
  from: number;
  to: number;
}

/** Any occurrence-like span; what timing needs of an `Occurrence`. */
export type Span = Pick<Occurrence, 'start' | 'end'>;

const MINUTE_MS = 60_000;

/** How far ahead "now" looks, which is also the horizon of "starts soon". */
export const SOON_MINUTES = 60;
const SOON_MS = SOON_MINUTES * MINUTE_MS;

/**
 * Local days after today that "this week" reaches: the rest of today plus seven whole days, so every
 * weekly activity shows, even one that already ended this morning (it is on again next week).
 */
export const WEEK_DAYS = 8;

/**
 * The instants a time window covers, starting at `nowMs` (what has ended is never shown).
 * - `now`: the next hour, so it holds what is running and what starts within the hour.
 * - `today`: until the coming local midnight in the site's zone.
 * - `week`: the rest of today and the next 7 local days, ending at local midnight. A rolling week
 *   rather than the ISO week: on a Sunday evening "this week" should still show the days ahead.
 */
export function windowRange(window: TimeWindow, nowMs: number, timeZone: string): InstantRange {
  switch (window) {
    case 'now':
      return { from: nowMs, to: nowMs + SOON_MS };
    case 'today':
      return { from: nowMs, to: startOfLocalDay(nowMs, timeZone, 1) };
    case 'week':
      return { from: nowMs, to: startOfLocalDay(nowMs, timeZone, WEEK_DAYS) };
  }
}

/** The first instant of the local day `daysAhead` days after the one holding `ms` (Temporal handles days that start at 01:00). */
export function startOfLocalDay(ms: number, timeZone: string, daysAhead = 0): number {
  return zoned(ms, timeZone).toPlainDate().add({ days: daysAhead }).toZonedDateTime(timeZone).epochMilliseconds;
}

/** Whether a span shares at least one instant with [from, to). */
export function overlapsRange(span: Span, range: InstantRange): boolean {
  return span.start < range.to && span.end > range.from;
}

export type LiveState =
  | { kind: 'running'; endsInMinutes: number }
  | { kind: 'starts-soon'; inMinutes: number }
  | { kind: 'later'; startsAt: number }
  | { kind: 'ended' };

/**
 * How an occurrence reads at `nowMs`. Minutes round up, so the screen says "starts in 1 min" until
 * the very moment it starts, never "in 0 min". "Starts soon" uses the same horizon as the `now`
 * window: an occurrence is in that window exactly when it is running or starting soon.
 */
export function liveState(occurrence: Span, nowMs: number): LiveState {
  if (occurrence.end <= nowMs) return { kind: 'ended' };
  if (occurrence.start <= nowMs) return { kind: 'running', endsInMinutes: minutesUntil(occurrence.end, nowMs) };
  if (occurrence.start < nowMs + SOON_MS) return { kind: 'starts-soon', inMinutes: minutesUntil(occurrence.start, nowMs) };
  return { kind: 'later', startsAt: occurrence.start };
}

function minutesUntil(ms: number, nowMs: number): number {
  return Math.ceil((ms - nowMs) / MINUTE_MS);
}

/**
 * Whether a session goes ahead: one its source called off (cancelled, postponed to a date not yet
 * known, unavailable) does not, so it is never "on now" or anyone's "next". A full one still does.
 */
export function goesAhead(occurrence: Pick<Occurrence, 'status'>): boolean {
  return occurrence.status === undefined;
}

/** What a list writes beside a session that does not simply go ahead: its status, or that it is full. */
export type SessionMark = OccurrenceStatus | 'full';

export function sessionMark(occurrence: Pick<Occurrence, 'status' | 'full'>): SessionMark | undefined {
  return occurrence.status ?? (occurrence.full ? 'full' : undefined);
}

/** The activity's occurrence a visitor can still join: the running or next one that goes ahead, earliest start first. */
export function nextOccurrence<T extends Occurrence>(occurrences: readonly T[], activityId: string, nowMs: number): T | undefined {
  let next: T | undefined;
  for (const occurrence of occurrences) {
    if (occurrence.activityId !== activityId || occurrence.end <= nowMs || !goesAhead(occurrence)) continue;
    if (next === undefined || compareSpans(occurrence, next) < 0) next = occurrence;
  }
  return next;
}

/**
 * The occurrences overlapping a time window, grouped per activity and sorted by start. The window
 * starts at `nowMs`, so ended occurrences never appear; running ones do.
 */
export function upcomingByActivity<T extends Occurrence>(occurrences: readonly T[], nowMs: number, window: TimeWindow, timeZone: string): Map<string, T[]> {
  return groupInRange(occurrences, windowRange(window, nowMs, timeZone));
}

/** The occurrences overlapping `range`, grouped per activity and sorted by start (then end). */
export function groupInRange<T extends Occurrence>(occurrences: readonly T[], range: InstantRange): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const occurrence of occurrences) {
    if (!overlapsRange(occurrence, range)) continue;
    const group = groups.get(occurrence.activityId);
    if (group) group.push(occurrence);
    else groups.set(occurrence.activityId, [occurrence]);
  }
  for (const group of groups.values()) group.sort(compareSpans);
  return groups;
}

/** The earliest-starting span of a list that overlaps `range`; the list need not be sorted. */
export function firstInRange<T extends Span>(spans: readonly T[], range: InstantRange): T | undefined {
  let first: T | undefined;
  for (const span of spans) {
    if (overlapsRange(span, range) && (first === undefined || compareSpans(span, first) < 0)) first = span;
  }
  return first;
}

/** Earlier start first; the shorter one first when two start together. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/** The local calendar day of an instant, "YYYY-MM-DD": a stable key for grouping a list by day. */
export function localDayKey(ms: number, timeZone: string): string {
  return zoned(ms, timeZone).toPlainDate().toString();
}

/** The local wall-clock time of an instant, "HH:mm" (24 h, locale-free: for keys, tests and compact labels). */
export function localTime(ms: number, timeZone: string): string {
  return zoned(ms, timeZone).toPlainTime().toString({ smallestUnit: 'minute' });
}

// Dates and times in words come from the one shared formatter.
export { formatDay, formatTime } from './datetime';

function zoned(ms: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
}
