// The config's fixed sessions per space, for the booking checks. Expanding schedules (RRULEs in the
// site's zone) is the costly part of a config, so it happens once per config load for a window
// around now, and a check that asks outside the window (staff planning a season ahead) expands just
// that space's activities over just the asked span.
import { IntervalIndex, type Interval } from '../src-renderer/core/booking/interval';
import type { Activity, Organisation, SiteConfig } from '../src-renderer/core/model';
import { occurrenceId } from '../src-renderer/core/rows';
import { expandActivity, expandAll } from '../src-renderer/core/schedule';

const DAY_MS = 86_400_000;
/** Sessions that started this long before now may still be running (a week-long workshop). */
const LOOKBACK_DAYS = 7;
/** The window reaches at least this far ahead, and at least every space's booking horizon. */
const AHEAD_DAYS = 60;

export class SessionIndex {
  readonly #config: SiteConfig;
  readonly #activitiesBySpace = new Map<string, Activity[]>();
  readonly #organisations: ReadonlyMap<string, Organisation>;
  #window = { from: 0, to: 0, madeAt: -Infinity };
  #bySpace = new Map<string, IntervalIndex>();

  constructor(config: SiteConfig, now: number) {
    this.#config = config;
    this.#organisations = new Map(config.organisations.map((organisation) => [organisation.id, organisation]));
    for (const activity of config.activities) {
      if (activity.space === undefined) continue;
      const list = this.#activitiesBySpace.get(activity.space) ?? [];
      list.push(activity);
      this.#activitiesBySpace.set(activity.space, list);
    }
    this.#expandWindow(now);
  }

  /** The sessions in `spaceId` that overlap [from, to). */
  sessions(spaceId: string, from: number, to: number, now: number): Interval[] {
    // A hub runs for months: once a day the window moves along with the clock.
    if (now - this.#window.madeAt > DAY_MS) this.#expandWindow(now);
    if (from >= this.#window.from && to <= this.#window.to) return this.#bySpace.get(spaceId)?.overlapping(from, to) ?? [];
    const activities = this.#activitiesBySpace.get(spaceId) ?? [];
    return activities
      .flatMap((activity) => expandActivity(activity, this.#config.site, this.#organisations.get(activity.organiser), from, to))
      .map(toInterval)
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }

  #expandWindow(now: number): void {
    const horizon = Math.max(AHEAD_DAYS, ...this.#config.spaces.map((space) => space.booking?.maxDaysAhead ?? 0)) + 2;
    const from = now - LOOKBACK_DAYS * DAY_MS;
    const to = now + horizon * DAY_MS;
    const bySpace = new Map<string, Interval[]>();
    for (const occurrence of expandAll(this.#config, from, to)) {
      if (occurrence.spaceId === undefined) continue;
      const list = bySpace.get(occurrence.spaceId) ?? [];
      list.push(toInterval(occurrence));
      bySpace.set(occurrence.spaceId, list);
    }
    this.#bySpace = new Map([...bySpace].map(([spaceId, list]) => [spaceId, IntervalIndex.from(list)]));
    this.#window = { from, to, madeAt: now };
  }
}

function toInterval(occurrence: { activityId: string; start: number; end: number }): Interval {
  return { start: occurrence.start, end: occurrence.end, kind: 'session', id: occurrenceId(occurrence.activityId, occurrence.start), activityId: occurrence.activityId };
}
