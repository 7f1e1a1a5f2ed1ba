import { buildFilterIndex } from '../core/filter-index';
import { groupInRange, localDayKey, startOfLocalDay } from '../core/timing';
import type { Activity, Occurrence, Organisation, Space } from '../core/model';
import { liveState } from '../db/live.svelte';
import type { KioskStore, SiteMeta } from '../db/store';
import { clock } from './clock.svelte';

/** How far ahead the screens look: "this week" (today + 8 local days) plus a day for DST weeks. */
const HORIZON_DAYS = 9;

/**
 * What every visitor screen reads, live from the store: one subscription per table for the whole
 * kiosk, so a staff edit or a config reload reaches every open screen within a second, and the
 * same query is never written twice. Create it once, during component initialisation.
 */
export class Catalogue {
  readonly #meta;
  readonly #activities;
  readonly #spaces;
  readonly #organisations;
  readonly #occurrences;

  readonly activityById = $derived(new Map(this.activities.map((a) => [a.id, a])));
  readonly spaceById = $derived(new Map(this.spaces.map((s) => [s.id, s])));
  readonly organisationById = $derived(new Map(this.organisations.map((o) => [o.id, o])));
  /** Occurrences per activity, by start. */
  readonly occurrencesByActivity = $derived(groupInRange(this.occurrences, { from: -Infinity, to: Infinity }));
  /** The Explore filter's index: rebuilt when the data changes, never per tap or clock tick. */
  readonly filterIndex = $derived(buildFilterIndex(this.activities, this.occurrencesByActivity));

  constructor(store: KioskStore) {
    this.#meta = liveState(() => store.siteMeta());
    // The big lists wait for the site: read at the same time, megabytes of activities on a large site
    // would keep the page busy before the attract screen and the map can show.
    const hasSite = $derived(this.#meta.current !== undefined);
    this.#activities = liveState<Activity[]>(() => (hasSite ? store.listActivities() : []), [], () => hasSite);
    this.#spaces = liveState<Space[]>(() => store.listSpaces(), []);
    this.#organisations = liveState<Organisation[]>(() => store.listOrganisations(), []);
    // The range moves once a day, not every tick: re-subscribing each minute would be waste.
    const day = $derived(this.#meta.current ? localDayKey(clock.now, this.#meta.current.site.timeZone) : '');
    this.#occurrences = liveState<Occurrence[]>(
      () => {
        if (!hasSite) return [];
        const timeZone = this.#meta.current?.site.timeZone ?? 'UTC';
        const from = startOfLocalDay(Date.now(), timeZone);
        return store.occurrencesBetween(from, from + HORIZON_DAYS * 86_400_000);
      },
      [],
      () => [day, hasSite],
    );
  }

  get meta(): SiteMeta | undefined {
    return this.#meta.current;
  }
  get activities(): readonly Activity[] {
    return this.#activities.current ?? [];
  }
  get spaces(): readonly Space[] {
    return this.#spaces.current ?? [];
  }
  get organisations(): readonly Organisation[] {
    return this.#organisations.current ?? [];
  }
  get occurrences(): readonly Occurrence[] {
    return this.#occurrences.current ?? [];
  }
  /** True once the site and the activity lists have arrived. */
  get ready(): boolean {
    return this.#meta.current !== undefined && !this.#activities.isLoading && !this.#occurrences.isLoading;
  }
}
