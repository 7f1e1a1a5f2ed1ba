// The authoring format of a site folder: one valibot schema per JSON file. This is the single place
// that documents the config — every field says its meaning here, its type and default come from
// the schema itself — and docs/config-reference.md plus the editors' JSON Schemas are generated
// from it (`npm run config:docs`). Objects are strict: an unknown key is nearly always a typo.
// Rules that need several fields or files (references, locales, overlaps) live in ./checks.ts.
import * as v from 'valibot';
import { FEED_KINDS, LEVEL_IDS, LOCALES } from '../model';
import { TILE_DEFAULTS, TILE_LIMITS, tileTemplateProblem } from '../map/tiles';
import { DEFAULT_THEMES, defaultOpeningHours } from './defaults';
import {
  COLOUR_PATTERN,
  END_TIME_PATTERN,
  ID_PATTERN,
  isHttpsUrl,
  isLocalDate,
  isLocalDateTime,
  isSecureUrl,
  isWebUrl,
  LANGUAGE_CODE_PATTERN,
  TIME_PATTERN,
} from './formats';

function described<TSchema extends v.GenericSchema>(schema: TSchema, description: string) {
  return v.pipe(schema, v.description(description));
}

const slug = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be a lower-case id such as "repair-cafe": a–z, 0–9 and "-", starting with a letter or digit'));
const localDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  v.check(isLocalDate, 'is not a real calendar date'),
);
const localDateTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date-time written YYYY-MM-DDTHH:mm (site time, no offset)'),
  v.check(isLocalDateTime, 'is not a real date and time'),
);
const dateOrDateTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'must be a date (YYYY-MM-DD) or a local date-time (YYYY-MM-DDTHH:mm)'),
  v.check((text) => isLocalDate(text) || isLocalDateTime(text), 'is not a real date or date-time'),
);
const colour = v.pipe(v.string(), v.regex(COLOUR_PATTERN, 'must be a colour written #rrggbb'));
/** A tile provider's URL template, with a message that says what to change. */
const TileTemplate = v.pipe(
  v.string(),
  v.check((template) => tileTemplateProblem(template) === undefined, (issue) => tileTemplateProblem(String(issue.input)) ?? 'is not a usable tile URL template'),
);

const positiveInteger = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more'));
const wholeMinutes = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'));
const planCoordinate = v.pipe(v.number(), v.finite('must be a finite number'));

/** Text per language; the site's default locale must be among them (checked across files). */
export const LocalizedText = v.strictObject({
  nl: v.optional(described(v.string(), 'Dutch.')),
  en: v.optional(described(v.string(), 'English.')),
  fr: v.optional(described(v.string(), 'French.')),
  tr: v.optional(described(v.string(), 'Turkish.')),
});

export const TimeRange = v.pipe(
  v.strictObject({
    from: described(v.pipe(v.string(), v.regex(TIME_PATTERN, 'must be a time written HH:mm (00:00–23:59)')), 'Opening time, "HH:mm".'),
    to: described(v.pipe(v.string(), v.regex(END_TIME_PATTERN, 'must be a time written HH:mm (00:00–24:00)')), 'Closing time, "HH:mm"; "24:00" means midnight.'),
  }),
  v.check((range) => range.to > range.from, 'the closing time `to` must be after the opening time `from`'),
);

const dayHours = (day: string) => v.optional(described(v.array(TimeRange), `Open intervals on ${day}; left out or [] means closed.`));

export const OpeningHours = v.strictObject({
  mon: dayHours('Monday'),
  tue: dayHours('Tuesday'),
  wed: dayHours('Wednesday'),
  thu: dayHours('Thursday'),
  fri: dayHours('Friday'),
  sat: dayHours('Saturday'),
  sun: dayHours('Sunday'),
});

export const Closure = v.pipe(
  v.strictObject({
    from: described(localDate, 'First closed day, "YYYY-MM-DD".'),
    until: described(localDate, 'Last closed day, inclusive.'),
    reason: v.optional(described(LocalizedText, 'Why it is closed, shown to visitors (attract screen on the day, activity sheet, booking dialog).')),
  }),
  v.check((closure) => closure.until >= closure.from, 'the last day `until` must not be before the first day `from`'),
);

export const PlanPoint = v.strictObject({
  x: described(planCoordinate, 'Plan pixels from the left edge.'),
  y: described(planCoordinate, 'Plan pixels from the top edge.'),
});

export const GeoPoint = v.strictObject({
  lat: described(v.pipe(v.number(), v.minValue(-90, 'must be between -90 and 90'), v.maxValue(90, 'must be between -90 and 90')), 'Latitude in degrees (WGS 84).'),
  lon: described(v.pipe(v.number(), v.minValue(-180, 'must be between -180 and 180'), v.maxValue(180, 'must be between -180 and 180')), 'Longitude in degrees (WGS 84).'),
});

export const Place = v.strictObject({
  name: described(v.pipe(v.string(), v.nonEmpty('must not be empty')), 'Name of the place as visitors know it.'),
  address: described(v.pipe(v.string(), v.nonEmpty('must not be empty')), 'Street address, for directions.'),
  geo: described(GeoPoint, 'Where it is on the city map.'),
});

/** Value formats, named in the reference instead of spelled out at every use. */
export const NAMED_FORMATS = {
  id: slug,
  date: localDate,
  'date-time': localDateTime,
  'date or date-time': dateOrDateTime,
  colour,
  'positive integer': positiveInteger,
} as const;

/** Shared value types, documented once in the reference instead of at every use. */
export const SHARED_TYPES = { LocalizedText, OpeningHours, TimeRange, Closure, PlanPoint, GeoPoint, Place } as const;

const schemaKey = v.optional(described(v.string(), 'Path of the JSON Schema, for editor autocompletion; ignored by the kiosk.'));

const LevelOverride = v.strictObject({
  name: v.optional(described(LocalizedText, 'Name of the level. Default: the built-in name.')),
  description: v.optional(described(LocalizedText, 'One-sentence explanation for visitors. Default: the built-in text.')),
  color: v.optional(described(colour, 'Marker and chip colour; white text must keep 4.5:1 contrast. Default: the built-in colour.')),
  shape: v.optional(described(v.picklist(['circle', 'square', 'diamond']), 'Marker shape, so the level never depends on colour alone. Default: circle, square, diamond.')),
});

const Theme = v.strictObject({
  id: described(slug, 'Theme id, referred to by activities.'),
  name: described(LocalizedText, 'Name of the theme.'),
  icon: described(v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(8, 'must be a short emoji or symbol')), 'A short emoji or symbol shown beside the name.'),
  color: described(colour, 'Chip colour; white text must keep 4.5:1 contrast.'),
});

const FeedTermMapping = v.strictObject({
  level: v.optional(described(v.picklist(LEVEL_IDS), 'Level for items with this term.')),
  themes: v.optional(described(v.array(slug), 'Themes for items with this term (theme ids of this site).')),
});

const webUrl = v.pipe(v.string(), v.check(isWebUrl, 'must be an http:// or https:// URL without a user name or password in it'));

export const Feed = v.pipe(
  v.strictObject({
    id: described(slug, 'Feed id, e.g. "uit-genk"; its activities get ids that start with it.'),
    kind: described(v.picklist(FEED_KINDS), 'What the feed speaks: "uitdatabank" (UiTdatabank JSON-LD), "openactive" (an OpenActive RPDE feed) or "ical" (an iCalendar URL).'),
    name: described(v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(80, 'must be at most 80 characters')), 'Name shown to visitors and staff, e.g. "UiT in Genk".'),
    url: v.optional(described(webUrl, 'Where the feed is read: the iCal URL, the RPDE feed\'s first page, or the UiTdatabank Search API base (e.g. "https://search.uitdatabank.be").')),
    file: v.optional(
      described(
        v.pipe(v.string(), v.regex(/^[^/\\]+\.(json|jsonld|ics)$/i, 'must be a file name in the site folder ending in .json, .jsonld or .ics')),
        'A saved export in the site folder (UiTdatabank JSON-LD, an RPDE page, or an .ics file), read instead of a URL.',
      ),
    ),
    query: v.optional(described(v.pipe(v.string(), v.maxLength(500)), 'UiTdatabank only: a Search API query (`q`), e.g. "regions:nis-71016-Z".')),
    postalCode: v.optional(described(v.pipe(v.string(), v.regex(/^[0-9A-Za-z -]{3,10}$/, 'must be a postal code such as "3600"')), 'UiTdatabank only: items in this postal code. Default: the site\'s postalCode.')),
    apiKeyEnv: v.optional(
      described(v.pipe(v.string(), v.regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the name of an environment variable, e.g. "UITDATABANK_API_KEY"')), 'UiTdatabank only: the environment variable of the hub that holds the API key. The key itself never goes in the config.'),
      'UITDATABANK_API_KEY',
    ),
    refreshMinutes: v.optional(described(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(5, 'must be at least 5 minutes'), v.maxValue(10080, 'must be at most a week (10080)')), 'Minutes between two reads of the feed.'), 60),
    organisation: described(slug, 'The organisation (organisations.json) the feed\'s activities are filed under, usually a partner.'),
    level: v.optional(described(v.picklist(LEVEL_IDS), 'Level of items that no term mapping places.'), 'see-do'),
    themes: v.optional(described(v.array(slug), 'Themes of items that no term mapping places.'), () => []),
    terms: v.optional(
      described(v.record(v.string(), FeedTermMapping), 'Overrides of the built-in term table (docs/feeds.md): a source term id or label → level and themes.'),
      () => ({}),
    ),
    contentLocale: v.optional(described(v.picklist(LOCALES), 'iCal and OpenActive: the language the feed is written in. Default: the site\'s default language.')),
    days: v.optional(described(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more'), v.maxValue(366, 'must be at most 366')), 'Days of sessions kept from today.'), 90),
  }),
  v.check((feed) => (feed.url === undefined) !== (feed.file === undefined), 'needs exactly one of `url` (read over the network) or `file` (a saved export in the site folder)'),
);

const shortName = (max: number) => v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

export const Mentor = v.strictObject({
  id: described(slug, 'Mentor id, referred to by playlists.'),
  firstName: described(shortName(40), 'First name only, as visitors may call them; never a full name.'),
  organisation: described(slug, 'The organisation the mentor belongs to (organisations.json).'),
  helpsWith: described(LocalizedText, 'What they help with, in plain words.'),
  languages: v.optional(described(v.pipe(v.array(v.pipe(v.string(), v.regex(LANGUAGE_CODE_PATTERN, 'must be a two-letter ISO 639-1 language code such as "nl"'))), v.minLength(1, 'must list at least one language')), 'Languages they speak, ISO 639-1 codes. Default: the site\'s defaultLocale.')),
  findThem: described(LocalizedText, 'When and where to find them, e.g. "Wednesdays 14:00–17:00 in the workshop".'),
  contact: v.optional(
    described(
      v.strictObject({
        kind: described(v.picklist(['email', 'phone', 'url', 'desk']), 'email, phone, url, or desk (ask at a place).'),
        value: described(shortName(200), 'The address, number, URL, or the place to ask.'),
        public: v.optional(described(v.boolean(), 'Whether visitors may see it. Default: false — only staff see it.'), false),
      }),
      'A contact channel the organisation chooses; shown to visitors only when `public` is true.',
    ),
  ),
});

const Alignment = v.strictObject({
  targetName: described(shortName(200), 'Name of the skill in the framework.'),
  targetUrl: described(webUrl, 'URL of the skill in the framework.'),
  targetFramework: v.optional(described(shortName(200), 'Name of the framework, e.g. "ESCO".')),
  targetCode: v.optional(described(shortName(100), 'Code of the skill in the framework.')),
  targetDescription: v.optional(described(shortName(500), 'Short description of the skill.')),
});

export const Achievement = v.strictObject({
  id: described(slug, 'Achievement id; activities name it in their `badges`.'),
  name: described(LocalizedText, 'Name of the badge, e.g. "Ensemble beginner".'),
  description: described(LocalizedText, 'What the badge says about its holder.'),
  criteria: described(LocalizedText, 'What a learner did to earn it, in plain words.'),
  image: v.optional(described(v.pipe(v.string(), v.regex(/^[^/\\]+\.(svg|png)$/i, 'must be a file name in the site folder ending in .svg or .png')), 'Badge image file in the site folder.')),
  level: v.optional(described(v.picklist(LEVEL_IDS), 'The level the badge belongs to.')),
  theme: v.optional(described(slug, 'The theme the badge belongs to.')),
  organisation: described(slug, 'The organisation that awards it (organisations.json); the site hub signs for it.'),
  alignment: v.optional(described(v.array(Alignment), 'Skills in a framework the badge stands for, where the site uses one.'), () => []),
  validDays: v.optional(described(v.pipe(positiveInteger, v.maxValue(3660, 'must be at most 3660 days')), 'Days a badge stays valid after it is awarded; left out, it does not expire.')),
});

const PlaylistStep = v.union(
  [
    v.strictObject({
      activity: described(slug, 'A specific activity (activities.json).'),
      note: v.optional(described(LocalizedText, 'Why this step, in plain words.')),
    }),
    v.strictObject({
      level: described(v.picklist(LEVEL_IDS), 'Any activity of this level…'),
      theme: described(slug, '…and this theme.'),
      note: v.optional(described(LocalizedText, 'Why this step, in plain words.')),
    }),
  ],
  'must be either { "activity": id } or { "level": …, "theme": … }',
);

export const Playlist = v.strictObject({
  id: described(slug, 'Playlist id.'),
  title: described(LocalizedText, 'Title, e.g. "From listening to playing".'),
  goal: described(LocalizedText, 'The goal in plain words: what you can do at the end.'),
  organisation: described(slug, 'The organisation that curates it (organisations.json).'),
  mentor: v.optional(described(slug, 'The mentor to ask along the way (`mentors`).')),
  badge: v.optional(described(slug, 'The achievement the playlist leads to (`achievements`).')),
  steps: described(
    v.pipe(v.array(PlaylistStep), v.minLength(3, 'needs at least 3 steps'), v.maxLength(8, 'must have at most 8 steps')),
    '3–8 ordered steps, climbing the ladder see-do → do-together → do-yourself (a step never goes down a level).',
  ),
});

export const SiteFile = v.strictObject({
  $schema: schemaKey,
  id: described(slug, 'Site id, e.g. "regina-mundi".'),
  name: described(LocalizedText, 'Name of the site.'),
  timeZone: described(v.string(), 'IANA time zone of the site, e.g. "Europe/Brussels"; every date and time in the folder is wall-clock time there.'),
  defaultLocale: v.optional(described(v.picklist(LOCALES), 'Language the kiosk starts in; every required text must have it.'), 'nl'),
  locales: v.optional(
    described(v.pipe(v.array(v.picklist(LOCALES)), v.minLength(1, 'must list at least one language')), 'Languages offered on the kiosk; must include defaultLocale.'),
    () => [...LOCALES],
  ),
  address: v.optional(described(v.string(), 'Street address of the site.')),
  postalCode: v.optional(described(v.pipe(v.string(), v.regex(/^[0-9A-Za-z -]{3,10}$/, 'must be a postal code such as "3600"')), 'Postal code of the site; the default area of a UiTdatabank feed.')),
  followUpBaseUrl: described(
    v.pipe(
      v.string(),
      v.check(isSecureUrl, 'must be an https:// URL (http:// only for localhost or 127.0.0.1)'),
      // The same rule the QR code builder applies (core/path-code.ts): a URL it refuses would break
      // "My path" and every booking receipt at the first tap, so the folder is refused instead.
      v.check((url) => !/[\s#]/.test(url), 'must not contain spaces or "#" (the code goes after the "#")'),
    ),
    'Base URL of the web follow-up page; QR codes point to `<followUpBaseUrl>#<code>`.',
  ),
  idle: v.optional(
    described(
      v.strictObject({
        timeoutSeconds: v.optional(described(positiveInteger, 'Seconds without a touch before the idle warning shows.'), 90),
        warningSeconds: v.optional(
          described(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(20, 'must be at least 20 seconds (WCAG 2.2.1 Timing Adjustable)')), 'Seconds the warning shows before the kiosk resets; at least 20.'),
          20,
        ),
      }),
      'When the kiosk resets after a visitor walks away.',
    ),
    () => ({ timeoutSeconds: 90, warningSeconds: 20 }),
  ),
  staff: v.optional(
    described(
      v.strictObject({
        pinHash: v.optional(
          described(
            v.pipe(v.string(), v.maxLength(500)),
            'Ignored: staff now unlock a screen with their own name and PIN, checked by the site hub (accounts at the staff desk). Accepted so an older site.json still loads; the hub never serves it.',
          ),
        ),
        idleLockSeconds: v.optional(described(positiveInteger, 'Seconds without a touch before staff mode locks itself.'), 120),
      }),
      'Staff mode.',
    ),
    () => ({ idleLockSeconds: 120 }),
  ),
  booking: v.optional(
    described(
      v.strictObject({
        maxActivePerVisitor: v.optional(
          described(
            positiveInteger,
            'Upcoming bookings one visitor may hold at once at the kiosk. A visitor is known only by the nickname they type, so this counts the not yet ended bookings made at any screen under that nickname (case and spacing ignored); staff bookings do not count and are not limited.',
          ),
          2,
        ),
      }),
      'Fair use of visitor bookings at the kiosk.',
    ),
    () => ({ maxActivePerVisitor: 2 }),
  ),
  openingHours: v.optional(described(OpeningHours, 'When the site is open. Default: every day 09:00–21:00.'), defaultOpeningHours),
  closures: v.optional(described(v.array(Closure), 'Days the whole site is closed: no bookings, and the sessions of every activity that does not run through closures are cancelled.'), () => []),
  levels: v.optional(
    described(
      v.strictObject({
        'see-do': v.optional(described(LevelOverride, 'Overrides for the see-do level.')),
        'do-together': v.optional(described(LevelOverride, 'Overrides for the do-together level.')),
        'do-yourself': v.optional(described(LevelOverride, 'Overrides for the do-yourself level.')),
      }),
      'Overrides for the three fixed levels; each field left out keeps its built-in value.',
    ),
    () => ({}),
  ),
  themes: v.optional(
    described(v.pipe(v.array(Theme), v.minLength(1, 'must list at least one theme')), `The themes activities are filed under; replaces the defaults as a whole. Default: the five seed themes (${DEFAULT_THEMES.map((theme) => theme.id).join(', ')}).`),
    () => structuredClone([...DEFAULT_THEMES]),
  ),
  map: described(
    v.strictObject({
      plan: described(
        v.strictObject({
          image: described(v.pipe(v.string(), v.regex(/^[^/\\]+\.(svg|png|jpe?g|webp)$/i, 'must be a file name in the site folder ending in .svg, .png, .jpg or .webp')), 'Plan image file in the site folder.'),
          width: described(positiveInteger, 'Width of the plan in plan units (image pixels).'),
          height: described(positiveInteger, 'Height of the plan in plan units (image pixels).'),
        }),
        'The site plan; plan coordinates are image pixels, x to the right, y downwards.',
      ),
      geo: v.optional(
        described(
          v.strictObject({
            center: described(GeoPoint, 'Centre of the city map.'),
            zoom: described(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be between 0 and 20'), v.maxValue(20, 'must be between 0 and 20')), 'Zoom level of the city map (0–20).'),
            tiles: v.optional(
              described(
                v.strictObject({
                  url: v.optional(described(TileTemplate, 'A tile provider\'s URL template with {z}, {x} and {y} ({s} optional), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png. The hub fetches tiles from it and keeps them in its cache; screens only ever ask the hub.')),
                  pmtiles: v.optional(described(v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.pmtiles$/i, 'must be a file name in the site folder ending in .pmtiles (letters, digits, dots, dashes and underscores)')), 'A PMTiles file in the site folder with raster tiles (PNG, JPEG or WebP) the hub serves instead of a provider; works without any network.')),
                  attribution: described(v.pipe(v.string(), v.regex(/\S/, 'must name the map data\'s source, e.g. © OpenStreetMap contributors')), 'Attribution the tiles\' source requires; always shown on the map.'),
                  contact: v.optional(described(v.pipe(v.string(), v.minLength(3, 'must be an e-mail address or web address'), v.maxLength(200, 'must be at most 200 characters'), v.regex(/^[\x21-\x27\x2a-\x7e]+$/, 'must be one e-mail address or web address in plain ASCII, without spaces or brackets')), 'An e-mail or web address of whoever runs this site, sent in the User-Agent to the provider (OpenStreetMap\'s tile usage policy requires one).')),
                  maxZoom: v.optional(described(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, `must be between 1 and ${TILE_LIMITS.maxZoom}`), v.maxValue(TILE_LIMITS.maxZoom, `must be between 1 and ${TILE_LIMITS.maxZoom}`)), `The closest zoom the hub serves (default ${TILE_DEFAULTS.maxZoom}).`), TILE_DEFAULTS.maxZoom),
                  radiusKm: v.optional(described(v.pipe(v.number(), v.minValue(0.5, `must be between 0.5 and ${TILE_LIMITS.radiusKm}`), v.maxValue(TILE_LIMITS.radiusKm, `must be between 0.5 and ${TILE_LIMITS.radiusKm}`)), `The hub serves tiles only within this many kilometres of the centre, so it is no open tile proxy (default ${TILE_DEFAULTS.radiusKm}).`), TILE_DEFAULTS.radiusKm),
                }),
                'The city map\'s tiles, served by the hub from its own cache: from a provider (url) or a PMTiles file (pmtiles), one of the two. See docs/map-tiles.md.',
              ),
            ),
            tileUrl: v.optional(described(TileTemplate, 'Older form of tiles.url, still read: a provider\'s URL template with {z}/{x}/{y}. Prefer tiles.')),
            attribution: v.optional(described(v.string(), 'Attribution for tileUrl (the older form). Prefer tiles.attribution.')),
          }),
          'City map for off-site partner places; left out, those show as links.',
        ),
      ),
    }),
    'Maps of the site.',
  ),
  feeds: v.optional(described(v.array(Feed), 'Feeds the site hub reads on a schedule: the city\'s offer (UiTdatabank), OpenActive providers and partners\' iCal URLs. See docs/feeds.md.'), () => []),
  mentors: v.optional(described(v.array(Mentor), 'People a learner can ask, shown on playlists and activity sheets (first names only). See docs/learning.md.'), () => []),
  achievements: v.optional(described(v.array(Achievement), 'What the site\'s badges recognise: awarded as Open Badges 3.0 credentials. See docs/learning.md.'), () => []),
  playlists: v.optional(described(v.array(Playlist), 'Guided series of steps from watching to doing, curated by organisations. See docs/learning.md.'), () => []),
  badges: v.optional(
    described(
      v.strictObject({
        claimMinutes: v.optional(described(v.pipe(positiveInteger, v.maxValue(1440, 'must be at most 1440 (a day)')), 'Minutes a claim QR stays valid after a host opens it.'), 30),
        maxClaims: v.optional(described(v.pipe(positiveInteger, v.maxValue(500, 'must be at most 500')), 'How many people may claim a badge with one QR.'), 30),
      }),
      'How badges are awarded.',
    ),
    () => ({ claimMinutes: 30, maxClaims: 30 }),
  ),
});

const BookingRules = v.strictObject({
  bookableBy: v.optional(described(v.picklist(['visitors', 'staff']), 'Who may book: visitors at the kiosk (and staff), or staff only.'), 'visitors'),
  slotMinutes: v.optional(described(positiveInteger, 'Grid of bookable start times in minutes; must divide 1440.'), 30),
  minMinutes: v.optional(described(positiveInteger, 'Shortest booking in minutes, a multiple of slotMinutes. Default: slotMinutes.')),
  maxMinutes: v.optional(described(positiveInteger, 'Longest booking in minutes, a multiple of slotMinutes and at least minMinutes.'), 120),
  bufferMinutes: v.optional(described(wholeMinutes, 'Minutes kept free between two bookings.'), 0),
  maxDaysAhead: v.optional(described(positiveInteger, 'How many days ahead a booking may start.'), 14),
  openingHours: v.optional(described(OpeningHours, 'When the space can be booked. Default: the site\'s openingHours.')),
  closures: v.optional(described(v.array(Closure), 'Days the space cannot be booked; the site\'s closures apply too.'), () => []),
  capacity: v.optional(described(positiveInteger, 'How many bookings may run at once.'), 1),
});

const Space = v.strictObject({
  id: described(slug, 'Space id, referred to by activities.'),
  name: described(LocalizedText, 'Name of the space.'),
  kind: described(slug, 'Kind of space, a free id such as practice-room, workshop, hall, garden, kitchen or courtyard.'),
  building: v.optional(described(v.string(), 'Building name or letter.')),
  floor: v.optional(described(v.pipe(v.number(), v.integer('must be a whole number')), 'Floor number; 0 is the ground floor.')),
  at: described(PlanPoint, 'Where the space\'s marker stands on the plan.'),
  outline: v.optional(described(v.pipe(v.array(PlanPoint), v.minLength(3, 'needs at least 3 points')), 'Outline polygon on the plan, for highlighting.')),
  capacity: v.optional(described(positiveInteger, 'How many people fit.')),
  equipment: v.optional(described(v.array(v.string()), 'Equipment present, e.g. "piano".'), () => []),
  accessibility: v.optional(described(LocalizedText, 'Accessibility notes.')),
  concurrent: v.optional(described(v.boolean(), 'Several activities may use the space at once (courtyard, gardens, hall): overlapping sessions are not an error.'), false),
  booking: v.optional(described(BookingRules, 'Booking rules; left out, the space is not bookable.')),
});

export const SpacesFile = v.strictObject({
  $schema: schemaKey,
  spaces: described(v.array(Space), 'The on-site spaces.'),
});

const Organisation = v.strictObject({
  id: described(slug, 'Organisation id, referred to by activities.'),
  name: described(v.pipe(v.string(), v.nonEmpty('must not be empty')), 'Name of the organisation (not translated).'),
  kind: described(v.picklist(['resident', 'guest', 'partner']), 'resident (on site for good), guest (on site for a period) or partner (off site).'),
  description: described(LocalizedText, 'What the organisation does.'),
  period: v.optional(
    described(
      v.pipe(
        v.strictObject({
          from: described(localDate, 'First day on site.'),
          until: described(localDate, 'Last day on site, inclusive.'),
        }),
        v.check((period) => period.until >= period.from, 'the last day `until` must not be before the first day `from`'),
      ),
      'Guests only, required for them: the days they are on site. Their activities do not run outside it.',
    ),
  ),
  place: v.optional(described(Place, 'Partners only, required for them: where their activities take place.')),
  contact: v.optional(
    described(
      v.strictObject({
        name: v.optional(described(v.string(), 'Contact person.')),
        email: v.optional(described(v.pipe(v.string(), v.email('must be an e-mail address')), 'E-mail address.')),
        phone: v.optional(described(v.string(), 'Phone number.')),
        public: v.optional(
          described(v.boolean(), 'Whether visitors may see this contact: on the sheet of an activity that needs registering elsewhere. Default: false (staff only).'),
        ),
      }),
      'How to reach the organisation.',
    ),
  ),
  url: v.optional(described(v.pipe(v.string(), v.check(isHttpsUrl, 'must be an https:// URL')), 'Website.')),
  color: v.optional(described(colour, 'Colour of the organisation in staff views.')),
});

export const OrganisationsFile = v.strictObject({
  $schema: schemaKey,
  organisations: described(v.array(Organisation), 'Residents, guests and partners.'),
});

const ScheduleEntry = v.strictObject({
  start: described(localDateTime, 'First (or only) start, "YYYY-MM-DDTHH:mm" in site time.'),
  end: described(localDateTime, 'End of that first session; every repetition lasts as long, in wall-clock time.'),
  rrule: v.optional(
    described(
      v.string(),
      'iCalendar RRULE (RFC 5545) without the "RRULE:" prefix, e.g. "FREQ=MONTHLY;BYDAY=2SA"; left out for a one-off. FREQ is YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY (not SECONDLY, no BYSECOND). UNTIL is a date (through that day), a site-time date-time, or a UTC date-time ending in Z. The first start always counts as the first session; a later start that falls in a spring-forward gap is skipped and not counted.',
    ),
  ),
  except: v.optional(described(v.array(dateOrDateTime), 'Left out of the series: a date drops that whole day, a date-time drops that one start.'), () => []),
});

const Activity = v.strictObject({
  id: described(slug, 'Activity id, referred to by nextSteps and QR codes.'),
  title: described(LocalizedText, 'Title of the activity.'),
  summary: v.optional(described(LocalizedText, 'One-line summary. Default: "" for each language of the title.')),
  description: v.optional(described(LocalizedText, 'Longer description. Default: "" in the default language.')),
  level: described(v.picklist(LEVEL_IDS), 'Level of talent development: see-do, do-together or do-yourself.'),
  themes: described(v.pipe(v.array(slug), v.minLength(1, 'must list at least one theme')), 'Theme ids from site.json (at least one).'),
  organiser: described(slug, 'Id of the organising organisation.'),
  space: v.optional(described(slug, 'On-site space id. Give either space or place.')),
  place: v.optional(described(Place, 'Off-site place. Default: the place of a partner organiser.')),
  schedule: described(v.pipe(v.array(ScheduleEntry), v.minLength(1, 'needs at least one session')), 'One-off sessions and repeating series.'),
  ages: v.optional(
    described(
      v.strictObject({
        min: v.optional(described(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more')), 'Youngest age.'), 0),
        max: v.optional(described(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more')), 'Oldest age; left out, no upper limit.')),
      }),
      'Age range.',
    ),
    () => ({ min: 0 }),
  ),
  price: v.optional(
    described(
      v.strictObject({
        kind: described(v.picklist(['free', 'paid', 'pay-what-you-can']), 'free, paid or pay-what-you-can.'),
        amount: v.optional(described(v.pipe(v.number(), v.gtValue(0, 'must be more than 0')), 'Price in euro; required when paid.')),
        support: v.optional(described(LocalizedText, 'How someone who cannot pay can still take part (UiTPAS, club budget, …).')),
      }),
      'Price.',
    ),
    () => ({ kind: 'free' as const }),
  ),
  languages: v.optional(described(v.pipe(v.array(v.pipe(v.string(), v.regex(LANGUAGE_CODE_PATTERN, 'must be a two-letter ISO 639-1 language code such as "nl"'))), v.minLength(1, 'must list at least one language')), 'Languages spoken, ISO 639-1 codes. Default: the site\'s defaultLocale.')),
  capacity: v.optional(described(positiveInteger, 'Places per session. Set, a visitor reserves a place on a session at the kiosk (nickname only, through the hub), and the sheet shows the places left.')),
  registrationUrl: v.optional(
    described(
      v.pipe(v.string(), v.check(isHttpsUrl, 'must be an https:// URL')),
      'Where to register elsewhere (the organiser\'s own form or ticket page). The activity sheet shows it as a QR code with the organiser\'s public contact; with `capacity` as well, visitors can still reserve a place at the kiosk.',
    ),
  ),
  registration: v.optional(described(v.picklist(['walk-in', 'required']), 'walk-in, or registration required.'), 'walk-in'),
  accessibility: v.optional(described(LocalizedText, 'Accessibility notes.')),
  badges: v.optional(described(v.array(slug), 'Ids of the badges the activity leads to.'), () => []),
  nextSteps: v.optional(described(v.array(slug), 'Hand-picked next activities (ids, not itself).'), () => []),
  runsThroughClosures: v.optional(
    described(
      v.boolean(),
      'Whether its sessions go ahead on days in the site\'s `closures` (a walk that meets outside, a partner\'s own venue). Default: false — on a closed day its sessions are cancelled everywhere the kiosk shows them, and the closure\'s reason is shown instead.',
    ),
    false,
  ),
});

export const ActivitiesFile = v.strictObject({
  $schema: schemaKey,
  activities: described(v.array(Activity), 'The activities and their schedules.'),
});

/** The schema of each file of a site folder, in the order they are documented and checked. */
export const FILE_SCHEMAS = {
  'site.json': SiteFile,
  'spaces.json': SpacesFile,
  'organisations.json': OrganisationsFile,
  'activities.json': ActivitiesFile,
} as const;

export const ITEM_SCHEMAS = { Space, Organisation, Activity } as const;

export type SiteInput = v.InferOutput<typeof SiteFile>;
export type MentorInput = v.InferOutput<typeof Mentor>;
export type PlaylistInput = v.InferOutput<typeof Playlist>;
export type AchievementInput = v.InferOutput<typeof Achievement>;
export type SpaceInput = v.InferOutput<typeof Space>;
export type OrganisationInput = v.InferOutput<typeof Organisation>;
export type ActivityInput = v.InferOutput<typeof Activity>;
