// Turns a validated site config into database rows (the reads a start needs are in config-copy.ts).
// A config reload replaces what came from config and leaves staff, imported and feed data alone;
// bookings are never touched here.
import type { EntityTable } from 'dexie';
import { Temporal } from 'temporal-polyfill';
import { hashText } from '../core/bundle-hash';
import { HUB_ROW_SOURCES } from '../core/rows';
import type { Activity, ConfigError, Occurrence, SiteConfig } from '../core/model';
import {
  metaRow,
  occurrenceId,
  readMeta,
  type KioskDatabase,
  type MetaRow,
  type OccurrenceRow,
  type OccurrenceWindow,
  type RowSource,
  type StoredSite,
} from './database';
import { DAY_MS, DEFAULT_WINDOW_DAYS, WINDOW_SLACK_DAYS } from './config-copy';

export { DEFAULT_WINDOW_DAYS, isBundleCurrent, loadLastGoodSite, recordConfigFailure } from './config-copy';

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
  /** Activities expanded (and, in stages, written) per chunk; the page gets a turn between chunks. */
  chunkSize?: number;
  /** Gives the page a turn (a tap, a frame) between chunks; a macrotask by default. */
  yieldToPage?: () => Promise<void>;
}

export interface StagedSeedOptions extends SeedOptions {
  /** Called once the site, its spaces and organisations are stored: the map can be shown. */
  onSiteReady?: () => void;
}

/**
 * A seed in stages found the copy changed under it (wiped, reloaded into another seed, or seeded by
 * someone else): it stopped, and what it wrote is never taken as a complete seed.
 */
export class SeedInterrupted extends Error {
  override name = 'SeedInterrupted';
  constructor() {
    super('The site was being stored when the copy changed under it; it will be stored again.');
  }
}

export interface SeedResult {
  /** True when the stored data already matched this config and nothing but the status was written. */
  skipped: boolean;
  configHash: string;
  window: OccurrenceWindow;
  occurrenceCount: number;
  /** Config ids left out because a staff, imported or feed row already uses that id. */
  shadowedIds: string[];
}

/**
 * Part of the config hash. Bump it when seeding or schedule expansion changes what gets stored
 * for the same config, so every kiosk rewrites its rows on the next start instead of skipping.
 */
const SEED_FORMAT = 1;
const DEFAULT_CHUNK_SIZE = 100;

/** What the copy keeps of the config besides its rows. */
export function storedSite(config: SiteConfig): StoredSite {
  const { site, levels, themes, mentors, achievements, playlists } = config;
  return { site, levels, themes, mentors, achievements, playlists };
}

export function configHash(config: SiteConfig): string {
  return hashText(`${SEED_FORMAT}\n${JSON.stringify(config)}`);
}

/**
 * The config's hash for a seed: from the files' hash when it is known (the same files validate to the
 * same config), which saves serialising and hashing megabytes of a large site on a first start.
 */
function seedHash(config: SiteConfig, bundleHash: string | undefined): string {
  return bundleHash === undefined ? configHash(config) : hashText(`${SEED_FORMAT}\nfiles ${bundleHash}`);
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

export async function seedFromConfig(db: KioskDatabase, config: SiteConfig, options: SeedOptions): Promise<SeedResult> {
  const { now, windowDays = DEFAULT_WINDOW_DAYS, warnings = [], bundleHash } = options;
  const bundleRows = bundleHash === undefined ? [] : [metaRow('bundleHash', bundleHash)];
  const status = { ok: true, errors: [], warnings, at: now };
  const hash = seedHash(config, bundleHash);
  const skipped = await skipIfSeeded(db, hash, now, windowDays, [metaRow('configStatus', status), ...bundleRows]);
  if (skipped) return skipped;

  // Hashing and expanding are CPU work: done before the transaction, they keep it short, and
  // nothing but IndexedDB is awaited inside it (anything else lets it auto-commit half-way).
  const window = occurrenceWindow(now, config.site.timeZone, windowDays);
  const expanded = await expandInChunks(config, config.activities, window, options);
  const stored = storedSite(config);
  // No audit entry: the audit log is the hub's copy, numbered by the hub, and the hub records its own config loads.
  const tables = [db.spaces, db.organisations, db.activities, db.occurrences, db.meta];

  return db.transaction('rw', tables, async () => {
    // A config row never overwrites a staff, imported or feed row with the same id.
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
      // A seed in stages still running is superseded by this complete one.
      db.meta.delete('seeding'),
    ]);
    return { skipped: false, configHash: hash, window, occurrenceCount: occurrences.length, shadowedIds };
  });
}

/**
 * Seeds a copy that holds no complete seed (a first start, a wiped copy, a seed cut short) so the kiosk
 * can show something at once: first the site, its spaces and organisations (the attract screen and the
 * map), then the activities with their occurrences in chunks, each its own transaction, the page
 * getting a turn between them; the list fills as they land. Only the last step marks the seed
 * complete (`bundleHash`, `occurrenceWindow`), so `isBundleCurrent` is never true for a torn copy: a
 * reload or a wipe in between leaves a copy the next start seeds again, and every chunk checks the
 * run's id so a wipe or another seed in between stops this one (SeedInterrupted).
 */
export async function seedInStages(db: KioskDatabase, config: SiteConfig, options: StagedSeedOptions): Promise<SeedResult> {
  const { now, windowDays = DEFAULT_WINDOW_DAYS, warnings = [], expand, bundleHash, onSiteReady } = options;
  const { chunkSize = DEFAULT_CHUNK_SIZE, yieldToPage = nextTask } = options;
  const bundleRows = bundleHash === undefined ? [] : [metaRow('bundleHash', bundleHash)];
  const status = { ok: true, errors: [], warnings, at: now };
  const hash = seedHash(config, bundleHash);
  const skipped = await skipIfSeeded(db, hash, now, windowDays, [metaRow('configStatus', status), ...bundleRows]);
  if (skipped) {
    onSiteReady?.();
    return skipped;
  }
  const window = occurrenceWindow(now, config.site.timeZone, windowDays);
  const run = randomId();
  const stored = storedSite(config);
  const spaceOf = new Map(config.activities.map((a) => [a.id, a.space]));

  const { staffActivities, staffOccurrences, shadowedIds } = await db.transaction('rw', [db.spaces, db.organisations, db.activities, db.occurrences, db.meta], async () => {
    const [staffSpaces, staffOrganisations, staffActivities, staffOccurrences] = await Promise.all([
      nonConfigIds(db.spaces),
      nonConfigIds(db.organisations),
      nonConfigIds(db.activities),
      nonConfigIds(db.occurrences),
    ]);
    await Promise.all([
      db.spaces.where('source').equals('config').delete(),
      db.organisations.where('source').equals('config').delete(),
      db.activities.where('source').equals('config').delete(),
      db.occurrences.where('source').equals('config').delete(),
      // Not complete until the last stage: a start in between seeds again.
      db.meta.bulkDelete(['bundleHash', 'occurrenceWindow']),
    ]);
    await Promise.all([
      db.spaces.bulkPut(config.spaces.filter((s) => !staffSpaces.has(s.id)).map((s) => ({ ...s, source: 'config' as const }))),
      db.organisations.bulkPut(config.organisations.filter((o) => !staffOrganisations.has(o.id)).map((o) => ({ ...o, source: 'config' as const }))),
      db.meta.bulkPut([metaRow('site', stored), metaRow('configHash', hash), metaRow('configLoadedAt', now), metaRow('seeding', run)]),
    ]);
    const shadowedIds = [
      ...config.spaces.filter((s) => staffSpaces.has(s.id)),
      ...config.organisations.filter((o) => staffOrganisations.has(o.id)),
      ...config.activities.filter((a) => staffActivities.has(a.id)),
    ].map((row) => row.id);
    return { staffActivities, staffOccurrences, shadowedIds };
  });
  onSiteReady?.();

  const activities = config.activities.filter((a) => !staffActivities.has(a.id));
  let occurrenceCount = 0;
  for (let index = 0; index < activities.length; index += chunkSize) {
    await yieldToPage();
    const chunk = activities.slice(index, index + chunkSize);
    const occurrences = toRows(expand({ ...config, activities: chunk }, window.from, window.to), spaceOf).filter((o) => !staffOccurrences.has(o.id));
    occurrenceCount += occurrences.length;
    await db.transaction('rw', [db.activities, db.occurrences, db.meta], async () => {
      await stillRunning(db, run);
      await Promise.all([db.activities.bulkPut(chunk.map((a) => ({ ...a, source: 'config' as const }))), db.occurrences.bulkPut(occurrences)]);
    });
  }

  await db.transaction('rw', [db.meta], async () => {
    await stillRunning(db, run);
    await db.meta.delete('seeding');
    await db.meta.bulkPut([metaRow('configStatus', status), metaRow('occurrenceWindow', window), ...bundleRows]);
  });
  return { skipped: false, configHash: hash, window, occurrenceCount, shadowedIds };
}

/**
 * When the copy already holds this config far enough ahead, only the status (and the files' hash) is
 * written: a failed load may have been recorded since this config was stored.
 */
async function skipIfSeeded(db: KioskDatabase, hash: string, now: number, windowDays: number, rows: MetaRow[]): Promise<SeedResult | undefined> {
  const [storedHash, storedWindow, seeding, site] = await Promise.all([readMeta(db, 'configHash'), readMeta(db, 'occurrenceWindow'), readMeta(db, 'seeding'), readMeta(db, 'site')]);
  const minimumTo = now + (windowDays - WINDOW_SLACK_DAYS) * DAY_MS;
  if (storedHash !== hash || storedWindow === undefined || storedWindow.to < minimumTo || seeding !== undefined) return undefined;
  // A site stored before playlists existed (issue 12) is written again, with them, from the same config.
  if (site?.playlists === undefined) return undefined;
  await db.meta.bulkPut(rows);
  return { skipped: true, configHash: hash, window: storedWindow, occurrenceCount: 0, shadowedIds: [] };
}

/** The occurrences of `activities`, expanded a chunk at a time with the page getting a turn in between. */
async function expandInChunks(config: SiteConfig, activities: readonly Activity[], window: OccurrenceWindow, options: SeedOptions): Promise<OccurrenceRow[]> {
  const { expand, chunkSize = DEFAULT_CHUNK_SIZE, yieldToPage = nextTask } = options;
  const spaceOf = new Map(config.activities.map((a) => [a.id, a.space]));
  const rows: OccurrenceRow[] = [];
  // At least one call, also without activities: the expansion decides what an empty list gives.
  for (let index = 0; index === 0 || index < activities.length; index += chunkSize) {
    if (index > 0) await yieldToPage();
    rows.push(...toRows(expand({ ...config, activities: activities.slice(index, index + chunkSize) }, window.from, window.to), spaceOf));
  }
  return rows;
}

function toRows(occurrences: readonly Occurrence[], spaceOf: ReadonlyMap<string, string | undefined>): OccurrenceRow[] {
  return occurrences.map((o): OccurrenceRow => {
    // The model leaves spaceId optional; the [spaceId+start] index needs it wherever there is a space.
    const spaceId = o.spaceId ?? spaceOf.get(o.activityId);
    return { ...o, ...(spaceId === undefined ? {} : { spaceId }), id: occurrenceId(o.activityId, o.start), source: 'config' };
  });
}

async function stillRunning(db: KioskDatabase, run: string): Promise<void> {
  if ((await readMeta(db, 'seeding')) !== run) throw new SeedInterrupted();
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function randomId(): string {
  // getRandomValues, not randomUUID: a browser kiosk on plain http (not a secure context) has only this.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function nonConfigIds<T extends { id: string; source: RowSource }>(table: EntityTable<T, 'id'>): Promise<Set<string>> {
  return table
    .where('source')
    .anyOf(...HUB_ROW_SOURCES)
    .primaryKeys()
    .then((keys) => new Set<string>(keys));
}

