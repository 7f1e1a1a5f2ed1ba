// iCalendar (RFC 5545) files: the follow-up page's "add to calendar", and later the kiosk's staff
// exports. Event times are written as site wall-clock times with TZID, the way a visitor thinks of
// them ("Saturday 14:00 in Genk"), and the file carries its own VTIMEZONE so a calendar that does not
// know the IANA name still converts correctly.
//
// The VTIMEZONE lists the zone's real transitions, as Temporal reports them, for every year the
// events span — one STANDARD or DAYLIGHT component per transition, no RRULE. Longer than the usual
// two rule-based components, but exact for any zone (including ones whose rules changed, or will),
// and it needs no hand-written knowledge of "last Sunday of March".
import { Temporal } from 'temporal-polyfill';

export interface IcsEvent {
  /** Globally unique and stable: re-importing the same event updates it instead of duplicating it. */
  uid: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** CANCELLED for a session that will not go ahead (absent: confirmed, as RFC 5545 assumes). */
  status?: 'CANCELLED' | 'TENTATIVE';
  /** Raised when the event changes in a way a calendar must notice (a cancellation). */
  sequence?: number;
}

export interface IcsCalendarInput {
  /** The calendar's name, shown by calendars that import into a new calendar. */
  name: string;
  /** IANA zone the events are written in, e.g. "Europe/Brussels". */
  timeZone: string;
  events: readonly IcsEvent[];
  /** DTSTAMP (epoch ms); defaults to the current time. */
  now?: number;
}

export const ICS_PRODUCT_ID = '-//Wegwijzer//Wegwijzer follow-up//EN';
export const ICS_MIME_TYPE = 'text/calendar;charset=utf-8';

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
// Enough for a century of twice-yearly changes; stops a pathological zone from looping forever.
const MAX_TRANSITIONS = 400;

/** A complete VCALENDAR. Throws a RangeError only for a time zone this engine does not know. */
export function icsCalendar(input: IcsCalendarInput): string {
  const { timeZone } = input;
  const stamp = utcStamp(input.now ?? Date.now());
  const events = [...input.events].sort((a, b) => a.start - b.start);
  const first = events[0]?.start ?? input.now ?? Date.now();
  const last = Math.max(first, ...events.map((event) => event.end));

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(input.name)}`,
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${timeZone}`,
    ...vtimezone(timeZone, first, last),
    ...events.flatMap((event) => vevent(event, timeZone, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function vevent(event: IcsEvent, timeZone: string, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${stamp}`,
    dateTimeProperty('DTSTART', event.start, timeZone),
    dateTimeProperty('DTEND', Math.max(event.end, event.start), timeZone),
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${stripControls(event.url).replace(/\s/g, '')}`] : []),
    ...(event.status ? [`STATUS:${event.status}`] : []),
    ...(event.sequence ? [`SEQUENCE:${event.sequence}`] : []),
    'END:VEVENT',
  ];
}

/**
 * `DTSTART;TZID=Europe/Brussels:20261025T143000`. In the autumn fold a wall-clock time names two
 * instants; RFC 5545 says the first is meant, but calendars disagree (ical.js takes the second), so
 * a time in the fold is written in UTC instead — exact everywhere, just less pretty.
 */
function dateTimeProperty(name: string, ms: number, timeZone: string): string {
  const local = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDateTime();
  const earlier = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' }).epochMilliseconds;
  const later = local.toZonedDateTime(timeZone, { disambiguation: 'later' }).epochMilliseconds;
  if (earlier !== later) return `${name}:${utcStamp(ms)}`;
  return `${name};TZID=${parameterValue(timeZone)}:${basicDateTime(local)}`;
}

/** The VTIMEZONE for the calendar years holding [fromMs, toMs] (in the zone's own calendar). */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string[] {
  const start = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO(timeZone).with({ month: 1, day: 1 }).startOfDay();
  const endMs = Temporal.Instant.fromEpochMilliseconds(toMs).toZonedDateTimeISO(timeZone).with({ month: 12, day: 31 }).startOfDay().add({ days: 1 }).epochMilliseconds;

  const transitions: { at: number; from: number; to: number }[] = [];
  let cursor: Temporal.ZonedDateTime | null = start;
  for (let count = 0; count < MAX_TRANSITIONS; count++) {
    cursor = cursor.getTimeZoneTransition('next');
    if (!cursor || cursor.epochMilliseconds >= endMs) break;
    const from = offsetAt(cursor.epochMilliseconds - 1, timeZone);
    if (from !== cursor.offsetNanoseconds) transitions.push({ at: cursor.epochMilliseconds, from, to: cursor.offsetNanoseconds });
  }

  // The first component covers the range's start, so every event has an observance before it.
  const startOffset = start.offsetNanoseconds;
  const firstChange = transitions[0];
  const startKind = firstChange && firstChange.to < startOffset ? 'DAYLIGHT' : 'STANDARD';
  const observances = [
    observance(startKind, start.epochMilliseconds, offsetAt(start.epochMilliseconds - 1, timeZone), startOffset),
    // Offset up means summer time. Zones with "negative DST" (Europe/Dublin) come out labelled the
    // other way round, which is harmless: calendars convert with the offsets, not the labels.
    ...transitions.map((change) => observance(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', change.at, change.from, change.to)),
  ];
  return ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...observances.flat(), 'END:VTIMEZONE'];
}

/** One onset. Its DTSTART is the local time just before the change, i.e. in the TZOFFSETFROM offset. */
function observance(kind: 'STANDARD' | 'DAYLIGHT', atMs: number, fromNs: number, toNs: number): string[] {
  const localBefore = Temporal.Instant.fromEpochMilliseconds(atMs + fromNs / 1e6)
    .toZonedDateTimeISO('UTC')
    .toPlainDateTime();
  return [`BEGIN:${kind}`, `DTSTART:${basicDateTime(localBefore)}`, `TZOFFSETFROM:${utcOffset(fromNs)}`, `TZOFFSETTO:${utcOffset(toNs)}`, `END:${kind}`];
}

function offsetAt(ms: number, timeZone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).offsetNanoseconds;
}

/** "+0100", "-0500", "+0530"; seconds only when the offset has them (historic local mean time). */
function utcOffset(nanoseconds: number): string {
  const totalSeconds = Math.round(Math.abs(nanoseconds) / 1e9);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${nanoseconds < 0 ? '-' : '+'}${pad(hours)}${pad(minutes)}${seconds ? pad(seconds) : ''}`;
}

function basicDateTime(local: Temporal.PlainDateTime): string {
  return `${String(local.year).padStart(4, '0')}${pad(local.month)}${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}${pad(local.second)}`;
}

function utcStamp(ms: number): string {
  return `${basicDateTime(Temporal.Instant.fromEpochMilliseconds(Math.floor(ms / 1000) * 1000).toZonedDateTimeISO('UTC').toPlainDateTime())}Z`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped; any newline becomes "\n". */
export function escapeText(text: string): string {
  return stripControls(text.replace(/\r\n|\r|\n/g, '\n'))
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Control characters other than the newline are not allowed in a content line. */
function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

/** A parameter value is quoted when it holds a character that would end it (RFC 5545 §3.2). */
function parameterValue(value: string): string {
  return /[:;,]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/**
 * Folds a content line into chunks of at most 75 octets of UTF-8; each continuation starts with a
 * space (which counts). Never splits a character: a multi-byte one moves to the next line whole.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
