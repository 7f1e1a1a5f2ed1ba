// The RFC 5545 recurrence engine (§3.3.10): it turns an RRULE and a first start into the starts of
// the series, in floating time (a wall-clock date-time counted as if it were UTC milliseconds), so
// it needs no time-zone database and no Date objects in its loops. Time zones stay with the caller,
// which says which wall-clock times do not exist (a spring-forward gap: skipped and not counted)
// and when UNTIL has passed (UNTIL in UTC is an instant, not a wall-clock time).
//
// The shape follows python-dateutil's rrule: each period of FREQ (a year, a month, a week, a day)
// yields a set of days, BYMONTH…BYDAY expand or limit it as RFC 5545's table says, BYHOUR and
// BYMINUTE give the times of each day, BYSETPOS picks from the period's set. HOURLY and MINUTELY
// run day by day, so no rule costs more than one step per day of the window.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Beyond this year nothing is generated: a rule that never matches stops here at the latest. */
const LAST_YEAR = 9999;

export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY' | 'MINUTELY';
const FREQUENCIES: readonly Frequency[] = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'];
/** Weekday codes in the engine's order: 0 = Monday … 6 = Sunday. */
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface WeekdayRule {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** The nth (1, 2, …) or nth-last (-1, -2, …) such weekday of the month or year; undefined for every one. */
  ordinal?: number;
}

/** UNTIL as written: a date (through that day), a wall-clock date-time, or a UTC instant. */
export type Until = { kind: 'date'; floating: number } | { kind: 'local'; floating: number } | { kind: 'utc'; instant: number };

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: Until;
  /** 0 = Monday … 6 = Sunday; Monday when the rule does not say. */
  weekStart: number;
  byMonth?: number[];
  byWeekNo?: number[];
  byYearDay?: number[];
  byMonthDay?: number[];
  byDay?: WeekdayRule[];
  byHour?: number[];
  byMinute?: number[];
  bySetPos?: number[];
}

/** A rule the engine cannot expand, with the reason in words an author can act on. */
export class RuleError extends Error {
  override name = 'RuleError';
}

/**
 * Reads an RRULE value (without "RRULE:"). Lenient about what calendars write (case, spaces
 * around values, unknown X- parts) and strict about meaning: every rule it returns expands, and
 * everything it cannot expand throws a RuleError that says why.
 */
export function parseRule(text: string): RecurrenceRule {
  const parts = new Map<string, string>();
  for (const raw of text.split(';')) {
    if (raw.trim() === '') continue;
    const equals = raw.indexOf('=');
    if (equals < 0) throw new RuleError(`\`${raw.trim()}\` is not a NAME=VALUE part`);
    const name = raw.slice(0, equals).trim().toUpperCase();
    const value = raw.slice(equals + 1).replace(/\s+/g, '').toUpperCase();
    if (parts.has(name)) throw new RuleError(`${name} is given twice`);
    parts.set(name, value);
  }
  const freqText = parts.get('FREQ');
  if (freqText === undefined) throw new RuleError('FREQ is required, e.g. FREQ=WEEKLY');
  if (freqText === 'SECONDLY') throw new RuleError('FREQ=SECONDLY is not supported: the kiosk schedules to the minute');
  const freq = FREQUENCIES.find((candidate) => candidate === freqText);
  if (!freq) throw new RuleError(`FREQ must be one of ${FREQUENCIES.join(', ')}, not \`${freqText}\``);
  if (parts.has('BYSECOND')) throw new RuleError('BYSECOND is not supported: the kiosk schedules to the minute');
  if (parts.has('COUNT') && parts.has('UNTIL')) throw new RuleError('use COUNT or UNTIL, not both');

  const rule: RecurrenceRule = { freq, interval: 1, weekStart: 0 };
  const interval = parts.get('INTERVAL');
  if (interval !== undefined) rule.interval = positiveInteger('INTERVAL', interval);
  const count = parts.get('COUNT');
  if (count !== undefined) rule.count = positiveInteger('COUNT', count);
  const until = parts.get('UNTIL');
  if (until !== undefined) rule.until = parseUntil(until);
  const weekStart = parts.get('WKST');
  if (weekStart !== undefined) rule.weekStart = weekdayIndex('WKST', weekStart);
  const list = (name: string, min: number, max: number, negative: boolean): number[] | undefined => {
    const value = parts.get(name);
    return value === undefined ? undefined : integerList(name, value, min, max, negative);
  };
  const byMonth = list('BYMONTH', 1, 12, false);
  const byWeekNo = list('BYWEEKNO', 1, 53, true);
  const byYearDay = list('BYYEARDAY', 1, 366, true);
  const byMonthDay = list('BYMONTHDAY', 1, 31, true);
  const byHour = list('BYHOUR', 0, 23, false);
  const byMinute = list('BYMINUTE', 0, 59, false);
  const bySetPos = list('BYSETPOS', 1, 366, true);
  const byDayText = parts.get('BYDAY');
  const byDay = byDayText === undefined ? undefined : byDayText.split(',').map((token) => weekdayRule(token, freq));
  if (byMonth) rule.byMonth = byMonth;
  if (byWeekNo) rule.byWeekNo = byWeekNo;
  if (byYearDay) rule.byYearDay = byYearDay;
  if (byMonthDay) rule.byMonthDay = byMonthDay;
  if (byDay) rule.byDay = byDay;
  if (byHour) rule.byHour = byHour;
  if (byMinute) rule.byMinute = byMinute;
  if (bySetPos) rule.bySetPos = bySetPos;

  // RFC 5545 §3.3.10: which BY parts go with which FREQ.
  if (byWeekNo && freq !== 'YEARLY') throw new RuleError('BYWEEKNO only works with FREQ=YEARLY');
  if (byYearDay && (freq === 'DAILY' || freq === 'WEEKLY' || freq === 'MONTHLY')) throw new RuleError(`BYYEARDAY cannot be used with FREQ=${freq}`);
  if (byMonthDay && freq === 'WEEKLY') throw new RuleError('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  if (byWeekNo && byDay?.some((day) => day.ordinal !== undefined)) throw new RuleError('with BYWEEKNO, BYDAY takes plain weekdays (MO, not 1MO)');
  if (bySetPos && (freq === 'HOURLY' || freq === 'MINUTELY')) throw new RuleError(`BYSETPOS cannot be used with FREQ=${freq}`);
  if (bySetPos && !byMonth && !byWeekNo && !byYearDay && !byMonthDay && !byDay && !byHour && !byMinute) {
    throw new RuleError('BYSETPOS needs another BY… part to pick from, e.g. BYDAY=SA;BYSETPOS=2');
  }
  for (const name of parts.keys()) {
    if (!KNOWN_PARTS.has(name) && !name.startsWith('X-')) throw new RuleError(`unknown part \`${name}\``);
  }
  return rule;
}

const KNOWN_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST', 'BYMONTH', 'BYWEEKNO', 'BYYEARDAY', 'BYMONTHDAY', 'BYDAY', 'BYHOUR', 'BYMINUTE', 'BYSETPOS']);

function positiveInteger(name: string, value: string): number {
  if (!/^\+?[1-9]\d{0,8}$/.test(value)) throw new RuleError(`${name} must be a positive whole number, not \`${value}\``);
  return Number(value);
}

function weekdayIndex(name: string, value: string): number {
  const index = WEEKDAY_CODES.indexOf(value as (typeof WEEKDAY_CODES)[number]);
  if (index < 0) throw new RuleError(`${name} must be one of ${WEEKDAY_CODES.join(', ')}, not \`${value}\``);
  return index;
}

function integerList(name: string, value: string, min: number, max: number, negative: boolean): number[] {
  const numbers = value.split(',').map((token) => {
    const number = /^[+-]?\d{1,3}$/.test(token) ? Number(token) : NaN;
    const magnitude = Math.abs(number);
    if (Number.isNaN(number) || magnitude < min || magnitude > max || (number < 0 && !negative) || (number === 0 && min > 0)) {
      const range = negative ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
      throw new RuleError(`${name} value \`${token}\` must be a whole number from ${range}`);
    }
    return number;
  });
  return [...new Set(numbers)].sort((a, b) => a - b);
}

function weekdayRule(token: string, freq: Frequency): WeekdayRule {
  const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(token);
  const weekday = WEEKDAY_CODES.indexOf((match?.[2] ?? '') as (typeof WEEKDAY_CODES)[number]);
  if (!match || weekday < 0) throw new RuleError(`BYDAY value \`${token}\` is not a weekday like MO, 2SA or -1FR`);
  if (match[1] === undefined) return { weekday };
  const ordinal = Number(match[1]);
  if (freq !== 'MONTHLY' && freq !== 'YEARLY') throw new RuleError(`BYDAY \`${token}\`: a number before the weekday only works with FREQ=MONTHLY or FREQ=YEARLY`);
  const most = freq === 'MONTHLY' ? 5 : 53;
  if (ordinal === 0 || Math.abs(ordinal) > most) {
    throw new RuleError(`BYDAY \`${token}\`: a ${freq === 'MONTHLY' ? 'month' : 'year'} has at most ${most} of each weekday, so the number must be 1 to ${most} or -1 to -${most}`);
  }
  return { weekday, ordinal };
}

function parseUntil(value: string): Until {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!match) throw new RuleError(`UNTIL must be a date like 20261231 or a date-time like 20261231T170000 or 20261231T160000Z, not \`${value}\``);
  const [, year, month, day, hour, minute, second, utc] = match;
  const floating = floatingFromParts(Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0));
  const parts = new Date(floating);
  const real =
    parts.getUTCFullYear() === Number(year) && parts.getUTCMonth() + 1 === Number(month) && parts.getUTCDate() === Number(day) && Number(hour ?? 0) < 24 && Number(minute ?? 0) < 60 && Number(second ?? 0) < 60;
  if (!real) throw new RuleError(`UNTIL \`${value}\` is not a real date or time`);
  if (hour === undefined) return { kind: 'date', floating };
  return utc ? { kind: 'utc', instant: floating } : { kind: 'local', floating };
}

export interface ExpandOptions {
  /** Starts before this (floating ms) are not returned; without COUNT the engine skips ahead to it. */
  from?: number;
  /** Nothing after this (floating ms) is generated. */
  through: number;
  /** False for a wall-clock time that does not exist (a spring-forward gap): skipped, not counted. */
  exists?: (floating: number) => boolean;
  /** Whether a start lies past a UTC UNTIL; required to honour one (the engine knows no zones). */
  isAfterUtcUntil?: (floating: number, untilInstant: number) => boolean;
  /**
   * RFC 5545: the first start is always the first instance, whether or not the rule yields it
   * (`'always'`, the default). python-dateutil yields it only when the rule does (`'if-matching'`).
   */
  firstStart?: 'always' | 'if-matching';
  /** Test every day of each period instead of listing the days of a plain weekly or monthly rule (for tests). */
  testEveryDay?: boolean;
}

/** The starts of the series (floating ms, ascending) within [from, through]. */
export function expandRule(rule: RecurrenceRule, start: number, options: ExpandOptions): number[] {
  const starts: number[] = [];
  const from = options.from ?? -Infinity;
  const through = Math.min(options.through, floatingFromParts(LAST_YEAR, 12, 31, 23, 59, 59));
  const exists = options.exists ?? (() => true);
  const untilPassed = untilTest(rule.until, options.isAfterUtcUntil);
  let counted = 0;
  let done = false;
  const emit = (candidate: number, explicit: boolean): void => {
    if (candidate > through || untilPassed(candidate)) {
      done = true;
      return;
    }
    if (!explicit && !exists(candidate)) return;
    counted++;
    if (candidate >= from) starts.push(candidate);
    if (rule.count !== undefined && counted >= rule.count) done = true;
  };
  const always = (options.firstStart ?? 'always') === 'always';
  if (always) emit(start, true);
  if (done) return starts;

  const plan = planOf(rule, start, options.testEveryDay ?? false);
  // Without COUNT nothing before the window matters, so whole periods before it are skipped.
  const skipTo = rule.count === undefined && from > start ? from : start;
  for (const period of plan.periods(skipTo, through)) {
    for (const candidate of period) {
      if (candidate < start || (always && candidate === start)) continue;
      emit(candidate, false);
      if (done) return starts;
    }
    if (done) break;
  }
  return starts;
}

/** Whether the rule itself yields its first start (RFC 5545 counts the first start either way). */
export function ruleYieldsStart(rule: RecurrenceRule, start: number): boolean {
  return expandRule(rule, start, { through: start, firstStart: 'if-matching', isAfterUtcUntil: () => false }).includes(start);
}

function untilTest(until: Until | undefined, isAfterUtcUntil: ExpandOptions['isAfterUtcUntil']): (floating: number) => boolean {
  if (!until) return () => false;
  if (until.kind === 'date') {
    const endOfDay = until.floating + DAY_MS;
    return (floating) => floating >= endOfDay;
  }
  if (until.kind === 'local') return (floating) => floating > until.floating;
  if (!isAfterUtcUntil) throw new Error('a UTC UNTIL needs isAfterUtcUntil');
  return (floating) => isAfterUtcUntil(floating, until.instant);
}

/** The rule with RFC 5545's defaults from the first start filled in, and its periods. */
interface Plan {
  /** Each period's starts, ascending; periods ascending; the first period holds the skip-to point. */
  periods(skipTo: number, through: number): Iterable<number[]>;
}

function planOf(rule: RecurrenceRule, start: number, testEveryDay: boolean): Plan {
  const first = new Date(start);
  const firstDay = Math.floor(start / DAY_MS);
  const firstYear = first.getUTCFullYear();
  const firstMonth = first.getUTCMonth() + 1;
  const secondsOfMinute = start - Math.floor(start / MINUTE_MS) * MINUTE_MS;
  const { freq } = rule;
  let { byMonth, byMonthDay, byDay } = rule;
  const hasDayPart = rule.byWeekNo || rule.byYearDay || byMonthDay || byDay;
  // What the rule leaves open comes from the first start (RFC 5545 §3.3.10, "derived from DTSTART").
  if (!hasDayPart) {
    if (freq === 'YEARLY') {
      byMonth ??= [firstMonth];
      byMonthDay = [first.getUTCDate()];
    } else if (freq === 'MONTHLY') byMonthDay = [first.getUTCDate()];
    else if (freq === 'WEEKLY') byDay = [{ weekday: weekdayOf(firstDay) }];
  }
  const dayMatches = dayFilter({ ...rule, ...(byMonth ? { byMonth } : {}), ...(byMonthDay ? { byMonthDay } : {}), ...(byDay ? { byDay } : {}) });
  const { interval } = rule;

  if (freq === 'HOURLY' || freq === 'MINUTELY') {
    const stepMs = (freq === 'HOURLY' ? HOUR_MS : MINUTE_MS) * interval;
    const hours = rule.byHour ? new Set(rule.byHour) : undefined;
    const minutes = freq === 'HOURLY' ? (rule.byMinute ?? [first.getUTCMinutes()]) : undefined;
    const minuteFilter = freq === 'MINUTELY' && rule.byMinute ? new Set(rule.byMinute) : undefined;
    const stepAnchor = freq === 'HOURLY' ? Math.floor(start / HOUR_MS) * HOUR_MS : start - secondsOfMinute;
    return {
      *periods(skipTo, through) {
        const lastDay = Math.floor(through / DAY_MS);
        for (let day = Math.max(firstDay, Math.floor(skipTo / DAY_MS) - 1); day <= lastDay; day++) {
          if (!dayMatches(day)) {
            yield [];
            continue;
          }
          const dayStart = day * DAY_MS;
          const starts: number[] = [];
          // The first step of the series on or after this day's start.
          let step = stepAnchor + Math.max(0, Math.ceil((dayStart - stepAnchor) / stepMs)) * stepMs;
          for (; step < dayStart + DAY_MS; step += stepMs) {
            const hour = Math.floor((step - dayStart) / HOUR_MS);
            if (hours && !hours.has(hour)) continue;
            if (minutes) {
              for (const minute of minutes) starts.push(step + minute * MINUTE_MS + secondsOfMinute);
            } else if (!minuteFilter || minuteFilter.has(Math.floor((step - dayStart - hour * HOUR_MS) / MINUTE_MS))) {
              starts.push(step + secondsOfMinute);
            }
          }
          yield starts;
        }
      },
    };
  }

  const hours = rule.byHour ?? [first.getUTCHours()];
  const minutes = rule.byMinute ?? [first.getUTCMinutes()];
  const times = hours.flatMap((hour) => minutes.map((minute) => hour * HOUR_MS + minute * MINUTE_MS + secondsOfMinute)).sort((a, b) => a - b);
  const setPos = rule.bySetPos;
  /** The period's starts; `exact` when the days were chosen by the rule already and need no test. */
  const startsOf = (days: readonly number[], exact = false): number[] => {
    const starts: number[] = [];
    for (const day of days) if (exact || dayMatches(day)) for (const time of times) starts.push(day * DAY_MS + time);
    if (!setPos) return starts;
    const picked = new Set<number>();
    for (const position of setPos) {
      const chosen = starts[position > 0 ? position - 1 : starts.length + position];
      if (chosen !== undefined) picked.add(chosen);
    }
    return [...picked].sort((a, b) => a - b);
  };

  if (freq === 'DAILY') {
    return {
      *periods(skipTo, through) {
        const lastDay = Math.floor(through / DAY_MS);
        const skipped = Math.max(0, Math.floor((Math.floor(skipTo / DAY_MS) - firstDay) / interval) - 1);
        for (let day = firstDay + skipped * interval; day <= lastDay; day += interval) yield startsOf([day]);
      },
    };
  }
  if (freq === 'WEEKLY') {
    const firstWeek = firstDay - ((weekdayOf(firstDay) - rule.weekStart + 7) % 7);
    // Plain weekdays and nothing else (the everyday weekly rule): the days of each week are known.
    const offsets = byDay && !byMonth && !testEveryDay ? [...new Set(byDay.map((day) => (day.weekday - rule.weekStart + 7) % 7))].sort((a, b) => a - b) : undefined;
    return {
      *periods(skipTo, through) {
        const lastDay = Math.floor(through / DAY_MS);
        const skipped = Math.max(0, Math.floor((Math.floor(skipTo / DAY_MS) - firstWeek) / 7 / interval) - 1);
        for (let week = firstWeek + skipped * 7 * interval; week <= lastDay; week += 7 * interval) {
          yield offsets ? startsOf(offsets.map((offset) => week + offset), true) : startsOf([week, week + 1, week + 2, week + 3, week + 4, week + 5, week + 6]);
        }
      },
    };
  }
  if (freq === 'MONTHLY') {
    const firstMonthIndex = firstYear * 12 + firstMonth - 1;
    // The everyday monthly rule ("2SA", "-1FR", "TU") lists its days directly instead of testing every
    // day of the month; the result is the same set (the oracle and corpus tests hold it to that).
    const weekdaysOnly = byDay && !byMonthDay && !rule.byYearDay && !rule.byWeekNo && !testEveryDay ? byDay : undefined;
    return {
      *periods(skipTo, through) {
        const skipDate = new Date(skipTo);
        const throughDate = new Date(through);
        const lastMonth = throughDate.getUTCFullYear() * 12 + throughDate.getUTCMonth();
        const skipped = Math.max(0, Math.floor((skipDate.getUTCFullYear() * 12 + skipDate.getUTCMonth() - firstMonthIndex) / interval) - 1);
        for (let month = firstMonthIndex + skipped * interval; month <= lastMonth; month += interval) {
          const year = Math.floor(month / 12);
          const from = dayNumber(year, (month % 12) + 1, 1);
          const length = daysInMonth(year, (month % 12) + 1);
          if (!weekdaysOnly) yield startsOf(range(from, from + length));
          else if (byMonth && !byMonth.includes((month % 12) + 1)) yield [];
          else yield startsOf(weekdayDaysOfMonth(from, length, weekdaysOnly), true);
        }
      },
    };
  }
  const byWeekNo = rule.byWeekNo;
  return {
    *periods(skipTo, through) {
      // Week 1 of next year can begin in the last days of this one.
      const lastYear = new Date(through + 7 * DAY_MS).getUTCFullYear();
      const skipped = Math.max(0, Math.floor((new Date(skipTo).getUTCFullYear() - firstYear) / interval) - 1);
      for (let year = firstYear + skipped * interval; year <= lastYear; year += interval) {
        if (byWeekNo) {
          yield startsOf(weekNumberDays(year, byWeekNo, rule.weekStart));
          continue;
        }
        const from = dayNumber(year, 1, 1);
        yield startsOf(range(from, dayNumber(year + 1, 1, 1)));
      }
    },
  };
}

/** Whether a day passes BYMONTH, BYYEARDAY, BYMONTHDAY and BYDAY (BYWEEKNO chose the days already). */
function dayFilter(rule: RecurrenceRule): (day: number) => boolean {
  const months = rule.byMonth ? new Set(rule.byMonth) : undefined;
  const yearDays = rule.byYearDay ? new Set(rule.byYearDay) : undefined;
  const monthDays = rule.byMonthDay ? new Set(rule.byMonthDay) : undefined;
  const plainWeekdays = new Set(rule.byDay?.filter((day) => day.ordinal === undefined).map((day) => day.weekday));
  const ordinalWeekdays = rule.byDay?.filter((day) => day.ordinal !== undefined) ?? [];
  const checksWeekday = rule.byDay !== undefined;
  // An ordinal counts within the month for MONTHLY, and for YEARLY with BYMONTH; within the year otherwise.
  const ordinalInMonth = rule.freq === 'MONTHLY' || (rule.freq === 'YEARLY' && rule.byMonth !== undefined);
  const needsDate = months !== undefined || yearDays !== undefined || monthDays !== undefined || ordinalWeekdays.length > 0;
  // The everyday case (plain weekdays, nothing else) needs no calendar date at all.
  if (!needsDate) return checksWeekday ? (day) => plainWeekdays.has(weekdayOf(day)) : () => true;
  return (day) => {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    if (months && !months.has(month)) return false;
    const monthDay = date.getUTCDate();
    const monthLength = daysInMonth(year, month);
    if (monthDays && !monthDays.has(monthDay) && !monthDays.has(monthDay - monthLength - 1)) return false;
    if (yearDays || (ordinalWeekdays.length > 0 && !ordinalInMonth)) {
      const yearIndex = day - dayNumber(year, 1, 1);
      const yearLength = isLeapYear(year) ? 366 : 365;
      if (yearDays && !yearDays.has(yearIndex + 1) && !yearDays.has(yearIndex - yearLength)) return false;
      if (!checksWeekday) return true;
      return matchesWeekday(day, plainWeekdays, ordinalWeekdays, yearIndex, yearLength);
    }
    if (!checksWeekday) return true;
    return matchesWeekday(day, plainWeekdays, ordinalWeekdays, monthDay - 1, monthLength);
  };
}

/** `index` is the day's 0-based position in its month or year, `length` that month's or year's days. */
function matchesWeekday(day: number, plain: ReadonlySet<number>, ordinals: readonly WeekdayRule[], index: number, length: number): boolean {
  const weekday = weekdayOf(day);
  if (plain.has(weekday)) return true;
  if (ordinals.length === 0) return false;
  const fromStart = Math.floor(index / 7) + 1;
  const fromEnd = -(Math.floor((length - 1 - index) / 7) + 1);
  return ordinals.some((rule) => rule.weekday === weekday && (rule.ordinal === fromStart || rule.ordinal === fromEnd));
}

/** The days of a month (first day number, length) that match BYDAY, ordinals counted in the month. */
function weekdayDaysOfMonth(first: number, length: number, byDay: readonly WeekdayRule[]): number[] {
  const days = new Set<number>();
  for (const { weekday, ordinal } of byDay) {
    const firstMatch = first + ((weekday - weekdayOf(first) + 7) % 7);
    const count = Math.floor((first + length - 1 - firstMatch) / 7) + 1;
    if (ordinal === undefined) for (let index = 0; index < count; index++) days.add(firstMatch + 7 * index);
    else {
      const index = ordinal > 0 ? ordinal - 1 : count + ordinal;
      if (index >= 0 && index < count) days.add(firstMatch + 7 * index);
    }
  }
  return [...days].sort((a, b) => a - b);
}

/**
 * The days of the given week numbers of a year (RFC 5545: week 1 is the first week, starting on
 * WKST, with at least four days in the year), which may reach into the years before and after.
 */
function weekNumberDays(year: number, weekNumbers: readonly number[], weekStart: number): number[] {
  const firstWeek = firstWeekStart(year, weekStart);
  const weeks = (firstWeekStart(year + 1, weekStart) - firstWeek) / 7;
  const days = new Set<number>();
  for (const number of weekNumbers) {
    const week = number > 0 ? number : weeks + number + 1;
    if (week < 1 || week > weeks) continue;
    const from = firstWeek + (week - 1) * 7;
    for (let day = from; day < from + 7; day++) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

function firstWeekStart(year: number, weekStart: number): number {
  const january1 = dayNumber(year, 1, 1);
  const firstWeekStartOnOrAfter = january1 + ((weekStart - weekdayOf(january1) + 7) % 7);
  // A week that starts on 5, 6 or 7 January leaves at least four days of the year to the week before it.
  return firstWeekStartOnOrAfter - january1 >= 4 ? firstWeekStartOnOrAfter - 7 : firstWeekStartOnOrAfter;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}

/** 0 = Monday … 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(floatingFromParts(year, month, day, 0, 0, 0) / DAY_MS);
}

/** A wall-clock date-time as floating ms; years 0–99 are years, not 1900–1999. */
export function floatingFromParts(year: number, month: number, day: number, hour: number, minute: number, second = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hour, minute, second, 0);
}
