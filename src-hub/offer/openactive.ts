// The site's own offer in the OpenActive Modelling Specification 2.0, one list per RPDE feed:
// activities as SessionSeries, their sessions as ScheduledSession, the spaces visitors may book as
// FacilityUse and their free slots as Slot. Feed items (source 'feed') are someone else's offer and
// are never republished.
//
// Addresses inside the data are hub-relative ("/activity/choir") as stored, so what a feed publishes
// does not depend on the host name a reader used; `absolutize` makes them absolute when a page is
// served.
import { Temporal } from 'temporal-polyfill';
import { findFreeSlotsBetween } from '../../src-renderer/core/booking/slots';
import { localized } from '../../src-renderer/core/localized';
import type { Activity, Locale, LocalizedText, OccurrenceStatus, Site, Space, Weekday } from '../../src-renderer/core/model';
import { WEEKDAYS } from '../../src-renderer/core/model';
import { startOfLocalDay } from '../../src-renderer/core/timing';
import type { PublishedItem } from '../db/published';
import { offerSessions, sessionSpace, type Offer, type OfferActivity, type OfferSession } from './offer';

/** The four feeds: path segment → the RPDE `kind` of its items. */
export const OPENACTIVE_FEEDS = {
  'session-series': 'SessionSeries',
  'scheduled-sessions': 'ScheduledSession',
  'facility-uses': 'FacilityUse',
  'facility-use-slots': 'FacilityUse/Slot',
} as const;
export type OpenActiveFeed = keyof typeof OPENACTIVE_FEEDS;

export const OPENACTIVE_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
const CONTEXT = 'https://openactive.io/';

/** Sessions from the start of today this many days ahead; free slots over fewer days. */
export const SESSION_DAYS = 90;
export const SLOT_DAYS = 14;

const STATUS: Record<OccurrenceStatus | 'scheduled', string> = {
  scheduled: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
  postponed: 'https://schema.org/EventPostponed',
  // schema.org has no "unavailable": the session does not go ahead as announced.
  unavailable: 'https://schema.org/EventCancelled',
};

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'https://schema.org/Monday',
  tue: 'https://schema.org/Tuesday',
  wed: 'https://schema.org/Wednesday',
  thu: 'https://schema.org/Thursday',
  fri: 'https://schema.org/Friday',
  sat: 'https://schema.org/Saturday',
  sun: 'https://schema.org/Sunday',
};

export function activityPath(id: string): string {
  return `/activity/${encodeURIComponent(id)}`;
}

/** The items of every feed as they are at `now`. */
export function openActiveItems(offer: Offer, now: number): Map<OpenActiveFeed, PublishedItem[]> {
  const { site } = offer.config;
  const from = startOfLocalDay(now, site.timeZone);
  const to = startOfLocalDay(now, site.timeZone, SESSION_DAYS);
  const own = (activity: OfferActivity) => activity.source !== 'feed';
  const sessions = offerSessions(offer, from, to, own);
  const series = [...offer.activities.values()].filter(own).map((activity) => ({ id: activity.id, data: sessionSeries(offer, activity) }));
  const scheduled = sessions.flatMap((session) => {
    const activity = offer.activities.get(session.activityId);
    return activity ? [{ id: session.id, data: scheduledSession(offer, activity, session) }] : [];
  });
  const bookable = [...offer.spaces.values()].filter((space) => space.booking?.bookableBy === 'visitors');
  const facilityUses = bookable.map((space) => ({ id: space.id, data: facilityUse(offer, space) }));
  const slots = bookable.flatMap((space) => freeSlots(offer, space, now));
  return new Map<OpenActiveFeed, PublishedItem[]>([
    ['session-series', series],
    ['scheduled-sessions', scheduled],
    ['facility-uses', facilityUses],
    ['facility-use-slots', slots],
  ]);
}

function sessionSeries(offer: Offer, activity: Activity): Record<string, unknown> {
  const { site } = offer.config;
  const text = textIn(site);
  const organiser = offer.organisations.get(activity.organiser);
  const level = offer.config.levels[activity.level];
  return compact({
    '@context': CONTEXT,
    '@type': 'SessionSeries',
    '@id': activityPath(activity.id),
    identifier: activity.id,
    name: text(activity.title) || activity.id,
    description: text(activity.description) || text(activity.summary) || undefined,
    url: activityPath(activity.id),
    organizer: compact({ '@type': 'Organization', name: organiser?.name ?? activity.organiser, url: organiser?.url }),
    // The site's own words for what it is: its level of talent development and its themes.
    activity: [
      { '@type': 'Concept', '@id': `/openactive/activity-list#${activity.level}`, prefLabel: text(level.name), inScheme: '/openactive/activity-list' },
      ...activity.themes.flatMap((id) => {
        const theme = offer.config.themes.find((candidate) => candidate.id === id);
        return theme ? [{ '@type': 'Concept', '@id': `/openactive/activity-list#${id}`, prefLabel: text(theme.name), inScheme: '/openactive/activity-list' }] : [];
      }),
    ],
    location: place(offer, activity.space === undefined ? undefined : offer.spaces.get(activity.space), activity),
    ageRange: compact({ '@type': 'QuantitativeValue', minValue: activity.ages.min, maxValue: activity.ages.max }),
    offers: [priceOffer(activity)],
    maximumAttendeeCapacity: activity.capacity,
    inLanguage: activity.languages.length > 0 ? [...activity.languages] : undefined,
  });
}

function scheduledSession(offer: Offer, activity: Activity, session: OfferSession): Record<string, unknown> {
  const { site } = offer.config;
  const space = sessionSpace(offer, session);
  return compact({
    '@context': CONTEXT,
    '@type': 'ScheduledSession',
    '@id': `${activityPath(activity.id)}#/subEvent/${new Date(session.start).toISOString()}`,
    identifier: session.id,
    name: textIn(site)(activity.title) || activity.id,
    superEvent: activityPath(activity.id),
    startDate: zoned(session.start, site.timeZone),
    endDate: zoned(session.end, site.timeZone),
    duration: isoDuration(session.end - session.start),
    eventStatus: STATUS[session.status ?? 'scheduled'],
    location: space && space.id !== activity.space ? place(offer, space, activity) : undefined,
    maximumAttendeeCapacity: activity.capacity,
    // The site counts no registrations: it knows a session is full only when a source said so.
    remainingAttendeeCapacity: session.full ? 0 : activity.capacity,
  });
}

function facilityUse(offer: Offer, space: Space): Record<string, unknown> {
  const { site } = offer.config;
  const text = textIn(site);
  const hours = space.booking?.openingHours ?? site.openingHours;
  return compact({
    '@context': CONTEXT,
    '@type': 'FacilityUse',
    '@id': facilityUsePath(space.id),
    identifier: space.id,
    name: text(space.name) || space.id,
    description: space.accessibility ? text(space.accessibility) : undefined,
    provider: compact({ '@type': 'Organization', name: text(site.name), url: site.followUpBaseUrl }),
    location: place(offer, space),
    hoursAvailable: WEEKDAYS.flatMap((day) => hours[day].map((range) => ({ '@type': 'OpeningHoursSpecification', dayOfWeek: [DAY_NAMES[day]], opens: range.from, closes: range.to }))),
  });
}

function freeSlots(offer: Offer, space: Space, now: number): PublishedItem[] {
  const rules = space.booking;
  if (!rules) return [];
  const { site } = offer.config;
  const minutes = Math.max(rules.slotMinutes, rules.minMinutes);
  const from = startOfLocalDay(now, site.timeZone);
  const to = startOfLocalDay(now, site.timeZone, SLOT_DAYS + 1);
  const sessions = offerSessions(offer, from - 86_400_000, to, () => true)
    .filter((session) => session.status !== 'cancelled' && sessionSpace(offer, session)?.id === space.id)
    .map((session) => ({ start: session.start, end: session.end, kind: 'session' as const, id: session.id, activityId: session.activityId }));
  const bookings = offer.bookings.get(space.id) ?? [];
  const existing = [...sessions, ...bookings].sort((a, b) => a.start - b.start || a.end - b.end);
  const firstDay = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(site.timeZone).toPlainDate().toString();
  const slots = findFreeSlotsBetween(space, firstDay, SLOT_DAYS, { site, now, existing }, { minutes, by: 'visitor' });
  return slots.map((slot) => {
    const taken = bookings.filter((booking) => booking.start < slot.end && booking.end > slot.start).length;
    const startIso = new Date(slot.start).toISOString();
    return {
      id: `${space.id}/${startIso}`,
      data: {
        '@context': CONTEXT,
        '@type': 'Slot',
        '@id': `${facilityUsePath(space.id)}#/slots/${startIso}`,
        identifier: `${space.id}/${startIso}`,
        facilityUse: facilityUsePath(space.id),
        startDate: zoned(slot.start, site.timeZone),
        endDate: zoned(slot.end, site.timeZone),
        duration: isoDuration(slot.end - slot.start),
        maximumUses: rules.capacity,
        remainingUses: Math.max(1, rules.capacity - taken),
      },
    };
  });
}

function facilityUsePath(spaceId: string): string {
  return `/openactive/facility-uses#${encodeURIComponent(spaceId)}`;
}

/**
 * Where an activity (or a space) is: an on-site space at the site's address and position, an
 * off-site activity at its own place or its partner's. Used by the JSON-LD pages too.
 */
export function place(offer: Offer, space: Space | undefined, activity?: Activity): Record<string, unknown> | undefined {
  const { site } = offer.config;
  const text = textIn(site);
  if (space) {
    return compact({
      '@type': 'Place',
      name: [text(space.name), text(site.name)].filter(Boolean).join(', '),
      address: site.address ? compact({ '@type': 'PostalAddress', streetAddress: site.address, postalCode: site.postalCode }) : undefined,
      geo: site.geo ? geo(site.geo.center.lat, site.geo.center.lon) : undefined,
    });
  }
  const partner = activity?.place ?? (activity ? offer.organisations.get(activity.organiser)?.place : undefined);
  if (!partner) return undefined;
  return { '@type': 'Place', name: partner.name, address: { '@type': 'PostalAddress', streetAddress: partner.address }, geo: geo(partner.geo.lat, partner.geo.lon) };
}

function geo(latitude: number, longitude: number): Record<string, unknown> {
  return { '@type': 'GeoCoordinates', latitude, longitude };
}

/** The price as an Offer in euro (free and pay-what-you-can are 0, the least anyone pays). */
export function priceOffer(activity: Activity): Record<string, unknown> {
  return { '@type': 'Offer', price: activity.price.kind === 'paid' ? (activity.price.amount ?? 0) : 0, priceCurrency: 'EUR' };
}

/** "2026-03-26T18:00:00+01:00": the site's wall-clock time with its offset. */
export function zoned(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** "PT1H30M". */
export function isoDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${rest || !hours ? `${rest}M` : ''}`;
}

export function textIn(site: Pick<Site, 'defaultLocale'>, locale: Locale = site.defaultLocale): (value: LocalizedText | undefined) => string {
  return (value) => (value ? localized(value, locale, site.defaultLocale).text : '');
}

/** Keys whose hub-relative values become absolute when served. */
const ADDRESS_KEYS = new Set(['@id', 'url', 'superEvent', 'facilityUse', 'inScheme']);

/** A copy of `data` with every hub-relative address under `base` ("https://hub.example.org"). */
export function absolutize<T>(data: T, base: string): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key !== undefined && ADDRESS_KEYS.has(key) && value.startsWith('/') && !value.startsWith('//') ? base + value : value;
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, walk(field, name)]));
    return value;
  };
  return walk(data) as T;
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && field !== '')) as T;
}
