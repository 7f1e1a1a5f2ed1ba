// A space's booking rules laid out on the site's local calendar: for each local day, the slot grid,
// the open hours and any closure, all as UTC instants. Rules speak wall-clock time ("open 18:00–22:00,
// 30-minute slots from midnight"); bookings are instants. Temporal converts between them, once per
// day and not once per question, so a month of candidate slots is checked with plain arithmetic.
import { Temporal } from 'temporal-polyfill';
import { WEEKDAYS, type BookingRules, type Closure, type Site, type TimeRange, type Weekday } from '../model';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A slot boundary on the local grid: local midnight + k · slotMinutes, as it exists that day. */
export interface GridPoint {
  at: number;
  /** Local wall-clock time, "HH:mm". */
  time: string;
  /** UTC offset at that instant, e.g. "+02:00": tells the two 02:30s of an autumn night apart. */
  offset: string;
}

export interface OpenSpan {
  from: number;
  to: number;
  range: TimeRange;
}

export interface DayFrame {
  /** Local date, "YYYY-MM-DD". */
  day: string;
  /** Days since 1970-01-01 of the local date (calendar arithmetic, no zone involved). */
  epochDay: number;
  weekday: Weekday;
  /** First instant of the local day and of the next one: a DST day is 23 or 25 hours long. */
  start: number;
  end: number;
  /** Grid points that exist that day, by instant: the spring gap has none, the autumn fold has two per time. */
  grid: GridPoint[];
  gridAt: ReadonlyMap<number, GridPoint>;
  open: OpenSpan[];
  /** The first closure (space's, then site's) that covers the day. */
  closure?: Closure;
}

/** Local days of a space's calendar, built on demand and kept, so repeated questions cost no Temporal work. */
export class SpaceCalendar {
  readonly #frames = new Map<string, DayFrame>();
  /** The same frames sorted by start, to find the day of an instant by binary search. */
  readonly #sorted: DayFrame[] = [];

  constructor(
    readonly rules: BookingRules,
    readonly site: Site,
  ) {}

  get timeZone(): string {
    return this.site.timeZone;
  }

  frame(day: string): DayFrame {
    let frame = this.#frames.get(day);
    if (!frame) {
      frame = buildFrame(Temporal.PlainDate.from(day), this.rules, this.site);
      this.#frames.set(day, frame);
      this.#sorted.splice(this.#insertionIndex(frame.start), 0, frame);
    }
    return frame;
  }

  /** The local day holding an instant. */
  frameAt(ms: number): DayFrame {
    const index = this.#insertionIndex(ms + 1) - 1;
    const candidate = this.#sorted[index];
    if (candidate && ms >= candidate.start && ms < candidate.end) return candidate;
    return this.frame(localDay(ms, this.site.timeZone));
  }

  /** Local days from the one holding `ms`, `count` of them. */
  daysFrom(ms: number, count: number): string[] {
    const first = Temporal.PlainDate.from(localDay(ms, this.site.timeZone));
    return Array.from({ length: count }, (_, i) => first.add({ days: i }).toString());
  }

  /** Index of the first frame starting after `ms` - 1, i.e. where a frame starting at `ms` belongs. */
  #insertionIndex(ms: number): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#sorted[mid]?.start ?? Infinity) < ms) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

export function localDay(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

export function epochDayOf(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

function buildFrame(date: Temporal.PlainDate, rules: BookingRules, site: Site): DayFrame {
  const timeZone = site.timeZone;
  const dayStart = date.toZonedDateTime(timeZone);
  const nextStart = date.add({ days: 1 }).toZonedDateTime(timeZone);
  const end = nextStart.epochMilliseconds;
  // Most days keep one offset from midnight to midnight: then local minute m is simply start + m.
  // (Comparing the two midnights is far cheaper than asking Temporal for the next transition.)
  const steady = end - dayStart.epochMilliseconds === DAY_MS && nextStart.offsetNanoseconds === dayStart.offsetNanoseconds;
  const midnightExists = dayStart.hour === 0 && dayStart.minute === 0;
  const atMinute = (minutes: number): number[] =>
    steady && midnightExists ? [dayStart.epochMilliseconds + minutes * MINUTE_MS] : instantsOf(date, minutes, timeZone);

  const grid: GridPoint[] = [];
  for (let minutes = 0; minutes < 1440; minutes += rules.slotMinutes) {
    for (const at of atMinute(minutes)) {
      grid.push({ at, time: hhmm(minutes), offset: steady ? dayStart.offset : offsetAt(at, timeZone) });
    }
  }
  grid.sort((a, b) => a.at - b.at);

  const weekday = WEEKDAYS[date.dayOfWeek - 1] as Weekday;
  const open = (rules.openingHours[weekday] ?? []).map((range): OpenSpan => {
    const from = compatibleInstant(date, minutesOf(range.from), timeZone, steady && midnightExists ? dayStart.epochMilliseconds : undefined);
    const to = range.to === '24:00' ? end : compatibleInstant(date, minutesOf(range.to), timeZone, steady && midnightExists ? dayStart.epochMilliseconds : undefined);
    return { from, to, range };
  });

  const day = date.toString();
  const closure = [...rules.closures, ...site.closures].find((c) => c.from <= day && day <= c.until);
  return {
    day,
    epochDay: epochDayOf(day),
    weekday,
    start: dayStart.epochMilliseconds,
    end,
    grid,
    gridAt: new Map(grid.map((point) => [point.at, point])),
    open,
    ...(closure ? { closure } : {}),
  };
}

/** Every instant at which a local time occurs that day: none in a spring gap, two in an autumn fold. */
function instantsOf(date: Temporal.PlainDate, minutes: number, timeZone: string): number[] {
  const local = date.toPlainDateTime(Temporal.PlainTime.from({ hour: Math.floor(minutes / 60), minute: minutes % 60 }));
  const earlier = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (!earlier.toPlainDateTime().equals(local)) return [];
  const later = local.toZonedDateTime(timeZone, { disambiguation: 'later' });
  return later.epochMilliseconds === earlier.epochMilliseconds ? [earlier.epochMilliseconds] : [earlier.epochMilliseconds, later.epochMilliseconds];
}

/** An opening or closing time as an instant: a time in the gap moves forward, a time in the fold takes the earlier instant. */
function compatibleInstant(date: Temporal.PlainDate, minutes: number, timeZone: string, steadyMidnight: number | undefined): number {
  if (steadyMidnight !== undefined) return steadyMidnight + minutes * MINUTE_MS;
  const local = date.toPlainDateTime(Temporal.PlainTime.from({ hour: Math.floor(minutes / 60), minute: minutes % 60 }));
  return local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function offsetAt(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).offset;
}

export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
