// What the staff tools read from the store, written once: the inputs of the calendar export, the
// published catalogue and the posters. Plain async functions over the store's reads (the kiosk's
// copy), so tests run them as they are.
import { buildCatalogue, type Catalogue as PublishedCatalogue } from '../../core/catalogue';
import type { CalendarExportInput, ExportBooking } from '../../core/ical-export';
import type { Activity, Locale, Occurrence, SiteConfig } from '../../core/model';
import { DEFAULT_BADGE_SETTINGS } from '../../core/model';
import { expandActivity } from '../../core/schedule';
import { startOfLocalDay } from '../../core/timing';
import type { StoredSite } from '../../db/database';
import type { KioskStore } from '../../db/store';

/** The reads the tools need. */
export type ToolsSource = Pick<KioskStore, 'listSpaces' | 'listActivities' | 'listOrganisations' | 'occurrencesBetween' | 'occurrencesOfActivities' | 'bookingsInSpace'>;

/**
 * Every session of [from, to): what the store holds (config rows up to the seeded window, staff and
 * imported rows) plus each activity's schedule expanded over the whole period, since the seeded
 * window (60 days) is shorter than an export's (90). Same activity and start count once.
 */
export async function sessionsBetween(store: ToolsSource, site: StoredSite['site'], from: number, to: number): Promise<Occurrence[]> {
  const [stored, activities, organisations] = await Promise.all([store.occurrencesBetween(from, to), store.listActivities(), store.listOrganisations()]);
  const organisationById = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  const byKey = new Map<string, Occurrence>();
  for (const occurrence of stored) byKey.set(`${occurrence.activityId}@${occurrence.start}`, occurrence);
  for (const activity of activities) {
    for (const occurrence of expandActivity(activity, site, organisationById.get(activity.organiser), from, to)) {
      const key = `${occurrence.activityId}@${occurrence.start}`;
      if (!byKey.has(key)) byKey.set(key, occurrence);
    }
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start);
}

export interface CalendarRequest {
  spaceId?: string;
  days: number;
  now: number;
  locale: Locale;
}

/** The export's input for the whole site or one space, from the start of today for `days` days. */
export async function calendarInput(store: ToolsSource, stored: StoredSite, request: CalendarRequest): Promise<CalendarExportInput> {
  const { site } = stored;
  const from = startOfLocalDay(request.now, site.timeZone);
  const to = startOfLocalDay(request.now, site.timeZone, request.days);
  const [spaces, activities, organisations, occurrences] = await Promise.all([store.listSpaces(), store.listActivities(), store.listOrganisations(), sessionsBetween(store, site, from, to)]);
  const spaceIds = request.spaceId === undefined ? spaces.map((space) => space.id) : [request.spaceId];
  const bookings: ExportBooking[] = (await Promise.all(spaceIds.map((spaceId) => store.bookingsInSpace(spaceId, from, to)))).flat();
  return {
    site,
    locale: request.locale,
    spaces,
    activities,
    organisations,
    occurrences,
    bookings,
    ...(request.spaceId === undefined ? {} : { spaceId: request.spaceId }),
    from,
    to,
    now: request.now,
  };
}

/**
 * The follow-up catalogue with everything the kiosk shows: the config's activities and the staff,
 * imported and feed ones (which replace a config activity of the same id), with every organisation
 * and space the store holds. Feed activities, and runtime activities without a schedule of their own
 * (staff sessions stored only as occurrence rows), list their stored sessions as they are, so the
 * page shows what the kiosk shows, cancelled and full sessions marked.
 */
export async function publishedCatalogue(store: ToolsSource, stored: StoredSite, now: number, days?: number): Promise<PublishedCatalogue> {
  const [spaces, organisations, activities] = await Promise.all([store.listSpaces(), store.listOrganisations(), store.listActivities()]);
  const runtime = activities.filter((activity) => activity.source !== 'config');
  const fromRows = runtime.filter((activity) => activity.source === 'feed' || activity.schedule.length === 0).map((activity) => activity.id);
  const rows = await store.occurrencesOfActivities(fromRows);
  const sessions = new Map<string, Occurrence[]>(fromRows.map((id) => [id, []]));
  for (const row of rows) sessions.get(row.activityId)?.push(row);
  const config: SiteConfig = {
    site: stored.site,
    levels: stored.levels,
    themes: stored.themes,
    feeds: [],
    mentors: [],
    achievements: [],
    playlists: [],
    badges: DEFAULT_BADGE_SETTINGS,
    spaces: spaces.map(stripSource),
    organisations: organisations.map(stripSource),
    activities: activities.filter((activity) => activity.source === 'config').map(stripSource),
  };
  const extraActivities: Activity[] = runtime.map(stripSource);
  return buildCatalogue(config, { now, ...(days === undefined ? {} : { days }), extraActivities, sessions });
}

function stripSource<T extends { source: string }>(row: T): Omit<T, 'source'> {
  const { source: _source, ...rest } = row;
  return rest;
}
