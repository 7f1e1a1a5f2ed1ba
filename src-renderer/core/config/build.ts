// Turns schema-valid file contents into the domain model, applying the defaults that depend on
// other fields or files (booking hours from the site, summaries from titles, partner places).
import type { Achievement, Activity, BadgeSettings, FeedConfig, GeoMap, GeoTiles, Mentor, Playlist, Level, LevelId, Locale, LocalizedText, OpeningHours, Organisation, Site, Space, Theme } from '../model';
import { LEVEL_IDS, WEEKDAYS } from '../model';
import { TILE_DEFAULTS } from '../map/tiles';
import { DEFAULT_LEVELS } from './defaults';
import type { ActivityInput, OrganisationInput, SiteInput, SpaceInput } from './schema';

export interface BuiltSite {
  site: Site;
  levels: Record<LevelId, Level>;
  themes: Theme[];
  feeds: FeedConfig[];
  mentors: Mentor[];
  achievements: Achievement[];
  playlists: Playlist[];
  badges: BadgeSettings;
}

export function buildSite(input: SiteInput): BuiltSite {
  const { map, levels, themes, feeds, mentors, achievements, playlists, badges, $schema: _schema, ...rest } = input;
  return {
    site: { ...rest, openingHours: completeOpeningHours(input.openingHours), plan: map.plan, ...(map.geo ? { geo: buildGeo(map.geo) } : {}) },
    levels: Object.fromEntries(LEVEL_IDS.map((id) => [id, { ...DEFAULT_LEVELS[id], ...levels[id] }])) as Record<LevelId, Level>,
    themes,
    feeds,
    mentors: mentors.map((mentor) => ({ ...mentor, languages: mentor.languages ?? [rest.defaultLocale] })),
    achievements,
    playlists,
    badges,
  };
}

export function buildSpace(input: SpaceInput, siteOpeningHours: OpeningHours): Space {
  const { booking, ...rest } = input;
  if (!booking) return rest;
  return {
    ...rest,
    booking: {
      ...booking,
      minMinutes: booking.minMinutes ?? booking.slotMinutes,
      openingHours: booking.openingHours ? completeOpeningHours(booking.openingHours) : siteOpeningHours,
    },
  };
}

export function buildOrganisation(input: OrganisationInput): Organisation {
  return input;
}

export function buildActivity(input: ActivityInput, defaultLocale: Locale, organiser: Organisation | undefined): Activity {
  const partnerPlace = organiser?.kind === 'partner' && input.space === undefined && input.place === undefined ? organiser.place : undefined;
  return {
    ...input,
    summary: input.summary ?? emptyTextsLike(input.title),
    description: input.description ?? { [defaultLocale]: '' },
    languages: input.languages ?? [defaultLocale],
    ...(partnerPlace ? { place: partnerPlace } : {}),
  };
}

/** A weekday left out of the opening hours is a closed day. */
function completeOpeningHours(hours: Partial<OpeningHours>): OpeningHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, hours[day] ?? []])) as OpeningHours;
}

function emptyTextsLike(text: LocalizedText): LocalizedText {
  return Object.fromEntries(Object.keys(text).map((locale) => [locale, '']));
}

type GeoInput = NonNullable<SiteInput['map']['geo']>;

/**
 * The city map with its tiles in one shape: `tiles` (a provider or a PMTiles file), else the older
 * `tileUrl` with its `attribution`. The checks have refused both at once and a `tiles` without a source.
 */
export function buildGeo({ center, zoom, tiles, tileUrl, attribution }: GeoInput): GeoMap {
  const built = buildTiles(tiles, tileUrl, attribution);
  return { center, zoom, ...(built ? { tiles: built } : {}) };
}

function buildTiles(tiles: GeoInput['tiles'], tileUrl: string | undefined, attribution: string | undefined): GeoTiles | undefined {
  if (tiles) {
    const source: GeoTiles['source'] | undefined = tiles.url !== undefined ? { kind: 'provider', url: tiles.url } : tiles.pmtiles !== undefined ? { kind: 'pmtiles', file: tiles.pmtiles } : undefined;
    if (!source) return undefined;
    return { source, attribution: tiles.attribution.trim(), ...(tiles.contact !== undefined ? { contact: tiles.contact } : {}), maxZoom: tiles.maxZoom, radiusKm: tiles.radiusKm };
  }
  if (tileUrl === undefined) return undefined;
  return { source: { kind: 'provider', url: tileUrl }, attribution: attribution?.trim() ?? '', maxZoom: TILE_DEFAULTS.maxZoom, radiusKm: TILE_DEFAULTS.radiusKm };
}
