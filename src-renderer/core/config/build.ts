// Turns schema-valid file contents into the domain model, applying the defaults that depend on
// other fields or files (booking hours from the site, summaries from titles, partner places).
import type { Achievement, Activity, BadgeSettings, FeedConfig, Mentor, Playlist, Level, LevelId, Locale, LocalizedText, OpeningHours, Organisation, Site, Space, Theme } from '../model';
import { LEVEL_IDS, WEEKDAYS } from '../model';
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
    site: { ...rest, openingHours: completeOpeningHours(input.openingHours), plan: map.plan, ...(map.geo ? { geo: map.geo } : {}) },
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
