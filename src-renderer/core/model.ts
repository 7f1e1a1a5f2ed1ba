// The domain model every layer speaks: what a validated site config becomes. Pure types, no logic.
// The JSON an author writes is described by the schema in ./config/; validation turns it into these
// types with every default applied, so no screen has to know what was optional.

/** The kiosk's four languages; Dutch is the default. */
export const LOCALES = ['nl', 'en', 'fr', 'tr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Text in one or more languages; the site's default locale is always present after validation. */
export type LocalizedText = Partial<Record<Locale, string>>;

/** The three levels of talent development, the kiosk's main classification. Fixed ids. */
export const LEVEL_IDS = ['see-do', 'do-together', 'do-yourself'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

export interface Level {
  id: LevelId;
  name: LocalizedText;
  description: LocalizedText;
  /** CSS colour of the level's markers and chips. */
  color: string;
  /** Marker shape, so that level never depends on colour alone. */
  shape: 'circle' | 'square' | 'diamond';
}

export interface Theme {
  id: string;
  name: LocalizedText;
  /** A short emoji or symbol shown beside the name. */
  icon: string;
  color: string;
}

/** A point on the site plan, in plan coordinates: x to the right, y downwards, origin top-left. */
export interface PlanPoint {
  x: number;
  y: number;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface SitePlan {
  /** File name of the plan image inside the site folder (SVG or raster). */
  image: string;
  width: number;
  height: number;
}

export interface GeoMap {
  center: GeoPoint;
  zoom: number;
  /** Where the city map's tiles come from (always through the hub); absent means no tiles at all. */
  tiles?: GeoTiles;
}

/** The city map's tiles, from `map.geo.tiles` (or the older `tileUrl`), served by the hub from its cache. */
export interface GeoTiles {
  /** A provider's URL template the hub fetches from and caches, or a PMTiles file in the site folder. */
  source: { kind: 'provider'; url: string } | { kind: 'pmtiles'; file: string };
  /** Shown whenever tiles show, as the provider requires. */
  attribution: string;
  /** Who runs this site, for the User-Agent the hub sends the provider (usage policies ask for one). */
  contact?: string;
  /** The closest zoom the hub serves. */
  maxZoom: number;
  /** The hub serves tiles only within this many kilometres of the centre: it is no open tile proxy. */
  radiusKm: number;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Wall-clock interval "HH:mm"–"HH:mm" in the site's time zone. */
export interface TimeRange {
  from: string;
  to: string;
}

export type OpeningHours = Record<Weekday, TimeRange[]>;

export interface Closure {
  /** First closed day, "YYYY-MM-DD" (site time zone). */
  from: string;
  /** Last closed day, inclusive. */
  until: string;
  reason?: LocalizedText;
}

export interface BookingRules {
  /** Who may book: visitors at the kiosk (and staff), or staff only. */
  bookableBy: 'visitors' | 'staff';
  slotMinutes: number;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  maxDaysAhead: number;
  openingHours: OpeningHours;
  closures: Closure[];
  capacity: number;
}

export interface Site {
  id: string;
  name: LocalizedText;
  /** IANA time zone of the site, e.g. "Europe/Brussels". */
  timeZone: string;
  defaultLocale: Locale;
  locales: Locale[];
  address?: string;
  /** Where the QR codes point: `<followUpBaseUrl>#<code>`. */
  followUpBaseUrl: string;
  idle: { timeoutSeconds: number; warningSeconds: number };
  staff: { pinHash?: string; idleLockSeconds: number };
  /** Fair use at the kiosk; absent in a hand-built config means the built-in limit (core/booking/fair-use.ts). */
  booking?: { maxActivePerVisitor: number };
  openingHours: OpeningHours;
  closures: Closure[];
  plan: SitePlan;
  geo?: GeoMap;
  /** Postal code of the site, e.g. "3600": the default area of a UiTdatabank feed. */
  postalCode?: string;
}

export interface Space {
  id: string;
  name: LocalizedText;
  kind: string;
  building?: string;
  floor?: number;
  /** Where the space's marker stands on the plan. */
  at: PlanPoint;
  /** Optional outline on the plan, for highlighting. */
  outline?: PlanPoint[];
  capacity?: number;
  equipment: string[];
  accessibility?: LocalizedText;
  /** Several activities may use this space at once (courtyard, gardens): overlap is not an error. */
  concurrent: boolean;
  booking?: BookingRules;
}

export type OrganisationKind = 'resident' | 'guest' | 'partner';

export interface PartnerPlace {
  name: string;
  address: string;
  geo: GeoPoint;
}

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  description: LocalizedText;
  /** Guests only: the period they are on site ("YYYY-MM-DD", inclusive). Their series do not run outside it. */
  period?: { from: string; until: string };
  /** Partners only: the off-site place. */
  place?: PartnerPlace;
  /** `public`: visitors may see it (on an activity sheet, to register); otherwise staff only. */
  contact?: { name?: string; email?: string; phone?: string; public?: boolean };
  url?: string;
  color?: string;
}

/** One block of an activity's schedule, in the site's wall-clock time. */
export interface ScheduleEntry {
  /** First (or only) occurrence start, "YYYY-MM-DDTHH:mm", site time zone. */
  start: string;
  /** First (or only) occurrence end, same format; a series repeats this length. */
  end: string;
  /** RFC 5545 RRULE without the "RRULE:" prefix; absent for a one-off. */
  rrule?: string;
  /** Local start times ("YYYY-MM-DDTHH:mm") or whole days ("YYYY-MM-DD") left out of the series. */
  except: string[];
}

export type PriceKind = 'free' | 'paid' | 'pay-what-you-can';

export interface Price {
  kind: PriceKind;
  /** Euro amount for paid activities. */
  amount?: number;
  /** How someone who cannot pay can still take part (UiTPAS, club budget, …). */
  support?: LocalizedText;
}

export interface Activity {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  level: LevelId;
  themes: string[];
  organiser: string;
  /** On-site space id; exactly one of `space` or `place` is set. */
  space?: string;
  /** Off-site place (defaults to the partner organiser's place). */
  place?: PartnerPlace;
  schedule: ScheduleEntry[];
  ages: { min: number; max?: number };
  price: Price;
  languages: Locale[] | string[];
  /** Places per session: set, visitors reserve a place on a session through the hub (issue 11). */
  capacity?: number;
  registration: 'walk-in' | 'required';
  /** Where to register elsewhere (https), shown on the sheet as a QR code with the organiser's public contact. */
  registrationUrl?: string;
  accessibility?: LocalizedText;
  badges: string[];
  /** Hand-picked next steps (activity ids); the kiosk adds computed ones. */
  nextSteps: string[];
  /** Its sessions go ahead on days the site is closed; otherwise a closure cancels them. */
  runsThroughClosures?: boolean;
  /** Set on activities a feed brought in: where it was read, shown on its sheet. */
  origin?: ActivityOrigin;
}

/** The kinds of feed the hub reads (issue 13). */
export const FEED_KINDS = ['uitdatabank', 'openactive', 'ical'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Where an activity that came from a feed was read. Never holds personal data. */
export interface ActivityOrigin {
  /** The feed's id in the site config. */
  feed: string;
  kind: FeedKind;
  /** The feed's display name, e.g. "UiT in Genk". */
  name: string;
  /** The item's own page at the source (http/https), for "more information". */
  url?: string;
  /** The organiser as the source names it (the feed's owner organisation is `Activity.organiser`). */
  organizer?: string;
  /** Where to book or register, when the source says (http/https URL). */
  bookingUrl?: string;
  /** The item's id at the source (UiT `@id`, OpenActive `@id`/`identifier`, iCal UID). */
  sourceId: string;
}

/** Mapping of a source's own terms (UiT type/theme ids or labels, OpenActive activity labels) to the site's. */
export interface FeedTermMapping {
  level?: LevelId;
  themes?: string[];
}

/** One feed the hub reads on a schedule (site.json `feeds`, or saved at the staff desk). */
export interface FeedConfig {
  id: string;
  kind: FeedKind;
  name: string;
  /** The feed's address: an iCal URL, an RPDE feed's first page, or the UiTdatabank Search API base. */
  url?: string;
  /** A saved export in the site folder (UiTdatabank JSON-LD or an RPDE page), read instead of a URL. */
  file?: string;
  /** UiTdatabank: free-text Search API query (`q`), e.g. "regions:nis-71016-Z". */
  query?: string;
  /** UiTdatabank: only items in this postal code (default: the site's `postalCode`). */
  postalCode?: string;
  /** UiTdatabank: the environment variable that holds the API key (the key itself is never in the config). */
  apiKeyEnv: string;
  /** Minutes between refreshes. */
  refreshMinutes: number;
  /** The partner organisation the feed's activities are filed under. */
  organisation: string;
  /** Level and themes for items no term mapping places. */
  level: LevelId;
  themes: string[];
  /** Overrides of the built-in term table: source term id or label → level and themes. */
  terms: Record<string, FeedTermMapping>;
  /** iCal: the language the calendar is written in. */
  contentLocale?: Locale;
  /** Days of occurrences kept from today. */
  days: number;
}

/** How a visitor can reach a mentor; shown to visitors only when the organisation marks it public. */
export interface MentorContact {
  kind: 'email' | 'phone' | 'url' | 'desk';
  /** The address, number, URL, or (desk) where to ask, e.g. "at the academy's reception". */
  value: string;
  /** The organisation chose to show this to visitors; otherwise only staff see it. */
  public: boolean;
}

/** A person a learner can ask, at a playlist step or on an activity (issue 12). First name only. */
export interface Mentor {
  id: string;
  firstName: string;
  /** The organisation the mentor belongs to (organisations.json). */
  organisation: string;
  helpsWith: LocalizedText;
  /** Languages spoken, ISO 639-1 codes. */
  languages: string[];
  /** When and where to find them, in plain words, e.g. "Wednesdays 14:00–17:00 in the workshop". */
  findThem: LocalizedText;
  contact?: MentorContact;
}

/** Alignment of an achievement to a skill framework (Open Badges 3.0 `Alignment`). */
export interface SkillAlignment {
  targetName: string;
  /** http(s) URL of the framework item. */
  targetUrl: string;
  targetFramework?: string;
  targetCode?: string;
  targetDescription?: string;
}

/** What a badge recognises (Open Badges 3.0 `Achievement`), defined by the site (issue 12). */
export interface Achievement {
  /** Also the id activities name in their `badges`. */
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  /** What a learner did to earn it, in plain words. */
  criteria: LocalizedText;
  /** Badge image: a file in the site folder (.svg or .png). */
  image?: string;
  level?: LevelId;
  theme?: string;
  /** The organisation that awards it (the credential's issuer is the site hub). */
  organisation: string;
  alignment: SkillAlignment[];
  /** How many days a credential stays valid; absent: it does not expire. */
  validDays?: number;
}

/** One step of a playlist: a named activity, or any activity of a level and theme. */
export type PlaylistStep = { activity: string; note?: LocalizedText } | { level: LevelId; theme: string; note?: LocalizedText };

/** A guided series of steps from watching to doing, curated by an organisation (issue 12). */
export interface Playlist {
  id: string;
  title: LocalizedText;
  /** The goal in plain words: what you can do at the end. */
  goal: LocalizedText;
  /** The organisation that curates it. */
  organisation: string;
  /** The mentor to ask along the way. */
  mentor?: string;
  /** The achievement the last step leads to. */
  badge?: string;
  /** 3–8 steps; their levels never step down the ladder see-do → do-together → do-yourself. */
  steps: PlaylistStep[];
}

/** How badges are awarded at this site. */
export interface BadgeSettings {
  /** Minutes a claim QR stays valid after a host opens it. */
  claimMinutes: number;
  /** How many people may claim with one QR. */
  maxClaims: number;
}

/** The defaults of a site without a learning ecosystem: no mentors, achievements or playlists. */
export const DEFAULT_BADGE_SETTINGS: BadgeSettings = { claimMinutes: 30, maxClaims: 30 };

export interface SiteConfig {
  site: Site;
  levels: Record<LevelId, Level>;
  themes: Theme[];
  spaces: Space[];
  organisations: Organisation[];
  activities: Activity[];
  /** Feeds the hub reads (site.json `feeds`); the kiosk only sees what they brought in. */
  feeds: FeedConfig[];
  /** The learning ecosystem (issue 12): people to ask, what badges recognise, guided series of steps. */
  mentors: Mentor[];
  achievements: Achievement[];
  playlists: Playlist[];
  badges: BadgeSettings;
}

/** One concrete occurrence of an activity, as UTC instants (epoch milliseconds). */
export interface Occurrence {
  activityId: string;
  spaceId?: string;
  start: number;
  end: number;
  /** Set when a feed says this session will not go ahead as planned; absent means scheduled. */
  status?: OccurrenceStatus;
  /** The source says no places are left (UiT bookingAvailability, OpenActive remainingAttendeeCapacity 0). */
  full?: boolean;
}

export type OccurrenceStatus = 'cancelled' | 'postponed' | 'unavailable';

/** The files of a site folder, as the host read them. `null` marks a missing file. */
export const SITE_FILES = ['site.json', 'spaces.json', 'organisations.json', 'activities.json'] as const;
export type SiteFileName = (typeof SITE_FILES)[number];

export interface SiteBundle {
  /** A label for the folder, for logs and error screens (never a secret). */
  source: string;
  files: Record<SiteFileName, string | null>;
  /**
   * Set by the hub when it serves its last good config because the folder's newest files do not
   * validate: the problems with those files, for staff. Screens keep showing the config they got.
   */
  refused?: ConfigError[];
}

/** A problem in a site config, in words a person can act on. */
export interface ConfigError {
  file: SiteFileName | string;
  /** JSON path inside the file, e.g. "activities[3].space"; empty for the whole file. */
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: SiteConfig; warnings: ConfigError[] } | { ok: false; errors: ConfigError[] };
