// The usage figures as the desk plots them: hourly counts per screen (never a visitor's trail, see
// README "Usage figures and privacy") summed into buckets in the site's time. Pure.
import type { UsageCount, UsageEvent } from '../../core/hub/contract';
import { addDays } from '../calendar-time';
import { localDayKey, localTime } from '../../core/timing';

export interface Bucket {
  key: string;
  label: string;
  n: number;
}

/** Sessions (or another event) by local hour of day: always 24 buckets, "00"–"23". */
export function byHourOfDay(counts: readonly UsageCount[], timeZone: string, event: UsageEvent = 'session-started'): Bucket[] {
  const buckets = Array.from({ length: 24 }, (_, hour) => ({ key: String(hour).padStart(2, '0'), label: `${String(hour).padStart(2, '0')}:00`, n: 0 }));
  for (const count of counts) {
    if (count.event !== event) continue;
    const hour = Number(localTime(count.hour, timeZone).slice(0, 2));
    const bucket = buckets[hour];
    if (bucket) bucket.n += count.n;
  }
  return buckets;
}

/** Per local day from `fromDay` to `untilDay` (inclusive), days without any count as 0. */
export function byDay(counts: readonly UsageCount[], timeZone: string, fromDay: string, untilDay: string, event: UsageEvent = 'session-started'): Bucket[] {
  const buckets: Bucket[] = [];
  const index = new Map<string, Bucket>();
  for (let day = fromDay; day <= untilDay && buckets.length < 400; day = addDays(day, 1)) {
    const bucket = { key: day, label: day, n: 0 };
    buckets.push(bucket);
    index.set(day, bucket);
  }
  for (const count of counts) {
    if (count.event !== event) continue;
    const bucket = index.get(localDayKey(count.hour, timeZone));
    if (bucket) bucket.n += count.n;
  }
  return buckets;
}

/**
 * Filter taps on a level or a theme ("level:see-do", "theme:music"), by key, most first. `label`
 * turns a key's value into its name; keys it does not know keep their value.
 */
export function byFilter(counts: readonly UsageCount[], prefix: 'level' | 'theme', label: (value: string) => string | undefined): Bucket[] {
  const sums = new Map<string, number>();
  for (const count of counts) {
    if (count.event !== 'filter' || !count.key.startsWith(`${prefix}:`)) continue;
    const value = count.key.slice(prefix.length + 1);
    sums.set(value, (sums.get(value) ?? 0) + count.n);
  }
  return sortBuckets([...sums].map(([key, n]) => ({ key, label: label(key) ?? key, n })));
}

/** The activities most often opened (sheet-opened), at most `limit`. */
export function topActivities(counts: readonly UsageCount[], title: (id: string) => string | undefined, limit = 10): Bucket[] {
  const sums = new Map<string, number>();
  for (const count of counts) if (count.event === 'sheet-opened' && count.key !== '') sums.set(count.key, (sums.get(count.key) ?? 0) + count.n);
  return sortBuckets([...sums].map(([key, n]) => ({ key, label: title(key) ?? key, n }))).slice(0, limit);
}

/** Every event's total over the period, in the contract's order. */
export function totals(counts: readonly UsageCount[], events: readonly UsageEvent[]): Bucket[] {
  return events.map((event) => ({ key: event, label: event, n: counts.reduce((sum, count) => (count.event === event ? sum + count.n : sum), 0) }));
}

/** The link that downloads the same period as CSV (counts under 5 come as "< 5" from the hub). */
export function csvLink(routeUrl: string, from: number, to: number, screen?: string): string {
  const url = new URL(routeUrl);
  url.searchParams.set('from', String(from));
  url.searchParams.set('to', String(to));
  if (screen) url.searchParams.set('screen', screen);
  return url.href;
}

/** A round top for a plot's axis: 1, 2, 5, 10, 20, 50, … at or above the largest value. */
export function niceMax(values: readonly number[]): number {
  const max = Math.max(0, ...values);
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function sortBuckets(buckets: Bucket[]): Bucket[] {
  return buckets.sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
}
