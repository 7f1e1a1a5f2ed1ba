// "Next steps" on an activity sheet, the signpost's core promise: from what a visitor is looking at,
// *broaden* (same level, a theme they have not met yet) or *deepen* (the next level up, same theme).
// Computed from the data so every activity has suggestions, with the organisers' hand-picked ones first.
import { greatCircleKm } from './distance';
import { LEVEL_IDS, type Activity, type GeoPoint, type LevelId, type Occurrence } from './model';
import { compareIds } from './order';
import { goesAhead } from './timing';

export const DEFAULT_NEXT_STEP_LIMIT = 3;

export interface NextStepOptions {
  /** Most suggestions per list. Default 3: what fits on the sheet without scrolling. */
  limit?: number;
  /** Activity ids never to suggest, e.g. those already in the visitor's path. */
  exclude?: readonly string[];
  /**
   * Occurrences per activity id (e.g. this week's); when given, activities that still happen come
   * first. Sessions a source called off do not count.
   */
  upcoming?: ReadonlyMap<string, readonly Occurrence[]>;
  /**
   * Where the site is (its map centre); when given, among otherwise equal suggestions the nearer
   * comes first: on-site ones, then off-site places by distance, places without a known point last.
   */
  from?: GeoPoint;
}

export interface NextSteps {
  broaden: Activity[];
  deepen: Activity[];
}

/**
 * Broaden and deepen suggestions for `activity`, deterministic whatever the order of `allActivities`.
 * - Hand-picked `activity.nextSteps` come first, in their own order: in deepen when their level is
 *   higher, else in broaden.
 * - Deepen: the next level up sharing a theme. From do-yourself there is no level up, so it is other
 *   do-yourself activities in a shared theme, or an off-site partner's (do-together or do-yourself)
 *   in a shared theme — "continue in the city", which comes first.
 * - Broaden: the same level with a theme the activity does not have; activities sharing no theme at
 *   all first, and spread so that each suggestion opens a different theme where possible.
 * An activity suggested to deepen is not repeated under broaden.
 */
export function suggestNextSteps(activity: Activity, allActivities: readonly Activity[], options: NextStepOptions = {}): NextSteps {
  const limit = Math.max(0, options.limit ?? DEFAULT_NEXT_STEP_LIMIT);
  const hasUpcoming = (candidate: Activity): boolean => options.upcoming?.get(candidate.id)?.some(goesAhead) ?? false;
  const nearness = nearnessFrom(options.from);
  const candidates = uniqueSortedById(allActivities);
  const blocked = new Set([activity.id, ...(options.exclude ?? [])]);

  const handPicked = resolveHandPicked(activity, candidates, blocked);
  const handPickedDeepen = handPicked.filter((candidate) => levelRank(candidate.level) > levelRank(activity.level));
  const handPickedBroaden = handPicked.filter((candidate) => !handPickedDeepen.includes(candidate));
  const open = candidates.filter((candidate) => !blocked.has(candidate.id) && !handPicked.includes(candidate));

  const deepen = [...handPickedDeepen, ...rankDeepening(activity, open.filter((candidate) => isDeepening(activity, candidate)), hasUpcoming, nearness)].slice(0, limit);
  const broadeningCandidates = open.filter((candidate) => isBroadening(activity, candidate) && !deepen.includes(candidate));
  const computedBroaden = pickAcrossThemes(rankBroadening(activity, broadeningCandidates, hasUpcoming, nearness), coveredThemes(activity, handPickedBroaden), limit - handPickedBroaden.length);
  const broaden = [...handPickedBroaden, ...computedBroaden].slice(0, limit);
  return { broaden, deepen };
}

export type PathGuidance = 'add-do-together';

/**
 * A gentle nudge for "my path": a path of see-do activities only is invited to add something to do
 * together. Nothing further (no push towards do-yourself): one nudge is guidance, a ladder of them
 * would feel like homework. An empty path gets none; the screen shows its own empty state.
 */
export function pathGuidance(levels: readonly LevelId[]): PathGuidance | null {
  return levels.length > 0 && levels.every((level) => level === 'see-do') ? 'add-do-together' : null;
}

function levelRank(level: LevelId): number {
  return LEVEL_IDS.indexOf(level);
}

function nextLevel(level: LevelId): LevelId | undefined {
  return LEVEL_IDS[levelRank(level) + 1];
}

/** The hand-picked ids that exist and are not blocked, once each, in the organiser's order. */
function resolveHandPicked(activity: Activity, candidates: readonly Activity[], blocked: ReadonlySet<string>): Activity[] {
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const picked = [...new Set(activity.nextSteps)].filter((id) => !blocked.has(id)).map((id) => byId.get(id));
  return picked.filter((candidate) => candidate !== undefined);
}

function isDeepening(activity: Activity, candidate: Activity): boolean {
  if (!sharesTheme(activity, candidate)) return false;
  const up = nextLevel(activity.level);
  if (up) return candidate.level === up;
  return candidate.level === activity.level || (isOffSite(candidate) && candidate.level !== 'see-do');
}

function isBroadening(activity: Activity, candidate: Activity): boolean {
  return candidate.level === activity.level && newThemes(activity, candidate).length > 0;
}

function rankDeepening(activity: Activity, candidates: readonly Activity[], hasUpcoming: Preference, nearness: Preference): Activity[] {
  return rankBy(candidates, [
    hasUpcoming,
    // Past do-yourself the real next step leaves the site: a craftsman or club in the city.
    (candidate) => nextLevel(activity.level) === undefined && isOffSite(candidate),
    (candidate) => sharedThemes(activity, candidate).length,
    ...familiarity(activity),
    nearness,
  ]);
}

function rankBroadening(activity: Activity, candidates: readonly Activity[], hasUpcoming: Preference, nearness: Preference): Activity[] {
  return rankBy(candidates, [hasUpcoming, (candidate) => !sharesTheme(activity, candidate), ...familiarity(activity), nearness]);
}

/** Any place farther than this counts as "far": also what a place without a known point counts as. */
const FAR_KM = 1e6;

/** Nearer ranks higher: minus the km from the site (0 on site); no preference without a site point. */
function nearnessFrom(from: GeoPoint | undefined): Preference {
  if (!from) return () => 0;
  return (candidate) => {
    if (!isOffSite(candidate)) return 0;
    const geo = candidate.place?.geo;
    return geo ? -Math.min(FAR_KM, greatCircleKm(from, geo)) : -FAR_KM;
  };
}

/** A familiar organiser or a room the visitor already found lowers the threshold of a new step. */
function familiarity(activity: Activity): Preference[] {
  return [(candidate) => candidate.organiser === activity.organiser, (candidate) => activity.space !== undefined && candidate.space === activity.space];
}

/**
 * Up to `count` of `ranked`, first those that each open a theme not yet covered (for variety), then
 * the rest in rank order.
 */
function pickAcrossThemes(ranked: readonly Activity[], alreadyCovered: ReadonlySet<string>, count: number): Activity[] {
  const covered = new Set(alreadyCovered);
  const picked: Activity[] = [];
  for (const candidate of ranked) {
    if (picked.length >= count) return picked;
    const fresh = candidate.themes.filter((theme) => !covered.has(theme));
    if (fresh.length === 0) continue;
    picked.push(candidate);
    for (const theme of fresh) covered.add(theme);
  }
  for (const candidate of ranked) {
    if (picked.length >= count) return picked;
    if (!picked.includes(candidate)) picked.push(candidate);
  }
  return picked;
}

function coveredThemes(activity: Activity, alreadyPicked: readonly Activity[]): Set<string> {
  return new Set([...activity.themes, ...alreadyPicked.flatMap((picked) => picked.themes)]);
}

/** A ranking criterion: higher (or true) ranks first. */
type Preference = (candidate: Activity) => number | boolean;

function rankBy(candidates: readonly Activity[], preferences: readonly Preference[]): Activity[] {
  return [...candidates].sort((a, b) => {
    for (const prefer of preferences) {
      const difference = Number(prefer(b)) - Number(prefer(a));
      if (difference !== 0) return difference;
    }
    return compareIds(a.id, b.id);
  });
}

/** One activity per id, in id order: the ranking must not depend on how the list came in. */
function uniqueSortedById(activities: readonly Activity[]): Activity[] {
  const byId = new Map<string, Activity>();
  for (const activity of activities) if (!byId.has(activity.id)) byId.set(activity.id, activity);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

function sharedThemes(activity: Activity, candidate: Activity): string[] {
  return candidate.themes.filter((theme) => activity.themes.includes(theme));
}

function sharesTheme(activity: Activity, candidate: Activity): boolean {
  return sharedThemes(activity, candidate).length > 0;
}

function newThemes(activity: Activity, candidate: Activity): string[] {
  return candidate.themes.filter((theme) => !activity.themes.includes(theme));
}

/** Off-site means a partner's place instead of a space on the site. */
function isOffSite(candidate: Activity): boolean {
  return candidate.space === undefined;
}
