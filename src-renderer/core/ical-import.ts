// A partner's offer as an iCalendar file (RFC 5545) becomes activities of that partner: one activity
// per UID (a series with its RECURRENCE-ID overrides is one activity), its occurrences expanded for
// the next N days. ical.js parses each event on its own (so one unreadable event is reported with
// its line and the rest still import); the kiosk's own engine (core/recurrence.ts) expands RRULEs
// in the wall clock of DTSTART. Every wall-clock time is turned into an instant here, with the
// file's own VTIMEZONE when it has one, Temporal for an IANA TZID it does not define, the calendar's
// X-WR-TIMEZONE (else the site's zone) for floating times, and UTC for "Z" times. EXDATE and
// RECURRENCE-ID match generated starts as instants, or as days for an all-day series.
//
// Nothing here writes: `readIcsOffer` returns a plan, `compareWithExisting` labels it new / updated /
// unchanged against what an earlier import stored, and db/imports.ts commits it in one transaction.
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { stableHash64 } from './feeds/ids';
import { findRefCollisions } from './path-code';
import { expandRule, parseRule, RuleError } from './recurrence';
import { instantToLocal } from './schedule';
import type { Activity, Level, LevelId, Locale, LocalizedText, Occurrence, Organisation, PriceKind, Theme } from './model';
import { LEVEL_IDS, LOCALES } from './model';

/** What staff choose before importing: whose offer it is and what to assume where the file says nothing. */
export interface ImportDefaults {
  /** The off-site partner the activities belong to (its place becomes theirs). */
  organisation: Organisation;
  level: LevelId;
  themes: string[];
  price: PriceKind;
  /** The language the partner writes in; SUMMARY and DESCRIPTION are stored under it. */
  contentLocale: Locale;
}

export interface ImportContext {
  timeZone: string;
  defaultLocale: Locale;
  levels: Record<LevelId, Level>;
  themes: readonly Theme[];
  /** Occurrences are kept from here (epoch ms)… */
  from: number;
  /** …for this many days. */
  days: number;
}

export interface ImportedActivity {
  uid: string;
  activity: Activity;
  /** Sorted by start. */
  occurrences: Occurrence[];
}

/** One event the import leaves out, and why, in words staff can pass on to the partner. */
export interface EventProblem {
  /** 1-based position of the VEVENT in the file. */
  index: number;
  /** 1-based line of its BEGIN:VEVENT in the file. */
  line?: number;
  uid?: string;
  summary?: string;
  message: string;
}

export interface OfferPlan {
  activities: ImportedActivity[];
  problems: EventProblem[];
  /** Events that are fine but have no occurrence in the period. */
  outside: number;
  /** VEVENT components in the file. */
  events: number;
  /** The activity id of every event read without a problem, in the period or not. */
  knownIds: string[];
}

/** Why a whole file is refused. `line` is 1-based, in the file as staff opened it. */
export interface IcsFileError {
  message: string;
  line?: number;
}

export type OfferResult = { ok: true; plan: OfferPlan } | { ok: false; error: IcsFileError };

export interface ReadOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Events between two yields to the event loop (the progress bar moves, the screen stays live). */
  chunkSize?: number;
}

/** Above this the file is refused before parsing: a real partner feed is a few hundred kB. */
export const MAX_ICS_CHARS = 20 * 1024 * 1024;
/** No event yields more occurrences than this in the period (a series every minute). */
const MAX_OCCURRENCES = 5_000;
/** A date-time event without DTEND or DURATION: RFC 5545 says it takes no time; a kiosk needs some. */
const DEFAULT_MINUTES = 60;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The stable activity id of a partner's event: the same UID always lands on the same row. */
export function importedActivityId(organisationId: string, uid: string): string {
  return `import-${organisationId.slice(0, 60)}-${stableHash64(uid)}`;
}

/**
 * Checks that a text is an iCalendar file at all, and says where it is not: every unfolded line
 * must be `NAME[;params]:value`, BEGIN/END must pair up, and the outermost object must be a
 * VCALENDAR. ical.js's own errors carry no line number; these do.
 */
export function checkIcsStructure(text: string): IcsFileError | undefined {
  if (text.length > MAX_ICS_CHARS) return { message: `The file is larger than ${MAX_ICS_CHARS / 1024 / 1024} MB.` };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const stack: { name: string; line: number }[] = [];
  let sawCalendar = false;
  let logical: { text: string; line: number } | undefined;
  const check = (entry: { text: string; line: number }): IcsFileError | undefined => {
    const match = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/s.exec(entry.text);
    if (!match) return { message: `line ${entry.line} is not "NAME:value": "${clip(entry.text)}".`, line: entry.line };
    const name = match[1]!.toUpperCase();
    const value = match[3]!.trim().toUpperCase();
    if (name === 'BEGIN') {
      if (stack.length === 0) {
        if (value !== 'VCALENDAR') return { message: `the file starts with BEGIN:${clip(value)} instead of BEGIN:VCALENDAR (line ${entry.line}).`, line: entry.line };
        if (sawCalendar) return { message: `a second VCALENDAR starts at line ${entry.line}; import one calendar per file.`, line: entry.line };
        sawCalendar = true;
      }
      stack.push({ name: value, line: entry.line });
    } else if (name === 'END') {
      const open = stack.pop();
      if (!open) return { message: `END:${clip(value)} at line ${entry.line} closes nothing.`, line: entry.line };
      if (open.name !== value) return { message: `END:${clip(value)} at line ${entry.line} does not match BEGIN:${open.name} at line ${open.line}.`, line: entry.line };
    } else if (stack.length === 0) {
      return { message: `line ${entry.line} is outside BEGIN:VCALENDAR … END:VCALENDAR.`, line: entry.line };
    }
    return undefined;
  };
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.startsWith(' ') || raw.startsWith('\t')) {
      // A folded continuation of the previous line.
      if (!logical) return { message: `line ${index + 1} continues a line that does not exist.`, line: index + 1 };
      logical.text += raw.slice(1);
      continue;
    }
    if (logical) {
      const error = check(logical);
      if (error) return error;
    }
    logical = raw.trim() === '' ? undefined : { text: raw, line: index + 1 };
  }
  if (logical) {
    const error = check(logical);
    if (error) return error;
  }
  if (!sawCalendar) return { message: 'there is no BEGIN:VCALENDAR in it.' };
  const open = stack.at(-1);
  if (open) return { message: `BEGIN:${open.name} at line ${open.line} is never closed (the file may be cut off).`, line: open.line };
  return undefined;
}

/**
 * Reads a partner's file into a plan. A file that is not iCalendar is refused whole; a bad event
 * is left out and listed in `problems`, so one broken entry never blocks the rest of an offer.
 * Yields to the event loop every `chunkSize` events; an aborted signal rejects with its reason.
 */
export async function readIcsOffer(text: string, defaults: ImportDefaults, context: ImportContext, options: ReadOptions = {}): Promise<OfferResult> {
  const structural = checkIcsStructure(text);
  if (structural) return { ok: false, error: structural };
  const layout = splitEvents(text.replace(/^\uFEFF/, ''));
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(layout.calendar) as unknown[]);
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
  }
  if (root.name !== 'vcalendar') return { ok: false, error: { message: 'the file holds no VCALENDAR.' } };
  const calendarZone = textValue(root, 'x-wr-timezone');
  const floatingZone = calendarZone && isKnownZone(calendarZone) ? calendarZone : context.timeZone;

  const total = layout.events.length;
  const chunkSize = Math.max(1, options.chunkSize ?? 200);
  const problems: EventProblem[] = [];
  // Group by UID first: a series and its overrides are one activity, wherever they stand in the file.
  const groups = new Map<string, { master?: ParsedEvent; overrides: ParsedEvent[] }>();
  layout.events.forEach((block, position) => {
    const index = position + 1;
    let component: ICAL.Component;
    try {
      component = parseEvent(block.text, root);
    } catch (error) {
      problems.push({ index, line: block.line, message: `the event could not be read: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const event = { component, index, line: block.line };
    // RFC 5545 requires a UID; without one the title and start stand in, so a re-import still recognises it.
    const uid = textValue(component, 'uid') ?? `no-uid:${textValue(component, 'summary') ?? ''}:${component.getFirstProperty('dtstart')?.toICALString() ?? index}`;
    const group = groups.get(uid) ?? { overrides: [] };
    groups.set(uid, group);
    if (component.hasProperty('recurrence-id')) group.overrides.push(event);
    else if (group.master) problems.push({ index, line: block.line, uid, ...summaryOf(component), message: `UID ${clip(uid)} is used by two events (also event ${group.master.index}, line ${group.master.line}).` });
    else group.master = event;
  });

  const window = { from: context.from, to: context.from + context.days * DAY_MS };
  const activities: ImportedActivity[] = [];
  let outside = 0;
  const knownIds: string[] = [];
  let done = 0;
  let sinceYield = 0;
  for (const [uid, group] of groups) {
    options.signal?.throwIfAborted();
    const count = (group.master ? 1 : 0) + group.overrides.length;
    const first = group.master ?? group.overrides[0]!;
    try {
      const imported = importGroup(uid, group.master?.component, group.overrides.map((o) => o.component), defaults, { ...context, floatingZone }, window);
      knownIds.push(imported.activity.id);
      if (imported.cancelled) problems.push({ index: first.index, line: first.line, uid, ...summaryOf(first.component), message: 'the event is cancelled (STATUS:CANCELLED).' });
      else if (imported.occurrences.length === 0) outside++;
      else activities.push(imported);
    } catch (error) {
      problems.push({ index: first.index, line: first.line, uid, ...summaryOf(first.component), message: error instanceof Error ? error.message : String(error) });
    }
    done += count;
    sinceYield += count;
    if (sinceYield >= chunkSize) {
      sinceYield = 0;
      options.onProgress?.(done, total);
      await yieldToEventLoop();
    }
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(total, total);

  // The QR of a poster carries a 32-bit reference of the id; two ids with one reference would mix up.
  for (const [a, b] of findRefCollisions(activities.map((entry) => entry.activity.id))) {
    const loser = activities.findIndex((entry) => entry.activity.id === b);
    if (loser >= 0) {
      const [entry] = activities.splice(loser, 1);
      problems.push({ index: 0, uid: entry!.uid, summary: firstText(entry!.activity.title), message: `its id collides with ${a} in follow-up codes; ask the partner to change its UID.` });
    }
  }
  problems.sort((a, b) => a.index - b.index);
  return { ok: true, plan: { activities, problems, outside, events: total, knownIds } };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface ParsedEvent {
  component: ICAL.Component;
  index: number;
  line: number;
}

/**
 * The calendar without its events, and each VEVENT's text with the line it starts on, so that each
 * event is parsed on its own: a value ical.js cannot read then costs that event, not the file.
 * The text passed checkIcsStructure, so BEGIN and END pair up.
 */
function splitEvents(text: string): { calendar: string; events: { text: string; line: number }[] } {
  const lines = text.split(/\r\n|\n|\r/);
  const calendar: string[] = [];
  const events: { text: string; line: number }[] = [];
  let depth = 0;
  let event: { lines: string[]; line: number } | undefined;
  lines.forEach((raw, index) => {
    const folded = raw.startsWith(' ') || raw.startsWith('\t');
    const marker = folded ? undefined : /^(BEGIN|END):(\S+)/i.exec(raw.trim());
    if (marker?.[1]?.toUpperCase() === 'BEGIN') {
      depth++;
      if (depth === 2 && marker[2]!.toUpperCase() === 'VEVENT') event = { lines: [], line: index + 1 };
    }
    (event ? event.lines : calendar).push(raw);
    if (marker?.[1]?.toUpperCase() === 'END') {
      if (depth === 2 && event) {
        events.push({ text: event.lines.join('\r\n'), line: event.line });
        event = undefined;
      }
      depth--;
    }
  });
  return { calendar: calendar.join('\r\n'), events };
}

/** One VEVENT, parsed and hung under the calendar so its TZIDs find the file's VTIMEZONEs. */
function parseEvent(text: string, root: ICAL.Component): ICAL.Component {
  const parsed = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${tidyRecurrenceRules(text)}\r\nEND:VCALENDAR`) as unknown[]);
  const component = parsed.getFirstSubcomponent('vevent');
  if (!component) throw new Error('no VEVENT');
  root.addSubcomponent(component);
  return component;
}

/** Spaces inside an RRULE value ("BYDAY=MO, TU") are a common export slip that hides no meaning. */
function tidyRecurrenceRules(text: string): string {
  return text
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r\n|\n|\r/)
    .map((line) => {
      const match = /^((?:RRULE|EXRULE)(?:;[^:]*)?:)(.*)$/i.exec(line);
      return match ? `${match[1]}${match[2]!.replace(/\s+/g, '')}` : line;
    })
    .join('\r\n');
}

interface GroupContext extends ImportContext {
  /** The zone of floating (zone-less) times: the calendar's X-WR-TIMEZONE, else the site's. */
  floatingZone: string;
}

function importGroup(
  uid: string,
  master: ICAL.Component | undefined,
  overrides: ICAL.Component[],
  defaults: ImportDefaults,
  context: GroupContext,
  window: { from: number; to: number },
): ImportedActivity & { cancelled: boolean } {
  const base = master ?? overrides[0]!;
  const summary = textValue(base, 'summary');
  if (!summary) throw new Error('the event has no SUMMARY (title).');
  if (!base.hasProperty('dtstart')) throw new Error('the event has no DTSTART (start time).');
  const activityId = importedActivityId(defaults.organisation.id, uid);
  const zoneOf = zoneResolver(base, context.floatingZone, context.timeZone);
  const result = (occurrences: Occurrence[], cancelled = false) => ({ uid, activity: toActivity(activityId, base, defaults, context, occurrences), occurrences, cancelled });

  const occurrences = new Map<number, Occurrence>();
  const add = (component: ICAL.Component, start: ICAL.Time): void => {
    if (isCancelled(component)) return;
    const span = spanOf(component, start, zoneOf);
    if (span.start < window.to && span.end > window.from) occurrences.set(span.start, { activityId, ...span });
  };
  const sorted = () => [...occurrences.values()].sort((a, b) => a.start - b.start);

  // Moved instances without their series (a feed that sends only the changed dates) each stand on their own.
  if (!master) {
    for (const override of overrides) {
      const start = override.getFirstPropertyValue('dtstart');
      if (start instanceof ICAL.Time) add(override, start);
    }
    return result(sorted(), overrides.every(isCancelled));
  }
  if (isCancelled(master)) return result([], true);

  const dtstart = master.getFirstPropertyValue('dtstart');
  if (!(dtstart instanceof ICAL.Time)) throw new Error('DTSTART is not a date or date-time.');
  const frame = wallClockOf(dtstart, () => zoneOf(master, 'dtstart'));
  const keyOf = recurrenceKeys(dtstart.isDate, frame, context.timeZone, zoneOf, master);

  // The starts of the set (RFC 5545 §3.8.5): DTSTART, the RRULE's starts and the RDATEs, less the EXDATEs.
  const starts = new Map<string, ICAL.Time>();
  starts.set(keyOf(dtstart), dtstart);
  const firstSpan = spanOf(master, dtstart, zoneOf);
  const lengthMs = Math.max(0, firstSpan.end - firstSpan.start);
  for (const property of master.getAllProperties('rrule')) {
    const value = property.getFirstValue() as unknown;
    const text = value instanceof ICAL.Recur ? value.toString() : String(value);
    let rule;
    try {
      rule = parseRule(text);
    } catch (error) {
      throw new Error(`its repeat rule cannot be used: ${error instanceof RuleError ? error.message : String(error)}.`);
    }
    const floatingStart = floatingOf(dtstart);
    const floatingStarts = expandRule(rule, floatingStart, {
      // Floating and instant differ by less than a day in any zone; two days of slack cover it.
      from: floatingStart + (window.from - frame.toInstant(floatingStart)) - lengthMs - 2 * DAY_MS,
      through: floatingStart + (window.to - frame.toInstant(floatingStart)) + 2 * DAY_MS,
      exists: (floating) => frame.exists(floating),
      isAfterUtcUntil: (floating, until) => frame.toInstant(floating) > until,
    });
    if (floatingStarts.length > MAX_OCCURRENCES) throw new Error(`the series has more than ${MAX_OCCURRENCES} dates in the import period.`);
    for (const floating of floatingStarts) {
      const time = frame.timeAt(floating);
      starts.set(keyOf(time), time);
    }
  }
  for (const property of master.getAllProperties('rdate')) {
    for (const value of property.getValues() as unknown[]) {
      const time = value instanceof ICAL.Period ? value.start : value;
      if (time instanceof ICAL.Time) starts.set(keyOf(time), time);
    }
  }
  for (const property of master.getAllProperties('exdate')) {
    for (const value of property.getValues() as unknown[]) {
      if (!(value instanceof ICAL.Time)) continue;
      // A date in EXDATE on a timed series removes every start on that day.
      if (!value.isDate || dtstart.isDate) starts.delete(keyOf(value));
      else for (const key of [...starts.keys()]) if (keyOf.dayOf(key) === dayKey(value)) starts.delete(key);
    }
  }

  const replaced = new Map<string, ICAL.Component>();
  for (const override of overrides) {
    const recurrenceId = override.getFirstPropertyValue('recurrence-id');
    if (!(recurrenceId instanceof ICAL.Time)) continue;
    const key = recurrenceId.isDate && !dtstart.isDate ? [...starts.keys()].find((candidate) => keyOf.dayOf(candidate) === dayKey(recurrenceId)) : keyOf(recurrenceId);
    if (key !== undefined && starts.has(key)) replaced.set(key, override);
    else {
      // An override of a date this import did not generate (outside the period, or not in the rule)
      // still says when the event happens: it stands on its own.
      const start = override.getFirstPropertyValue('dtstart');
      if (start instanceof ICAL.Time) add(override, start);
    }
  }
  for (const [key, start] of starts) {
    const override = replaced.get(key);
    if (!override) add(master, start);
    else {
      const moved = override.getFirstPropertyValue('dtstart');
      add(override, moved instanceof ICAL.Time ? moved : start);
    }
  }
  return result(sorted());
}

/** The wall clock a series is expanded in: DTSTART's own zone, or days for an all-day series. */
interface WallClock {
  toInstant(floating: number): number;
  /** False in a spring-forward gap of that zone. */
  exists(floating: number): boolean;
  /** The ical.js time of a floating start, in DTSTART's zone and value type. */
  timeAt(floating: number): ICAL.Time;
}

function wallClockOf(dtstart: ICAL.Time, zone: () => string): WallClock {
  const timeAt = (floating: number): ICAL.Time => {
    const date = new Date(floating);
    const time = dtstart.clone();
    time.year = date.getUTCFullYear();
    time.month = date.getUTCMonth() + 1;
    time.day = date.getUTCDate();
    if (!dtstart.isDate) {
      time.hour = date.getUTCHours();
      time.minute = date.getUTCMinutes();
      time.second = date.getUTCSeconds();
    }
    return time;
  };
  const fileZone = dtstart.zone;
  if (dtstart.isDate || fileZone === ICAL.Timezone.utcTimezone) {
    return { timeAt, exists: () => true, toInstant: (floating) => toInstant(timeAt(floating), zone) };
  }
  if (fileZone && fileZone !== ICAL.Timezone.localTimezone) {
    // The file's VTIMEZONE: ical.js knows its offsets, so the round trip through UTC shows a gap.
    return {
      timeAt,
      toInstant: (floating) => timeAt(floating).toUnixTime() * 1000,
      exists: (floating) => {
        const back = ICAL.Time.fromData({ year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, isDate: false }, ICAL.Timezone.utcTimezone);
        back.fromUnixTime(timeAt(floating).toUnixTime());
        return floatingOf(back.convertToZone(fileZone)) === floating;
      },
    };
  }
  const ianaZone = zone();
  const wall = (floating: number) => Temporal.PlainDateTime.from(new Date(floating).toISOString().slice(0, 19));
  return {
    timeAt,
    toInstant: (floating) => wall(floating).toZonedDateTime(ianaZone, { disambiguation: 'compatible' }).epochMilliseconds,
    exists: (floating) => wall(floating).toZonedDateTime(ianaZone).toPlainDateTime().equals(wall(floating)),
  };
}

/** An ical.js time's wall clock as floating ms. */
function floatingOf(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.isDate ? 0 : time.hour, time.isDate ? 0 : time.minute, time.isDate ? 0 : time.second);
}

function dayKey(time: ICAL.Time): string {
  return `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/**
 * How starts, EXDATEs and RECURRENCE-IDs are matched: as instants for a timed series, so a UTC
 * EXDATE removes the start it names whatever zone the series is in; as days for an all-day series,
 * so an Exchange override whose RECURRENCE-ID is a date-time still finds its day.
 */
function recurrenceKeys(allDay: boolean, frame: WallClock, siteZone: string, zoneOf: ZoneOf, master: ICAL.Component): ((time: ICAL.Time) => string) & { dayOf: (key: string) => string } {
  const days = new Map<string, string>();
  const key = (time: ICAL.Time): string => {
    if (allDay) {
      if (time.isDate || !time.zone || time.zone === ICAL.Timezone.localTimezone || time.zone !== ICAL.Timezone.utcTimezone) return dayKey(time);
      return instantToLocal(time.toUnixTime() * 1000, siteZone).slice(0, 10);
    }
    const instant = time.isDate ? frame.toInstant(floatingOf(time)) : toInstant(time, () => zoneOf(master, 'dtstart'));
    const text = String(instant);
    days.set(text, dayKey(time));
    return text;
  };
  return Object.assign(key, { dayOf: (text: string) => days.get(text) ?? text });
}

/** The zone of a property's floating time; asked only when ical.js did not resolve the time's zone. */
type ZoneOf = (component: ICAL.Component, property: string) => string;

/**
 * The instants of one occurrence starting at `start`, with the length its component gives
 * (RFC 5545 §3.8.5.3): a DTEND means the same exact duration for every instance (ical.js instead
 * adds it as wall-clock time, which lands an hour off when an instance ends in a DST fold); a
 * DURATION's days and weeks are nominal (wall-clock days), its hours and minutes exact. Without
 * either, an all-day event lasts its day and a timed one DEFAULT_MINUTES.
 */
function spanOf(component: ICAL.Component, start: ICAL.Time, zoneOf: ZoneOf): { start: number; end: number } {
  const startZone = () => zoneOf(component, 'dtstart');
  const startMs = toInstant(start, startZone);
  const afterDays = (days: number): number => {
    const moved = start.clone();
    moved.adjust(days, 0, 0, 0);
    return toInstant(moved, startZone);
  };
  let end: number | undefined;
  const dtstart = component.getFirstPropertyValue('dtstart');
  const dtend = component.getFirstPropertyValue('dtend');
  const duration = component.getFirstPropertyValue('duration');
  if (dtend instanceof ICAL.Time && dtstart instanceof ICAL.Time) {
    end = start.isDate
      ? afterDays(Math.round((Date.UTC(dtend.year, dtend.month - 1, dtend.day) - Date.UTC(dtstart.year, dtstart.month - 1, dtstart.day)) / DAY_MS))
      : startMs + (toInstant(dtend, () => zoneOf(component, 'dtend')) - toInstant(dtstart, startZone));
  } else if (duration instanceof ICAL.Duration) {
    const sign = duration.isNegative ? -1 : 1;
    const exactMs = sign * ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
    end = afterDays(sign * (duration.weeks * 7 + duration.days)) + exactMs;
  }
  if (end === undefined || !(end > startMs)) end = start.isDate ? afterDays(1) : startMs + DEFAULT_MINUTES * MINUTE_MS;
  return { start: startMs, end };
}

/**
 * Which zone a floating wall-clock time of a property is in. Times that carry a zone ical.js
 * resolved (the file's VTIMEZONE, or UTC) never ask; this answers for the rest: the TZID when it is
 * an IANA name this engine knows, the calendar's zone when there is no TZID, the site's zone for a
 * date (an all-day event is that day at the site), an error otherwise.
 */
function zoneResolver(base: ICAL.Component, floatingZone: string, siteZone: string): ZoneOf {
  return (component, property) => {
    const found = component.getFirstProperty(property) ?? base.getFirstProperty(property);
    const value = found?.getFirstValue();
    if (value instanceof ICAL.Time && value.isDate) return siteZone;
    const tzid = found?.getParameter('tzid');
    if (typeof tzid !== 'string' || tzid === '') return floatingZone;
    if (isKnownZone(tzid)) return tzid;
    throw new Error(`time zone "${clip(tzid)}" is neither defined in the file (VTIMEZONE) nor a known IANA zone.`);
  };
}

const knownZones = new Map<string, boolean>();
/** An IANA zone Temporal knows, remembered per name (schedules ask for the same few zones again and again). */
export function isKnownZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      Temporal.Now.instant().toZonedDateTimeISO(zone);
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(zone, known);
  }
  return known;
}

/** The instant of an ical.js time. A date (all-day) is midnight of that day in the site's zone. */
function toInstant(time: ICAL.Time, floatingZone: () => string): number {
  const zone = time.zone;
  const resolved = !time.isDate && zone && zone !== ICAL.Timezone.localTimezone;
  // ical.js converts with the zone's own offsets: UTC, or the VTIMEZONE the file defines.
  if (resolved) return time.toUnixTime() * 1000;
  return Temporal.PlainDateTime.from({ year: time.year, month: time.month, day: time.day, hour: time.isDate ? 0 : time.hour, minute: time.isDate ? 0 : time.minute, second: time.isDate ? 0 : time.second })
    .toZonedDateTime(floatingZone(), { disambiguation: 'compatible' }).epochMilliseconds;
}

function toActivity(id: string, component: ICAL.Component, defaults: ImportDefaults, context: ImportContext, occurrences: readonly Occurrence[]): Activity {
  const language = languageOf(component, 'summary') ?? defaults.contentLocale;
  const summary = clipTo(textValue(component, 'summary') ?? '', MAX_TITLE);
  const description = clipTo(textValue(component, 'description') ?? '', MAX_DESCRIPTION);
  const categories = component.getAllProperties('categories').flatMap((property) => property.getValues().map((value) => String(value).trim().toLowerCase()));
  const level = LEVEL_IDS.find((levelId) => categories.some((category) => nameMatches(category, levelId, context.levels[levelId].name))) ?? defaults.level;
  const themes = context.themes.filter((theme) => categories.some((category) => nameMatches(category, theme.id, theme.name))).map((theme) => theme.id);
  const url = textValue(component, 'url');
  const { organisation } = defaults;
  return {
    id,
    title: localizedIn(summary, language, context.defaultLocale),
    summary: description ? localizedIn(clipTo(description.split(/\n/)[0] ?? '', 160), language, context.defaultLocale) : {},
    description: description || url ? localizedIn([description, url && /^https:\/\//i.test(url) ? url : ''].filter(Boolean).join('\n\n'), language, context.defaultLocale) : {},
    level,
    themes: themes.length > 0 ? themes : [...defaults.themes],
    organiser: organisation.id,
    ...(organisation.place ? { place: organisation.place } : {}),
    // One-off entries in site wall-clock time: what the catalogue and any re-expansion read, and
    // exactly the stored occurrences (an override or an EXDATE needs no rule of its own).
    schedule: occurrences.map((occurrence) => ({ start: instantToLocal(occurrence.start, context.timeZone), end: instantToLocal(occurrence.end, context.timeZone), except: [] })),
    ages: { min: 0 },
    price: { kind: defaults.price },
    languages: [language],
    registration: 'walk-in',
    badges: [],
    nextSteps: [],
    // A partner's event happens at the partner's place, so the site's closures do not cancel it.
    runsThroughClosures: true,
  };
}

function nameMatches(category: string, id: string, name: LocalizedText): boolean {
  return category === id || Object.values(name).some((text) => text?.trim().toLowerCase() === category);
}

function localizedIn(text: string, language: Locale, defaultLocale: Locale): LocalizedText {
  // The site's default language is always present in validated content; the partner's text stands in.
  return language === defaultLocale ? { [language]: text } : { [defaultLocale]: text, [language]: text };
}

function languageOf(component: ICAL.Component, property: string): Locale | undefined {
  const language = component.getFirstProperty(property)?.getParameter('language');
  const primary = typeof language === 'string' ? language.slice(0, 2).toLowerCase() : undefined;
  return LOCALES.find((locale) => locale === primary);
}

function isCancelled(component: ICAL.Component): boolean {
  return String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

function textValue(component: ICAL.Component, property: string): string | undefined {
  const value = component.getFirstPropertyValue(property);
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function summaryOf(component: ICAL.Component): { summary?: string } {
  const summary = textValue(component, 'summary');
  return summary ? { summary: clip(summary) } : {};
}

function firstText(text: LocalizedText): string {
  return Object.values(text).find(Boolean) ?? '';
}

function clipTo(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function clip(text: string): string {
  return clipTo(text.replace(/\s+/g, ' '), 80);
}

// ---------------------------------------------------------------------------------------------
// Duplicate detection against an earlier import.

export type ImportStatus = 'new' | 'updated' | 'unchanged';

export interface PreviewEntry extends ImportedActivity {
  status: ImportStatus;
}

export interface ImportPreview {
  entries: PreviewEntry[];
  /** Activities an earlier import of this partner stored that the file no longer holds. */
  missing: Activity[];
  problems: EventProblem[];
  outside: number;
  events: number;
  counts: Record<ImportStatus, number>;
}

export interface ExistingImport {
  activities: readonly Activity[];
  /** Their stored occurrences. */
  occurrences: readonly Occurrence[];
}

/**
 * Labels every planned activity against the stored rows of the same id (same partner, same UID):
 * new; unchanged when its content and its dates match; updated otherwise. Dates are compared up
 * to the last date stored before, so the period simply moving on (a weekly session gaining next
 * month's date) is not a change, but a moved, added or cancelled date is.
 */
export function compareWithExisting(plan: OfferPlan, existing: ExistingImport, organisationId: string, from: number): ImportPreview {
  const stored = new Map(existing.activities.map((activity) => [activity.id, activity]));
  const storedOccurrences = new Map<string, Occurrence[]>();
  for (const occurrence of existing.occurrences) {
    const list = storedOccurrences.get(occurrence.activityId) ?? [];
    list.push(occurrence);
    storedOccurrences.set(occurrence.activityId, list);
  }
  const entries = plan.activities.map((entry): PreviewEntry => {
    const before = stored.get(entry.activity.id);
    if (!before) return { ...entry, status: 'new' };
    const same = contentKey(before) === contentKey(entry.activity) && sameDates(storedOccurrences.get(entry.activity.id) ?? [], entry.occurrences, from);
    return { ...entry, status: same ? 'unchanged' : 'updated' };
  });
  // An event the file still has, but with no date in the period, is not "missing".
  const inFile = new Set(plan.knownIds);
  const prefix = `import-${organisationId.slice(0, 60)}-`;
  const missing = existing.activities.filter((activity) => activity.organiser === organisationId && activity.id.startsWith(prefix) && !inFile.has(activity.id));
  const counts: Record<ImportStatus, number> = { new: 0, updated: 0, unchanged: 0 };
  for (const entry of entries) counts[entry.status]++;
  return { entries, missing, problems: plan.problems, outside: plan.outside, events: plan.events, counts };
}

/** The activity without its schedule, with keys sorted: what a partner can change about it. */
function contentKey(activity: Activity): string {
  const { schedule: _schedule, ...content } = activity;
  return stableStringify(content);
}

function sameDates(before: readonly Occurrence[], after: readonly Occurrence[], from: number): boolean {
  const horizon = before.reduce((latest, o) => Math.max(latest, o.start), -Infinity);
  const key = (list: readonly Occurrence[]) =>
    list
      .filter((o) => o.start >= from && o.start <= horizon)
      .map((o) => `${o.start}-${o.end}`)
      .sort()
      .join(',');
  return key(before) === key(after);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
