// A strict checker for the RRULE strings authors write in activities.json. Calendar software is
// lenient (it skips or guesses at what it does not understand), so a typo would silently change a
// schedule; this checker names every problem instead, in words an author can act on. The last word
// is the recurrence engine's own reader: whatever passes here, the kiosk can expand.
import { parseRule, RuleError } from '../recurrence';
import { isRealDateTime } from './formats';

const SUPPORTED_FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type PartChecker = (value: string, parts: ReadonlyMap<string, string>) => string | undefined;

const PART_CHECKERS: Record<string, PartChecker> = {
  FREQ: checkFrequency,
  INTERVAL: (value) => checkPositiveInteger('INTERVAL', value),
  COUNT: (value) => checkPositiveInteger('COUNT', value),
  UNTIL: checkUntil,
  BYDAY: checkByDay,
  BYMONTHDAY: (value) => checkIntegerList('BYMONTHDAY', value, 31, true),
  BYYEARDAY: (value) => checkIntegerList('BYYEARDAY', value, 366, true),
  BYWEEKNO: (value) => checkIntegerList('BYWEEKNO', value, 53, true),
  BYMONTH: (value) => checkIntegerList('BYMONTH', value, 12, false),
  BYSETPOS: (value) => checkIntegerList('BYSETPOS', value, 366, true),
  BYHOUR: (value) => checkRangeList('BYHOUR', value, 0, 23),
  BYMINUTE: (value) => checkRangeList('BYMINUTE', value, 0, 59),
  BYSECOND: () => 'BYSECOND is not supported: the kiosk schedules to the minute',
  WKST: (value) => (WEEKDAYS.includes(value) ? undefined : `WKST must be one of ${WEEKDAYS.join(', ')}, not \`${value}\``),
};

/**
 * Every problem in an RRULE value (without the "RRULE:" prefix), as sentences; empty when the
 * rule is well-formed and something the kiosk can schedule.
 */
export function rruleProblems(rule: string): string[] {
  if (rule.trim() === '') return ['the rule is empty; leave `rrule` out for a one-off session'];
  if (/^RRULE:/i.test(rule)) return ['write the rule without the `RRULE:` prefix'];
  const { parts, problems } = splitParts(rule);
  if (!parts.has('FREQ')) problems.push('FREQ is required, e.g. FREQ=WEEKLY');
  if (parts.has('COUNT') && parts.has('UNTIL')) problems.push('use COUNT or UNTIL, not both');
  for (const [name, value] of parts) {
    const problem = PART_CHECKERS[name]?.(value, parts);
    if (problem) problems.push(problem);
  }
  problems.push(...combinationProblems(parts));
  if (problems.length === 0) {
    try {
      parseRule(rule);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      problems.push(error.message);
    }
  }
  return problems;
}

function splitParts(rule: string): { parts: Map<string, string>; problems: string[] } {
  const parts = new Map<string, string>();
  const problems: string[] = [];
  for (const part of rule.split(';')) {
    const match = /^([^=]*)=(.*)$/.exec(part);
    if (!match) {
      problems.push(`\`${part}\` is not a NAME=VALUE part`);
      continue;
    }
    const [, name = '', value = ''] = match;
    if (!(name in PART_CHECKERS)) problems.push(`unknown part \`${name}\` (parts are upper-case, e.g. FREQ, BYDAY, UNTIL)`);
    else if (parts.has(name)) problems.push(`${name} is given twice`);
    else if (value === '') problems.push(`${name} has no value`);
    else parts.set(name, value);
  }
  return { parts, problems };
}

function checkFrequency(value: string): string | undefined {
  if (SUPPORTED_FREQUENCIES.includes(value)) return undefined;
  if (value === 'SECONDLY') return 'FREQ=SECONDLY is not supported: the kiosk schedules to the minute';
  return `FREQ must be one of ${SUPPORTED_FREQUENCIES.join(', ')}, not \`${value}\``;
}

function checkPositiveInteger(name: string, value: string): string | undefined {
  return /^[1-9]\d*$/.test(value) ? undefined : `${name} must be a positive whole number, not \`${value}\``;
}

function checkUntil(value: string): string | undefined {
  // A local UNTIL is site wall-clock time, like the schedule; RFC 5545 asks for UTC ("Z") when the
  // start has a time zone, which the site's start has, so both are accepted.
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  if (!match) return `UNTIL must be a date like 20261231 or a date-time like 20261231T170000 (site time) or 20261231T160000Z (UTC), not \`${value}\``;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  return isRealDateTime(`${year}-${month}-${day}T${hour}:${minute}:${second}`) ? undefined : `UNTIL \`${value}\` is not a real date or time`;
}

function checkByDay(value: string, parts: ReadonlyMap<string, string>): string | undefined {
  const frequency = parts.get('FREQ');
  for (const token of value.split(',')) {
    const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(token);
    const ordinal = match?.[1] === undefined ? undefined : Number(match[1]);
    if (!match || !WEEKDAYS.includes(match[2] ?? '') || ordinal === 0) {
      return `BYDAY value \`${token}\` is not a weekday like MO, 2SA or -1FR`;
    }
    if (ordinal !== undefined && frequency !== 'MONTHLY' && frequency !== 'YEARLY') {
      return `BYDAY \`${token}\`: a number before the weekday only works with FREQ=MONTHLY or FREQ=YEARLY`;
    }
  }
  return undefined;
}

/** A comma-separated list of non-zero integers within ±max (or 1..max when negatives make no sense). */
function checkIntegerList(name: string, value: string, max: number, allowNegative: boolean): string | undefined {
  const range = allowNegative ? `1 to ${max} or -${max} to -1` : `1 to ${max}`;
  for (const token of value.split(',')) {
    const number = /^[+-]?\d+$/.test(token) ? Number(token) : NaN;
    if (Number.isNaN(number) || number === 0 || Math.abs(number) > max || (!allowNegative && number < 0)) {
      return `${name} value \`${token}\` must be a whole number from ${range}`;
    }
  }
  return undefined;
}

function checkRangeList(name: string, value: string, min: number, max: number): string | undefined {
  for (const token of value.split(',')) {
    const number = /^\d+$/.test(token) ? Number(token) : NaN;
    if (Number.isNaN(number) || number < min || number > max) return `${name} value \`${token}\` must be a whole number from ${min} to ${max}`;
  }
  return undefined;
}

/** RFC 5545 rules about which parts may appear together. */
function combinationProblems(parts: ReadonlyMap<string, string>): string[] {
  const frequency = parts.get('FREQ');
  const problems: string[] = [];
  if (parts.has('BYMONTHDAY') && frequency === 'WEEKLY') problems.push('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  if (parts.has('BYYEARDAY') && (frequency === 'DAILY' || frequency === 'WEEKLY' || frequency === 'MONTHLY')) problems.push(`BYYEARDAY cannot be used with FREQ=${frequency}`);
  if (parts.has('BYWEEKNO') && frequency !== 'YEARLY') problems.push('BYWEEKNO only works with FREQ=YEARLY');
  const hasOtherByPart = [...parts.keys()].some((name) => name.startsWith('BY') && name !== 'BYSETPOS');
  if (parts.has('BYSETPOS') && !hasOtherByPart) problems.push('BYSETPOS needs another BY… part to pick from, e.g. BYDAY=SA;BYSETPOS=2');
  return problems;
}
