// Playlists, mentors and badges as a visitor meets them (issue 12): each step's next session, adding a
// whole playlist to a path, the playlists and badges an activity belongs to, the mentor to ask, and
// what to do next after a badge. Pure: the kiosk and the follow-up page call it with their own data.
import { LEVEL_IDS, type Achievement, type Activity, type LevelId, type Mentor, type Occurrence, type Playlist, type PlaylistStep } from './model';
import { compareIds } from './order';
import { goesAhead } from './timing';

/** What the resolution reads: the activities and their sessions (by start), and the instant that is "now". */
export interface StepContext {
  activities: readonly Activity[];
  occurrencesByActivity: ReadonlyMap<string, readonly Occurrence[]>;
  now: number;
}

export interface ResolvedStep {
  /** 0-based place in the playlist. */
  index: number;
  step: PlaylistStep;
  level: LevelId;
  /** The theme a level+theme step asks for; undefined for a named activity. */
  theme?: string;
  /**
   * The activity this step leads to: the named one, or for a level+theme step the activity of the next
   * matching session (the first match by id when none has a session ahead). Undefined when nothing matches
   * (an activity removed since the playlist was written, or no activity of that level and theme).
   */
  activity?: Activity;
  /** The next session of that activity that goes ahead and has not ended. */
  next?: Occurrence;
  /** Every activity a level+theme step accepts (by id); for a named step, the activity itself. */
  matches: Activity[];
}

/** The next session of an activity that goes ahead and has not ended yet. */
export function nextSession(activityId: string, context: Pick<StepContext, 'occurrencesByActivity' | 'now'>): Occurrence | undefined {
  return context.occurrencesByActivity.get(activityId)?.find((occurrence) => occurrence.end > context.now && goesAhead(occurrence));
}

/** Activities a level+theme step accepts, by id. */
export function stepMatches(step: PlaylistStep, activities: readonly Activity[]): Activity[] {
  if ('activity' in step) return activities.filter((activity) => activity.id === step.activity);
  return activities.filter((activity) => activity.level === step.level && activity.themes.includes(step.theme)).sort((a, b) => compareIds(a.id, b.id));
}

/** Every step of a playlist with the activity it leads to and that activity's next session. */
export function resolvePlaylist(playlist: Playlist, context: StepContext): ResolvedStep[] {
  return playlist.steps.map((step, index) => {
    const matches = stepMatches(step, context.activities);
    if ('activity' in step) {
      const activity = matches[0];
      const next = activity ? nextSession(activity.id, context) : undefined;
      return { index, step, level: activity?.level ?? LEVEL_IDS[0], matches, ...(activity ? { activity } : {}), ...(next ? { next } : {}) };
    }
    let best: { activity: Activity; next: Occurrence } | undefined;
    for (const activity of matches) {
      const next = nextSession(activity.id, context);
      if (next && (!best || next.start < best.next.start)) best = { activity, next };
    }
    const activity = best?.activity ?? matches[0];
    return { index, step, level: step.level, theme: step.theme, matches, ...(activity ? { activity } : {}), ...(best ? { next: best.next } : {}) };
  });
}

/** The activities "add the whole playlist" adds: each resolved step's activity, in order. */
export function playlistActivityIds(steps: readonly ResolvedStep[]): string[] {
  return steps.flatMap((step) => (step.activity ? [step.activity.id] : []));
}

export interface PlaylistPlace {
  playlist: Playlist;
  /** 0-based step that names the activity. */
  index: number;
}

/** Every playlist that names this activity in a step (the first such step of each), in config order. */
export function playlistsNaming(activityId: string, playlists: readonly Playlist[]): PlaylistPlace[] {
  return playlists.flatMap((playlist) => {
    const index = playlist.steps.findIndex((step) => 'activity' in step && step.activity === activityId);
    return index < 0 ? [] : [{ playlist, index }];
  });
}

/**
 * The badges an activity leads to: the achievements it names in `badges`, then the badge of each playlist
 * whose last step it is. Unknown ids are passed over (the config check already warns about them).
 */
export function badgesOf(activity: Activity, achievements: readonly Achievement[], playlists: readonly Playlist[]): Achievement[] {
  const byId = new Map(achievements.map((achievement) => [achievement.id, achievement]));
  const ids = [...activity.badges];
  for (const playlist of playlists) {
    const last = playlist.steps.at(-1);
    if (playlist.badge && last && 'activity' in last && last.activity === activity.id) ids.push(playlist.badge);
  }
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

/** Who to ask about an activity: the mentor of the first playlist naming it, else a mentor of its organiser. */
export function mentorFor(activity: Activity, playlists: readonly Playlist[], mentors: readonly Mentor[]): Mentor | undefined {
  const byId = new Map(mentors.map((mentor) => [mentor.id, mentor]));
  for (const { playlist } of playlistsNaming(activity.id, playlists)) {
    const mentor = playlist.mentor ? byId.get(playlist.mentor) : undefined;
    if (mentor) return mentor;
  }
  return mentors.find((mentor) => mentor.organisation === activity.organiser);
}

/** The level after this one on the ladder see-do → do-together → do-yourself; undefined at the top. */
export function levelAbove(level: LevelId): LevelId | undefined {
  return LEVEL_IDS[LEVEL_IDS.indexOf(level) + 1];
}

export interface BadgeSuggestion {
  activity: Activity;
  next?: Occurrence;
  /** Why it is suggested: the next step of a playlist the badge belongs to, or a level up in its theme. */
  reason: { kind: 'playlist'; playlist: Playlist; index: number } | { kind: 'level-up' };
}

/**
 * The step of a playlist that awards an achievement: one whose activity names it, else (for the badge
 * the playlist leads to) its last step at the achievement's level — where a do-together badge is earned
 * on a playlist that goes on to do-yourself. -1: none.
 */
function awardingStep(steps: readonly ResolvedStep[], playlist: Playlist, achievement: Achievement): number {
  const named = steps.findIndex((step) => step.activity?.badges.includes(achievement.id));
  if (named >= 0 || playlist.badge !== achievement.id || achievement.level === undefined) return named;
  return steps.findLastIndex((step) => step.level === achievement.level);
}

/**
 * What to do after earning an achievement. First the steps of a playlist after the one that awards it
 * (see awardingStep); then activities one level up in the achievement's theme (at
 * the top of the ladder: other do-yourself activities in that theme), those with a session ahead first,
 * soonest first. Activities in `exclude` (already in the path) and repeats are left out.
 */
export function suggestAfterBadge(
  achievement: Achievement,
  playlists: readonly Playlist[],
  context: StepContext,
  options: { limit?: number; exclude?: readonly string[] } = {},
): BadgeSuggestion[] {
  const limit = options.limit ?? 4;
  const seen = new Set(options.exclude ?? []);
  const suggestions: BadgeSuggestion[] = [];
  const push = (activity: Activity, reason: BadgeSuggestion['reason']): void => {
    if (seen.has(activity.id)) return;
    seen.add(activity.id);
    const next = nextSession(activity.id, context);
    suggestions.push({ activity, reason, ...(next ? { next } : {}) });
  };

  for (const playlist of playlists) {
    const steps = resolvePlaylist(playlist, context);
    const awarding = awardingStep(steps, playlist, achievement);
    if (awarding < 0) continue;
    for (const step of steps.slice(awarding + 1)) if (step.activity) push(step.activity, { kind: 'playlist', playlist, index: step.index });
  }

  const theme = achievement.theme;
  if (theme !== undefined) {
    const level = achievement.level === undefined ? undefined : (levelAbove(achievement.level) ?? achievement.level);
    const candidates = context.activities
      .filter((activity) => activity.themes.includes(theme) && (level === undefined || activity.level === level))
      .map((activity) => ({ activity, next: nextSession(activity.id, context) }))
      .sort((a, b) => (a.next?.start ?? Infinity) - (b.next?.start ?? Infinity) || compareIds(a.activity.id, b.activity.id));
    for (const { activity } of candidates) push(activity, { kind: 'level-up' });
  }
  return suggestions.slice(0, limit);
}
