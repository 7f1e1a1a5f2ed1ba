// UiTdatabank (the agenda database behind UiT in Vlaanderen and most Flemish city agendas) read as
// the activities of one feed. Input is UiTdatabank's JSON-LD as the Search API v3 returns it
// (a page `{ member: [...] }` asked with `embed=true`), one event or place, or an array of events,
// places and organizers (a saved export). docs/feeds.md ("UiTdatabank") says how every field maps.
//
// Choices worth knowing:
// - Input that is not UiTdatabank JSON-LD at all (or a Search API error answer) throws UitFeedError:
//   the hub then keeps the last good copy and shows the message. Items with a fault inside a good
//   input are problems and the rest still reads; nothing else throws.
// - Dates carry offsets and become instants as they are. Opening hours are wall-clock times in the
//   site's zone (Temporal decides DST), one occurrence per opening slot in the period.
// - A location without a point is looked up by its @id among the other items of the input (a place
//   of the export, another event's embedded location); without one the item is a problem, because
//   the city map needs a point.
import { Temporal } from 'temporal-polyfill';
import { stableHash64 } from './ids';
import type { ImportedActivity } from '../ical-import';
import type { Activity, FeedConfig, GeoPoint, LevelId, Locale, LocalizedText, Occurrence, OccurrenceStatus, PartnerPlace, Price } from '../model';
import { findRefCollisions } from '../path-code';
import { instantToLocal } from '../schedule';
import type { FeedProblem, FeedRead, FeedReadContext } from './types';
import { mapUitTerm, type UitTerm } from './uit-terms';

/** The request header that carries the Search API key. The hub adds it; the key is never in a URL or in site.json. */
export const UIT_API_KEY_HEADER = 'x-api-key';
/** Where the Search API lives when a feed names no `url`. */
export const UIT_SEARCH_BASE = 'https://search.uitdatabank.be';
/** Items asked per Search API page. */
export const UIT_PAGE_SIZE = 50;
/** The hub stops paging here: a neighbourhood's offer, not all of Flanders. */
export const UIT_MAX_ITEMS = 2_000;

/** Thrown when the input is not UiTdatabank JSON-LD at all; the message is for staff. */
export class UitFeedError extends Error {
  override name = 'UitFeedError';
}

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5_000;
const MAX_SUMMARY = 160;
/** No item yields more occurrences than this in the period (a place open every hour of a year). */
const MAX_OCCURRENCES = 2_000;
/** An opening slot that closes when it opens ("17:00"–"17:00") says only when it starts: give it an hour. */
const DEFAULT_MINUTES = 60;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** UiT's languages the kiosk keeps; `de` only stands in when it is all there is. */
const KEPT_LANGUAGES = ['nl', 'en', 'fr'] as const satisfies readonly Locale[];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
/** UiTdatabank's placeholder location of online-only events. */
const NIL_PLACE = '00000000-0000-0000-0000-000000000000';

/** What `price.support` says when an item has UiTPAS tariffs. */
export const UITPAS_SUPPORT: LocalizedText = {
  nl: 'Met een UiTPAS betaal je minder: er is een kansentarief.',
  en: 'With an UiTPAS you pay less: there is a reduced rate.',
  fr: 'Avec une UiTPAS, vous payez moins : il y a un tarif réduit.',
  tr: 'UiTPAS ile daha az ödersiniz: indirimli bir tarife var.',
};

type Json = Record<string, unknown>;
type UitKind = 'event' | 'place' | 'organizer';

interface UitItem {
  kind: UitKind;
  /** "events/<uuid>", "places/<uuid>": what the activity id is made from (host and scheme do not matter). */
  key: string;
  /** The last path segment of @id (a uuid at UiTdatabank). */
  uuid: string;
  json: Json;
}

interface Slot {
  start: number;
  end: number;
  status?: OccurrenceStatus;
  full?: boolean;
}

/** The stable activity id of a UiT item: `<feed id>-<16 hex of its "events/<uuid>" key>`. */
export function uitActivityId(feedId: string, key: string): string {
  return `${feedId}-${stableHash64(key)}`;
}

/** Reads UiTdatabank JSON-LD (parsed, or the text of a saved export) into the feed's activities. */
export function readUitdatabank(input: unknown, ctx: FeedReadContext): FeedRead {
  const entries = topLevelItems(typeof input === 'string' ? parseText(input) : input);
  const recognised = entries.map(recognise);
  if (entries.length > 0 && recognised.every((item) => item === undefined)) {
    throw new UitFeedError('this is not UiTdatabank JSON-LD: none of its items is an event, place or organizer with an UiTdatabank "@id".');
  }

  // Places and organizers anywhere in the input, by uuid: an event that only refers to its
  // location or organizer finds them here.
  const places = new Map<string, Json>();
  const organizers = new Map<string, Json>();
  const remember = (value: unknown, kind: 'place' | 'organizer') => {
    const item = recognise(value);
    if (!item || item.kind !== kind) return;
    const index = kind === 'place' ? places : organizers;
    const known = index.get(item.uuid);
    // The fuller copy wins: an embedded location with a point beats a bare reference.
    if (!known || Object.keys(item.json).length > Object.keys(known).length) index.set(item.uuid, item.json);
  };
  for (const item of recognised) {
    if (!item) continue;
    if (item.kind === 'place' || item.kind === 'organizer') remember(item.json, item.kind);
    if (item.kind === 'event') {
      remember(item.json.location, 'place');
      remember(item.json.organizer, 'organizer');
    }
  }

  const window = { from: ctx.from, to: ctx.from + ctx.days * DAY_MS };
  const activities: ImportedActivity[] = [];
  const problems: FeedProblem[] = [];
  const seen = new Set<string>();
  let items = 0;
  let outside = 0;
  recognised.forEach((item, index) => {
    if (!item) {
      problems.push({ message: `item ${index + 1} is not an UiTdatabank event or place (no "@id" with /events/ or /places/).` });
      return;
    }
    if (item.kind === 'organizer' || seen.has(item.key)) return;
    seen.add(item.key);
    items++;
    const workflow = str(item.json.workflowStatus);
    // Withdrawn at the source: not shown anywhere, so not here either, and not a fault of the feed.
    if (workflow === 'DELETED' || workflow === 'REJECTED') return;
    const sourceId = str(item.json['@id'])!;
    const title = firstText(item.json.name);
    try {
      const entry = readItem(item, ctx, window, places, organizers);
      if (entry.occurrences.length === 0) outside++;
      else activities.push(entry);
    } catch (error) {
      problems.push({ id: sourceId, ...(title ? { title } : {}), message: error instanceof Error ? error.message : String(error) });
    }
  });

  // The QR of a poster carries a 32-bit reference of the id; two ids with one reference would mix up.
  for (const [a, b] of findRefCollisions(activities.map((entry) => entry.activity.id))) {
    const loser = activities.findIndex((entry) => entry.activity.id === b);
    if (loser >= 0) {
      const [entry] = activities.splice(loser, 1);
      problems.push({ id: entry!.uid, title: firstText(entry!.activity.title), message: `its id collides with ${a} in follow-up codes; it is left out.` });
    }
  }
  return { activities, problems, items, outside };
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UitFeedError(`this is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function topLevelItems(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (!isObject(input)) throw new UitFeedError('this is not UiTdatabank JSON-LD: expected a Search API page ({ "member": [...] }), an event, a place or an array of them.');
  if (Array.isArray(input.member)) return input.member;
  // The Search API answers a bad request or key with an RFC 7807 problem.
  if (typeof input.status === 'number' && (typeof input.title === 'string' || typeof input.detail === 'string')) {
    throw new UitFeedError(`UiTdatabank answered with an error (${input.status}): ${[input.title, input.detail].filter((part) => typeof part === 'string').join(' — ')}`);
  }
  if (recognise(input)) return [input];
  throw new UitFeedError('this is not UiTdatabank JSON-LD: expected a Search API page ({ "member": [...] }), an event, a place or an array of them.');
}

function recognise(value: unknown): UitItem | undefined {
  if (!isObject(value)) return undefined;
  const id = str(value['@id']);
  if (!id) return undefined;
  const match = /\/(events|places|organizers)\/([^/?#]+)\/?(?:[?#].*)?$/.exec(id);
  if (match) {
    const kind = ({ events: 'event', places: 'place', organizers: 'organizer' } as const)[match[1] as 'events' | 'places' | 'organizers'];
    return { kind, key: `${match[1]}/${match[2]}`, uuid: match[2]!, json: value };
  }
  const type = str(value['@type'])?.toLowerCase();
  if (type === 'event' || type === 'place' || type === 'organizer') return { kind: type, key: `${type}s/${id}`, uuid: id, json: value };
  return undefined;
}

function readItem(item: UitItem, ctx: FeedReadContext, window: { from: number; to: number }, places: Map<string, Json>, organizers: Map<string, Json>): ImportedActivity {
  const { json } = item;
  const mainLanguage = str(json.mainLanguage);
  const title = localizedUit(json.name, mainLanguage, ctx.defaultLocale, MAX_TITLE);
  if (!title) throw new Error('it has no name.');
  const place = placeOf(item, places, ctx.defaultLocale, title[ctx.defaultLocale]!);
  const slots = occurrencesOf(json, item.kind, ctx.timeZone, window);
  const id = uitActivityId(ctx.feed.id, item.key);
  const occurrences: Occurrence[] = slots
    .filter((slot) => slot.end > window.from && slot.start < window.to)
    .slice(0, MAX_OCCURRENCES)
    .map((slot) => ({ activityId: id, start: slot.start, end: slot.end, ...(slot.status ? { status: slot.status } : {}), ...(slot.full ? { full: true } : {}) }));
  const description = localizedUit(json.description, mainLanguage, ctx.defaultLocale, MAX_DESCRIPTION, plainText);
  const { level, themes } = classify(json, ctx);
  const booking = isObject(json.bookingInfo) ? json.bookingInfo : {};
  const bookingUrl = webUrl(booking.url);
  const organizer = organizerName(json.organizer, organizers, mainLanguage, ctx.defaultLocale);
  const url = publicPage(item, title);
  const capacity = isObject(json.bookingAvailability) ? json.bookingAvailability.capacity : undefined;
  const activity: Activity = {
    id,
    title,
    summary: description ? summaryOf(description) : {},
    description: description ?? {},
    level,
    themes,
    organiser: ctx.organisation.id,
    place,
    // One-off entries in site wall-clock time, exactly the stored occurrences (as an .ics import makes them).
    schedule: occurrences.map((occurrence) => ({ start: localOf(occurrence.start, ctx.timeZone), end: localOf(occurrence.end, ctx.timeZone), except: [] })),
    ages: agesOf(json.typicalAgeRange),
    price: priceOf(json.priceInfo),
    languages: [mainLanguage ?? ctx.defaultLocale],
    ...(typeof capacity === 'number' && Number.isInteger(capacity) && capacity > 0 ? { capacity } : {}),
    registration: bookingUrl || str(booking.email) || str(booking.phone) ? 'required' : 'walk-in',
    badges: [],
    nextSteps: [],
    // It happens at its own place, so the site's closures do not cancel it.
    runsThroughClosures: true,
    origin: {
      feed: ctx.feed.id,
      kind: 'uitdatabank',
      name: ctx.feed.name,
      ...(url ? { url } : {}),
      ...(organizer ? { organizer } : {}),
      ...(bookingUrl ? { bookingUrl } : {}),
      sourceId: str(json['@id'])!,
    },
  };
  return { uid: str(json['@id'])!, activity, occurrences };
}

// ---------------------------------------------------------------------------------------------
// Calendar

/**
 * Every occurrence of the item, sorted, with its status. `single`/`multiple`: each subEvent.
 * `periodic`: each opening slot between startDate and endDate (without opening hours, the period is
 * one occurrence). `permanent`: each opening slot in the window (without opening hours, the window).
 */
function occurrencesOf(json: Json, kind: UitKind, timeZone: string, window: { from: number; to: number }): Slot[] {
  const calendarType = str(json.calendarType) ?? (Array.isArray(json.subEvent) ? 'multiple' : undefined);
  const itemStatus = isObject(json.status) ? str(json.status.type) : undefined;
  const itemFull = isObject(json.bookingAvailability) && json.bookingAvailability.type === 'Unavailable';
  let slots: Slot[];
  // Dated sessions that are "TemporarilyUnavailable" are postponed; opening slots of a place or a
  // periodic offer that is temporarily closed simply do not happen.
  const dated = kind === 'event' && (calendarType === 'single' || calendarType === 'multiple');
  if (calendarType === 'single' || calendarType === 'multiple') {
    const subEvents = Array.isArray(json.subEvent) && json.subEvent.length > 0 ? json.subEvent : [{ startDate: json.startDate, endDate: json.endDate }];
    slots = subEvents.map((sub, index) => {
      if (!isObject(sub)) throw new Error(`subEvent ${index + 1} is not an object.`);
      const start = instantOf(sub.startDate, timeZone);
      const end = instantOf(sub.endDate, timeZone) ?? start;
      if (start === undefined || end === undefined) throw new Error(`subEvent ${index + 1} has no readable startDate ("${String(sub.startDate)}").`);
      if (end < start) throw new Error(`subEvent ${index + 1} ends (${String(sub.endDate)}) before it starts (${String(sub.startDate)}).`);
      const availability = isObject(sub.bookingAvailability) ? sub.bookingAvailability : {};
      return {
        start,
        end: end === start ? start + DEFAULT_MINUTES * MINUTE_MS : end,
        status: worst(statusOf(itemStatus, dated), statusOf(isObject(sub.status) ? str(sub.status.type) : undefined, dated)),
        full: itemFull || availability.type === 'Unavailable' || availability.remainingCapacity === 0,
      };
    });
  } else if (calendarType === 'periodic') {
    const start = instantOf(json.startDate, timeZone);
    const end = instantOf(json.endDate, timeZone);
    if (start === undefined || end === undefined) throw new Error(`a periodic calendar needs a readable startDate and endDate (has "${String(json.startDate)}" and "${String(json.endDate)}").`);
    if (end < start) throw new Error(`it ends (${String(json.endDate)}) before it starts (${String(json.startDate)}).`);
    slots = hasOpeningHours(json)
      ? openingSlots(json, timeZone, { from: Math.max(start, window.from), to: Math.min(end, window.to) }, { from: start, to: end })
      : [{ start, end }];
    slots = slots.map((slot) => ({ ...slot, status: statusOf(itemStatus, dated), full: itemFull }));
  } else if (calendarType === 'permanent') {
    slots = hasOpeningHours(json) ? openingSlots(json, timeZone, window, undefined) : [{ start: window.from, end: window.to }];
    slots = slots.map((slot) => ({ ...slot, status: statusOf(itemStatus, dated), full: itemFull }));
  } else {
    throw new Error(`its calendarType "${String(json.calendarType)}" is not single, multiple, periodic or permanent.`);
  }
  return slots.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * UiT's documented meaning of `status.type`: Available = as planned; TemporarilyUnavailable =
 * "postponed or temporarily closed"; Unavailable = "cancelled or permanently closed".
 */
function statusOf(type: string | undefined, dated: boolean): OccurrenceStatus | undefined {
  if (type === 'Unavailable') return 'cancelled';
  if (type === 'TemporarilyUnavailable') return dated ? 'postponed' : 'unavailable';
  return undefined;
}

const SEVERITY: Record<OccurrenceStatus, number> = { cancelled: 3, postponed: 2, unavailable: 1 };
function worst(a: OccurrenceStatus | undefined, b: OccurrenceStatus | undefined): OccurrenceStatus | undefined {
  if (!a) return b;
  if (!b) return a;
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

function hasOpeningHours(json: Json): boolean {
  return Array.isArray(json.openingHours) && json.openingHours.length > 0;
}

interface OpeningRule {
  opens: string;
  closes: string;
  days: Set<number>;
}

/**
 * One slot per opening time per day, in the site's wall clock: the days of `range` (widened by a day
 * so that a slot past midnight is seen), closed days left out, adjusted days with their own hours.
 * `period` (periodic) bounds the days as local dates; permanent has none.
 */
function openingSlots(json: Json, timeZone: string, range: { from: number; to: number }, period: { from: number; to: number } | undefined): Slot[] {
  if (range.to <= range.from) return [];
  const base = openingRules(json.openingHours, 'openingHours');
  const closed = dayRanges(json.openingHoursClosedDays, 'openingHoursClosedDays').map((entry) => entry.range);
  const adjusted = dayRanges(json.openingHoursAdjustedDays, 'openingHoursAdjustedDays').map((entry) => ({ ...entry.range, rules: openingRules(entry.json.openingHours, 'openingHoursAdjustedDays') }));
  const localDay = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate().toString();
  const first = period ? localDay(period.from) : undefined;
  const final = period ? localDay(period.to) : undefined;
  const slots: Slot[] = [];
  // The window's days are the same for every item of a read: listed once (a feed holds thousands).
  for (const day of windowDays(range, timeZone)) {
    if (slots.length >= MAX_OCCURRENCES) break;
    const iso = day.iso;
    if (first && iso < first) continue;
    if (final && iso > final) break;
    if (closed.some((entry) => entry.from <= iso && iso <= entry.until)) continue;
    const rules = adjusted.find((entry) => entry.from <= iso && iso <= entry.until)?.rules ?? base;
    for (const rule of rules) {
      if (!rule.days.has(day.dayOfWeek)) continue;
      const start = wallClock(iso, rule.opens, timeZone);
      const closes = rule.closes === rule.opens ? undefined : wallClock(rule.closes > rule.opens ? iso : day.next, rule.closes, timeZone);
      const end = closes ?? start + DEFAULT_MINUTES * MINUTE_MS;
      if (end > range.from && start < range.to) slots.push({ start, end });
    }
  }
  return slots;
}

function openingRules(value: unknown, field: string): OpeningRule[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry, index) => {
    const opens = isObject(entry) ? clockTime(entry.opens) : undefined;
    const closes = isObject(entry) ? clockTime(entry.closes) : undefined;
    if (!isObject(entry) || !opens || !closes) throw new Error(`${field}[${index}] needs "opens" and "closes" as "HH:MM".`);
    const names = Array.isArray(entry.dayOfWeek) ? entry.dayOfWeek : [];
    const days = new Set(names.map((name) => WEEKDAY_NAMES.indexOf(String(name).toLowerCase() as (typeof WEEKDAY_NAMES)[number]) + 1).filter((number) => number > 0));
    if (days.size === 0) throw new Error(`${field}[${index}] names no dayOfWeek (monday … sunday).`);
    return { opens, closes, days };
  });
}

function dayRanges(value: unknown, field: string): { range: { from: string; until: string }; json: Json }[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry, index) => {
    const from = isObject(entry) ? str(entry.startDate) : undefined;
    const until = isObject(entry) ? str(entry.endDate) : undefined;
    if (!isObject(entry) || !from || !until || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(until)) {
      throw new Error(`${field}[${index}] needs "startDate" and "endDate" as "YYYY-MM-DD".`);
    }
    return { range: { from, until }, json: entry };
  });
}

/** "9:00" or "09:00" → "09:00". */
function clockTime(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim()) : null;
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : undefined;
}

/**
 * The instant of a wall-clock time on a local day ("YYYY-MM-DD", "HH:MM"). Remembered: the items of
 * a feed share a few opening hours over the same days, and Temporal objects are what a read of
 * thousands of items spends its time on (measured: most of it in Temporal and its garbage).
 */
function wallClock(day: string, time: string, timeZone: string): number {
  const key = `${timeZone}|${day}|${time}`;
  let instant = wallClocks.get(key);
  if (instant === undefined) {
    const [hour, minute] = time.split(':').map(Number);
    // In the spring-forward gap the time moves forward (02:30 → 03:30), as everywhere in the kiosk.
    instant = Temporal.PlainDate.from(day).toPlainDateTime({ hour: hour!, minute: minute! }).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
    if (wallClocks.size >= MAX_REMEMBERED) wallClocks.clear();
    wallClocks.set(key, instant);
  }
  return instant;
}

const MAX_REMEMBERED = 50_000;
const locals = new Map<string, string>();

/** instantToLocal, remembered: a feed's items share their slots' instants. */
function localOf(ms: number, timeZone: string): string {
  const key = `${timeZone}|${ms}`;
  let local = locals.get(key);
  if (local === undefined) {
    local = instantToLocal(ms, timeZone);
    if (locals.size >= MAX_REMEMBERED) locals.clear();
    locals.set(key, local);
  }
  return local;
}
const wallClocks = new Map<string, number>();
const windows = new Map<string, WindowDay[]>();

interface WindowDay {
  iso: string;
  /** ISO weekday, 1 = Monday. */
  dayOfWeek: number;
  /** The next day, "YYYY-MM-DD". */
  next: string;
}

/** The local days from the day before `range.from` to the day of `range.to`, remembered per range. */
function windowDays(range: { from: number; to: number }, timeZone: string): WindowDay[] {
  const key = `${timeZone}|${range.from}|${range.to}`;
  let days = windows.get(key);
  if (!days) {
    const localDay = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate();
    days = [];
    const last = localDay(range.to);
    for (let day = localDay(range.from).subtract({ days: 1 }); Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
      days.push({ iso: day.toString(), dayOfWeek: day.dayOfWeek, next: day.add({ days: 1 }).toString() });
    }
    if (windows.size >= 64) windows.clear();
    windows.set(key, days);
  }
  return days;
}

/** An ISO date-time with an offset (as UiT writes them); without an offset, site wall-clock time. */
function instantOf(value: unknown, timeZone: string): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return Temporal.Instant.from(value.trim()).epochMilliseconds;
  } catch {
    try {
      return Temporal.PlainDateTime.from(value.trim()).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
    } catch {
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Place, organizer, page

/** The item's place; a site's partner places need a name and an address, so the item's title and the point stand in when UiT has none. */
function placeOf(item: UitItem, places: Map<string, Json>, defaultLocale: Locale, title: string): PartnerPlace {
  let location: Json | undefined;
  if (item.kind === 'place') {
    location = item.json;
  } else {
    const ref = recognise(item.json.location);
    if (ref?.uuid === NIL_PLACE || item.json.attendanceMode === 'online') throw new Error('it takes place online only, so it has no place on the city map.');
    if (!ref && !isObject(item.json.location)) throw new Error('it has no location.');
    const known = ref ? places.get(ref.uuid) : undefined;
    location = { ...known, ...(isObject(item.json.location) ? item.json.location : {}) };
    if (!geoOf(location) && known) location = { ...location, geo: known.geo };
  }
  const geo = geoOf(location);
  if (!geo) throw new Error('its location has no geo point (latitude, longitude), so it cannot be shown on the city map.');
  const mainLanguage = str(location.mainLanguage);
  const name = localizedUit(location.name, mainLanguage, defaultLocale, MAX_TITLE)?.[defaultLocale];
  const address = addressText(location.address, mainLanguage, defaultLocale);
  return { name: name ?? address ?? title, address: address ?? `${geo.lat.toFixed(5)}, ${geo.lon.toFixed(5)}`, geo };
}

function geoOf(json: Json): GeoPoint | undefined {
  if (!isObject(json.geo)) return undefined;
  const { latitude, longitude } = json.geo;
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) return undefined;
  return { lat: latitude, lon: longitude };
}

/** "Wetstraat 1, 1000 Brussel" in the site's language when the address has it (older data: one unlocalized address). */
function addressText(value: unknown, mainLanguage: string | undefined, defaultLocale: Locale): string | undefined {
  if (!isObject(value)) return undefined;
  const localized = isObject(value[defaultLocale]) ? value[defaultLocale] : mainLanguage && isObject(value[mainLanguage]) ? value[mainLanguage] : Object.values(value).find(isObject);
  const address = (localized ?? value) as Json;
  const street = str(address.streetAddress);
  const town = [str(address.postalCode), str(address.addressLocality)].filter(Boolean).join(' ');
  const country = str(address.addressCountry);
  const text = [street, town, country && country !== 'BE' ? country : undefined].filter(Boolean).join(', ');
  return text || undefined;
}

function organizerName(value: unknown, organizers: Map<string, Json>, mainLanguage: string | undefined, defaultLocale: Locale): string | undefined {
  if (!isObject(value)) return undefined;
  const ref = recognise(value);
  const json = isObject(value.name) || typeof value.name === 'string' ? value : ref ? organizers.get(ref.uuid) : undefined;
  if (!json) return undefined;
  return localizedUit(json.name, str(json.mainLanguage) ?? mainLanguage, defaultLocale, MAX_TITLE)?.[defaultLocale];
}

/**
 * The item's public page: its UiT in Vlaanderen address from `sameAs` (made https), else for an
 * event the address UiT in Vlaanderen answers for any slug, `/agenda/e/<slug>/<uuid>`, else
 * another http(s) `sameAs`. A place gets no guessed address.
 */
function publicPage(item: UitItem, title: LocalizedText): string | undefined {
  const same = (Array.isArray(item.json.sameAs) ? item.json.sameAs : []).map(webUrl).filter((url): url is string => url !== undefined);
  const uit = same.find((url) => /^https?:\/\/(www\.)?uitinvlaanderen\.be\//i.test(url));
  if (uit) return uit.replace(/^http:/i, 'https:');
  if (item.kind === 'event' && /^[0-9a-f-]{36}$/i.test(item.uuid)) return `https://www.uitinvlaanderen.be/agenda/e/${slug(title.nl ?? firstText(title) ?? '')}/${item.uuid}`;
  return same[0];
}

function slug(text: string): string {
  const slugged = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slugged || 'activiteit';
}

// ---------------------------------------------------------------------------------------------
// Text, terms, ages, price

/**
 * UiT's localized text as the kiosk keeps it: nl, en and fr as given (UiT has no tr). The site's
 * default language is always present in validated content, so when the item lacks it, the text in
 * the item's main language stands in under that key — which is also how a German-only text (`de`
 * is otherwise dropped) still shows: under the site's default language.
 */
function localizedUit(value: unknown, mainLanguage: string | undefined, defaultLocale: Locale, max: number, clean: (text: string) => string = oneLine): LocalizedText | undefined {
  if (typeof value === 'string') {
    const text = clip(clean(value), max);
    return text ? { [defaultLocale]: text } : undefined;
  }
  if (!isObject(value)) return undefined;
  const texts = new Map<string, string>();
  for (const [language, raw] of Object.entries(value)) {
    const text = typeof raw === 'string' ? clip(clean(raw), max) : '';
    if (text) texts.set(language, text);
  }
  if (texts.size === 0) return undefined;
  const result: LocalizedText = {};
  for (const language of KEPT_LANGUAGES) if (texts.has(language)) result[language] = texts.get(language);
  if (!result[defaultLocale]) {
    result[defaultLocale] = (mainLanguage ? texts.get(mainLanguage) : undefined) ?? texts.get('nl') ?? texts.get('en') ?? texts.get('fr') ?? texts.values().next().value;
  }
  return result;
}

function summaryOf(description: LocalizedText): LocalizedText {
  const summary: LocalizedText = {};
  for (const [language, text] of Object.entries(description) as [Locale, string][]) summary[language] = clip(text.split(/\n/)[0] ?? '', MAX_SUMMARY);
  return summary;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** UiT descriptions are HTML: paragraphs and line breaks become new lines, other tags go, entities are decoded. */
function plainText(html: string): string {
  return decodeEntities(
    html
      .replace(/<\s*br\s*\/?>/gi, '\n')
      .replace(/<\/\s*(p|div|li|h[1-6])\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map(oneLine)
    .filter(Boolean)
    .join('\n');
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return named[body.toLowerCase()] ?? entity;
  });
}

/**
 * Level: the first term (event types first, then themes and facilities) whose mapping names one,
 * else the feed's `level`. Themes: every theme the terms' mappings name that the site has, else
 * the feed's `themes` (again only those the site has).
 */
function classify(json: Json, ctx: FeedReadContext): { level: LevelId; themes: string[] } {
  const terms = (Array.isArray(json.terms) ? json.terms : []).filter(isObject).map((term): UitTerm => ({ id: str(term.id), label: str(term.label), domain: str(term.domain) }));
  const ordered = [...terms.filter((term) => term.domain === 'eventtype'), ...terms.filter((term) => term.domain !== 'eventtype')];
  const mappings = ordered.map((term) => mapUitTerm(term, ctx.feed.terms)).filter((mapping) => mapping !== undefined);
  const level = mappings.find((mapping) => mapping.level && mapping.level in ctx.levels)?.level ?? ctx.feed.level;
  const siteThemes = new Set(ctx.themes.map((theme) => theme.id));
  const themes = [...new Set(mappings.flatMap((mapping) => mapping.themes ?? []))].filter((theme) => siteThemes.has(theme));
  return { level, themes: themes.length > 0 ? themes : ctx.feed.themes.filter((theme) => siteThemes.has(theme)) };
}

/** "6-12" → 6 to 12; "18-" → 18 and up; "-12" → up to 12; "-" or nothing → all ages. */
function agesOf(value: unknown): Activity['ages'] {
  const match = typeof value === 'string' ? /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(value) : null;
  if (!match) return { min: 0 };
  const min = match[1] ? Number(match[1]) : 0;
  const max = match[2] ? Number(match[2]) : undefined;
  return max !== undefined && max >= min ? { min, max } : { min };
}

/**
 * The base tariff decides: 0 is free, more is paid with that amount. Without a base tariff the
 * price is unknown and shown as paid without an amount (never promise free). UiTPAS tariffs
 * (category "uitpas", added by UiTdatabank itself) add the support text.
 */
function priceOf(value: unknown): Price {
  const tariffs = (Array.isArray(value) ? value : []).filter(isObject);
  const base = tariffs.find((tariff) => tariff.category === 'base' && typeof tariff.price === 'number' && tariff.price >= 0);
  const uitpas = tariffs.some((tariff) => tariff.category === 'uitpas');
  const amount = base?.price as number | undefined;
  return {
    kind: amount === 0 ? 'free' : 'paid',
    ...(amount !== undefined && amount > 0 ? { amount } : {}),
    ...(uitpas ? { support: { ...UITPAS_SUPPORT } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Search API

/**
 * The Search API v3 address of one page of a feed's events: `q` from `feed.query`, `postalCode` from
 * the feed or the site, the embedded location and organizer (`embed=true`), a stable order for paging
 * (by availableTo, then created). With `window`, only events with a date or opening slot in it
 * (`dateFrom`/`dateTo`, offsets required by UiT). The API key is not here: it goes in the
 * `x-api-key` header (UIT_API_KEY_HEADER).
 */
export function uitSearchUrl(base: string, feed: FeedConfig, site: { postalCode?: string }, start: number, limit: number, window?: { from: number; days: number }): string {
  const url = new URL(base);
  if (!/\/events\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/events/`;
  const params = url.searchParams;
  if (feed.query) params.set('q', feed.query);
  const postalCode = feed.postalCode ?? site.postalCode;
  if (postalCode) params.set('postalCode', postalCode);
  if (window) {
    params.set('dateFrom', isoWithOffset(window.from));
    params.set('dateTo', isoWithOffset(window.from + window.days * DAY_MS));
  }
  params.set('embed', 'true');
  params.set('sort[availableTo]', 'asc');
  params.set('sort[created]', 'asc');
  params.set('start', String(Math.max(0, Math.floor(start))));
  params.set('limit', String(Math.max(1, Math.floor(limit))));
  return url.toString();
}

/** Where the next page starts, or undefined after the last one (or at `maxItems`). `start` is the one this page was asked with. */
export function uitNextStart(page: unknown, start: number, maxItems = UIT_MAX_ITEMS): number | undefined {
  if (!isObject(page) || !Array.isArray(page.member) || page.member.length === 0) return undefined;
  const next = start + page.member.length;
  const total = typeof page.totalItems === 'number' ? page.totalItems : next;
  return next < total && next < maxItems ? next : undefined;
}

function isoWithOffset(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function webUrl(value: unknown): string | undefined {
  const text = str(value);
  return text && /^https?:\/\/[^\s]+$/i.test(text) ? text : undefined;
}

function firstText(value: unknown): string | undefined {
  if (typeof value === 'string') return clip(oneLine(value), 80) || undefined;
  if (!isObject(value)) return undefined;
  const text = ['nl', 'en', 'fr', 'de', ...Object.keys(value)].map((language) => value[language]).find((entry) => typeof entry === 'string' && entry.trim() !== '');
  return typeof text === 'string' ? clip(oneLine(text), 80) : undefined;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
