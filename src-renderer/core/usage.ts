// Usage counts as a kiosk keeps them: how many times each thing happened in each hour, and nothing
// else. There is no list of events, no time finer than the hour and no session id, so nothing kept
// here (or sent to the hub) can put two taps of one visitor together. Entries are always kept and sent
// sorted by (hour, event, key), so not even the order in which counts first appeared survives.
// Pure: the kiosk's recorder (kiosk/usage.svelte.ts) stores and sends what these functions make.

/** What a kiosk counts, never who: see README "Usage figures and privacy". The contract takes it from here. */
export const USAGE_EVENTS = [
  'session-started',
  'language',
  'filter',
  'sheet-opened',
  'path-added',
  'path-qr',
  'booking-made',
  'booking-refused',
  'idle-reset',
  // Issue 12: a playlist sheet opened (key: the playlist id); a badge shown at the scanner (key: the
  // verdict, "valid" or the failed check — never anything of the credential).
  'playlist-opened',
  'badge-shown',
] as const;
export type UsageEvent = (typeof USAGE_EVENTS)[number];
export const HOUR_MS = 3_600_000;

export interface UsageEntry {
  /** Start of the hour, epoch ms (a multiple of HOUR_MS). */
  hour: number;
  event: UsageEvent;
  /** What: a locale, a filter ("level:see-do"), an activity id; '' when the event has none. */
  key: string;
  n: number;
}

/** At most this many characters of a key are kept (the hub takes 120). */
export const MAX_USAGE_KEY_LENGTH = 120;
/** The hub takes at most this many entries per batch. */
export const MAX_USAGE_BATCH = 1000;

/** The start of the hour `at` falls in. */
export function hourOf(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

function compare(a: UsageEntry, b: UsageEntry): number {
  return a.hour - b.hour || a.event.localeCompare(b.event) || a.key.localeCompare(b.key);
}

function same(a: UsageEntry, b: Pick<UsageEntry, 'hour' | 'event' | 'key'>): boolean {
  return a.hour === b.hour && a.event === b.event && a.key === b.key;
}

/** The counts with one more `event` (of `key`) in the hour of `at`; the input is not changed. */
export function countUsage(counts: readonly UsageEntry[], event: UsageEvent, key: string, at: number): UsageEntry[] {
  const entry = { hour: hourOf(at), event, key: key.slice(0, MAX_USAGE_KEY_LENGTH), n: 1 };
  const index = counts.findIndex((existing) => same(existing, entry));
  if (index >= 0) return counts.map((existing, i) => (i === index ? { ...existing, n: existing.n + 1 } : existing));
  return [...counts, entry].sort(compare);
}

/** Two sets of counts added up (counts of a failed batch going back into the pending ones). */
export function mergeUsage(a: readonly UsageEntry[], b: readonly UsageEntry[]): UsageEntry[] {
  const merged: UsageEntry[] = a.map((entry) => ({ ...entry }));
  for (const entry of b) {
    const existing = merged.find((candidate) => same(candidate, entry));
    if (existing) existing.n += entry.n;
    else merged.push({ ...entry });
  }
  return merged.sort(compare);
}

/** How many events the counts stand for. */
export function totalUsage(counts: readonly UsageEntry[]): number {
  return counts.reduce((sum, entry) => sum + entry.n, 0);
}

/**
 * Reads counts back from storage, keeping only well-formed entries (a damaged or foreign value
 * gives none rather than a batch the hub would refuse forever).
 */
export function parseUsage(value: unknown): UsageEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: UsageEntry[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { hour, event, key, n } = item as Record<string, unknown>;
    if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour % HOUR_MS !== 0) continue;
    if (typeof event !== 'string' || !(USAGE_EVENTS as readonly string[]).includes(event)) continue;
    if (typeof key !== 'string' || key.length > MAX_USAGE_KEY_LENGTH) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) continue;
    entries.push({ hour, event: event as UsageEvent, key, n });
  }
  return mergeUsage([], entries);
}
