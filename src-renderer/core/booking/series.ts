// Staff series: a resident's or guest's regular session in a space ("every second Tuesday 19:00–21:00
// until June"). The series keeps local wall-clock time; each occurrence becomes one booking row with
// UTC instants (the anchors' model: materialise occurrences, never expand at read time). Every
// occurrence passes the same `checkOnCalendar` as a single booking, and a collision is reported per
// occurrence for staff to resolve, never skipped silently.
//
// DST: an occurrence whose local start falls in the spring-forward gap does not exist and is skipped
// (RFC 5545 §3.3.10); one in the autumn fold starts at the earlier instant. Lengths are elapsed time.
import { Temporal } from 'temporal-polyfill';
import { WEEKDAYS, type Organisation, type Site, type Space, type Weekday } from '../model';
import { SpaceCalendar } from './calendar';
import { IntervalIndex, type Interval } from './interval';
import { checkOnCalendar, type Violation } from './rules';

/** How a series repeats. */
export type SeriesPattern =
  /** Every `interval` weeks (1 = weekly, 2 = biweekly) on the given weekdays (default: the weekday of `from`). */
  | { kind: 'weekly'; interval: number; weekdays?: Weekday[] }
  /** Monthly on the n-th weekday, e.g. the 2nd Tuesday; -1 is the last. Months without a 5th one are left out. */
  | { kind: 'monthly-weekday'; position: 1 | 2 | 3 | 4 | 5 | -1; weekday: Weekday }
  /** Monthly on a day of the month; months without that day (31 April) are left out. */
  | { kind: 'monthly-day'; day: number };

export interface SeriesDefinition {
  spaceId: string;
  organisationId: string;
  purpose?: string;
  /** Local wall-clock start, "HH:mm". */
  startTime: string;
  /** Elapsed length of each occurrence. */
  minutes: number;
  pattern: SeriesPattern;
  /** First possible date, "YYYY-MM-DD". */
  from: string;
  /** Last possible date, inclusive. Give `until`, `count`, or both (whichever ends first). */
  until?: string;
  /** How many dates the pattern yields, exceptions included (as RFC 5545 counts COUNT before EXDATE). */
  count?: number;
  /** Local dates left out. */
  exceptions: string[];
}

/** One occurrence as it would be booked. */
export interface PlannedOccurrence {
  date: string;
  start: number;
  end: number;
  /** Local "HH:mm" of start and end. */
  from: string;
  to: string;
}

export interface SeriesConflict extends PlannedOccurrence {
  /** Every rule the occurrence breaks: collisions, closures, opening hours… */
  violations: Violation[];
  /** What it collides with: bookings (with their code) and sessions (with their activity). */
  collidesWith: Interval[];
}

export type SkipReason = 'exception' | 'outside-guest-period' | 'nonexistent-time' | 'in-past';

export interface SkippedOccurrence {
  date: string;
  reason: SkipReason;
  message: string;
}

export interface SeriesPlan {
  definition: SeriesDefinition;
  /** Occurrences that pass every rule. */
  create: PlannedOccurrence[];
  /** Occurrences that break a rule; nothing is written for them unless staff resolve them. */
  conflicts: SeriesConflict[];
  skipped: SkippedOccurrence[];
}

export interface SeriesContext {
  site: Site;
  now: number;
  space: Space;
  organisation?: Organisation;
  /** Confirmed bookings and sessions in the space over the series' span. */
  existing: readonly Interval[] | IntervalIndex;
}

/** More than this is a mistake (MRBS caps series at 366 too): a daily-ish series for years. */
export const MAX_SERIES_DATES = 366;
const MINUTE_MS = 60_000;

/** What is wrong with a definition, in words staff can act on; empty when it is usable. */
export function validateSeries(definition: SeriesDefinition): string[] {
  const errors: string[] = [];
  const { pattern } = definition;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(definition.startTime)) errors.push('The start time must be written HH:mm, e.g. 19:00.');
  if (!Number.isInteger(definition.minutes) || definition.minutes <= 0) errors.push('The length must be a positive number of minutes.');
  if (!isDate(definition.from)) errors.push('The first date must be a date, YYYY-MM-DD.');
  if (definition.until !== undefined && !isDate(definition.until)) errors.push('The last date must be a date, YYYY-MM-DD.');
  if (definition.until === undefined && definition.count === undefined) errors.push('Give a last date or a number of sessions.');
  if (definition.until !== undefined && isDate(definition.from) && isDate(definition.until) && definition.until < definition.from) {
    errors.push('The last date comes before the first.');
  }
  if (definition.count !== undefined && (!Number.isInteger(definition.count) || definition.count < 1 || definition.count > MAX_SERIES_DATES)) {
    errors.push(`The number of sessions must be 1–${MAX_SERIES_DATES}.`);
  }
  if (pattern.kind === 'weekly' && (!Number.isInteger(pattern.interval) || pattern.interval < 1 || pattern.interval > 52)) {
    errors.push('A weekly series repeats every 1–52 weeks.');
  }
  if (pattern.kind === 'weekly' && pattern.weekdays?.length === 0) errors.push('Pick at least one weekday.');
  if (pattern.kind === 'monthly-day' && (!Number.isInteger(pattern.day) || pattern.day < 1 || pattern.day > 31)) errors.push('The day of the month must be 1–31.');
  for (const date of definition.exceptions) if (!isDate(date)) errors.push(`The skipped date "${date}" must be written YYYY-MM-DD.`);
  return errors;
}

/**
 * The local dates the pattern yields from `from` through `until` (or the first `count`), capped
 * at MAX_SERIES_DATES. Exceptions are not removed here: they still count towards `count`.
 */
export function seriesDates(definition: SeriesDefinition): string[] {
  const from = Temporal.PlainDate.from(definition.from);
  const until = definition.until === undefined ? undefined : Temporal.PlainDate.from(definition.until);
  const limit = Math.min(definition.count ?? MAX_SERIES_DATES, MAX_SERIES_DATES);
  const dates: string[] = [];
  const accept = (date: Temporal.PlainDate): boolean => {
    if (Temporal.PlainDate.compare(date, from) < 0) return true;
    if (until && Temporal.PlainDate.compare(date, until) > 0) return false;
    dates.push(date.toString());
    return dates.length < limit;
  };
  const { pattern } = definition;
  // A generous bound on the periods to look at, so a pattern that yields nothing still stops.
  const periods = MAX_SERIES_DATES * 4;
  if (pattern.kind === 'weekly') {
    const weekdays = [...new Set(pattern.weekdays ?? [WEEKDAYS[from.dayOfWeek - 1] as Weekday])].map((day) => WEEKDAYS.indexOf(day)).sort((a, b) => a - b);
    const monday = from.subtract({ days: from.dayOfWeek - 1 });
    for (let week = 0; week < periods; week += pattern.interval) {
      for (const offset of weekdays) if (!accept(monday.add({ days: week * 7 + offset }))) return dates;
    }
  } else {
    const firstMonth = from.toPlainYearMonth();
    for (let month = 0; month < periods; month++) {
      const date = dateInMonth(firstMonth.add({ months: month }), pattern);
      if (date && !accept(date)) return dates;
    }
  }
  return dates;
}

function dateInMonth(month: Temporal.PlainYearMonth, pattern: Exclude<SeriesPattern, { kind: 'weekly' }>): Temporal.PlainDate | undefined {
  if (pattern.kind === 'monthly-day') return pattern.day <= month.daysInMonth ? month.toPlainDate({ day: pattern.day }) : undefined;
  const weekday = WEEKDAYS.indexOf(pattern.weekday) + 1;
  if (pattern.position === -1) {
    const last = month.toPlainDate({ day: month.daysInMonth });
    return last.subtract({ days: (last.dayOfWeek - weekday + 7) % 7 });
  }
  const first = month.toPlainDate({ day: 1 });
  const day = 1 + ((weekday - first.dayOfWeek + 7) % 7) + (pattern.position - 1) * 7;
  return day <= month.daysInMonth ? month.toPlainDate({ day }) : undefined;
}

/** The instant a local date + "HH:mm" starts at; undefined in the spring-forward gap, the earlier one in the fold. */
export function localStart(date: string, time: string, timeZone: string): number | undefined {
  const local = Temporal.PlainDateTime.from(`${date}T${time}`);
  const zoned = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  return zoned.toPlainDateTime().equals(local) ? zoned.epochMilliseconds : undefined;
}

/**
 * Plans a series: every date checked against the rules and the existing bookings and sessions.
 * Nothing is written; `commitSeries` (db/series.ts) re-checks and writes.
 */
export function planSeries(definition: SeriesDefinition, context: SeriesContext): SeriesPlan {
  const errors = validateSeries(definition);
  if (errors.length > 0) throw new RangeError(errors.join(' '));
  const rules = context.space.booking;
  const timeZone = context.site.timeZone;
  const calendar = rules ? new SpaceCalendar(rules, context.site) : undefined;
  const index = IntervalIndex.from(context.existing);
  const period = context.organisation?.kind === 'guest' ? context.organisation.period : undefined;
  const exceptions = new Set(definition.exceptions);
  const plan: SeriesPlan = { definition, create: [], conflicts: [], skipped: [] };

  for (const date of seriesDates(definition)) {
    if (exceptions.has(date)) {
      plan.skipped.push({ date, reason: 'exception', message: `${date} is left out of the series.` });
      continue;
    }
    if (period && (date < period.from || date > period.until)) {
      plan.skipped.push({ date, reason: 'outside-guest-period', message: `${date} is outside the guest's period (${period.from} to ${period.until}).` });
      continue;
    }
    const start = localStart(date, definition.startTime, timeZone);
    if (start === undefined) {
      plan.skipped.push({ date, reason: 'nonexistent-time', message: `${definition.startTime} does not exist on ${date}: the clocks go forward.` });
      continue;
    }
    const end = start + definition.minutes * MINUTE_MS;
    if (start < context.now) {
      plan.skipped.push({ date, reason: 'in-past', message: `${date} ${definition.startTime} has already passed.` });
      continue;
    }
    const occurrence: PlannedOccurrence = { date, start, end, from: definition.startTime, to: wallClock(end, timeZone) };
    const violations = calendar
      ? checkOnCalendar({ space: context.space, start, end, by: 'staff' }, { now: context.now, existing: index }, calendar)
      : [{ rule: 'not-bookable' as const, message: 'This space cannot be booked.' }];
    if (violations.length === 0) plan.create.push(occurrence);
    else plan.conflicts.push({ ...occurrence, violations, collidesWith: uniqueConflicts(violations) });
  }
  return plan;
}

/** One occurrence of an existing series that an edit moves. */
export interface EditedOccurrence {
  bookingId: string;
  date: string;
  start: number;
  end: number;
}

export interface SeriesEditPlan {
  /** New times for the bookings that pass every rule. */
  update: (PlannedOccurrence & { bookingId: string; spaceId: string })[];
  /** Bookings whose new time breaks a rule: they keep their current time unless staff resolve it. */
  conflicts: (SeriesConflict & { bookingId: string })[];
  /** Bookings whose new start does not exist (spring gap): they keep their current time. */
  skipped: (SkippedOccurrence & { bookingId: string })[];
}

/**
 * Plans a time, length or space change for some occurrences of a series (one, the following, or
 * all). The occurrences being changed are left out of `existing` by the caller, so they never
 * collide with their own old times.
 */
export function planSeriesEdit(
  occurrences: readonly EditedOccurrence[],
  change: { startTime: string; minutes: number; space: Space },
  context: Omit<SeriesContext, 'space' | 'organisation'>,
): SeriesEditPlan {
  const rules = change.space.booking;
  const timeZone = context.site.timeZone;
  const calendar = rules ? new SpaceCalendar(rules, context.site) : undefined;
  const index = IntervalIndex.from(context.existing);
  const plan: SeriesEditPlan = { update: [], conflicts: [], skipped: [] };
  for (const occurrence of occurrences) {
    const { bookingId, date } = occurrence;
    const start = localStart(date, change.startTime, timeZone);
    if (start === undefined) {
      plan.skipped.push({ bookingId, date, reason: 'nonexistent-time', message: `${change.startTime} does not exist on ${date}: the clocks go forward.` });
      continue;
    }
    const end = start + change.minutes * MINUTE_MS;
    const planned = { date, start, end, from: change.startTime, to: wallClock(end, timeZone) };
    const violations = calendar
      ? checkOnCalendar({ space: change.space, start, end, by: 'staff', original: occurrence }, { now: context.now, existing: index }, calendar)
      : [{ rule: 'not-bookable' as const, message: 'This space cannot be booked.' }];
    if (violations.length === 0) plan.update.push({ ...planned, bookingId, spaceId: change.space.id });
    else plan.conflicts.push({ ...planned, bookingId, violations, collidesWith: uniqueConflicts(violations) });
  }
  return plan;
}

function uniqueConflicts(violations: readonly Violation[]): Interval[] {
  const seen = new Set<Interval>();
  for (const violation of violations) for (const interval of violation.conflicts ?? []) seen.add(interval);
  return [...seen].sort((a, b) => a.start - b.start);
}

function wallClock(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainTime().toString({ smallestUnit: 'minute' });
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}
