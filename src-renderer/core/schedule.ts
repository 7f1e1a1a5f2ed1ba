// Turns an activity's schedule (site wall-clock times, RRULE series) into concrete UTC occurrences.
// Series are expanded in floating local time (core/recurrence.ts) and only then pinned to the site's
// time zone, so a 14:00 session stays at 14:00 on both sides of a DST change. Temporal decides every
// zone question; its answers are cached per local day, because a year of a large site is 100,000+
// conversions.
import { Temporal } from 'temporal-polyfill';
import type { Activity, Closure, Occurrence, Organisation, ScheduleEntry, Site, SiteConfig } from './model';
import { expandRule, floatingFromParts, parseRule, type RecurrenceRule } from './recurrence';
import { overlapsRange } from './timing';

/** A site wall-clock date-time "YYYY-MM-DDTHH:mm", the format of every schedule field. */
export type LocalDateTime = string;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * The instant an explicit site wall-clock time denotes (RFC 5545 §3.3.5): in the spring-forward gap
 * the time moves forward (02:30 → 03:30 CEST); in the autumn fold the earlier of the two instants
 * wins. A series' later starts that fall in a gap are skipped instead (see `seriesStarts`).
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

/** What the expansion needs of the site: its zone and, when it has any, its closures. */
export type ScheduleSite = Pick<Site, 'timeZone'> & { closures?: readonly Closure[] };

/**
 * The occurrences of one activity that overlap [fromMs, toMs), sorted by start. A guest
 * organiser's activities only run inside the guest's period (local days, inclusive). A session
 * that touches a day the site is closed is cancelled, unless the activity runs through closures.
 */
export function expandActivity(activity: Activity, site: ScheduleSite, organiser: Organisation | undefined, fromMs: number, toMs: number): Occurrence[] {
  const clock = zoneClock(site.timeZone);
  const period = organiser?.kind === 'guest' ? organiser.period : undefined;
  const closed = activity.runsThroughClosures ? [] : closedSpans(site, clock);
  const occurrences: Occurrence[] = [];
  for (const entry of activity.schedule) {
    for (const local of expandEntry(entry, clock, fromMs, toMs)) {
      if (period && !isWithinDays(local.start, period.from, period.until)) continue;
      const start = clock.toInstant(local.start);
      const end = clock.toInstant(local.end);
      if (!(start < toMs && end > fromMs)) continue;
      if (closed.some((span) => start < span.end && end > span.start)) continue;
      occurrences.push(activity.space === undefined ? { activityId: activity.id, start, end } : { activityId: activity.id, spaceId: activity.space, start, end });
    }
  }
  return occurrences.sort(byStartThenActivity);
}

/** Each closure as instants, from the start of its first day to the end of its last. */
function closedSpans(site: ScheduleSite, clock: ZoneClock): { start: number; end: number }[] {
  return (site.closures ?? []).map((closure) => ({
    start: clock.toInstant(floatingOf(`${closure.from}T00:00`)),
    end: clock.toInstant(floatingOf(`${closure.until}T00:00`) + DAY_MS),
  }));
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
  const starts = entry.rrule === undefined ? [start] : seriesStarts(start, entry.rrule, clock, localWindow(minutes, clock, fromMs, toMs));
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

const parsedRules = new Map<string, RecurrenceRule>();

/** A rule read once per text: a site repeats a handful of rules over thousands of expansions. */
function ruleOf(rrule: string): RecurrenceRule {
  let rule = parsedRules.get(rrule);
  if (!rule) {
    rule = parseRule(rrule);
    if (parsedRules.size >= MAX_CACHED) parsedRules.clear();
    parsedRules.set(rrule, rule);
  }
  return rule;
}

/**
 * Start times of an RRULE series inside the local window, in floating (wall-clock) time. A start
 * the rule yields in a spring-forward gap does not exist and is not counted (RFC 5545 §3.3.10);
 * the first start is an explicit time, so it stays (moved forward like any one-off session).
 */
function seriesStarts(start: number, rrule: string, clock: ZoneClock, window: LocalWindow): number[] {
  return expandRule(ruleOf(rrule), start, {
    from: window.firstStart,
    through: window.lastStart,
    exists: (floating) => clock.exists(floating),
    isAfterUtcUntil: (floating, untilInstant) => clock.toInstant(floating) > untilInstant,
  });
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
    const offset = this.#dayOffset(Math.floor(floating / DAY_MS));
    return offset === null ? localDateTimeToInstant(formatFloating(floating), this.#timeZone) : floating - offset;
  }

  /** Whether a wall-clock time happens at all, i.e. is not in a spring-forward gap. */
  exists(floating: number): boolean {
    if (this.#dayOffset(Math.floor(floating / DAY_MS)) !== null) return true;
    return this.toFloatingMinute(this.toInstant(floating)) === Math.floor(floating / MINUTE_MS) * MINUTE_MS;
  }

  #dayOffset(day: number): number | null {
    let offset = this.#dayOffsets.get(day);
    if (offset === undefined) {
      offset = this.#offsetOfDay(day);
      if (this.#dayOffsets.size >= MAX_CACHED) this.#dayOffsets.clear();
      this.#dayOffsets.set(day, offset);
    }
    return offset;
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
