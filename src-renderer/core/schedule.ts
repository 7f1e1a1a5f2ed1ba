// Turns an activity's schedule (site wall-clock times, RRULE series) into concrete UTC occurrences.
// Series are expanded in floating local time and only then pinned to the site's time zone, so a
// 14:00 session stays at 14:00 on both sides of a DST change. Temporal decides every zone question;
// its answers are cached per local day, because a year of a large site is 100,000+ conversions.
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import type { Activity, Occurrence, Organisation, ScheduleEntry, Site, SiteConfig } from './model';
import { overlapsRange } from './timing';

/** A site wall-clock date-time "YYYY-MM-DDTHH:mm", the format of every schedule field. */
export type LocalDateTime = string;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

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

/** The occurrences that overlap [fromMs, toMs), in their original order. */
export function occurrencesOverlapping<T extends { start: number; end: number }>(occurrences: readonly T[], fromMs: number, toMs: number): T[] {
  const range = { from: fromMs, to: toMs };
  return occurrences.filter((occurrence) => overlapsRange(occurrence, range));
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
  const clock = zoneClock(site.timeZone);
  const period = organiser?.kind === 'guest' ? organiser.period : undefined;
  const occurrences: Occurrence[] = [];
  for (const entry of activity.schedule) {
    for (const local of expandEntry(entry, clock, fromMs, toMs)) {
      if (period && !isWithinDays(local.start, period.from, period.until)) continue;
      const start = clock.toInstant(local.start);
      const end = clock.toInstant(local.end);
      if (!(start < toMs && end > fromMs)) continue;
      occurrences.push(activity.space === undefined ? { activityId: activity.id, start, end } : { activityId: activity.id, spaceId: activity.space, start, end });
    }
  }
  return occurrences.sort(byStartThenActivity);
}

/** A wall-clock start and end as floating milliseconds (see `floatingOf`). */
interface LocalOccurrence {
  start: number;
  end: number;
}

/** Wall-clock minutes from an entry's start to its end: the length every occurrence repeats. */
export function entryDurationMinutes(entry: Pick<ScheduleEntry, 'start' | 'end'>): number {
  return Math.trunc((floatingOf(entry.end) - floatingOf(entry.start)) / MINUTE_MS);
}

function expandEntry(entry: ScheduleEntry, clock: ZoneClock, fromMs: number, toMs: number): LocalOccurrence[] {
  const start = floatingOf(entry.start);
  const lengthMs = floatingOf(entry.end) - start;
  const minutes = Math.trunc(lengthMs / MINUTE_MS);
  const starts = entry.rrule === undefined ? [start] : seriesStarts(start, entry.rrule, localWindow(minutes, clock, fromMs, toMs));
  const occurrences: LocalOccurrence[] = [];
  for (const occurrenceStart of starts) {
    if (entry.except.length > 0 && isExcepted(formatFloating(occurrenceStart), entry.except)) continue;
    occurrences.push({ start: occurrenceStart, end: occurrenceStart + minutes * MINUTE_MS });
  }
  return occurrences;
}

/** A local window (floating ms, whole minutes) wide enough to hold every occurrence overlapping [fromMs, toMs) in any offset. */
interface LocalWindow {
  firstStart: number;
  lastStart: number;
}

function localWindow(durationMinutes: number, clock: ZoneClock, fromMs: number, toMs: number): LocalWindow {
  // A day of slack on both sides covers any UTC offset change; exact filtering happens on instants.
  return {
    firstStart: clock.toFloatingMinute(fromMs - durationMinutes * MINUTE_MS - DAY_MS),
    lastStart: clock.toFloatingMinute(toMs + DAY_MS),
  };
}

// A guard against rules that ical.js keeps iterating without ever reaching the window (a daily
// series that started decades ago); no real schedule gets near it within a window of a year.
const MAX_ITERATIONS = 200_000;

/** Start times of an RRULE series inside the local window, in floating (wall-clock) time. */
function seriesStarts(start: number, rrule: string, window: LocalWindow): number[] {
  const recur = recurFromRule(rrule);
  const plain = plainWeeklyStarts(start, recur, window) ?? plainMonthlyStarts(start, recur, window);
  if (plain) return plain;
  const iterator = recur.iterator(ICAL.Time.fromDateTimeString(`${formatFloating(fastForward(start, recur, window))}:00`));
  const starts: number[] = [];
  for (let iteration = 0, next = iterator.next(); next && iteration < MAX_ITERATIONS; iteration++, next = iterator.next()) {
    const local = floatingFromParts(next.year, next.month, next.day, next.hour, next.minute);
    if (local > window.lastStart) break;
    if (local >= window.firstStart && matchesMonthRules(next, recur)) starts.push(local);
  }
  return starts;
}

const ICAL_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The everyday series (FREQ=WEEKLY with plain weekdays, optionally INTERVAL, UNTIL and WKST) by
 * arithmetic instead of ical.js, which spends microseconds on every step: in a year of a large
 * site that was most of validation. It yields what ical.js yields — weeks counted from the week of
 * DTSTART (starting on WKST), nothing before DTSTART, DTSTART itself only if it matches BYDAY.
 * Anything else (COUNT, other BY parts) returns undefined and goes through ical.js.
 */
function plainWeeklyStarts(start: number, recur: ICAL.Recur, window: LocalWindow): number[] | undefined {
  if (recur.freq !== 'WEEKLY' || recur.count) return undefined;
  const parts = Object.keys(recur.parts);
  if (parts.some((part) => part !== 'BYDAY')) return undefined;
  const byDay = (recur.parts.BYDAY as string[] | undefined) ?? [];
  if (byDay.some((day) => !ICAL_WEEKDAYS.includes(day))) return undefined;
  const startDay = Math.floor(start / DAY_MS);
  const timeOfDay = start - startDay * DAY_MS;
  // Weekday numbers here run 0 = Monday … 6 = Sunday; ical.js counts 1 = Sunday … 7 = Saturday.
  const weekdayOf = (day: number) => (day + 3) % 7;
  const weekStartDay = ((recur.wkst ?? ICAL.Time.MONDAY) + 5) % 7;
  const offsets = [...new Set(byDay.length > 0 ? byDay.map((day) => ICAL_WEEKDAYS.indexOf(day)) : [weekdayOf(startDay)])]
    .map((weekday) => (weekday - weekStartDay + 7) % 7)
    .sort((a, b) => a - b);
  const firstWeek = startDay - ((weekdayOf(startDay) - weekStartDay + 7) % 7);
  const periodDays = 7 * (recur.interval || 1);
  const last = Math.min(window.lastStart, untilOf(recur));
  const starts: number[] = [];
  const skipped = Math.max(0, Math.floor((window.firstStart - start) / DAY_MS / periodDays) - 1);
  for (let week = firstWeek + skipped * periodDays; week * DAY_MS + timeOfDay <= last; week += periodDays) {
    for (const offset of offsets) {
      const occurrence = (week + offset) * DAY_MS + timeOfDay;
      if (occurrence > last) break;
      if (occurrence >= start && occurrence >= window.firstStart) starts.push(occurrence);
    }
  }
  return starts;
}

// Every month holds each weekday at least four times; a fifth one ical.js handles (and refuses) its own way.
const ORDINAL_WEEKDAY = /^([+-]?[1-4])?(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * FREQ=MONTHLY by weekdays ("2SA", "-1FR", "TU"), optionally INTERVAL and UNTIL, by arithmetic:
 * months counted from the month of DTSTART, every month every interval.
 */
function plainMonthlyStarts(start: number, recur: ICAL.Recur, window: LocalWindow): number[] | undefined {
  if (recur.freq !== 'MONTHLY' || recur.count) return undefined;
  if (Object.keys(recur.parts).some((part) => part !== 'BYDAY')) return undefined;
  const byDay = (recur.parts.BYDAY as string[] | undefined) ?? [];
  const rules = byDay.map((token) => ORDINAL_WEEKDAY.exec(token));
  if (byDay.length === 0 || rules.some((rule) => !rule)) return undefined;
  const startDate = new Date(start);
  const timeOfDay = start - Math.floor(start / DAY_MS) * DAY_MS;
  const interval = recur.interval || 1;
  const last = Math.min(window.lastStart, untilOf(recur));
  const monthOf = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();
  const firstMonth = startDate.getUTCFullYear() * 12 + startDate.getUTCMonth();
  const skipped = Math.max(0, Math.floor((monthOf(window.firstStart) - firstMonth) / interval) - 1);
  const starts: number[] = [];
  for (let month = firstMonth + skipped * interval; month <= monthOf(last); month += interval) {
    const year = Math.floor(month / 12);
    const firstDay = Math.floor(floatingFromParts(year, (month % 12) + 1, 1, 0, 0) / DAY_MS);
    const length = Math.floor(floatingFromParts(year, (month % 12) + 2, 1, 0, 0) / DAY_MS) - firstDay;
    const days = new Set<number>();
    for (const rule of rules) {
      const weekday = ICAL_WEEKDAYS.indexOf(rule?.[2] ?? '');
      const firstOfWeekday = firstDay + ((weekday - ((firstDay + 3) % 7) + 7) % 7);
      const matching = Array.from({ length: Math.ceil((firstDay + length - firstOfWeekday) / 7) }, (_, index) => firstOfWeekday + 7 * index);
      const ordinal = rule?.[1] === undefined ? undefined : Number(rule[1]);
      for (const day of ordinal === undefined ? matching : [matching.at(ordinal > 0 ? ordinal - 1 : ordinal)]) if (day !== undefined) days.add(day);
    }
    for (const day of [...days].sort((a, b) => a - b)) {
      const occurrence = day * DAY_MS + timeOfDay;
      if (occurrence >= start && occurrence >= window.firstStart && occurrence <= last) starts.push(occurrence);
    }
  }
  return starts;
}

/** UNTIL as floating ms (a date-only UNTIL already moved to the end of its day), or Infinity. */
function untilOf(recur: ICAL.Recur): number {
  const until = recur.until;
  return until ? floatingFromParts(until.year, until.month, until.day, until.hour, until.minute) + until.second * 1000 : Infinity;
}

/**
 * A later DTSTART for a daily or weekly series without COUNT that began long before the window:
 * moved by whole periods (so the weekday, the time and the week parity of an INTERVAL stay), it
 * yields the same starts from a week before the window on, without walking through the years before.
 * COUNT series keep theirs: their count runs from the original start.
 */
function fastForward(start: number, recur: ICAL.Recur, window: LocalWindow): number {
  const periodDays = recur.freq === 'DAILY' ? 1 : recur.freq === 'WEEKLY' ? 7 : 0;
  if (periodDays === 0 || recur.count) return start;
  const periodMs = periodDays * (recur.interval || 1) * DAY_MS;
  const periods = Math.floor((window.firstStart - 7 * DAY_MS - start) / periodMs);
  return periods > 0 ? start + periods * periodMs : start;
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

function isWithinDays(local: number, firstDay: string, lastDay: string): boolean {
  const day = formatFloating(local).slice(0, 10);
  return day >= firstDay && day <= lastDay;
}

function byStartThenActivity(a: Occurrence, b: Occurrence): number {
  return a.start - b.start || a.activityId.localeCompare(b.activityId);
}

/*
 * Floating time: a wall-clock date-time as the milliseconds it would be if it were UTC. Minutes
 * and days add up on it as on a wall clock, and comparing two is comparing wall-clock times.
 */

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "YYYY-MM-DDTHH:mm" as floating ms; throws on anything else, as Temporal would. */
function floatingOf(local: LocalDateTime): number {
  const match = LOCAL_DATE_TIME.exec(local);
  const floating = match ? floatingFromParts(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])) : NaN;
  if (Number.isNaN(floating) || formatFloating(floating) !== local) throw new RangeError(`not a local date-time: ${local}`);
  return floating;
}

function floatingFromParts(year: number, month: number, day: number, hour: number, minute: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hour, minute, 0, 0);
}

function formatFloating(floating: number): LocalDateTime {
  return new Date(floating).toISOString().slice(0, 16);
}

/**
 * Local ↔ instant conversions for one zone. On a day with no offset change within a few hours of
 * it, every wall-clock time is its instant plus one offset; that offset is asked of Temporal once
 * per day. Days near a transition, where the gap and the fold are, go to Temporal every time.
 */
class ZoneClock {
  readonly #timeZone: string;
  /** Floating day number → the day's only offset in ms, or null near a transition. */
  readonly #dayOffsets = new Map<number, number | null>();
  readonly #floatingMinutes = new Map<number, number>();

  constructor(timeZone: string) {
    this.#timeZone = timeZone;
  }

  toInstant(floating: number): number {
    const day = Math.floor(floating / DAY_MS);
    let offset = this.#dayOffsets.get(day);
    if (offset === undefined) {
      offset = this.#offsetOfDay(day);
      if (this.#dayOffsets.size >= MAX_CACHED) this.#dayOffsets.clear();
      this.#dayOffsets.set(day, offset);
    }
    return offset === null ? localDateTimeToInstant(formatFloating(floating), this.#timeZone) : floating - offset;
  }

  /** The wall-clock minute of an instant, as floating ms; asked again for the same instants, so remembered. */
  toFloatingMinute(instant: number): number {
    let floating = this.#floatingMinutes.get(instant);
    if (floating === undefined) {
      floating = floatingOf(instantToLocal(instant, this.#timeZone));
      if (this.#floatingMinutes.size >= MAX_CACHED) this.#floatingMinutes.clear();
      this.#floatingMinutes.set(instant, floating);
    }
    return floating;
  }

  #offsetOfDay(day: number): number | null {
    const startOfDay = Temporal.PlainDate.from(formatFloating(day * DAY_MS).slice(0, 10)).toZonedDateTime(this.#timeZone);
    const probe = Temporal.Instant.fromEpochMilliseconds(startOfDay.epochMilliseconds - TRANSITION_MARGIN_MS).toZonedDateTimeISO(this.#timeZone);
    const transition = probe.getTimeZoneTransition('next');
    if (transition && transition.epochMilliseconds <= startOfDay.epochMilliseconds + DAY_MS + TRANSITION_MARGIN_MS) return null;
    return probe.offsetNanoseconds / 1_000_000;
  }
}

/** Wider than any offset change, so a day's wall-clock times are all clear of a gap or fold. */
const TRANSITION_MARGIN_MS = 4 * HOUR_MS;
const MAX_CACHED = 10_000;
const clocks = new Map<string, ZoneClock>();

function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}
