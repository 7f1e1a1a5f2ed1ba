// The rules the schema cannot express because they span several fields or files: references
// between files, the default locale, plan bounds, booking arithmetic, schedules and RRULEs.
// Each check reads schema-valid items only; broken items already have their own errors.
import type { LocalizedText, OrganisationKind, PlanPoint, ScheduleEntry, SiteFileName } from '../model';
import { LEVEL_IDS } from '../model';
import { contrastWithWhite, isKnownTimeZone, MIN_CONTRAST_WITH_WHITE } from './formats';
import { approximateKm, isOpenStreetMapTiles, TILE_DEFAULTS, TILE_LIMITS, tileArea } from '../map/tiles';
import type { ProblemReport } from './report';
import { findRefCollisions } from '../path-code';
import { parseRule, ruleYieldsStart } from '../recurrence';
import { rruleProblems } from './rrule';
import type { ActivityInput, OrganisationInput, SiteInput, SpaceInput } from './schema';

export interface Indexed<T> {
  index: number;
  value: T;
}

export interface CheckedFiles {
  /** Absent when site.json is missing or invalid: checks that need the site are skipped then. */
  site?: SiteInput;
  spaces: Indexed<SpaceInput>[];
  organisations: Indexed<OrganisationInput>[];
  activities: Indexed<ActivityInput>[];
  /** Ids of every item that has one, valid or not, so a reference to a broken item is not also "unknown". */
  declaredIds: { spaces: ReadonlySet<string>; organisations: ReadonlySet<string>; activities: ReadonlySet<string> };
  /** Files that are missing or not JSON: references into them are not reported as unknown (one error says it). */
  unreadable?: ReadonlySet<SiteFileName>;
}

/** Records each id's first position; reports every later use of the same id. Returns the ids. */
export function checkDuplicateIds(file: SiteFileName, listKey: string, kind: string, items: readonly unknown[], report: ProblemReport): Set<string> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else report.error(file, `${listKey}[${index}].id`, `${kind} id \`${id}\` is used twice: ${listKey}[${first}] and ${listKey}[${index}]`);
  });
  return new Set(firstIndex.keys());
}

/**
 * Follow-up codes carry a 32-bit hash of each id instead of the id itself (to keep QR codes small),
 * so two ids of one kind must not share a hash; it is rare, and renaming either one fixes it.
 */
export function checkIdRefCollisions(file: SiteFileName, kind: string, ids: ReadonlySet<string>, report: ProblemReport): void {
  for (const [first, second] of findRefCollisions([...ids])) {
    report.error(file, '', `${kind} ids \`${first}\` and \`${second}\` would share one follow-up QR code reference; rename one of them`);
  }
}

export function checkSite(site: SiteInput, report: ProblemReport): void {
  const file = 'site.json';
  if (!isKnownTimeZone(site.timeZone)) report.error(file, 'timeZone', `site: time zone \`${site.timeZone}\` is not a known IANA time zone`);
  if (!site.locales.includes(site.defaultLocale)) report.error(file, 'locales', `site: locales must include the default locale \`${site.defaultLocale}\``);
  checkDuplicateIds(file, 'themes', 'theme', site.themes, report);
  for (const id of LEVEL_IDS) {
    const color = site.levels[id]?.color;
    if (color) checkContrast(`levels.${id}.color`, `level \`${id}\``, color, report);
  }
  site.themes.forEach((theme, index) => checkContrast(`themes[${index}].color`, `theme \`${theme.id}\``, theme.color, report));
}

/** The city map's tiles: one source, a contact for OpenStreetMap's servers, a zoom the tiles reach. */
export function checkGeoTiles(site: SiteInput, report: ProblemReport): void {
  const geo = site.map.geo;
  if (!geo) return;
  const file = 'site.json';
  const { tiles, tileUrl } = geo;
  if (tiles && tileUrl !== undefined) report.error(file, 'map.geo.tileUrl', 'map.geo: give the tiles once, in `tiles` (move `tileUrl` to `tiles.url` and `attribution` to `tiles.attribution`)');
  if (!tiles) {
    if (tileUrl !== undefined && isOpenStreetMapTiles(tileUrl)) report.warning(file, 'map.geo.tileUrl', OSM_CONTACT);
    return;
  }
  if ((tiles.url === undefined) === (tiles.pmtiles === undefined)) {
    report.error(file, 'map.geo.tiles', 'map.geo.tiles: give exactly one source, `url` (a tile provider) or `pmtiles` (a file in the site folder)');
  }
  if (tiles.url !== undefined && isOpenStreetMapTiles(tiles.url) && tiles.contact === undefined) report.error(file, 'map.geo.tiles.contact', OSM_CONTACT);
  if (tiles.maxZoom < geo.zoom) report.error(file, 'map.geo.tiles.maxZoom', `map.geo.tiles: maxZoom ${tiles.maxZoom} is below the map's zoom ${geo.zoom}; raise maxZoom or lower map.geo.zoom`);
}

/**
 * A partner place beyond the area the hub serves tiles for still shows on the city map, on the plain
 * background: worth a warning, since the fix (a larger radiusKm) is one number.
 */
export function checkPlacesInTileArea(files: CheckedFiles & { site: SiteInput }, report: ProblemReport): void {
  const geo = files.site.map.geo;
  const radiusKm = geo?.tiles?.radiusKm ?? (geo?.tileUrl !== undefined ? TILE_DEFAULTS.radiusKm : undefined);
  if (!geo || radiusKm === undefined) return;
  const area = tileArea(geo.center, radiusKm);
  const outside = (at: { lat: number; lon: number }) => at.lat < area.south || at.lat > area.north || at.lon < area.west || at.lon > area.east;
  const warn = (file: SiteFileName, path: string, name: string, at: { lat: number; lon: number }) => {
    if (!outside(at)) return;
    report.warning(file, path, `the place \`${name}\` lies ${approximateKm(geo.center, at).toFixed(1)} km from the map's centre, beyond the ${radiusKm} km the hub serves tiles for: it shows without a map beneath; raise map.geo.tiles.radiusKm (at most ${TILE_LIMITS.radiusKm}) to include it`);
  };
  for (const { index, value } of files.organisations) if (value.place) warn('organisations.json', `organisations[${index}].place.geo`, value.place.name, value.place.geo);
  for (const { index, value } of files.activities) if (value.place) warn('activities.json', `activities[${index}].place.geo`, value.place.name, value.place.geo);
}

const OSM_CONTACT =
  "map.geo: OpenStreetMap's tile usage policy asks every app to say who it is: set `tiles.contact` to an e-mail or web address of whoever runs this site (and use `tiles.url`), or choose another tile provider";

function checkContrast(path: string, subject: string, color: string, report: ProblemReport): void {
  const contrast = contrastWithWhite(color);
  if (contrast < MIN_CONTRAST_WITH_WHITE) {
    report.error('site.json', path, `${subject}: white text on ${color} has contrast ${contrast.toFixed(1)}:1; it needs at least ${MIN_CONTRAST_WITH_WHITE}:1 (WCAG AA), pick a darker colour`);
  }
}

/** Every text a visitor may see must exist in the site's default locale, the kiosk's fallback. */
export function checkDefaultLocale(files: CheckedFiles & { site: SiteInput }, report: ProblemReport): void {
  const locale = files.site.defaultLocale;
  const check = (file: SiteFileName, subject: string, texts: [string, LocalizedText | undefined][]) => {
    for (const [path, text] of texts) {
      if (text && text[locale] === undefined) report.error(file, path, `${subject}: \`${path.replace(/^\w+\[\d+\]\./, '')}\` has no text in the default language (${locale})`);
    }
  };
  check('site.json', 'site', siteTexts(files.site));
  files.site.mentors.forEach((mentor, index) =>
    check('site.json', `mentor \`${mentor.id}\``, [
      [`mentors[${index}].helpsWith`, mentor.helpsWith],
      [`mentors[${index}].findThem`, mentor.findThem],
    ]),
  );
  files.site.achievements.forEach((achievement, index) =>
    check('site.json', `achievement \`${achievement.id}\``, [
      [`achievements[${index}].name`, achievement.name],
      [`achievements[${index}].description`, achievement.description],
      [`achievements[${index}].criteria`, achievement.criteria],
    ]),
  );
  files.site.playlists.forEach((playlist, index) =>
    check('site.json', `playlist \`${playlist.id}\``, [
      [`playlists[${index}].title`, playlist.title],
      [`playlists[${index}].goal`, playlist.goal],
      ...playlist.steps.map((step, stepIndex): [string, LocalizedText | undefined] => [`playlists[${index}].steps[${stepIndex}].note`, step.note]),
    ]),
  );
  for (const { index, value } of files.spaces) check('spaces.json', `space \`${value.id}\``, spaceTexts(`spaces[${index}]`, value));
  for (const { index, value } of files.organisations) check('organisations.json', `organisation \`${value.id}\``, [[`organisations[${index}].description`, value.description]]);
  for (const { index, value } of files.activities) check('activities.json', `activity \`${value.id}\``, activityTexts(`activities[${index}]`, value));
}

function siteTexts(site: SiteInput): [string, LocalizedText | undefined][] {
  return [
    ['name', site.name],
    ...site.closures.map((closure, index): [string, LocalizedText | undefined] => [`closures[${index}].reason`, closure.reason]),
    ...LEVEL_IDS.flatMap((id): [string, LocalizedText | undefined][] => [
      [`levels.${id}.name`, site.levels[id]?.name],
      [`levels.${id}.description`, site.levels[id]?.description],
    ]),
    ...site.themes.map((theme, index): [string, LocalizedText | undefined] => [`themes[${index}].name`, theme.name]),
  ];
}

function spaceTexts(path: string, space: SpaceInput): [string, LocalizedText | undefined][] {
  return [
    [`${path}.name`, space.name],
    [`${path}.accessibility`, space.accessibility],
    ...(space.booking?.closures ?? []).map((closure, index): [string, LocalizedText | undefined] => [`${path}.booking.closures[${index}].reason`, closure.reason]),
  ];
}

function activityTexts(path: string, activity: ActivityInput): [string, LocalizedText | undefined][] {
  return [
    [`${path}.title`, activity.title],
    [`${path}.summary`, activity.summary],
    [`${path}.description`, activity.description],
    [`${path}.accessibility`, activity.accessibility],
    [`${path}.price.support`, activity.price.support],
  ];
}

export function checkPlanBounds(files: CheckedFiles & { site: SiteInput }, report: ProblemReport): void {
  const { width, height } = files.site.map.plan;
  const isInside = (point: PlanPoint) => point.x >= 0 && point.x <= width && point.y >= 0 && point.y <= height;
  for (const { index, value: space } of files.spaces) {
    const points: [string, PlanPoint][] = [['at', space.at], ...(space.outline ?? []).map((point, pointIndex): [string, PlanPoint] => [`outline[${pointIndex}]`, point])];
    for (const [path, point] of points.filter(([, point]) => !isInside(point))) {
      report.error('spaces.json', `spaces[${index}].${path}`, `space \`${space.id}\`: point (${point.x}, ${point.y}) lies outside the plan (0–${width} × 0–${height})`);
    }
  }
}

export function checkBookingRules(spaces: readonly Indexed<SpaceInput>[], report: ProblemReport): void {
  for (const { index, value: space } of spaces) {
    const booking = space.booking;
    if (!booking) continue;
    const path = `spaces[${index}].booking`;
    const subject = `space \`${space.id}\``;
    const { slotMinutes, maxMinutes } = booking;
    const minMinutes = booking.minMinutes ?? slotMinutes;
    if (1440 % slotMinutes !== 0) report.error('spaces.json', `${path}.slotMinutes`, `${subject}: slotMinutes ${slotMinutes} must divide a day (1440 minutes), e.g. 15, 30 or 60`);
    if (minMinutes % slotMinutes !== 0) report.error('spaces.json', `${path}.minMinutes`, `${subject}: minMinutes ${minMinutes} must be a multiple of slotMinutes ${slotMinutes}`);
    if (maxMinutes % slotMinutes !== 0) report.error('spaces.json', `${path}.maxMinutes`, `${subject}: maxMinutes ${maxMinutes} must be a multiple of slotMinutes ${slotMinutes}`);
    if (maxMinutes < minMinutes) report.error('spaces.json', `${path}.maxMinutes`, `${subject}: maxMinutes ${maxMinutes} must be at least minMinutes ${minMinutes}`);
  }
}

const KIND_ONLY_FIELDS: { field: 'period' | 'place'; kind: OrganisationKind; label: string }[] = [
  { field: 'period', kind: 'guest', label: 'guests' },
  { field: 'place', kind: 'partner', label: 'partners' },
];

export function checkOrganisations(organisations: readonly Indexed<OrganisationInput>[], report: ProblemReport): void {
  for (const { index, value: organisation } of organisations) {
    for (const { field, kind, label } of KIND_ONLY_FIELDS) {
      const path = `organisations[${index}].${field}`;
      const subject = `organisation \`${organisation.id}\``;
      if (organisation.kind === kind && organisation[field] === undefined) report.error('organisations.json', path, `${subject}: ${label} need a \`${field}\``);
      if (organisation.kind !== kind && organisation[field] !== undefined) report.warning('organisations.json', path, `${subject}: \`${field}\` only applies to ${label}; it is ignored for a ${organisation.kind}`);
    }
  }
}

/** A feed files its items under a partner that exists, with themes the site has; feed ids are unique. */
export function checkFeeds(files: CheckedFiles & { site: SiteInput }, report: ProblemReport): void {
  const { site } = files;
  checkDuplicateIds('site.json', 'feeds', 'feed', site.feeds, report);
  const themeIds = new Set(site.themes.map((theme) => theme.id));
  site.feeds.forEach((feed, index) => {
    const path = `feeds[${index}]`;
    const fail = (field: string, message: string) => report.error('site.json', `${path}${field}`, `feed \`${feed.id}\`: ${message}`);
    if (!files.declaredIds.organisations.has(feed.organisation)) fail('.organisation', `organisation \`${feed.organisation}\` does not exist in organisations.json`);
    feed.themes.forEach((theme, themeIndex) => {
      if (!themeIds.has(theme)) fail(`.themes[${themeIndex}]`, `theme \`${theme}\` does not exist`);
    });
    for (const [term, mapping] of Object.entries(feed.terms)) {
      (mapping.themes ?? []).forEach((theme, themeIndex) => {
        if (!themeIds.has(theme)) fail(`.terms.${term}.themes[${themeIndex}]`, `theme \`${theme}\` does not exist`);
      });
    }
    if (feed.kind === 'uitdatabank' && feed.url !== undefined && feed.query === undefined && feed.postalCode === undefined && site.postalCode === undefined) {
      fail('.query', 'a UiTdatabank search needs a `query`, a `postalCode`, or the site\'s `postalCode`, or it would read the whole of Flanders');
    }
    for (const field of ['query', 'postalCode'] as const) {
      if (feed.kind !== 'uitdatabank' && feed[field] !== undefined) report.warning('site.json', `${path}.${field}`, `feed \`${feed.id}\`: \`${field}\` only applies to UiTdatabank feeds; it is ignored`);
    }
  });
}

/**
 * Mentors, achievements and playlists name organisations, themes, activities and each other that
 * exist; a playlist never steps down the ladder see-do → do-together → do-yourself; ids are unique;
 * an activity's `badges` name achievements the site defines (a warning: the sheet then shows none).
 */
export function checkLearning(files: CheckedFiles & { site: SiteInput }, report: ProblemReport): void {
  const { site } = files;
  const mentorIds = checkDuplicateIds('site.json', 'mentors', 'mentor', site.mentors, report);
  const achievementIds = checkDuplicateIds('site.json', 'achievements', 'achievement', site.achievements, report);
  checkDuplicateIds('site.json', 'playlists', 'playlist', site.playlists, report);
  const themeIds = new Set(site.themes.map((theme) => theme.id));
  const organisationsRead = !files.unreadable?.has('organisations.json');
  const activitiesRead = !files.unreadable?.has('activities.json');
  const organisations = { has: (id: string) => !organisationsRead || files.declaredIds.organisations.has(id) };
  const activityLevels = new Map(files.activities.map(({ value }) => [value.id, value.level]));
  site.mentors.forEach((mentor, index) => {
    if (!organisations.has(mentor.organisation)) report.error('site.json', `mentors[${index}].organisation`, `mentor \`${mentor.id}\`: organisation \`${mentor.organisation}\` does not exist in organisations.json`);
  });
  site.achievements.forEach((achievement, index) => {
    const fail = (field: string, message: string) => report.error('site.json', `achievements[${index}].${field}`, `achievement \`${achievement.id}\`: ${message}`);
    if (!organisations.has(achievement.organisation)) fail('organisation', `organisation \`${achievement.organisation}\` does not exist in organisations.json`);
    if (achievement.theme !== undefined && !themeIds.has(achievement.theme)) fail('theme', `theme \`${achievement.theme}\` does not exist`);
  });
  site.playlists.forEach((playlist, index) => {
    const path = `playlists[${index}]`;
    const fail = (field: string, message: string) => report.error('site.json', `${path}${field}`, `playlist \`${playlist.id}\`: ${message}`);
    if (!organisations.has(playlist.organisation)) fail('.organisation', `organisation \`${playlist.organisation}\` does not exist in organisations.json`);
    if (playlist.mentor !== undefined && !mentorIds.has(playlist.mentor)) fail('.mentor', `mentor \`${playlist.mentor}\` does not exist in \`mentors\``);
    if (playlist.badge !== undefined && !achievementIds.has(playlist.badge)) fail('.badge', `achievement \`${playlist.badge}\` does not exist in \`achievements\``);
    let highest = -1;
    let highestStep = -1;
    playlist.steps.forEach((step, stepIndex) => {
      let level: (typeof LEVEL_IDS)[number] | undefined;
      if ('activity' in step) {
        level = activityLevels.get(step.activity);
        if (activitiesRead && !files.declaredIds.activities.has(step.activity)) fail(`.steps[${stepIndex}].activity`, `activity \`${step.activity}\` does not exist in activities.json`);
      } else {
        level = step.level;
        if (!themeIds.has(step.theme)) fail(`.steps[${stepIndex}].theme`, `theme \`${step.theme}\` does not exist`);
      }
      if (level === undefined) return;
      const rank = LEVEL_IDS.indexOf(level);
      if (rank < highest) fail(`.steps[${stepIndex}]`, `step ${stepIndex + 1} (${level}) goes down the ladder after step ${highestStep + 1} (${LEVEL_IDS[highest]}); order the steps see-do → do-together → do-yourself`);
      if (rank > highest) {
        highest = rank;
        highestStep = stepIndex;
      }
    });
  });
  for (const { index, value: activity } of files.activities) {
    activity.badges.forEach((badge, badgeIndex) => {
      if (!achievementIds.has(badge)) report.warning('activities.json', `activities[${index}].badges[${badgeIndex}]`, `activity \`${activity.id}\`: badge \`${badge}\` is not defined in site.json \`achievements\`; the kiosk shows no badge for it`);
    });
  }
}

export function checkActivities(files: CheckedFiles, report: ProblemReport): void {
  const organisations = new Map(files.organisations.map(({ value }) => [value.id, value]));
  const themeIds = files.site && new Set(files.site.themes.map((theme) => theme.id));
  for (const { index, value: activity } of files.activities) {
    const path = `activities[${index}]`;
    const fail = (field: string, message: string) => report.error('activities.json', `${path}${field}`, `activity \`${activity.id}\`: ${message}`);
    checkReferences(activity, files, themeIds, fail);
    checkWhere(activity, organisations.get(activity.organiser), files, fail);
    activity.schedule.forEach((entry, entryIndex) => {
      const problems = scheduleEntryProblems(entry);
      problems.forEach(([field, message]) => fail(`.schedule[${entryIndex}]${field}`, message));
      if (problems.length === 0 && entry.rrule !== undefined && !ruleYieldsStart(parseRule(entry.rrule), Date.parse(`${entry.start}:00Z`))) {
        report.warning(
          'activities.json',
          `${path}.schedule[${entryIndex}].start`,
          `activity \`${activity.id}\`: the first start ${entry.start} is not a date of RRULE \`${entry.rrule}\`, yet it still counts as the first session (RFC 5545); start on the rule's first date unless that extra session is meant`,
        );
      }
    });
    if (activity.ages.max !== undefined && activity.ages.max < activity.ages.min) fail('.ages.max', `ages.max ${activity.ages.max} is below ages.min ${activity.ages.min}`);
    if (activity.price.kind === 'paid' && activity.price.amount === undefined) fail('.price.amount', 'a paid activity needs an `amount`');
    if (activity.price.kind === 'free' && activity.price.amount !== undefined) fail('.price.amount', 'a free activity has no `amount`; use kind "paid" or "pay-what-you-can"');
    if (activity.registrationUrl !== undefined && activity.registration === 'walk-in') {
      report.warning('activities.json', `${path}.registrationUrl`, `activity \`${activity.id}\`: it has a \`registrationUrl\` but \`registration\` is "walk-in"; set \`registration\` to "required" so the sheet says registering is needed`);
    }
  }
}

type Fail = (field: string, message: string) => void;

function checkReferences(activity: ActivityInput, files: CheckedFiles, themeIds: ReadonlySet<string> | undefined, fail: Fail): void {
  const { declaredIds } = files;
  if (activity.space !== undefined && !declaredIds.spaces.has(activity.space)) fail('.space', `space \`${activity.space}\` does not exist`);
  if (!declaredIds.organisations.has(activity.organiser)) fail('.organiser', `organiser \`${activity.organiser}\` does not exist`);
  activity.themes.forEach((theme, index) => {
    if (themeIds && !themeIds.has(theme)) fail(`.themes[${index}]`, `theme \`${theme}\` does not exist`);
  });
  activity.nextSteps.forEach((step, index) => {
    if (step === activity.id) fail(`.nextSteps[${index}]`, 'an activity cannot be its own next step');
    else if (!declaredIds.activities.has(step)) fail(`.nextSteps[${index}]`, `next step \`${step}\` does not exist`);
  });
}

/** Exactly one of space and place, where a partner organiser's place counts as given. */
function checkWhere(activity: ActivityInput, organiser: OrganisationInput | undefined, files: CheckedFiles, fail: Fail): void {
  if (activity.space !== undefined && activity.place !== undefined) {
    fail('.place', 'give either `space` (on site) or `place` (off site), not both');
    return;
  }
  // An organiser with errors of its own (a broken item, a partner without place) is judged once fixed.
  const organiserIsBroken = organiser === undefined ? files.declaredIds.organisations.has(activity.organiser) : organiser.kind === 'partner' && organiser.place === undefined;
  const hasPartnerPlace = organiser?.kind === 'partner' && organiser.place !== undefined;
  if (activity.space === undefined && activity.place === undefined && !organiserIsBroken && !hasPartnerPlace) {
    fail('', 'needs a `space` (on site) or a `place` (off site); only a partner organiser lends its place');
  }
}

/** Problems of one schedule entry as [path below the entry, message]. */
export function scheduleEntryProblems(entry: ScheduleEntry): [string, string][] {
  const problems: [string, string][] = [];
  if (entry.end <= entry.start) problems.push(['.end', `a session must end after it starts (${entry.start} → ${entry.end})`]);
  if (entry.rrule !== undefined) problems.push(...rruleProblems(entry.rrule).map((problem): [string, string] => ['.rrule', `RRULE \`${entry.rrule}\`: ${problem}`]));
  return problems;
}
