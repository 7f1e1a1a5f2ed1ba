// Turns an activity's schedule (site wall-clock times, RRULE series) into concrete UTC occurrences.
// Series are expanded in floating local time and only then pinned to the site's time zone, so a
// 14:00 session stays at 14:00 on both sides of a DST change. Temporal does every zone conversion.
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import type { Activity, Occurrence, Organisation, ScheduleEntry, Site, SiteConfig } from './model';

/** A site wall-clock date-time "YYYY-MM-DDTHH:mm", the format of every schedule field. */
export type LocalDateTime = string;

const MINUTES_PER_MS = 1 / 60_000;

/**
 * The instant a site wall-clock time denotes. In the spring-forward gap the time moves forward
 * (02:30 → 03:30 CEST); in the autumn fold the earlier of the two instants wins — RFC 5545's rule.
 */
export function localDateTimeToInstant(local: LocalDateTime, timeZone: string): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The site wall-clock time "YYYY-MM-DDTHH:mm" of an instant. */
export function instantToLocal(ms: number, timeZone: string): LocalDateTime {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

/** Whether [start, end) and [fromMs, toMs) share at least one instant. */
export function overlaps(occurrence: { start: number; end: number }, fromMs: number, toMs: number): boolean {
  return occurrence.start < toMs && occurrence.end > fromMs;
}

/** The occurrences that overlap [fromMs, toMs), in their original order. */
export function occurrencesOverlapping<T extends { start: number; end: number }>(occurrences: readonly T[], fromMs: number, toMs: number): T[] {
  return occurrences.filter((occurrence) => overlaps(occurrence, fromMs, toMs));
}

/** Every occurrence of every activity that overlaps [fromMs, toMs), sorted by start. */
export function expandAll(config: SiteConfig, fromMs: number, toMs: number): Occurrence[] {
  const organisations = new Map(config.organisations.map((organisation) => [organisation.id, organisation]));
  return config.activities
    .flatMap((activity) => expandActivity(activity, config.site, organisations.get(activity.organiser), fromMs, toMs))
    .sort(byStartThenActivity);
}

/**
 * The occurrences of one activity that overlap [fromMs, toMs), sorted by start. A guest
 * organiser's activities only run inside the guest's period (local days, inclusive).
 */
export function expandActivity(activity: Activity, site: Site, organiser: Organisation | undefined, fromMs: number, toMs: number): Occurrence[] {
  const period = organiser?.kind === 'guest' ? organiser.period : undefined;
  return activity.schedule
    .flatMap((entry) => expandEntry(entry, site.timeZone, fromMs, toMs))
    .filter((local) => !period || isWithinDays(local.start, period.from, period.until))
    .map((local) => ({
      activityId: activity.id,
      ...(activity.space === undefined ? {} : { spaceId: activity.space }),
      start: localDateTimeToInstant(local.start, site.timeZone),
      end: localDateTimeToInstant(local.end, site.timeZone),
    }))
    .filter((occurrence) => overlaps(occurrence, fromMs, toMs))
    .sort(byStartThenActivity);
}

interface LocalOccurrence {
  start: LocalDateTime;
  end: LocalDateTime;
}

/** Wall-clock minutes from an entry's start to its end: the length every occurrence repeats. */
export function entryDurationMinutes(entry: Pick<ScheduleEntry, 'start' | 'end'>): number {
  return Temporal.PlainDateTime.from(entry.start).until(Temporal.PlainDateTime.from(entry.end), { largestUnit: 'minute' }).minutes;
}

function expandEntry(entry: ScheduleEntry, timeZone: string, fromMs: number, toMs: number): LocalOccurrence[] {
  const minutes = entryDurationMinutes(entry);
  const starts = entry.rrule === undefined ? [entry.start] : seriesStarts(entry.start, entry.rrule, localWindow(minutes, timeZone, fromMs, toMs));
  return starts
    .filter((start) => !isExcepted(start, entry.except))
    .map((start) => ({ start, end: addMinutes(start, minutes) }));
}

/** A local window wide enough to hold every occurrence overlapping [fromMs, toMs) in any offset. */
interface LocalWindow {
  firstStart: LocalDateTime;
  lastStart: LocalDateTime;
}

function localWindow(durationMinutes: number, timeZone: string, fromMs: number, toMs: number): LocalWindow {
  // A day of slack on both sides covers any UTC offset change; exact filtering happens on instants.
  const slackMs = 24 * 60 * 60_000;
  return {
    firstStart: instantToLocal(fromMs - durationMinutes / MINUTES_PER_MS - slackMs, timeZone),
    lastStart: instantToLocal(toMs + slackMs, timeZone),
  };
}

// A guard against rules that ical.js keeps iterating without ever reaching the window (a daily
// series that started decades ago); no real schedule gets near it within a window of a year.
const MAX_ITERATIONS = 200_000;

/** Start times of an RRULE series inside the local window, in floating (wall-clock) time. */
function seriesStarts(start: LocalDateTime, rrule: string, window: LocalWindow): LocalDateTime[] {
  const recur = recurFromRule(rrule);
  const iterator = recur.iterator(ICAL.Time.fromDateTimeString(`${start}:00`));
  const starts: LocalDateTime[] = [];
  for (let iteration = 0, next = iterator.next(); next && iteration < MAX_ITERATIONS; iteration++, next = iterator.next()) {
    const local = next.toString().slice(0, 16);
    if (local > window.lastStart) break;
    if (local >= window.firstStart && matchesMonthRules(next, recur)) starts.push(local);
  }
  return starts;
}

/**
 * ical.js compares a date-only UNTIL as midnight, which would drop the last day's sessions; an
 * author who writes UNTIL=20261231 means "through 31 December", so it becomes the end of that day.
 */
function recurFromRule(rrule: string): ICAL.Recur {
  const recur = ICAL.Recur.fromString(rrule);
  if (recur.until?.isDate) {
    const { year, month, day } = recur.until;
    recur.until = ICAL.Time.fromData({ year, month, day, hour: 23, minute: 59, second: 59, isDate: false });
  }
  return recur;
}

/**
 * ical.js rolls an impossible day over into the next month (BYMONTH=2;BYMONTHDAY=30 yields 2 March),
 * so each candidate is checked against BYMONTH and BYMONTHDAY again.
 */
function matchesMonthRules(time: ICAL.Time, recur: ICAL.Recur): boolean {
  const months = recur.parts.BYMONTH as number[] | undefined;
  const monthDays = recur.parts.BYMONTHDAY as number[] | undefined;
  if (months && !months.includes(time.month)) return false;
  if (!monthDays) return true;
  const daysInMonth = ICAL.Time.daysInMonth(time.month, time.year);
  return monthDays.some((day) => (day > 0 ? day : daysInMonth + 1 + day) === time.day);
}

/** An except entry is a local date (the whole day goes) or a local date-time (that start goes). */
function isExcepted(start: LocalDateTime, except: readonly string[]): boolean {
  return except.some((excepted) => (excepted.length === 10 ? start.startsWith(excepted) : start === excepted));
}

function isWithinDays(local: LocalDateTime, firstDay: string, lastDay: string): boolean {
  const day = local.slice(0, 10);
  return day >= firstDay && day <= lastDay;
}

function addMinutes(local: LocalDateTime, minutes: number): LocalDateTime {
  return Temporal.PlainDateTime.from(local).add({ minutes }).toString({ smallestUnit: 'minute' });
}

function byStartThenActivity(a: Occurrence, b: Occurrence): number {
  return a.start - b.start || a.activityId.localeCompare(b.activityId);
}
