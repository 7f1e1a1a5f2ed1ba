// The published catalogue: what the static follow-up page knows about a site. It is generated from a
// validated SiteConfig (by `npm run publish:follow` or the staff "publish" button) and read back by a
// page on a stranger's phone, so reading it is defensive: whatever `catalogue.json` holds — a file
// from an older kiosk, a half-uploaded file, hostile text — `parseCatalogue` never throws, and what
// it returns has exactly the shapes below.
//
// Occurrences are pre-expanded (the phone needs neither ical.js nor a time-zone database to list
// dates) and compact: `[activityIndex, startEpochMinutes, minutes]`, about 20 bytes each, with a
// fourth element only for a session that does not simply go ahead (cancelled, postponed,
// unavailable, full). A page older than that mark drops such a session (counted as dropped) and
// shows the rest.
import { LEVEL_IDS, LOCALES } from './model';
import type { Achievement, Activity, ActivityOrigin, GeoPoint, LevelId, Locale, LocalizedText, Mentor, MentorContact, Occurrence, Organisation, OrganisationKind, PartnerPlace, PlanPoint, Playlist, PlaylistStep, Price, SiteConfig, SitePlan, Space, Theme } from './model';
import { ID_PATTERN, isHttpsUrl } from './config/formats';
import { expandActivity } from './schedule';
import { sessionMark, type SessionMark } from './timing';

export const CATALOGUE_VERSION = 1;
export const DEFAULT_CATALOGUE_DAYS = 90;

/** `[index into activities, start in minutes since 1970-01-01T00:00Z, length in minutes, mark if any]`. */
export type CompactOccurrence = readonly [activityIndex: number, startMinutes: number, minutes: number, mark?: SessionMark];

export interface CatalogueSite {
  id: string;
  name: LocalizedText;
  timeZone: string;
  defaultLocale: Locale;
  locales: Locale[];
  address?: string;
  followUpBaseUrl: string;
  plan: SitePlan;
  /** Where the site is, for "open in my map app". */
  geo?: GeoPoint;
}

export interface CatalogueLevel {
  name: LocalizedText;
  description: LocalizedText;
  color: string;
  shape: 'circle' | 'square' | 'diamond';
}

export type CatalogueSpace = Pick<Space, 'id' | 'name' | 'at' | 'outline' | 'accessibility' | 'building' | 'floor'>;
export type CatalogueOrganisation = Pick<Organisation, 'id' | 'name' | 'kind' | 'place' | 'url'>;
/** Everything a visitor reads about an activity; the schedule travels as `occurrences`. */
export type CatalogueActivity = Omit<Activity, 'schedule'>;

/**
 * A mentor as the public sees them (issue 12): first name, what they help with, where to find them.
 * The contact travels only when the organisation marked it public, and then without the flag.
 */
export type CatalogueMentor = Pick<Mentor, 'id' | 'firstName' | 'organisation' | 'helpsWith' | 'languages' | 'findThem'> & { contact?: Omit<MentorContact, 'public'> };
/** What a badge recognises, for the phone's claim page, wallet and playlists. `image` is a file of the site folder. */
export type CatalogueAchievement = Pick<Achievement, 'id' | 'name' | 'description' | 'criteria' | 'image' | 'level' | 'theme' | 'organisation'>;
export type CataloguePlaylistStep = PlaylistStep;
export type CataloguePlaylist = Playlist;

export interface Catalogue {
  version: typeof CATALOGUE_VERSION;
  /** When it was generated (epoch ms); dates after `generatedAt + days` are simply not known yet. */
  generatedAt: number;
  days: number;
  site: CatalogueSite;
  levels: Record<LevelId, CatalogueLevel>;
  themes: Theme[];
  spaces: CatalogueSpace[];
  organisations: CatalogueOrganisation[];
  activities: CatalogueActivity[];
  /** Sorted by start. */
  occurrences: CompactOccurrence[];
  /** The learning ecosystem (issue 12); empty in a catalogue from before it. */
  mentors: CatalogueMentor[];
  achievements: CatalogueAchievement[];
  playlists: CataloguePlaylist[];
}

export interface BuildCatalogueOptions {
  /** Occurrences are listed from here (epoch ms). */
  now: number;
  /** How many days ahead; default 90. */
  days?: number;
  /** Staff-scheduled activities from the kiosk's store; one with a config activity's id replaces it. */
  extraActivities?: readonly Activity[];
  /**
   * Stored sessions per activity id (staff, imported and feed rows): an activity listed here shows
   * exactly these, with their status, instead of its schedule expanded.
   */
  sessions?: ReadonlyMap<string, readonly Occurrence[]>;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export function buildCatalogue(config: SiteConfig, options: BuildCatalogueOptions): Catalogue {
  const days = options.days ?? DEFAULT_CATALOGUE_DAYS;
  const from = options.now;
  const to = from + days * DAY_MS;
  const byId = new Map<string, Activity>();
  for (const activity of [...config.activities, ...(options.extraActivities ?? [])]) byId.set(activity.id, activity);
  const activities = [...byId.values()];
  const organisations = new Map(config.organisations.map((organisation) => [organisation.id, organisation]));

  const occurrences: CompactOccurrence[] = activities
    .flatMap((activity, index) => {
      const stored = options.sessions?.get(activity.id);
      const listed = stored ? stored.filter((occurrence) => occurrence.start < to && occurrence.end > from) : expandActivity(activity, config.site, organisations.get(activity.organiser), from, to);
      return listed.map((occurrence) => compact(index, occurrence));
    })
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);

  const { site } = config;
  return {
    version: CATALOGUE_VERSION,
    generatedAt: options.now,
    days,
    site: {
      id: site.id,
      name: site.name,
      timeZone: site.timeZone,
      defaultLocale: site.defaultLocale,
      locales: site.locales,
      ...(site.address === undefined ? {} : { address: site.address }),
      followUpBaseUrl: site.followUpBaseUrl,
      plan: { image: site.plan.image, width: site.plan.width, height: site.plan.height },
      ...(site.geo ? { geo: { lat: site.geo.center.lat, lon: site.geo.center.lon } } : {}),
    },
    levels: Object.fromEntries(LEVEL_IDS.map((id) => [id, levelOf(config.levels[id])])) as Record<LevelId, CatalogueLevel>,
    themes: config.themes,
    spaces: config.spaces.map(({ id, name, at, outline, accessibility, building, floor }) => stripUndefined({ id, name, at, outline, accessibility, building, floor })),
    organisations: config.organisations.map(({ id, name, kind, place, url }) => stripUndefined({ id, name, kind, place, url })),
    // The phone gets the sessions already expanded, closures applied: neither the schedule nor the flag travels.
    activities: activities.map(({ schedule: _schedule, runsThroughClosures: _runsThroughClosures, ...activity }) => stripUndefined(activity)),
    occurrences,
    mentors: config.mentors.map(publicMentor),
    achievements: config.achievements.map(({ id, name, description, criteria, image, level, theme, organisation }) => stripUndefined({ id, name, description, criteria, image, level, theme, organisation })),
    playlists: config.playlists.map(({ id, title, goal, organisation, mentor, badge, steps }) => stripUndefined({ id, title, goal, organisation, mentor, badge, steps: steps.map((step) => stripUndefined({ ...step })) })),
  };
}

/** Only what visitors may see: a contact the organisation did not mark public stays with the staff. */
function publicMentor({ id, firstName, organisation, helpsWith, languages, findThem, contact }: Mentor): CatalogueMentor {
  return { id, firstName, organisation, helpsWith, languages, findThem, ...(contact?.public ? { contact: { kind: contact.kind, value: contact.value } } : {}) };
}

function compact(index: number, occurrence: Occurrence): CompactOccurrence {
  const start = Math.floor(occurrence.start / MINUTE_MS);
  const minutes = Math.max(1, Math.round((occurrence.end - occurrence.start) / MINUTE_MS));
  const mark = sessionMark(occurrence);
  return mark ? [index, start, minutes, mark] : [index, start, minutes];
}

function levelOf({ name, description, color, shape }: CatalogueLevel): CatalogueLevel {
  return { name, description, color, shape };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export type ParsedCatalogue = { ok: true; catalogue: Catalogue; dropped: number } | { ok: false; error: 'not-json' | 'not-a-catalogue' | 'unsupported-version' | 'invalid-site' };

// Generous bounds: far above any real site, low enough that a hostile file cannot make a phone work
// for minutes or render a megabyte-long "title".
const MAX_TEXT = 10_000;
const MAX_SHORT_TEXT = 500;
const MAX_ITEMS = 5_000;
const MAX_OCCURRENCES = 200_000;
const MAX_OUTLINE_POINTS = 200;
const MAX_MINUTES = 60 * 24 * 31;
const PLAN_IMAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|webp)$/i;
const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;
const ORGANISATION_KINDS: readonly OrganisationKind[] = ['resident', 'guest', 'partner'];
const PRICE_KINDS: readonly Price['kind'][] = ['free', 'paid', 'pay-what-you-can'];
const SHAPES: readonly CatalogueLevel['shape'][] = ['circle', 'square', 'diamond'];
const SESSION_MARKS: readonly SessionMark[] = ['cancelled', 'postponed', 'unavailable', 'full'];
const FEED_KINDS_READ: readonly ActivityOrigin['kind'][] = ['uitdatabank', 'openactive', 'ical'];

/**
 * Reads a catalogue from parsed JSON (or its text). A broken site block fails the whole catalogue —
 * without a time zone nothing can be shown correctly — but a broken activity, space, theme or
 * occurrence is left out and counted in `dropped`, so one bad entry never hides the rest.
 */
export function parseCatalogue(input: unknown): ParsedCatalogue {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input) as unknown;
    } catch {
      return { ok: false, error: 'not-json' };
    }
  }
  try {
    return readCatalogue(json);
  } catch {
    // Defence in depth: the readers below do not throw on any JSON value, but a getter-laden object
    // handed in by a caller could.
    return { ok: false, error: 'not-a-catalogue' };
  }
}

function readCatalogue(json: unknown): ParsedCatalogue {
  if (!isRecord(json) || !('version' in json)) return { ok: false, error: 'not-a-catalogue' };
  if (json.version !== CATALOGUE_VERSION) return { ok: false, error: typeof json.version === 'number' && json.version > CATALOGUE_VERSION ? 'unsupported-version' : 'not-a-catalogue' };
  const site = readSite(json.site);
  if (!site) return { ok: false, error: 'invalid-site' };
  let dropped = 0;
  const keep = <T>(items: readonly (T | undefined)[]): T[] => {
    const kept = items.filter((item): item is T => item !== undefined);
    dropped += items.length - kept.length;
    return kept;
  };

  const themes = keep(list(json.themes).map(readTheme));
  const spaces = keep(list(json.spaces).map(readSpace));
  const organisations = keep(list(json.organisations).map(readOrganisation));
  const spaceIds = new Set(spaces.map((space) => space.id));
  const rawActivities = list(json.activities).map((value) => readActivity(value, spaceIds));
  // Occurrences point into the original list, so they are renumbered around any activity left out.
  const newIndex: (number | undefined)[] = [];
  const activities: CatalogueActivity[] = [];
  const seen = new Set<string>();
  rawActivities.forEach((activity, index) => {
    if (!activity || seen.has(activity.id)) {
      dropped++;
      return;
    }
    seen.add(activity.id);
    newIndex[index] = activities.length;
    activities.push(activity);
  });
  const occurrences = keep(list(json.occurrences, MAX_OCCURRENCES).map((value) => readOccurrence(value, newIndex)));
  occurrences.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const mentors = keep(list(json.mentors).map(readMentor));
  const achievements = keep(list(json.achievements).map(readAchievement));
  const playlists = keep(list(json.playlists).map(readPlaylist));

  return {
    ok: true,
    dropped,
    catalogue: {
      version: CATALOGUE_VERSION,
      generatedAt: finiteNumber(json.generatedAt) ?? 0,
      days: finiteNumber(json.days) ?? DEFAULT_CATALOGUE_DAYS,
      site,
      levels: readLevels(json.levels),
      themes,
      spaces,
      organisations,
      activities,
      occurrences,
      mentors,
      achievements,
      playlists,
    },
  };
}

function readSite(value: unknown): CatalogueSite | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  const timeZone = shortText(value.timeZone);
  const plan = isRecord(value.plan) ? value.plan : undefined;
  const image = shortText(plan?.image);
  const width = positiveNumber(plan?.width);
  const height = positiveNumber(plan?.height);
  if (!id || !timeZone || !isUsableTimeZone(timeZone) || !image || !PLAN_IMAGE_PATTERN.test(image) || !width || !height) return undefined;
  const locales = list(value.locales).filter(isLocale);
  const defaultLocale = isLocale(value.defaultLocale) ? value.defaultLocale : 'nl';
  const address = shortText(value.address);
  const geo = readGeo(value.geo);
  const followUpBaseUrl = shortText(value.followUpBaseUrl);
  return {
    id,
    name: localizedText(value.name),
    timeZone,
    defaultLocale,
    locales: locales.length > 0 ? locales : [defaultLocale],
    ...(address ? { address } : {}),
    followUpBaseUrl: followUpBaseUrl && isHttpsUrl(followUpBaseUrl) ? followUpBaseUrl : '',
    plan: { image, width, height },
    ...(geo ? { geo } : {}),
  };
}

function readLevels(value: unknown): Record<LevelId, CatalogueLevel> {
  const levels = isRecord(value) ? value : {};
  const fallbackColours: Record<LevelId, string> = { 'see-do': '#1a5fd0', 'do-together': '#b54708', 'do-yourself': '#7a3fb0' };
  const fallbackShapes: Record<LevelId, CatalogueLevel['shape']> = { 'see-do': 'circle', 'do-together': 'square', 'do-yourself': 'diamond' };
  const read = (id: LevelId): CatalogueLevel => {
    const level = isRecord(levels[id]) ? levels[id] : {};
    const color = shortText(level.color);
    const shape = SHAPES.find((candidate) => candidate === level.shape);
    return {
      name: localizedText(level.name),
      description: localizedText(level.description),
      color: color && COLOUR_PATTERN.test(color) ? color : fallbackColours[id],
      shape: shape ?? fallbackShapes[id],
    };
  };
  return { 'see-do': read('see-do'), 'do-together': read('do-together'), 'do-yourself': read('do-yourself') };
}

function readTheme(value: unknown): Theme | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  const color = shortText(value.color);
  if (!id) return undefined;
  return { id, name: localizedText(value.name), icon: shortText(value.icon)?.slice(0, 16) ?? '', color: color && COLOUR_PATTERN.test(color) ? color : '#4a5360' };
}

function readSpace(value: unknown): CatalogueSpace | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  const at = readPoint(value.at);
  if (!id || !at) return undefined;
  const outline = Array.isArray(value.outline) ? list(value.outline, MAX_OUTLINE_POINTS).map(readPoint) : undefined;
  const building = shortText(value.building);
  const floor = finiteNumber(value.floor);
  const accessibility = optionalLocalizedText(value.accessibility);
  return {
    id,
    name: localizedText(value.name),
    at,
    ...(outline && outline.length >= 3 && outline.every((point) => point !== undefined) ? { outline: outline as PlanPoint[] } : {}),
    ...(accessibility ? { accessibility } : {}),
    ...(building ? { building } : {}),
    ...(floor === undefined ? {} : { floor }),
  };
}

function readOrganisation(value: unknown): CatalogueOrganisation | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  const kind = ORGANISATION_KINDS.find((candidate) => candidate === value.kind);
  if (!id || !kind) return undefined;
  const place = readPlace(value.place);
  const url = shortText(value.url);
  return {
    id,
    name: shortText(value.name) ?? id,
    kind,
    ...(place ? { place } : {}),
    // Only https links are ever offered: a `javascript:` URL in a hostile file must not become a link.
    ...(url && isHttpsUrl(url) ? { url } : {}),
  };
}

function readActivity(value: unknown, spaceIds: ReadonlySet<string>): CatalogueActivity | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  const level = LEVEL_IDS.find((candidate) => candidate === value.level);
  const organiser = identifier(value.organiser) ?? '';
  if (!id || !level) return undefined;
  const space = identifier(value.space);
  const place = readPlace(value.place);
  const ages = isRecord(value.ages) ? value.ages : {};
  const minAge = nonNegativeInteger(ages.min) ?? 0;
  const maxAge = nonNegativeInteger(ages.max);
  const price = readPrice(value.price);
  const capacity = nonNegativeInteger(value.capacity);
  const accessibility = optionalLocalizedText(value.accessibility);
  const origin = readOrigin(value.origin);
  const registrationUrl = shortText(value.registrationUrl);
  return {
    id,
    title: localizedText(value.title),
    summary: localizedText(value.summary),
    description: localizedText(value.description),
    level,
    themes: identifiers(value.themes),
    organiser,
    ...(space && spaceIds.has(space) ? { space } : {}),
    ...(place ? { place } : {}),
    ages: maxAge === undefined ? { min: minAge } : { min: minAge, max: maxAge },
    price,
    languages: list(value.languages, 20)
      .map(shortText)
      .filter((language): language is string => language !== undefined && /^[a-z]{2}$/.test(language)),
    ...(capacity === undefined ? {} : { capacity }),
    registration: value.registration === 'required' ? 'required' : 'walk-in',
    // As an organisation's website: only https, never a `javascript:` URL from a hostile file.
    ...(registrationUrl && isHttpsUrl(registrationUrl) ? { registrationUrl } : {}),
    ...(accessibility ? { accessibility } : {}),
    badges: list(value.badges, 50)
      .map(shortText)
      .filter((badge): badge is string => badge !== undefined),
    nextSteps: identifiers(value.nextSteps),
    ...(origin ? { origin } : {}),
  };
}

const CONTACT_KINDS: readonly MentorContact['kind'][] = ['email', 'phone', 'url', 'desk'];
const ACHIEVEMENT_IMAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png)$/i;
const MAX_PLAYLIST_STEPS = 20;

function readMentor(value: unknown): CatalogueMentor | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  const firstName = shortText(value.firstName);
  if (!id || !firstName) return undefined;
  const contact = isRecord(value.contact) ? value.contact : undefined;
  const kind = CONTACT_KINDS.find((candidate) => candidate === contact?.kind);
  const contactValue = shortText(contact?.value);
  // A url contact becomes a link, so only a web address is kept; the others are shown as text.
  const usable = kind && contactValue && (kind !== 'url' || webAddress(contactValue) !== undefined);
  return {
    id,
    firstName,
    organisation: identifier(value.organisation) ?? '',
    helpsWith: localizedText(value.helpsWith),
    languages: list(value.languages, 20)
      .map(shortText)
      .filter((language): language is string => language !== undefined && /^[a-z]{2}$/.test(language)),
    findThem: localizedText(value.findThem),
    ...(usable ? { contact: { kind, value: contactValue } } : {}),
  };
}

function readAchievement(value: unknown): CatalogueAchievement | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  if (!id) return undefined;
  const image = shortText(value.image);
  const level = LEVEL_IDS.find((candidate) => candidate === value.level);
  const theme = identifier(value.theme);
  return {
    id,
    name: localizedText(value.name),
    description: localizedText(value.description),
    criteria: localizedText(value.criteria),
    ...(image && ACHIEVEMENT_IMAGE_PATTERN.test(image) ? { image } : {}),
    ...(level ? { level } : {}),
    ...(theme ? { theme } : {}),
    organisation: identifier(value.organisation) ?? '',
  };
}

function readPlaylist(value: unknown): CataloguePlaylist | undefined {
  if (!isRecord(value)) return undefined;
  const id = identifier(value.id);
  if (!id) return undefined;
  const steps = list(value.steps, MAX_PLAYLIST_STEPS)
    .map(readPlaylistStep)
    .filter((step): step is PlaylistStep => step !== undefined);
  if (steps.length === 0) return undefined;
  const mentor = identifier(value.mentor);
  const badge = identifier(value.badge);
  return {
    id,
    title: localizedText(value.title),
    goal: localizedText(value.goal),
    organisation: identifier(value.organisation) ?? '',
    ...(mentor ? { mentor } : {}),
    ...(badge ? { badge } : {}),
    steps,
  };
}

function readPlaylistStep(value: unknown): PlaylistStep | undefined {
  if (!isRecord(value)) return undefined;
  const note = optionalLocalizedText(value.note);
  const activity = identifier(value.activity);
  if (activity) return { activity, ...(note ? { note } : {}) };
  const level = LEVEL_IDS.find((candidate) => candidate === value.level);
  const theme = identifier(value.theme);
  return level && theme ? { level, theme, ...(note ? { note } : {}) } : undefined;
}

/** Where a feed item was read: names as text, links only when they are http(s) (never `javascript:`). */
function readOrigin(value: unknown): ActivityOrigin | undefined {
  if (!isRecord(value)) return undefined;
  const feed = identifier(value.feed);
  const kind = FEED_KINDS_READ.find((candidate) => candidate === value.kind);
  const name = shortText(value.name);
  const sourceId = shortText(value.sourceId);
  if (!feed || !kind || !name || !sourceId) return undefined;
  const url = webAddress(value.url);
  const bookingUrl = webAddress(value.bookingUrl);
  const organizer = shortText(value.organizer);
  return { feed, kind, name, sourceId, ...(url ? { url } : {}), ...(bookingUrl ? { bookingUrl } : {}), ...(organizer ? { organizer } : {}) };
}

function webAddress(value: unknown): string | undefined {
  const text = typeof value === 'string' && value.length <= 2_000 ? value : undefined;
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function readPrice(value: unknown): Price {
  if (!isRecord(value)) return { kind: 'free' };
  const kind = PRICE_KINDS.find((candidate) => candidate === value.kind) ?? 'free';
  const amount = finiteNumber(value.amount);
  const support = optionalLocalizedText(value.support);
  return { kind, ...(amount !== undefined && amount >= 0 ? { amount } : {}), ...(support ? { support } : {}) };
}

function readOccurrence(value: unknown, newIndex: readonly (number | undefined)[]): CompactOccurrence | undefined {
  if (!Array.isArray(value) || (value.length !== 3 && value.length !== 4)) return undefined;
  const [index, start, minutes, mark] = value as unknown[];
  const activity = typeof index === 'number' && Number.isInteger(index) ? newIndex[index] : undefined;
  if (activity === undefined || !Number.isSafeInteger(start) || (start as number) < 0) return undefined;
  if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > MAX_MINUTES) return undefined;
  if (value.length === 3) return [activity, start as number, minutes as number];
  // A mark this page does not know would be a guess: the session is left out rather than shown as going ahead.
  const known = SESSION_MARKS.find((candidate) => candidate === mark);
  return known ? [activity, start as number, minutes as number, known] : undefined;
}

function readPlace(value: unknown): PartnerPlace | undefined {
  if (!isRecord(value)) return undefined;
  const name = shortText(value.name);
  const address = shortText(value.address);
  const geo = readGeo(value.geo);
  return name && address && geo ? { name, address, geo } : undefined;
}

function readGeo(value: unknown): GeoPoint | undefined {
  if (!isRecord(value)) return undefined;
  const lat = finiteNumber(value.lat);
  const lon = finiteNumber(value.lon);
  return lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}

function readPoint(value: unknown): PlanPoint | undefined {
  if (!isRecord(value)) return undefined;
  const x = finiteNumber(value.x);
  const y = finiteNumber(value.y);
  return x !== undefined && y !== undefined ? { x, y } : undefined;
}

function localizedText(value: unknown): LocalizedText {
  const text: LocalizedText = {};
  if (!isRecord(value)) return text;
  for (const locale of LOCALES) {
    const entry = value[locale];
    if (typeof entry === 'string' && entry.trim() !== '') text[locale] = entry.slice(0, MAX_TEXT);
  }
  return text;
}

function optionalLocalizedText(value: unknown): LocalizedText | undefined {
  const text = localizedText(value);
  return Object.keys(text).length > 0 ? text : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, max = MAX_ITEMS): unknown[] {
  return Array.isArray(value) ? value.slice(0, max) : [];
}

function shortText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.slice(0, MAX_SHORT_TEXT) : undefined;
}

function identifier(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 200 && ID_PATTERN.test(value) ? value : undefined;
}

function identifiers(value: unknown): string[] {
  return list(value, 100)
    .map(identifier)
    .filter((id): id is string => id !== undefined);
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function positiveNumber(value: unknown): number | undefined {
  const number = finiteNumber(value);
  return number !== undefined && number > 0 ? number : undefined;
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

/** Whether this engine can show times in the zone; a zone it does not know would throw later, mid-render. */
function isUsableTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
