// Playlists on the phone (issue 12): each step with its next session, whether the visitor marked it
// done, and which playlists a path touches. Pure functions over the catalogue view.
import type { CatalogueActivity, CatalogueMentor, CataloguePlaylist, CataloguePlaylistStep } from '../core/catalogue';
import type { LevelId } from '../core/model';
import type { CatalogueView, Span } from './catalogue-view';

export interface PlaylistStepView {
  index: number;
  step: CataloguePlaylistStep;
  level: LevelId | undefined;
  /** The named activity, when the step names one the catalogue lists. */
  activity: CatalogueActivity | undefined;
  /** The soonest session that goes ahead: of the named activity, or of any activity matching level and theme. */
  next: { activity: CatalogueActivity; span: Span } | undefined;
  done: boolean;
}

/** Activities a step can be done with: the named one, or every one of the level that has the theme. */
export function stepActivities(view: CatalogueView, step: CataloguePlaylistStep): CatalogueActivity[] {
  if ('activity' in step) {
    const activity = view.activity(step.activity);
    return activity ? [activity] : [];
  }
  return view.catalogue.activities.filter((activity) => activity.level === step.level && activity.themes.includes(step.theme));
}

export function playlistSteps(view: CatalogueView, playlist: CataloguePlaylist, now: number, done: ReadonlySet<number>): PlaylistStepView[] {
  return playlist.steps.map((step, index) => {
    const candidates = stepActivities(view, step);
    let next: PlaylistStepView['next'];
    for (const activity of candidates) {
      const span = view.upcoming(activity.id, now, 1, true)[0];
      if (span && (!next || span.start < next.span.start)) next = { activity, span };
    }
    const activity = 'activity' in step ? candidates[0] : undefined;
    return { index, step, level: 'activity' in step ? activity?.level : step.level, activity, next, done: done.has(index) };
  });
}

/** Playlists with a step that is one of the path's activities (a named step, or a level+theme match). */
export function playlistsForPath(view: CatalogueView, activityIds: readonly string[]): CataloguePlaylist[] {
  const inPath = new Set(activityIds);
  if (inPath.size === 0) return [];
  return view.catalogue.playlists.filter((playlist) => playlist.steps.some((step) => stepActivities(view, step).some((activity) => inPath.has(activity.id))));
}

export function playlistById(view: CatalogueView, id: string): CataloguePlaylist | undefined {
  return view.catalogue.playlists.find((playlist) => playlist.id === id);
}

export function mentorById(view: CatalogueView, id: string | undefined): CatalogueMentor | undefined {
  return id === undefined ? undefined : view.catalogue.mentors.find((mentor) => mentor.id === id);
}

/** A mentor's contact as a link where it is one (never a script URL: the catalogue reader kept only web addresses). */
export function contactHref(contact: NonNullable<CatalogueMentor['contact']>): string | undefined {
  if (contact.kind === 'email') return /^[^\s@<>"]+@[^\s@<>"]+$/.test(contact.value) ? `mailto:${contact.value}` : undefined;
  if (contact.kind === 'phone') {
    const digits = contact.value.replace(/[^\d+]/g, '');
    return digits.length >= 6 ? `tel:${digits}` : undefined;
  }
  if (contact.kind === 'url') return /^https?:\/\//i.test(contact.value) ? contact.value : undefined;
  return undefined;
}
