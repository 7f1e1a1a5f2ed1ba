// What all feeds together put in the store: every feed's last good read, in priority order, with the
// items that describe an event already shown left out. Pure: the runner (./runner.ts) reads each feed's
// copy, calls this, and writes the difference to the rows (./store.ts).
//
// "The same event" is decided on what every source has: the title (compared without case, accents or
// punctuation), a session starting at the same minute, and — when both sides have a point — a place
// within 500 m. Stricter keys (UiT's `sameAs`, an OpenActive `@id`) are not shared between sources,
// so they would never match across feeds. The first source wins: what the site itself holds (config,
// staff, imports), then the feeds in the order site.json lists them, then feeds saved at the desk.
import type { ImportedActivity } from '../../src-renderer/core/ical-import';
import type { FeedConfig, GeoPoint, LocalizedText } from '../../src-renderer/core/model';
import type { FeedRead } from '../../src-renderer/core/feeds/types';
import { occurrenceId, type ActivityRow, type OccurrenceRow } from '../../src-renderer/core/rows';

/** Two places closer than this (metres) can be one place described twice. */
export const SAME_PLACE_METRES = 500;

/** An event something other than a feed already shows. */
export interface ShownEvent {
  title: LocalizedText | undefined;
  starts: readonly number[];
  geo?: GeoPoint;
}

export interface FeedMergeInput {
  feed: FeedConfig;
  read: FeedRead;
}

export interface MergedFeeds {
  activities: ActivityRow[];
  occurrences: OccurrenceRow[];
  /** Per feed id: what it put in the store, and what was left out as already shown. */
  counts: Map<string, { activities: number; occurrences: number; duplicates: number }>;
}

/** Lower case, no accents, punctuation as spaces, single spaces: "Repair Café!" → "repair cafe". */
export function normalisedTitle(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every language's title, normalised: two sources may share only their English or French title. */
function titleKeys(title: LocalizedText | undefined): string[] {
  // Rows from older stores or staff sessions may carry no title: nothing to compare them by.
  return [...new Set(Object.values(title ?? {}).filter((text): text is string => typeof text === 'string' && text.trim() !== '').map(normalisedTitle))].filter(Boolean);
}

const MINUTE_MS = 60_000;

/** Great-circle distance in metres (haversine; the Earth as a sphere is close enough for 500 m). */
export function metresBetween(a: GeoPoint, b: GeoPoint): number {
  const radians = Math.PI / 180;
  const dLat = (b.lat - a.lat) * radians;
  const dLon = (b.lon - a.lon) * radians;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * radians) * Math.cos(b.lat * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

class ShownIndex {
  readonly #byTitle = new Map<string, { starts: Set<number>; geo?: GeoPoint }[]>();

  add(event: ShownEvent): void {
    const entry = { starts: new Set(event.starts.map((start) => Math.floor(start / MINUTE_MS))), ...(event.geo ? { geo: event.geo } : {}) };
    for (const key of titleKeys(event.title)) {
      const list = this.#byTitle.get(key) ?? [];
      list.push(entry);
      this.#byTitle.set(key, list);
    }
  }

  has(event: ShownEvent): boolean {
    const minutes = event.starts.map((start) => Math.floor(start / MINUTE_MS));
    return titleKeys(event.title).some((key) =>
      (this.#byTitle.get(key) ?? []).some(
        (shown) => minutes.some((minute) => shown.starts.has(minute)) && (shown.geo === undefined || event.geo === undefined || metresBetween(shown.geo, event.geo) <= SAME_PLACE_METRES),
      ),
    );
  }
}

function shownEventOf(imported: ImportedActivity): ShownEvent {
  const geo = imported.activity.place?.geo;
  return { title: imported.activity.title, starts: imported.occurrences.map((occurrence) => occurrence.start), ...(geo ? { geo } : {}) };
}

/**
 * The rows every feed contributes, each event once. `shown` are the events the site shows already;
 * `inputs` are in priority order. An activity id two feeds both produce (they never should: ids
 * start with the feed id) keeps the first.
 */
export function mergeFeedReads(inputs: readonly FeedMergeInput[], shown: readonly ShownEvent[]): MergedFeeds {
  const index = new ShownIndex();
  for (const event of shown) index.add(event);
  const ids = new Set<string>();
  const activities: ActivityRow[] = [];
  const occurrences: OccurrenceRow[] = [];
  const counts: MergedFeeds['counts'] = new Map();
  for (const { feed, read } of inputs) {
    const count = { activities: 0, occurrences: 0, duplicates: 0 };
    counts.set(feed.id, count);
    for (const imported of read.activities) {
      const event = shownEventOf(imported);
      if (ids.has(imported.activity.id) || (imported.occurrences.length > 0 && index.has(event))) {
        count.duplicates += 1;
        continue;
      }
      ids.add(imported.activity.id);
      index.add(event);
      activities.push({ ...imported.activity, source: 'feed' });
      for (const occurrence of imported.occurrences) {
        occurrences.push({ ...occurrence, activityId: imported.activity.id, id: occurrenceId(imported.activity.id, occurrence.start), source: 'feed' });
      }
      count.activities += 1;
      count.occurrences += imported.occurrences.length;
    }
  }
  return { activities, occurrences, counts };
}
