// An OpenActive provider's offer, read from its RPDE feed (Realtime Paged Data Exchange,
// https://openactive.io/realtime-paged-data-exchange/) and mapped to activities (OpenActive Modelling
// Opportunity Data 2.0). Three steps, all pure: `readRpdePage` checks one fetched page,
// `mergeRpdeItems` applies it to what earlier pages brought (the hub keeps that map as its last good
// copy and fetches the page `nextPageUrl` names until `isLastPage`), and `readOpenActive` turns the
// items the merge holds into activities and their occurrences.
//
// One activity per SessionSeries, CourseInstance, EventSeries, FacilityUse and standalone Event; its
// occurrences are the ScheduledSessions, Slots and sub-events that point at it (as separate feed items
// or embedded), or, without any, the times of a full `Schedule` or the item's own start and end.
// docs/feeds.md ("OpenActive") says what is read and how it maps.
import { Temporal } from 'temporal-polyfill';
import { feedActivityId } from './ids';
import { isKnownZone, type ImportedActivity } from '../ical-import';
import type { Activity, FeedTermMapping, LevelId, Locale, LocalizedText, Occurrence, OccurrenceStatus, PartnerPlace, Price } from '../model';
import { findRefCollisions } from '../path-code';
import { expandRule, parseRule } from '../recurrence';
import { instantToLocal } from '../schedule';
import type { FeedProblem, FeedRead, FeedReadContext } from './types';

// ---------------------------------------------------------------------------------------------
// RPDE pages.

/** RPDE orders items by `modified`: an integer timestamp or change number (a string in older feeds). */
export type RpdeModified = number | string;

export interface RpdeItem {
  state: 'updated' | 'deleted';
  kind: string;
  id: string | number;
  modified: RpdeModified;
  /** The opportunity (JSON-LD); present on every updated item, absent on a deleted one. */
  data?: Record<string, unknown>;
}

export interface RpdePage {
  items: RpdeItem[];
  /** The page to fetch next; on the last page, the URL of the page itself. */
  next: string;
  license?: string;
}

export type RpdePageResult = { ok: true; page: RpdePage } | { ok: false; error: string };

/** More items than this on one page is not a feed a kiosk should read (RPDE pages hold ~500). */
export const MAX_PAGE_ITEMS = 10_000;

/**
 * Checks that a parsed JSON document is an RPDE page and returns it typed. Refuses the whole page on
 * the first problem (a page is one step of the cursor: half a page would skip items for good), with
 * the 1-based number of the item at fault.
 */
export function readRpdePage(json: unknown): RpdePageResult {
  const fail = (error: string): RpdePageResult => ({ ok: false, error: `Not an RPDE page: ${error}` });
  if (!isRecord(json)) return fail(`the document is ${json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`}, not an object with "items" and "next".`);
  if (!Array.isArray(json.items)) return fail(json.items === undefined ? 'it has no "items".' : '"items" must be an array.');
  if (json.items.length > MAX_PAGE_ITEMS) return fail(`it holds ${json.items.length} items, more than ${MAX_PAGE_ITEMS}.`);
  if (typeof json.next !== 'string' || json.next.trim() === '') return fail(json.next === undefined ? 'it has no "next" URL.' : '"next" must be a URL string.');
  if (!isWebUrl(json.next, 'https://base.invalid/')) return fail(`"next" is not an http(s) URL: "${clip(json.next)}".`);
  if (json.license !== undefined && typeof json.license !== 'string') return fail('"license" must be a URL string.');
  const items: RpdeItem[] = [];
  for (const [index, raw] of json.items.entries()) {
    const n = index + 1;
    if (!isRecord(raw)) return fail(`item ${n} is not an object.`);
    if (raw.state !== 'updated' && raw.state !== 'deleted') return fail(raw.state === undefined ? `item ${n} has no state.` : `item ${n} has state "${clip(String(raw.state))}"; it must be "updated" or "deleted".`);
    if (typeof raw.kind !== 'string' || raw.kind.trim() === '') return fail(`item ${n} has no kind.`);
    if (!((typeof raw.id === 'string' && raw.id !== '') || (typeof raw.id === 'number' && Number.isFinite(raw.id)))) return fail(raw.id === undefined ? `item ${n} has no id.` : `item ${n} has an id that is neither a string nor a number.`);
    if (!((typeof raw.modified === 'number' && Number.isFinite(raw.modified)) || (typeof raw.modified === 'string' && raw.modified !== ''))) {
      return fail(raw.modified === undefined ? `item ${n} (id ${raw.id}) has no modified.` : `item ${n} (id ${raw.id}) has a modified that is neither a number nor a string.`);
    }
    const item: RpdeItem = { state: raw.state, kind: raw.kind, id: raw.id, modified: raw.modified };
    if (raw.state === 'updated') {
      if (!isRecord(raw.data)) return fail(`item ${n} (id ${raw.id}) is "updated" but has no data object.`);
      item.data = raw.data;
    }
    items.push(item);
  }
  return { ok: true, page: { items, next: json.next, ...(typeof json.license === 'string' ? { license: json.license } : {}) } };
}

export type OpenActiveDocumentResult = { ok: true; items: RpdeItem[]; page?: RpdePage } | { ok: false; error: string };

/**
 * Reads a saved OpenActive export (a feed's `file`): an RPDE page, or one opportunity on its own
 * (JSON-LD with an "@type", as OpenActive's tutorials write them), which becomes a single item.
 */
export function readOpenActiveDocument(json: unknown): OpenActiveDocumentResult {
  if (isRecord(json) && json.items === undefined && typeof json['@type'] === 'string') {
    const id = idOf(json) ?? (typeof json.identifier === 'string' || typeof json.identifier === 'number' ? String(json.identifier) : typeof json.url === 'string' ? json.url : 'item');
    return { ok: true, items: [{ state: 'updated', kind: typeOf(json), id, modified: 0, data: json }] };
  }
  const result = readRpdePage(json);
  return result.ok ? { ok: true, items: result.page.items, page: result.page } : result;
}

/** A map as `mergeRpdeItems` keeps it, rebuilt from its stored values (the hub's last good copy). */
export function rpdeItemMap(items: Iterable<RpdeItem>): Map<string, RpdeItem> {
  return new Map([...items].map((item) => [rpdeKey(item), item]));
}

/** The key RPDE identifies an item by: its kind and its id (the id alone may repeat across kinds). */
export function rpdeKey(item: Pick<RpdeItem, 'kind' | 'id'>): string {
  return `${item.kind}\u0000${String(item.id)}`;
}

/**
 * Orders two `modified` values as RPDE does: integers (or strings of digits, which may exceed 2^53)
 * by value, anything else as text. Negative when `a` is older.
 */
export function compareModified(a: RpdeModified, b: RpdeModified): number {
  const asInteger = (value: RpdeModified): bigint | undefined => {
    if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : undefined;
    return /^-?\d+$/.test(value.trim()) ? BigInt(value.trim()) : undefined;
  };
  const x = asInteger(a);
  const y = asInteger(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Applies a page to the items read so far, as an RPDE consumer does: an item replaces the stored one
 * of the same kind and id unless the stored one is newer (a page fetched out of order cannot roll an
 * item back). A deleted item stays as a tombstone (state "deleted", no data), so an older copy that
 * arrives later is recognised as older and ignored; `readOpenActive` skips tombstones. The input map
 * is not changed.
 */
export function mergeRpdeItems(current: ReadonlyMap<string, RpdeItem>, page: RpdePage): Map<string, RpdeItem> {
  const merged = new Map(current);
  for (const item of page.items) {
    const key = rpdeKey(item);
    const stored = merged.get(key);
    if (stored && compareModified(item.modified, stored.modified) < 0) continue;
    merged.set(key, item.state === 'deleted' ? { state: 'deleted', kind: item.kind, id: item.id, modified: item.modified } : item);
  }
  return merged;
}

/** The absolute URL of the page after this one (RPDE asks for absolute URLs; a relative one is resolved). */
export function nextPageUrl(page: RpdePage, requestedUrl: string): string {
  return new URL(page.next, requestedUrl).href;
}

/**
 * RPDE's end of the feed: a page without items whose `next` is the page's own URL. The hub stores
 * that URL and asks it again at the next refresh, which returns only what changed since.
 */
export function isLastPage(page: RpdePage, requestedUrl: string): boolean {
  if (page.items.length > 0) return false;
  try {
    return nextPageUrl(page, requestedUrl) === new URL(requestedUrl).href;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Items → activities.

type Rec = Record<string, unknown>;

/** A session without an end, duration or schedule length: the kiosk needs some length to show. */
const DEFAULT_MINUTES = 60;
const MAX_OCCURRENCES = 5_000;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Types that are one activity each. */
const PARENT_TYPES = new Set(['SessionSeries', 'CourseInstance', 'EventSeries', 'FacilityUse', 'IndividualFacilityUse', 'HeadlineEvent', 'Event', 'Course']);
/** Types that are one occurrence of a parent. */
const CHILD_TYPES = new Set(['ScheduledSession', 'Slot', 'Event']);
/** Types whose own startDate is an occurrence when nothing else gives one (a series' dates are only its range). */
const SELF_OCCURRING = new Set(['Event', 'CourseInstance', 'ScheduledSession', 'HeadlineEvent']);

/**
 * The built-in level of an item by its type, when no term places it: sessions and courses are done
 * together, a facility you hire is used on your own. Events (talks, rides, matches) take the feed's
 * `level` (default see-do). A feed's `terms` keyed by a type name ("FacilityUse") overrides this.
 */
export const OPENACTIVE_TYPE_LEVELS: Readonly<Record<string, LevelId>> = {
  SessionSeries: 'do-together',
  ScheduledSession: 'do-together',
  CourseInstance: 'do-together',
  Course: 'do-together',
  FacilityUse: 'do-yourself',
  IndividualFacilityUse: 'do-yourself',
  Slot: 'do-yourself',
};

/** The stable activity id of a feed's item: `<feed id>-<16 hex digits of the source id>`. */
export { feedActivityId };

interface Child {
  data: Rec;
  /** A feed item of its own (newer than a copy embedded in its parent). */
  own: boolean;
}

interface Group {
  key: string;
  /** The parent as a feed item of its own. */
  parent?: Rec;
  /** The parent as a child embedded it (`superEvent` object), used when the feed has no item for it. */
  embedded?: Rec;
  children: Child[];
}

interface Span {
  start: number;
  end: number;
  status?: OccurrenceStatus;
  full?: boolean;
}

/**
 * Maps the current items of an OpenActive feed (the values of the merged map; tombstones are skipped)
 * to activities. An item left out is listed in `problems` with the reason; items whose sessions all
 * fall outside [from, from + days) are only counted (`outside`), so a feed's history is no noise.
 */
export function readOpenActive(items: readonly RpdeItem[], ctx: FeedReadContext): FeedRead {
  const live = items.filter((item): item is RpdeItem & { data: Rec } => item.state === 'updated' && isRecord(item.data));
  const problems: FeedProblem[] = [];
  const window = { from: ctx.from, to: ctx.from + ctx.days * DAY_MS };

  // Everything an @id can point at: feed items, and the individual facilities inside a FacilityUse.
  const byId = new Map<string, Rec>();
  const facilityOf = new Map<string, string>();
  for (const { data } of live) {
    const id = idOf(data);
    if (id) byId.set(id, data);
    if (typeOf(data) === 'FacilityUse' && id) {
      for (const individual of records(data.individualFacilityUse)) {
        const individualId = idOf(individual);
        if (individualId) facilityOf.set(individualId, id);
      }
    }
  }

  const groups = new Map<string, Group>();
  const groupOf = (key: string): Group => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, children: [] }));
    return group;
  };
  for (const item of live) {
    const { data } = item;
    const type = typeOf(data);
    const reference = type === 'Slot' ? data.facilityUse : data.superEvent;
    const parentId = typeof reference === 'string' ? reference : isRecord(reference) ? idOf(reference) : undefined;
    if (CHILD_TYPES.has(type) && (parentId || isRecord(reference))) {
      const key = parentId ? (facilityOf.get(parentId) ?? parentId) : `${sourceKey(item)}#superEvent`;
      const group = groupOf(key);
      group.children.push({ data, own: true });
      if (isRecord(reference) && !group.embedded) group.embedded = reference;
      continue;
    }
    if (type === 'Slot') {
      problems.push({ id: idOf(data) ?? String(item.id), message: 'the slot names no facilityUse, so it belongs to no facility.' });
      continue;
    }
    if (type === 'OnDemandEvent') {
      problems.push({ id: idOf(data) ?? String(item.id), ...titleOf(data), message: 'it is an on-demand (video) event: it has no time or place to go to.' });
      continue;
    }
    // A Place is no offer; items point at it by @id as their location.
    if (type === 'Place') continue;
    if (!PARENT_TYPES.has(type) && !CHILD_TYPES.has(type)) {
      problems.push({ id: idOf(data) ?? String(item.id), ...titleOf(data), message: `items of type "${clip(type || item.kind)}" are not read (only sessions, courses, events and facility slots).` });
      continue;
    }
    const group = groupOf(idOf(data) ?? sourceKey(item));
    group.parent = data;
    for (const sub of records(data.subEvent)) group.children.push({ data: sub, own: false });
  }

  const activities: ImportedActivity[] = [];
  let outside = 0;
  for (const group of groups.values()) {
    const parent = group.parent ?? group.embedded;
    const chain = parent ? ancestry(parent) : [];
    const spans = occurrencesOf(group, chain, ctx.timeZone, window);
    if (spans.length === 0) {
      outside++;
      continue;
    }
    const firstChild = group.children[0]?.data;
    if (!parent) {
      const sessions = group.children.length;
      problems.push({ id: group.key, ...titleOf(firstChild ?? {}), message: `${sessions === 1 ? 'a session refers' : `${sessions} sessions refer`} to ${clip(group.key)}, which is not in the feed (yet).` });
      continue;
    }
    try {
      activities.push(toImported(group.key, parent, chain, group.children.map((child) => child.data), spans, byId, ctx));
    } catch (error) {
      problems.push({ id: idOf(parent) ?? group.key, ...titleOf(parent), message: error instanceof Error ? error.message : String(error) });
    }
  }

  // The QR of a poster carries a 32-bit reference of the id; two ids with one reference would mix up.
  for (const [a, b] of findRefCollisions(activities.map((entry) => entry.activity.id))) {
    const loser = activities.findIndex((entry) => entry.activity.id === b);
    if (loser >= 0) {
      const [entry] = activities.splice(loser, 1);
      problems.push({ id: entry!.uid, title: firstText(entry!.activity.title), message: `its id collides with ${a} in follow-up codes.` });
    }
  }
  return { activities, problems, items: live.length, outside };
}

/** The source id of an item without an @id: its RPDE kind and id. */
function sourceKey(item: RpdeItem): string {
  return `${item.kind}/${String(item.id)}`;
}

/** The item, then what it inherits from: an embedded superEvent (EventSeries) and the Course of a CourseInstance. */
function ancestry(data: Rec): Rec[] {
  const chain = [data];
  for (const key of ['superEvent', 'instanceOfCourse']) {
    const value = data[key];
    if (isRecord(value)) chain.push(...ancestry(value));
  }
  return chain;
}

/** The first value of a property along an inheritance chain. */
function inherited(chain: readonly Rec[], key: string): unknown {
  for (const data of chain) if (data[key] !== undefined && data[key] !== null && data[key] !== '') return data[key];
  return undefined;
}

function occurrencesOf(group: Group, chain: readonly Rec[], zone: string, window: { from: number; to: number }): Span[] {
  const parent = chain[0];
  const parentStatus = parent ? statusOf(parent.eventStatus) : undefined;
  const parentFull = parent ? isFull(parent) : false;
  const parentDuration = inherited(chain, 'duration');
  const spans: Span[] = [];
  // A child that is its own feed item is newer than its copy embedded in the parent.
  const seen = new Set<string>();
  const children = [...group.children].sort((a, b) => Number(b.own) - Number(a.own));
  for (const { data } of children) {
    const id = idOf(data);
    if (id) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const span = spanOf(data, zone, parentDuration);
    if (!span) continue;
    const status = statusOf(data.eventStatus) ?? parentStatus;
    const full = data.remainingAttendeeCapacity !== undefined || data.remainingUses !== undefined ? isFull(data) : parentFull;
    spans.push({ ...span, ...(status ? { status } : {}), ...(full ? { full } : {}) });
  }
  if (spans.length === 0 && parent) {
    for (const schedule of records(parent.eventSchedule)) spans.push(...scheduleSpans(schedule, zone, window, parentDuration));
    if (spans.length === 0 && SELF_OCCURRING.has(typeOf(parent))) {
      const span = spanOf(parent, zone, undefined);
      if (span) spans.push(span);
    }
    if (parentStatus || parentFull) for (const span of spans) Object.assign(span, parentStatus ? { status: parentStatus } : {}, parentFull ? { full: true } : {});
  }
  return mergeSameTimes(spans.filter((span) => span.start < window.to && span.end > window.from)).slice(0, MAX_OCCURRENCES);
}

/**
 * Several slots at one time (two courts of one FacilityUse) are one occurrence for a visitor: full
 * only when every one is full, cancelled only when every one is.
 */
function mergeSameTimes(spans: Span[]): Span[] {
  const byTime = new Map<string, Span[]>();
  for (const span of spans) {
    const key = `${span.start}-${span.end}`;
    byTime.set(key, [...(byTime.get(key) ?? []), span]);
  }
  return [...byTime.values()]
    .map((same) => {
      const first = same[0]!;
      const status = same.every((span) => span.status === first.status) ? first.status : undefined;
      const full = same.every((span) => span.full);
      return { start: first.start, end: first.end, ...(status ? { status } : {}), ...(full ? { full } : {}) };
    })
    .sort((a, b) => a.start - b.start);
}

/** An item's own start and end: `endDate`, else `duration` (its own or its series'), else DEFAULT_MINUTES. */
function spanOf(data: Rec, zone: string, fallbackDuration: unknown): { start: number; end: number } | undefined {
  const start = parseWhen(data.startDate, zone);
  if (!start) return undefined;
  const endWhen = parseWhen(data.endDate, zone);
  let end: number | undefined;
  if (endWhen) end = endWhen.dateOnly ? endOfDay(data.endDate as string, zone) : endWhen.instant;
  if (end === undefined || end <= start.instant) end = addDuration(start.instant, data.duration ?? fallbackDuration, zone);
  if (end === undefined || end <= start.instant) end = start.dateOnly ? endOfDay(data.startDate as string, zone) : start.instant + DEFAULT_MINUTES * MINUTE_MS;
  return { start: start.instant, end };
}

/** An ISO 8601 date-time (with an offset, or else in `zone`) or date (midnight in `zone`). */
function parseWhen(value: unknown, zone: string): { instant: number; dateOnly: boolean } | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { instant: Temporal.PlainDate.from(text).toZonedDateTime({ timeZone: zone }).epochMilliseconds, dateOnly: true };
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text)) return { instant: Temporal.Instant.from(text).epochMilliseconds, dateOnly: false };
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
      return { instant: Temporal.PlainDateTime.from(text).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds, dateOnly: false };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The end of a whole day given as "YYYY-MM-DD" (schema.org's endDate is inclusive). */
function endOfDay(date: string, zone: string): number {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

/** `instant` plus an ISO 8601 duration; its days are calendar days in `zone`. */
function addDuration(instant: number, duration: unknown, zone: string): number | undefined {
  if (typeof duration !== 'string') return undefined;
  try {
    return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).add(Temporal.Duration.from(duration.trim())).epochMilliseconds;
  } catch {
    return undefined;
  }
}

const WEEKDAYS: Record<string, string> = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' };

/**
 * The times of a full `Schedule` (repeatFrequency, byDay, byMonthDay, startDate/endDate,
 * repeatCount, startTime, endTime or duration, exceptDate, scheduleTimezone), expanded with the
 * kiosk's RRULE engine in the schedule's wall clock. A `PartialSchedule` only summarises sessions
 * the feed lists one by one, so it yields nothing.
 */
function scheduleSpans(schedule: Rec, siteZone: string, window: { from: number; to: number }, fallbackDuration: unknown): Span[] {
  if (typeOf(schedule) !== 'Schedule') return [];
  const zone = typeof schedule.scheduleTimezone === 'string' && isKnownZone(schedule.scheduleTimezone) ? schedule.scheduleTimezone : siteZone;
  const startDate = typeof schedule.startDate === 'string' ? schedule.startDate.slice(0, 10) : undefined;
  const startTime = typeof schedule.startTime === 'string' && /^\d{2}:\d{2}/.test(schedule.startTime) ? schedule.startTime.slice(0, 5) : undefined;
  const frequency = typeof schedule.repeatFrequency === 'string' ? /^P(\d+)([DWMY])$/i.exec(schedule.repeatFrequency.trim()) : null;
  if (!startDate || !/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !startTime || !frequency) return [];
  const parts = [`FREQ=${{ D: 'DAILY', W: 'WEEKLY', M: 'MONTHLY', Y: 'YEARLY' }[frequency[2]!.toUpperCase() as 'D']}`, `INTERVAL=${frequency[1]}`];
  const days = strings(schedule.byDay).map((day) => WEEKDAYS[day.replace(/^.*[/:#]/, '').toLowerCase()] ?? (/^[+-]?\d*(MO|TU|WE|TH|FR|SA|SU)$/i.test(day) ? day.toUpperCase() : undefined));
  if (days.some((day) => day === undefined)) return [];
  if (days.length > 0) parts.push(`BYDAY=${days.join(',')}`);
  const monthDays = Array.isArray(schedule.byMonthDay) ? schedule.byMonthDay.filter((day): day is number => Number.isInteger(day)) : [];
  if (monthDays.length > 0) parts.push(`BYMONTHDAY=${monthDays.join(',')}`);
  // RRULE allows COUNT or UNTIL, not both; a schedule that gives both is bounded by its count.
  if (Number.isInteger(schedule.repeatCount) && (schedule.repeatCount as number) > 0) parts.push(`COUNT=${schedule.repeatCount}`);
  else if (typeof schedule.endDate === 'string' && /^\d{4}-\d{2}-\d{2}/.test(schedule.endDate)) parts.push(`UNTIL=${schedule.endDate.slice(0, 10).replaceAll('-', '')}`);
  let lengthMs: number | undefined;
  const endTime = typeof schedule.endTime === 'string' && /^\d{2}:\d{2}/.test(schedule.endTime) ? schedule.endTime.slice(0, 5) : undefined;
  if (endTime) lengthMs = (minutesOf(endTime) - minutesOf(startTime) + (endTime <= startTime ? 24 * 60 : 0)) * MINUTE_MS;
  try {
    const rule = parseRule(parts.join(';'));
    const first = Date.parse(`${startDate}T${startTime}:00Z`);
    const toPlain = (floating: number) => Temporal.PlainDateTime.from(new Date(floating).toISOString().slice(0, 19));
    const toInstant = (floating: number) => toPlain(floating).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
    const floatingFrom = first + (window.from - toInstant(first)) - 2 * DAY_MS - (lengthMs ?? DAY_MS);
    const through = first + (window.to - toInstant(first)) + 2 * DAY_MS;
    const excepted = new Set(strings(schedule.exceptDate).map((value) => parseWhen(value, zone)?.instant));
    const starts = expandRule(rule, first, {
      from: floatingFrom,
      through,
      firstStart: 'if-matching',
      exists: (floating) => toPlain(floating).toZonedDateTime(zone).toPlainDateTime().equals(toPlain(floating)),
    });
    return starts
      .map((floating) => toInstant(floating))
      .filter((start) => !excepted.has(start) && !excepted.has(Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone).toPlainDate().toZonedDateTime({ timeZone: zone }).epochMilliseconds))
      .slice(0, MAX_OCCURRENCES)
      .map((start) => {
        const end = lengthMs !== undefined && lengthMs > 0 ? start + lengthMs : (addDuration(start, schedule.duration ?? fallbackDuration, zone) ?? start + DEFAULT_MINUTES * MINUTE_MS);
        return { start, end: end > start ? end : start + DEFAULT_MINUTES * MINUTE_MS };
      });
  } catch {
    return [];
  }
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function toImported(sourceId: string, parent: Rec, chain: readonly Rec[], children: readonly Rec[], spans: readonly Span[], byId: ReadonlyMap<string, Rec>, ctx: FeedReadContext): ImportedActivity {
  const { feed } = ctx;
  const type = typeOf(parent);
  const concepts = [...records(inherited(chain, 'activity')), ...records(parent.facilityType)];
  const title = plainText(inherited(chain, 'name')) || plainText(concepts[0]?.prefLabel) || plainText(children[0]?.name);
  if (!title) throw new Error('it has no name.');
  const place = placeOf(inherited(chain, 'location') ?? children.map((child) => child.location).find(Boolean), byId, title);
  if (!place) {
    const online = String(inherited(chain, 'eventAttendanceMode') ?? '').endsWith('OnlineEventAttendanceMode');
    throw new Error(online ? 'it takes place online only: the city map needs a place to go to.' : 'its location has no geo point (latitude and longitude): the city map needs one.');
  }
  const locale: Locale = feed.contentLocale ?? ctx.defaultLocale;
  const text = (value: string): LocalizedText => (locale === ctx.defaultLocale ? { [locale]: value } : { [ctx.defaultLocale]: value, [locale]: value });
  const description = clipTo(plainText(inherited(chain, 'description') ?? inherited(chain, 'beta:formattedDescription')), MAX_DESCRIPTION);
  const { level, themes } = classify(type, concepts, strings(inherited(chain, 'category')), ctx);
  const offers = [...records(inherited(chain, 'offers')), ...children.flatMap((child) => records(child.offers))];
  const bookingUrl = offers.map((offer) => offer.url).find((url): url is string => typeof url === 'string' && isWebUrl(url));
  const url = inherited(chain, 'url') ?? children.map((child) => child.url).find((value) => typeof value === 'string');
  const organizer = inherited(chain, 'organizer') ?? inherited(chain, 'provider');
  const organizerName = isRecord(organizer) ? plainText(organizer.name) : '';
  const capacity = inherited(chain, 'maximumAttendeeCapacity');
  const accessibility = plainText(inherited(chain, 'accessibilityInformation'));
  const id = feedActivityId(feed.id, sourceId);
  const occurrences: Occurrence[] = spans.map((span) => ({ activityId: id, ...span }));
  const activity: Activity = {
    id,
    title: text(clipTo(title, MAX_TITLE)),
    summary: description ? text(clipTo(description.split(/\n/)[0] ?? '', 160)) : {},
    description: description ? text(description) : {},
    level,
    themes,
    organiser: ctx.organisation.id,
    place,
    // One-off entries in site wall-clock time, exactly the stored occurrences (as an .ics import does).
    schedule: occurrences.map((occurrence) => ({ start: instantToLocal(occurrence.start, ctx.timeZone), end: instantToLocal(occurrence.end, ctx.timeZone), except: [] })),
    ages: agesOf(inherited(chain, 'ageRange')),
    price: priceOf(offers, inherited(chain, 'isAccessibleForFree') === true),
    languages: [locale],
    ...(Number.isInteger(capacity) && (capacity as number) > 0 ? { capacity: capacity as number } : {}),
    // A hired facility is always booked; a session with a booking link asks for one.
    registration: bookingUrl || type === 'FacilityUse' || type === 'IndividualFacilityUse' ? 'required' : 'walk-in',
    ...(accessibility ? { accessibility: text(accessibility) } : {}),
    badges: [],
    nextSteps: [],
    // The provider's own place: the site's closures do not cancel its sessions.
    runsThroughClosures: true,
    origin: {
      feed: feed.id,
      kind: 'openactive',
      name: feed.name,
      ...(typeof url === 'string' && isWebUrl(url) ? { url } : {}),
      ...(organizerName ? { organizer: organizerName } : {}),
      ...(bookingUrl ? { bookingUrl } : {}),
      sourceId,
    },
  };
  return { uid: sourceId, activity, occurrences };
}

/**
 * Level and themes from the feed's `terms`, looked up by each activity concept's @id and prefLabel
 * (and the item's categories), then by the item's type; the built-in type table and the feed's
 * `level`/`themes` fill in what no term says. Themes the site does not have are dropped.
 */
function classify(type: string, concepts: readonly Rec[], categories: readonly string[], ctx: FeedReadContext): { level: LevelId; themes: string[] } {
  const { feed } = ctx;
  const byLabel = new Map(Object.entries(feed.terms).map(([key, mapping]) => [key.trim().toLowerCase(), mapping]));
  const lookup = (key: unknown): FeedTermMapping | undefined => {
    if (typeof key !== 'string' || key.trim() === '') return undefined;
    // Concept @ids are written both as ".../activity-list#uuid" and ".../activity-list/#uuid".
    return feed.terms[key] ?? byLabel.get(key.trim().toLowerCase()) ?? (key.includes('/#') ? feed.terms[key.replace('/#', '#')] : feed.terms[key.replace('#', '/#')]);
  };
  const mappings = [
    ...concepts.flatMap((concept) => {
      const mapping = lookup(concept['@id']) ?? lookup(concept.prefLabel);
      return mapping ? [mapping] : [];
    }),
    ...categories.flatMap((category) => {
      const mapping = lookup(category);
      return mapping ? [mapping] : [];
    }),
  ];
  const byType = lookup(type);
  const level = mappings.find((mapping) => mapping.level)?.level ?? byType?.level ?? OPENACTIVE_TYPE_LEVELS[type] ?? feed.level;
  const known = new Set(ctx.themes.map((theme) => theme.id));
  let themes = [...new Set(mappings.flatMap((mapping) => mapping.themes ?? []))];
  if (themes.length === 0) themes = [...(byType?.themes ?? feed.themes)];
  return { level, themes: themes.filter((theme) => known.has(theme)) };
}

/** A Place (embedded, or an @id of a Place item in the feed) with a geo point; undefined without one. */
function placeOf(location: unknown, byId: ReadonlyMap<string, Rec>, fallbackName: string): PartnerPlace | undefined {
  let place = typeof location === 'string' ? byId.get(location) : isRecord(location) ? location : undefined;
  if (place && !isRecord(place.geo)) {
    const id = idOf(place);
    const full = id ? byId.get(id) : undefined;
    if (full) place = { ...full, ...place, geo: full.geo };
  }
  if (!place || !isRecord(place.geo)) return undefined;
  const lat = Number(place.geo.latitude);
  const lon = Number(place.geo.longitude);
  if (place.geo.latitude === undefined || place.geo.longitude === undefined || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  const address = addressOf(place.address);
  return { name: plainText(place.name) || address || fallbackName, address, geo: { lat, lon } };
}

/** A PostalAddress as one line, Belgian order: "street, postal code locality". */
function addressOf(address: unknown): string {
  if (typeof address === 'string') return plainText(address);
  if (!isRecord(address)) return '';
  const street = plainText(address.streetAddress).replace(/^[\s,]+|[\s,]+$/g, '');
  const town = [plainText(address.postalCode), plainText(address.addressLocality)].filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ');
}

function agesOf(range: unknown): Activity['ages'] {
  if (!isRecord(range)) return { min: 0 };
  const min = Number(range.minValue);
  const max = Number(range.maxValue);
  const validMin = range.minValue !== undefined && Number.isFinite(min) && min >= 0 ? Math.floor(min) : 0;
  return range.maxValue !== undefined && Number.isFinite(max) && max >= validMin ? { min: validMin, max: Math.floor(max) } : { min: validMin };
}

/**
 * Free when the item says so or every offer costs 0; otherwise paid, from the lowest price above 0.
 * The model knows only euros: an amount in another currency (the examples are in GBP) is kept as
 * it stands. Without any offer the price is unknown and shown as paid without an amount.
 */
function priceOf(offers: readonly Rec[], accessibleForFree: boolean): Price {
  const prices = offers.map((offer) => Number(offer.price)).filter((price, index) => offers[index]!.price !== undefined && Number.isFinite(price) && price >= 0);
  if (accessibleForFree || (prices.length > 0 && prices.every((price) => price === 0))) return { kind: 'free' };
  const paid = prices.filter((price) => price > 0);
  return paid.length > 0 ? { kind: 'paid', amount: Math.min(...paid) } : { kind: 'paid' };
}

function statusOf(value: unknown): OccurrenceStatus | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/^.*[/:#]/, '');
  return name === 'EventCancelled' ? 'cancelled' : name === 'EventPostponed' ? 'postponed' : undefined;
}

function isFull(data: Rec): boolean {
  return data.remainingAttendeeCapacity === 0 || data.remainingUses === 0;
}

/** Text without HTML tags and entities, whitespace tidied, paragraphs kept as line breaks. */
export function plainText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '';
  return value
    .replace(/<\s*(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
      const lower = entity.toLowerCase();
      if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[lower] ?? '';
    })
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function safeChar(code: number): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

function typeOf(data: Rec): string {
  const type = Array.isArray(data['@type']) ? data['@type'].find((value) => typeof value === 'string') : data['@type'] ?? data.type;
  return typeof type === 'string' ? type.replace(/^.*[/:#]/, '') : '';
}

function idOf(data: Rec): string | undefined {
  const id = data['@id'] ?? data.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function titleOf(data: Rec): { title?: string } {
  const name = plainText(data.name) || (isRecord(data.superEvent) ? plainText(data.superEvent.name) : '');
  return name ? { title: clip(name) } : {};
}

function records(value: unknown): Rec[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
  return typeof value === 'string' ? [value] : [];
}

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWebUrl(text: string, base?: string): boolean {
  try {
    const url = new URL(text, base);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
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
