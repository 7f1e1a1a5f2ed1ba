// Turns a validated site config into database rows, and records config loads that failed.
// A config reload replaces what came from config and leaves staff and imported data alone;
// bookings are never touched here.
import type { EntityTable } from 'dexie';
import { Temporal } from 'temporal-polyfill';
import { hashText } from '../core/bundle-hash';
import type { ConfigError, Occurrence, SiteConfig } from '../core/model';
import {
  metaRow,
  occurrenceId,
  readMeta,
  type KioskDatabase,
  type OccurrenceRow,
  type OccurrenceWindow,
  type RowSource,
  type StoredSite,
} from './database';

// The hub publishes the same fingerprint as its config version, so a screen can tell whether it has it.

export type ExpandFn = (config: SiteConfig, fromMs: number, toMs: number) => Occurrence[];

export interface SeedOptions {
  /** The current instant, epoch ms. */
  now: number;
  /** How far ahead occurrences are expanded. */
  windowDays?: number;
  /** Non-fatal findings of the validation, shown to staff with the status. */
  warnings?: ConfigError[];
  /**
   * The schedule expansion (`expandAll` from core/schedule). Passed in rather than imported so the
   * kiosk can load it, with the RRULE library, only when a config actually has to be seeded.
   */
  expand: ExpandFn;
  /** Hash of the raw files (see `bundleHash`), remembered so the next start can skip validation. */
  bundleHash?: string;
}

export interface SeedResult {
  /** True when the stored data already matched this config and nothing but the status was written. */
  skipped: boolean;
  configHash: string;
  window: OccurrenceWindow;
  occurrenceCount: number;
  /** Config ids left out because a staff or imported row already uses that id. */
  shadowedIds: string[];
}

export const DEFAULT_WINDOW_DAYS = 60;
const DAY_MS = 86_400_000;
/** A restart reseeds once fewer than this many days of the window are left ahead. */
const WINDOW_SLACK_DAYS = 7;
/**
 * Part of the config hash. Bump it when seeding or schedule expansion changes what gets stored
 * for the same config, so every kiosk rewrites its rows on the next start instead of skipping.
 */
const SEED_FORMAT = 1;

export function configHash(config: SiteConfig): string {
  return hashText(`${SEED_FORMAT}\n${JSON.stringify(config)}`);
}

/**
 * [start of yesterday, now + windowDays] with "yesterday" in the site's time zone: the "now" and
 * "today" views need the occurrences that started this morning, and a day more keeps late-night
 * ones around after midnight.
 */
export function occurrenceWindow(now: number, timeZone: string, windowDays = DEFAULT_WINDOW_DAYS): OccurrenceWindow {
  const startOfToday = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).startOfDay();
  return { from: startOfToday.subtract({ days: 1 }).epochMilliseconds, to: now + windowDays * DAY_MS };
}

/**
 * True when the store already holds exactly these files, validated and seeded, with occurrences
 * far enough ahead: a restart then shows the map at once instead of validating again (validation
 * expands a year of schedules to find clashes, the slowest step of a start).
 */
export async function isBundleCurrent(db: KioskDatabase, hash: string, now: number, windowDays = DEFAULT_WINDOW_DAYS): Promise<boolean> {
  const [storedHash, status, window] = await Promise.all([readMeta(db, 'bundleHash'), readMeta(db, 'configStatus'), readMeta(db, 'occurrenceWindow')]);
  return storedHash === hash && status?.ok === true && window !== undefined && window.to >= now + (windowDays - WINDOW_SLACK_DAYS) * DAY_MS;
}

export async function seedFromConfig(db: KioskDatabase, config: SiteConfig, options: SeedOptions): Promise<SeedResult> {
  const { now, windowDays = DEFAULT_WINDOW_DAYS, warnings = [], expand, bundleHash } = options;
  const bundleRows = bundleHash === undefined ? [] : [metaRow('bundleHash', bundleHash)];
  const status = { ok: true, errors: [], warnings, at: now };
  const hash = configHash(config);

  const [storedHash, storedWindow] = await Promise.all([readMeta(db, 'configHash'), readMeta(db, 'occurrenceWindow')]);
  const minimumTo = now + (windowDays - WINDOW_SLACK_DAYS) * DAY_MS;
  if (storedHash === hash && storedWindow !== undefined && storedWindow.to >= minimumTo) {
    // Still write the status: a failed load may have been recorded since this config was stored.
    await db.meta.bulkPut([metaRow('configStatus', status), ...bundleRows]);
    return { skipped: true, configHash: hash, window: storedWindow, occurrenceCount: 0, shadowedIds: [] };
  }

  // Hashing and expanding are CPU work: done before the transaction, they keep it short, and
  // nothing but IndexedDB is awaited inside it (anything else lets it auto-commit half-way).
  const window = occurrenceWindow(now, config.site.timeZone, windowDays);
  const spaceOf = new Map(config.activities.map((a) => [a.id, a.space]));
  const expanded = expand(config, window.from, window.to).map((o): OccurrenceRow => {
    // The model leaves spaceId optional; the [spaceId+start] index needs it wherever there is a space.
    const spaceId = o.spaceId ?? spaceOf.get(o.activityId);
    return { ...o, ...(spaceId === undefined ? {} : { spaceId }), id: occurrenceId(o.activityId, o.start), source: 'config' };
  });
  const stored: StoredSite = { site: config.site, levels: config.levels, themes: config.themes };
  // No audit entry: the audit log is the hub's copy, numbered by the hub, and the hub records its own config loads.
  const tables = [db.spaces, db.organisations, db.activities, db.occurrences, db.meta];

  return db.transaction('rw', tables, async () => {
    // A config row never overwrites a staff or imported row with the same id.
    const [staffSpaces, staffOrganisations, staffActivities, staffOccurrences] = await Promise.all([
      nonConfigIds(db.spaces),
      nonConfigIds(db.organisations),
      nonConfigIds(db.activities),
      nonConfigIds(db.occurrences),
    ]);
    const spaces = config.spaces.filter((s) => !staffSpaces.has(s.id));
    const organisations = config.organisations.filter((o) => !staffOrganisations.has(o.id));
    const activities = config.activities.filter((a) => !staffActivities.has(a.id));
    const occurrences = expanded.filter((o) => !staffActivities.has(o.activityId) && !staffOccurrences.has(o.id));
    const shadowedIds = [
      ...config.spaces.filter((s) => staffSpaces.has(s.id)),
      ...config.organisations.filter((o) => staffOrganisations.has(o.id)),
      ...config.activities.filter((a) => staffActivities.has(a.id)),
    ].map((row) => row.id);

    await Promise.all([
      db.spaces.where('source').equals('config').delete(),
      db.organisations.where('source').equals('config').delete(),
      db.activities.where('source').equals('config').delete(),
      db.occurrences.where('source').equals('config').delete(),
    ]);
    await Promise.all([
      db.spaces.bulkPut(spaces.map((s) => ({ ...s, source: 'config' as const }))),
      db.organisations.bulkPut(organisations.map((o) => ({ ...o, source: 'config' as const }))),
      db.activities.bulkPut(activities.map((a) => ({ ...a, source: 'config' as const }))),
      db.occurrences.bulkPut(occurrences),
      db.meta.bulkPut([
        metaRow('site', stored),
        metaRow('configHash', hash),
        metaRow('configLoadedAt', now),
        metaRow('configStatus', status),
        metaRow('occurrenceWindow', window),
        ...bundleRows,
      ]),
    ]);
    return { skipped: false, configHash: hash, window, occurrenceCount: occurrences.length, shadowedIds };
  });
}

function nonConfigIds<T extends { id: string; source: RowSource }>(table: EntityTable<T, 'id'>): Promise<Set<string>> {
  return table
    .where('source')
    .anyOf('staff', 'import')
    .primaryKeys()
    .then((keys) => new Set<string>(keys));
}

/**
 * Records a rejected config. Only the status changes: the kiosk keeps serving the last good data,
 * and staff see what is wrong.
 */
export async function recordConfigFailure(db: KioskDatabase, errors: ConfigError[], now: number): Promise<void> {
  await db.meta.put(metaRow('configStatus', { ok: false, errors, warnings: [], at: now }));
}

/** The site the kiosk last accepted, or undefined on a first run (nothing ever loaded). */
export function loadLastGoodSite(db: KioskDatabase): Promise<StoredSite | undefined> {
  return readMeta(db, 'site');
}
