// Editing a path on the phone: every edit yields the entries in their new order and the code for
// them, which goes straight into the URL. Pure functions over `PathEntry` lists.
import type { CatalogueActivity } from '../core/catalogue';
import { encodeFollowUpCode, MAX_FOLLOW_UP_ITEMS, type FollowUpItem } from '../core/path-code';
import type { PathEntry } from './catalogue-view';

/**
 * The codec's items for the entries. A code only names what the catalogue can name again, so an
 * activity no longer listed (only its ref is known) and a booking of a space no longer listed drop out.
 */
export function itemsOf(entries: readonly PathEntry[]): FollowUpItem[] {
  return entries.flatMap((entry): FollowUpItem[] => {
    if (entry.kind === 'activity') return [{ kind: 'activity', id: entry.activity.id }];
    if (entry.kind === 'booking' && entry.place) {
      return entry.place.activity ? [{ kind: 'place', activityId: entry.place.activity.id, start: entry.start, minutes: entry.minutes, code: entry.code }] : [];
    }
    if (entry.kind === 'booking' && entry.space) return [{ kind: 'booking', spaceId: entry.space.id, start: entry.start, minutes: entry.minutes, code: entry.code }];
    return [];
  });
}

/** The code for the entries, or undefined for a path with nothing left to encode. */
export function codeOf(entries: readonly PathEntry[]): string | undefined {
  const items = itemsOf(entries).slice(0, MAX_FOLLOW_UP_ITEMS);
  return items.length === 0 ? undefined : encodeFollowUpCode(items);
}

/** Whether an edit would silently lose something the visitor can still see. */
export function hasUnencodable(entries: readonly PathEntry[]): boolean {
  return entries.some((entry) => entry.kind === 'unknown' || (entry.kind === 'booking' && (entry.place ? !entry.place.activity : !entry.space)));
}

export function moveEntry(entries: readonly PathEntry[], index: number, delta: -1 | 1): PathEntry[] {
  const target = index + delta;
  if (index < 0 || index >= entries.length || target < 0 || target >= entries.length) return [...entries];
  const moved = [...entries];
  const [entry] = moved.splice(index, 1);
  if (entry) moved.splice(target, 0, entry);
  return moved;
}

export function removeEntry(entries: readonly PathEntry[], index: number): PathEntry[] {
  return entries.filter((_, position) => position !== index);
}

/** Appends an activity unless the path already holds it or is full. */
export function addActivity(entries: readonly PathEntry[], activity: CatalogueActivity): PathEntry[] {
  if (activityIds(entries).includes(activity.id) || itemsOf(entries).length >= MAX_FOLLOW_UP_ITEMS) return [...entries];
  return [...entries, { kind: 'activity', key: `added-${activity.id}`, activity }];
}

export function activityIds(entries: readonly PathEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === 'activity' ? [entry.activity.id] : []));
}

export function bookingCodes(entries: readonly PathEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === 'booking' ? [entry.code] : []));
}
