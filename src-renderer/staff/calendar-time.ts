// The staff timeline (@event-calendar/core) works in "floating" wall-clock time: it reads an ISO
// string without an offset as a wall-clock time and never looks at a zone. We hand it SITE wall-clock
// times, so the grid shows Brussels hours whatever zone the PC runs in, and we turn its answers back
// into instants with Temporal. Its callbacks also hand out Date objects in the PC's zone; those are
// lossy in the PC's DST gap, so we never read them: a drop is our own wall-clock time plus its delta.
import { Temporal } from 'temporal-polyfill';
import { instantToLocal, localDateTimeToInstant } from '../core/schedule';

/** A site wall-clock date-time "YYYY-MM-DDTHH:mm". */
export type Floating = string;

/** An instant as the wall-clock time the calendar should show. */
export function toFloating(ms: number, timeZone: string): Floating {
  return instantToLocal(ms, timeZone);
}

/**
 * The instant of a calendar wall-clock time ("YYYY-MM-DDTHH:mm[:ss]", as its `startStr` gives it).
 * In the spring-forward gap the time moves forward, in the autumn fold the earlier instant wins.
 */
export function fromFloating(local: string, timeZone: string): number {
  return localDateTimeToInstant(local.slice(0, 16), timeZone);
}

/** The calendar's own duration shape (`delta`, `startDelta`, `endDelta` of its callbacks). */
export interface CalendarDelta {
  years: number;
  months: number;
  days: number;
  seconds: number;
}

/** An instant moved by a calendar delta on the site's wall clock: dragging 18:00 one day on lands at 18:00. */
export function shiftInstant(ms: number, delta: CalendarDelta, timeZone: string): number {
  const local = Temporal.PlainDateTime.from(toFloating(ms, timeZone)).add({ years: delta.years, months: delta.months, days: delta.days }).add({ seconds: delta.seconds });
  return fromFloating(local.toString({ smallestUnit: 'minute' }), timeZone);
}

/** A local date `days` later ("YYYY-MM-DD"). */
export function addDays(day: string, days: number): string {
  return Temporal.PlainDate.from(day).add({ days }).toString();
}

/** The Monday of the week holding `day`: weeks on the timeline run Monday to Sunday, as in Belgium. */
export function mondayOf(day: string): string {
  const date = Temporal.PlainDate.from(day);
  return date.subtract({ days: date.dayOfWeek - 1 }).toString();
}

/** The instants [from, to) of `days` whole local days from `day`: 23 or 25 hours on a DST day. */
export function localDaysRange(day: string, days: number, timeZone: string): { from: number; to: number } {
  const first = Temporal.PlainDate.from(day);
  return {
    from: first.toZonedDateTime(timeZone).epochMilliseconds,
    to: first.add({ days }).toZonedDateTime(timeZone).epochMilliseconds,
  };
}

/** An instant from a date field and a time field in site time, or undefined when either is empty or malformed. */
export function instantFromFields(date: string, time: string, timeZone: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return undefined;
  try {
    return localDateTimeToInstant(`${date}T${time}`, timeZone);
  } catch {
    return undefined;
  }
}
