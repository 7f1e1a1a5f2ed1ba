// The site's own programme as the hub publishes it — the iCal feeds, the OpenActive feeds, the
// activity pages and the follow-up catalogue: the config merged with what the store holds (staff,
// imported and feed activities with their sessions, staff organisations and spaces), so nothing has
// to be published by hand. Pure: db/offer.ts reads the rows, this file only combines them.
import { buildCatalogue, type Catalogue } from '../../src-renderer/core/catalogue';
import type { Interval } from '../../src-renderer/core/booking/interval';
import type { Activity, Occurrence, Organisation, SiteConfig, Space } from '../../src-renderer/core/model';
import type { ActivityRow, OccurrenceRow, OrganisationRow, RowSource, SpaceRow } from '../../src-renderer/core/rows';
import { expandActivity } from '../../src-renderer/core/schedule';

/** What the store adds to the config, as db/offer.ts reads it. */
export interface OfferRows {
  activities: readonly ActivityRow[];
  /** Stored sessions overlapping the rows' window (staff, imported and feed activities). */
  occurrences: readonly OccurrenceRow[];
  organisations: readonly OrganisationRow[];
  spaces: readonly SpaceRow[];
  /** Confirmed bookings near now, for the free slots. */
  bookings: readonly SpaceBooking[];
}

export type SpaceBooking = Interval & { spaceId: string };

export type OfferActivity = Activity & { source: RowSource };

/** One session as the feeds publish it. */
export type OfferSession = Occurrence & { id: string };

export interface Offer {
  /** Changes whenever anything published may: the config, the change stream's position, the hour. */
  readonly version: string;
  readonly config: SiteConfig;
  /** Config activities, replaced by a stored one of the same id. */
  readonly activities: ReadonlyMap<string, OfferActivity>;
  readonly organisations: ReadonlyMap<string, Organisation>;
  readonly spaces: ReadonlyMap<string, Space>;
  readonly stored: ReadonlyMap<string, readonly OccurrenceRow[]>;
  readonly bookings: ReadonlyMap<string, readonly Interval[]>;
}

export function buildOffer(config: SiteConfig, rows: OfferRows, version: string): Offer {
  const activities = new Map<string, OfferActivity>();
  for (const activity of config.activities) activities.set(activity.id, { ...activity, source: 'config' });
  for (const row of rows.activities) activities.set(row.id, row);
  const organisations = new Map<string, Organisation>(rows.organisations.map((row) => [row.id, stripSource(row)]));
  for (const organisation of config.organisations) organisations.set(organisation.id, organisation);
  const spaces = new Map<string, Space>(rows.spaces.map((row) => [row.id, stripSource(row)]));
  for (const space of config.spaces) spaces.set(space.id, space);
  return {
    version,
    config: { ...config, spaces: [...spaces.values()], organisations: [...organisations.values()] },
    activities,
    organisations,
    spaces,
    stored: groupBy(rows.occurrences, (row) => row.activityId),
    bookings: groupBy(rows.bookings, (booking) => booking.spaceId),
  };
}

/**
 * The sessions of the activities `include` accepts that overlap [from, to), by start: each
 * activity's stored sessions (which carry a feed's status) plus its schedule expanded, one per
 * activity and start.
 */
export function offerSessions(offer: Offer, from: number, to: number, include: (activity: OfferActivity) => boolean = () => true): OfferSession[] {
  const sessions: OfferSession[] = [];
  for (const activity of offer.activities.values()) {
    if (!include(activity)) continue;
    const byStart = new Map<number, OfferSession>();
    for (const row of offer.stored.get(activity.id) ?? []) {
      if (row.start < to && row.end > from) byStart.set(row.start, withoutSource(row));
    }
    for (const occurrence of expandActivity(activity, offer.config.site, offer.organisations.get(activity.organiser), from, to)) {
      if (!byStart.has(occurrence.start)) byStart.set(occurrence.start, { ...occurrence, id: `${occurrence.activityId}@${occurrence.start}` });
    }
    sessions.push(...byStart.values());
  }
  return sessions.sort((a, b) => a.start - b.start || (a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0));
}

/** The space a session is held in: its own, or its activity's. */
export function sessionSpace(offer: Offer, session: Occurrence): Space | undefined {
  const id = session.spaceId ?? offer.activities.get(session.activityId)?.space;
  return id === undefined ? undefined : offer.spaces.get(id);
}

/**
 * The follow-up catalogue of everything the kiosk shows, as the staff desk's "publish" builds it
 * (staff/tools/tools-data.ts): feed activities, and runtime activities without a schedule of their
 * own (staff sessions, imports stored only as sessions), list their stored sessions as they are, so
 * the page shows what the kiosk shows, cancelled and full sessions marked.
 */
export function offerCatalogue(offer: Offer, now: number): Catalogue {
  const runtime = [...offer.activities.values()].filter((activity) => activity.source !== 'config');
  const sessions = new Map<string, Occurrence[]>(
    runtime.filter((activity) => activity.source === 'feed' || activity.schedule.length === 0).map((activity) => [activity.id, [...(offer.stored.get(activity.id) ?? [])]]),
  );
  const extraActivities: Activity[] = runtime.map((activity) => stripSource(activity));
  const configActivities = offer.config.activities.filter((activity) => offer.activities.get(activity.id)?.source === 'config');
  return buildCatalogue({ ...offer.config, activities: configActivities }, { now, extraActivities, sessions });
}

function withoutSource(row: OccurrenceRow): OfferSession {
  const { source: _source, ...session } = row;
  return session;
}

function stripSource<T extends { source: string }>(row: T): Omit<T, 'source'> {
  const { source: _source, ...rest } = row;
  return rest;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
