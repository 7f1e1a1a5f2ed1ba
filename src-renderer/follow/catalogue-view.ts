// The catalogue as the pages need it: lookups by id, occurrences per activity as instants, and the
// path codec's items resolved against it. Built once per loaded catalogue; everything here is pure.
import type { Catalogue, CatalogueActivity, CatalogueOrganisation, CatalogueSpace } from '../core/catalogue';
import type { Activity, Occurrence, Theme } from '../core/model';
import type { SessionMark } from '../core/timing';
import { resolveFollowUpItems, type DecodedItem } from '../core/path-code';
import { suggestNextSteps } from '../core/next-steps';

const MINUTE_MS = 60_000;

export interface Span {
  start: number;
  end: number;
  /** Set when the session does not simply go ahead: cancelled, postponed, unavailable, or full. */
  mark?: SessionMark;
}

/** A full session still goes ahead; one its source called off does not. */
function goesAhead(span: Span): boolean {
  return span.mark === undefined || span.mark === 'full';
}

/** One step of a path as the page shows it. Unknown activities keep their ref: they can only be removed. */
export type PathEntry =
  | { kind: 'activity'; key: string; activity: CatalogueActivity }
  | { kind: 'unknown'; key: string; ref: number }
  | {
      kind: 'booking';
      key: string;
      space: CatalogueSpace | undefined;
      spaceRef: number;
      start: number;
      minutes: number;
      code: string;
      /** A place on an activity's session (issue 11): its ref, and the activity when still listed. */
      place?: { ref: number; activity: CatalogueActivity | undefined };
    };

export class CatalogueView {
  readonly catalogue: Catalogue;
  readonly #activities: Map<string, CatalogueActivity>;
  readonly #spaces: Map<string, CatalogueSpace>;
  readonly #organisations: Map<string, CatalogueOrganisation>;
  readonly #themes: Map<string, Theme>;
  readonly #occurrences = new Map<string, Span[]>();

  constructor(catalogue: Catalogue) {
    this.catalogue = catalogue;
    this.#activities = new Map(catalogue.activities.map((activity) => [activity.id, activity]));
    this.#spaces = new Map(catalogue.spaces.map((space) => [space.id, space]));
    this.#organisations = new Map(catalogue.organisations.map((organisation) => [organisation.id, organisation]));
    this.#themes = new Map(catalogue.themes.map((theme) => [theme.id, theme]));
    // The catalogue is sorted by start, so each activity's list comes out sorted too.
    for (const [index, start, minutes, mark] of catalogue.occurrences) {
      const id = catalogue.activities[index]?.id;
      if (id === undefined) continue;
      const span: Span = { start: start * MINUTE_MS, end: (start + minutes) * MINUTE_MS, ...(mark ? { mark } : {}) };
      const list = this.#occurrences.get(id);
      if (list) list.push(span);
      else this.#occurrences.set(id, [span]);
    }
  }

  get site(): Catalogue['site'] {
    return this.catalogue.site;
  }

  activity(id: string): CatalogueActivity | undefined {
    return this.#activities.get(id);
  }

  space(id: string | undefined): CatalogueSpace | undefined {
    return id === undefined ? undefined : this.#spaces.get(id);
  }

  organisation(id: string): CatalogueOrganisation | undefined {
    return this.#organisations.get(id);
  }

  theme(id: string): Theme | undefined {
    return this.#themes.get(id);
  }

  /**
   * The next `limit` occurrences that have not ended at `now` (a running one included), called-off
   * ones with their mark; with `goingAhead`, only those that go ahead (for a calendar, a "next date").
   */
  upcoming(activityId: string, now: number, limit = 3, goingAhead = false): Span[] {
    const spans = this.#occurrences.get(activityId) ?? [];
    const result: Span[] = [];
    for (const span of spans) {
      if (span.end <= now || (goingAhead && !goesAhead(span))) continue;
      result.push(span);
      if (result.length >= limit) break;
    }
    return result;
  }

  /** A path's decoded items, resolved; unknown refs stay in place so the visitor sees what is gone. */
  entries(items: readonly DecodedItem[]): PathEntry[] {
    const resolved = resolveFollowUpItems(items, { activityIds: this.#activities.keys(), spaceIds: this.#spaces.keys() });
    // Keys follow the item, not its position, so a moved step keeps its DOM (and the focus in it).
    const seen = new Map<string, number>();
    const uniqueKey = (base: string): string => {
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      return count === 0 ? base : `${base}#${count}`;
    };
    return resolved.map((item): PathEntry => {
      if (item.kind === 'booking') {
        const key = uniqueKey(`b:${item.code}:${item.start}`);
        const space = item.space.status === 'known' ? this.#spaces.get(item.space.id) : undefined;
        return { kind: 'booking', key, space, spaceRef: item.space.ref, start: item.start, minutes: item.minutes, code: item.code };
      }
      if (item.kind === 'place') {
        const key = uniqueKey(`p:${item.code}:${item.start}`);
        const activity = item.activity.status === 'known' ? this.#activities.get(item.activity.id) : undefined;
        const space = activity?.space === undefined ? undefined : this.#spaces.get(activity.space);
        return { kind: 'booking', key, space, spaceRef: 0, start: item.start, minutes: item.minutes, code: item.code, place: { ref: item.activity.ref, activity } };
      }
      const activity = item.activity.status === 'known' ? this.#activities.get(item.activity.id) : undefined;
      const key = uniqueKey(activity ? `a:${activity.id}` : `u:${item.activity.ref}`);
      return activity ? { kind: 'activity', key, activity } : { kind: 'unknown', key, ref: item.activity.ref };
    });
  }

  /**
   * Next steps for a whole path: each activity's deepen suggestions first (the signpost's main
   * promise), then broaden, without duplicates or what the path already holds.
   */
  suggestionsFor(pathIds: readonly string[], now: number, limit = 4): { activity: CatalogueActivity; kind: 'deepen' | 'broaden' }[] {
    const all = this.catalogue.activities.map(asActivity);
    const upcoming = new Map<string, Occurrence[]>();
    for (const activity of this.catalogue.activities) {
      const spans = this.upcoming(activity.id, now, 1, true);
      if (spans.length > 0) upcoming.set(activity.id, spans.map((span) => ({ activityId: activity.id, ...span })));
    }
    const seen = new Set(pathIds);
    const deepen: CatalogueActivity[] = [];
    const broaden: CatalogueActivity[] = [];
    for (const id of pathIds) {
      const activity = this.#activities.get(id);
      if (!activity) continue;
      const steps = suggestNextSteps(asActivity(activity), all, { exclude: pathIds, upcoming, limit: 2, ...(this.site.geo ? { from: this.site.geo } : {}) });
      deepen.push(...steps.deepen);
      broaden.push(...steps.broaden);
    }
    // Alternate deepen and broaden, so both kinds show even when one list is long.
    const queues = { deepen, broaden };
    const picked: { activity: CatalogueActivity; kind: 'deepen' | 'broaden' }[] = [];
    let turn: 'deepen' | 'broaden' = 'deepen';
    while (picked.length < limit && (queues.deepen.length > 0 || queues.broaden.length > 0)) {
      const kind: 'deepen' | 'broaden' = queues[turn].length > 0 ? turn : turn === 'deepen' ? 'broaden' : 'deepen';
      const candidate = queues[kind].shift();
      turn = kind === 'deepen' ? 'broaden' : 'deepen';
      if (!candidate || seen.has(candidate.id)) continue;
      const activity = this.#activities.get(candidate.id);
      if (!activity) continue;
      seen.add(candidate.id);
      picked.push({ activity, kind });
    }
    return picked;
  }

  /** Activities to start a path with: those that happen soonest, one per theme where possible. */
  starters(now: number, limit = 4): CatalogueActivity[] {
    const firstStart = (activity: CatalogueActivity): number => this.upcoming(activity.id, now, 1, true)[0]?.start ?? Number.POSITIVE_INFINITY;
    const sorted = [...this.catalogue.activities].filter((activity) => Number.isFinite(firstStart(activity))).sort((a, b) => firstStart(a) - firstStart(b));
    const themes = new Set<string>();
    const picked = sorted.filter((activity) => {
      const fresh = activity.themes.some((theme) => !themes.has(theme));
      activity.themes.forEach((theme) => themes.add(theme));
      return fresh;
    });
    return picked.slice(0, limit);
  }
}

/** The core's next-steps logic takes full activities; the schedule is not part of what it weighs. */
function asActivity(activity: CatalogueActivity): Activity {
  return { ...activity, schedule: [] };
}
