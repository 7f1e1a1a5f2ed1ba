// The one store the screens use. It reads from the kiosk's Dexie copy (so browsing goes on while the
// hub is away, and `liveState(() => store.…)` keeps a screen live) and writes through the hub, which
// alone decides. Whatever a write returns is put into the copy at once, so the screen shows it
// without waiting for the change stream (which delivers the same rows again, harmlessly).
// Components get it from Svelte context (provideStore/useStore) and never touch Dexie themselves.
import { getContext, setContext } from 'svelte';
import type { BackupFile, BackupTable, RestoreResult } from '../core/backup';
import type { SeriesDefinition, SeriesPlan } from '../core/booking/series';
import type { Slot, SlotOptions } from '../core/booking/slots';
import type { LogEntry } from '../core/contract';
import type {
  CancelledSeriesResponse,
  CommittedChangeResponse,
  CommittedSeriesResponse,
  ImportOfferRequest,
  ImportResponse,
  OrganisationDraftBody,
  RecordAuditRequest,
  ScreenRow,
} from '../core/hub/contract';
import type { ExistingImport } from '../core/ical-import';
import type { ConfigError, SiteConfig, Space } from '../core/model';
import type { Actor, BookingHolder } from '../core/rows';
import { bookingsInSpace, confirmedBookingsBetween, findBookingByCode, freeSlots, placesTaken } from './bookings';
import { ConnectionState } from './connection.svelte';
import { CopyGuard, StoreUntrusted, type CopyGuardOptions, type CopyNotice } from './copy-guard.svelte';
import {
  openKioskDatabase,
  readMeta,
  type ActivityRow,
  type AuditEntry,
  type BookingRow,
  type ConfigStatus,
  type KioskDatabase,
  type OccurrenceRow,
  type OrganisationRow,
  type SeriesRow,
  type SpaceRow,
  type StoredSite,
} from './database';
import { HubClient, HubUnavailable, RestoreRefused, type HubClientOptions, type WriteOptions } from './hub-client';
import {
  getConfigStatus,
  getSiteMeta,
  listActivities,
  listAudit,
  listOrganisations,
  listSeries,
  listSpaces,
  occurrencesBetween,
  occurrencesInSpace,
  occurrencesOfActivities,
  type SiteMeta,
} from './queries';
import { isBundleCurrent, loadLastGoodSite, recordConfigFailure } from './config-copy';
// Seeding is loaded when a config has to be stored, not on an ordinary start.
import type { ExpandFn, SeedResult } from './seed';
import type { SeriesChange, SeriesChangePlan } from './series';
import { HubSync, type HubSyncOptions } from './sync';

// What a component may need beside the store: the refusal a write can end in, and a key for an intent.
export { HubError, HubUnavailable, newIdempotencyKey } from './hub-client';
export { StoreUntrusted, type CopyNotice } from './copy-guard.svelte';
export type { SiteMeta } from './queries';

export type StaffActor = { staff: string };

export interface NewBooking {
  spaceId: string;
  start: number;
  end: number;
  holder: BookingHolder;
  purpose?: string;
  by: Actor;
}

export interface NewPlace {
  activityId: string;
  /** The session's start. */
  start: number;
  holder: { kind: 'visitor'; nickname: string };
  by: Actor;
}

export interface IntentOptions {
  /**
   * The key of this intent (see newIdempotencyKey). Give the same key when the same intent is tried
   * again (a second tap on "Book" after "not possible right now"): if the first try did reach the hub,
   * the answer is that booking, never a second one.
   */
  intent?: string;
}

export interface ImportRequest {
  organisationId: string;
  level: ImportOfferRequest['level'];
  themes: string[];
  price: ImportOfferRequest['price'];
  contentLocale: ImportOfferRequest['contentLocale'];
  /** The iCalendar file as text: the hub reads it again, the preview is not trusted. */
  ics: string;
  removeMissing: boolean;
  source?: string;
  by: Actor;
}

export interface KioskStoreOptions {
  sync?: Omit<HubSyncOptions, 'onStatus' | 'onConfigVersion' | 'log'>;
  guard?: Omit<CopyGuardOptions, 'log'>;
  log?: (entry: LogEntry) => void;
}

export class KioskStore {
  readonly #db: KioskDatabase;
  readonly #hub: HubClient;
  readonly #sync: HubSync;
  readonly #guard: CopyGuard;
  readonly #connection = new ConnectionState();
  readonly #configListeners = new Set<(version: string) => void>();
  /** The config this page last seeded, so a lost copy gets its site back at once, before the hub answers. */
  #seeded: { config: SiteConfig; version: string; warnings: ConfigError[]; expand: ExpandFn } | undefined;
  #lastSiteMeta: SiteMeta | undefined;

  constructor(db: KioskDatabase, hub: HubClient, options: KioskStoreOptions = {}) {
    this.#db = db;
    this.#hub = hub;
    this.#sync = new HubSync(db, hub, {
      ...options.sync,
      ...(options.log ? { log: options.log } : {}),
      onStatus: (status) => {
        this.#connection.set(status);
        options.log?.(
          status.online
            ? { level: 'info', topic: 'hub', message: 'The hub answers again; booking is possible.' }
            : { level: 'warn', topic: 'hub', message: 'The hub cannot be reached: browsing from the copy, booking refused until it is back.' },
        );
      },
      onConfigVersion: (version) => this.#configChanged(version),
    });
    this.#guard = new CopyGuard(
      db,
      async (meta) => {
        await this.#reseed();
        const snapshot = await this.#sync.rebuild(meta);
        // The lost copy took the site's config rows with it: the site session seeds them again.
        this.#configChanged(snapshot.configVersion);
        return snapshot;
      },
      { ...options.guard, ...(options.log ? { log: options.log } : {}) },
    );
  }

  #configChanged(version: string): void {
    for (const listener of this.#configListeners) listener(version);
  }

  // ---- connection (runes: reading them in a component or $derived keeps it current)

  /**
   * Deletes this screen's copy (the desk at sign-out: an office PC keeps no bookings of the site after
   * its person left). The store is unusable afterwards; the page reloads.
   */
  async discardCopy(): Promise<void> {
    await this.#db.delete({ disableAutoOpen: true });
  }

  /** The hub client this store writes through (screens and the desk call their own routes with it). */
  get hub(): HubClient {
    return this.#hub;
  }

  /** False once the hub could not be reached, until it answers again. */
  get online(): boolean {
    return this.#connection.online;
  }

  /** When the hub was first found unreachable; undefined while online. */
  get offlineSince(): number | undefined {
    return this.#connection.offlineSince;
  }

  /**
   * False while the copy is being rebuilt after it was deleted or cleared under the kiosk: writes
   * are refused (StoreUntrusted) and screens say booking is paused.
   */
  get trusted(): boolean {
    return this.#guard.trusted;
  }

  /** What the last rebuild of a lost copy restored, for staff; undefined once dismissed. */
  get copyNotice(): CopyNotice | undefined {
    return this.#guard.notice;
  }

  dismissCopyNotice(): Promise<void> {
    return this.#guard.dismissNotice();
  }

  /** Compares the copy's sentinel now (tests; the store also does it by itself). */
  checkCopy(): Promise<boolean> {
    return this.#guard.check();
  }

  /** Starts following the hub and watching the copy; returns the function that stops both. */
  start(): () => void {
    const stop = this.#sync.start();
    const stopGuard = this.#guard.start();
    const wake = (): void => this.#sync.wake();
    globalThis.addEventListener?.('online', wake);
    return () => {
      globalThis.removeEventListener?.('online', wake);
      stopGuard();
      stop();
    };
  }

  /** Calls `listener` whenever the hub serves another config version (and once it is first known). */
  onConfigChanged(listener: (version: string) => void): () => void {
    this.#configListeners.add(listener);
    return () => this.#configListeners.delete(listener);
  }

  /** One round of the change stream; tests drive the copy with it. */
  syncOnce(signal?: AbortSignal, waitMs = 0): Promise<'changes' | 'snapshot'> {
    return this.#sync.step(signal, waitMs);
  }

  close(): void {
    this.#guard.stop();
    this.#db.close();
  }

  // ---- reads: the local copy

  /**
   * The site as the copy holds it. A site never goes away while a page runs (a bad config keeps the
   * last good one), so a copy lost under the kiosk answers the last one seen until it is rebuilt,
   * rather than blanking every screen and dropping a visitor's half-made booking.
   */
  async siteMeta(): Promise<SiteMeta | undefined> {
    const meta = await getSiteMeta(this.#db);
    if (meta) this.#lastSiteMeta = meta;
    return meta ?? this.#lastSiteMeta;
  }

  configStatus(): Promise<ConfigStatus | undefined> {
    return getConfigStatus(this.#db);
  }

  listActivities(): Promise<ActivityRow[]> {
    return listActivities(this.#db);
  }

  listSpaces(): Promise<SpaceRow[]> {
    return listSpaces(this.#db);
  }

  listOrganisations(): Promise<OrganisationRow[]> {
    return listOrganisations(this.#db);
  }

  listSeries(): Promise<SeriesRow[]> {
    return listSeries(this.#db);
  }

  occurrencesBetween(from: number, to: number): Promise<OccurrenceRow[]> {
    return occurrencesBetween(this.#db, from, to);
  }

  occurrencesInSpace(spaceId: string, from: number, to: number): Promise<OccurrenceRow[]> {
    return occurrencesInSpace(this.#db, spaceId, from, to);
  }

  occurrencesOfActivities(activityIds: readonly string[]): Promise<OccurrenceRow[]> {
    return occurrencesOfActivities(this.#db, activityIds);
  }

  /** Confirmed bookings of every space overlapping [from, to). */
  confirmedBookingsBetween(from: number, to: number): Promise<BookingRow[]> {
    return confirmedBookingsBetween(this.#db, from, to);
  }

  /** A space's bookings overlapping [from, to), cancelled ones included. */
  bookingsInSpace(spaceId: string, from: number, to: number): Promise<BookingRow[]> {
    return bookingsInSpace(this.#db, spaceId, from, to);
  }

  /** Free slots as the copy sees them: what the kiosk offers; the hub still checks the booking. */
  freeSlots(space: Space, firstDay: string, days: number, context: { site: StoredSite['site']; now: number }, options: SlotOptions = {}): Promise<Slot[]> {
    return freeSlots(this.#db, space, firstDay, days, context, options);
  }

  /** Places taken per session start of an activity, sessions starting in [from, to): "n places left", live. */
  placesTaken(activity: { id: string; space?: string }, from: number, to: number): Promise<Map<number, number>> {
    return placesTaken(this.#db, activity, from, to);
  }

  findBookingByCode(typedCode: string): Promise<BookingRow | undefined> {
    return findBookingByCode(this.#db, typedCode);
  }

  listAudit(options: { limit?: number; entity?: string; entityId?: string } = {}): Promise<AuditEntry[]> {
    return listAudit(this.#db, options);
  }

  async loadExistingImport(organisationId: string): Promise<ExistingImport> {
    const { loadExistingImport } = await import('./imports');
    return loadExistingImport(this.#db, organisationId);
  }

  /** Plans a series on the copy; writes nothing. Loaded on use: only staff plan series. */
  async planSeries(definition: SeriesDefinition, context: { now: number; site: StoredSite['site'] }): Promise<SeriesPlan> {
    const { planSeriesFromDb } = await import('./series');
    return planSeriesFromDb(this.#db, definition, context);
  }

  async planSeriesChange(change: SeriesChange, context: { now: number; site: StoredSite['site'] }): Promise<SeriesChangePlan> {
    const { planSeriesChange } = await import('./series');
    return planSeriesChange(this.#db, change, context);
  }

  // ---- writes: through the hub

  async createBooking(request: NewBooking, options: IntentOptions = {}): Promise<BookingRow> {
    const { booking } = await this.#write((write) => this.#hub.createBooking(request, write), options);
    await this.#applyRows({ bookings: [booking] });
    return booking;
  }

  /** A place on an activity's session (issue 11); the hub counts the places and refuses when full. */
  async reservePlace(request: NewPlace, options: IntentOptions = {}): Promise<BookingRow> {
    const { booking } = await this.#write((write) => this.#hub.reservePlace(request, write), options);
    await this.#applyRows({ bookings: [booking] });
    return booking;
  }

  /** Cancels by a typed code; the kiosk may cancel only visitors' bookings, staff any. */
  async cancelBooking(code: string, by: Actor, options: IntentOptions = {}): Promise<BookingRow> {
    const { booking } = await this.#write((write) => this.#hub.cancelBooking({ code, by }, write), options);
    await this.#applyRows({ bookings: [booking] });
    return booking;
  }

  /**
   * What `cancelBooking` with this code would cancel, asked of the hub (the copy may lag behind it, and
   * the hub applies the same rules as the cancel itself). Writes nothing.
   */
  async previewCancel(code: string, by: Actor): Promise<BookingRow> {
    try {
      const { booking } = await this.#hub.previewCancel({ code, by });
      this.#sync.reportOnline();
      return booking;
    } catch (error) {
      if (error instanceof HubUnavailable) this.#sync.reportOffline();
      else this.#sync.reportOnline();
      throw error;
    }
  }

  /** Staff move a booking to another time and/or space (a resize is a move that keeps the space). */
  async moveBooking(id: string, change: { start: number; end: number; spaceId?: string }, by: StaffActor, options: IntentOptions = {}): Promise<BookingRow> {
    const { booking } = await this.#write((write) => this.#hub.moveBooking(id, { ...change, by }, write), options);
    await this.#applyRows({ bookings: [booking] });
    return booking;
  }

  /**
   * Asks the hub to write a planned series. The conflicts staff saw travel along: the hub plans again
   * and refuses (SeriesRefused) when something new collides; with `skipConflicts` the known ones are left out.
   */
  async commitSeries(plan: SeriesPlan, options: { by: StaffActor; skipConflicts?: boolean } & IntentOptions): Promise<CommittedSeriesResponse> {
    const body = { definition: plan.definition, skipConflicts: options.skipConflicts ?? false, knownConflicts: plan.conflicts.map((conflict) => conflict.date), by: options.by };
    const result = await this.#write((write) => this.#hub.createSeries(body, write), options);
    await this.#applyRows({ series: [result.series], bookings: result.bookings });
    return result;
  }

  async commitSeriesChange(plan: SeriesChangePlan, options: { by: StaffActor; skipConflicts?: boolean } & IntentOptions): Promise<CommittedChangeResponse> {
    const { change } = plan;
    const body = {
      scope: change.scope,
      ...(change.bookingId === undefined ? {} : { bookingId: change.bookingId }),
      ...(change.startTime === undefined ? {} : { startTime: change.startTime }),
      ...(change.minutes === undefined ? {} : { minutes: change.minutes }),
      ...(change.spaceId === undefined ? {} : { spaceId: change.spaceId }),
      skipConflicts: options.skipConflicts ?? false,
      knownConflicts: plan.edit.conflicts.map((conflict) => conflict.bookingId),
      by: options.by,
    };
    const result = await this.#write((write) => this.#hub.changeSeries(change.seriesId, body, write), options);
    await this.#applyRows({ bookings: result.updated });
    return result;
  }

  /** Leaves one date out of a series; answers the booking that was cancelled for it, if any. */
  async skipSeriesDate(seriesId: string, date: string, by: StaffActor, options: IntentOptions = {}): Promise<BookingRow | undefined> {
    const { cancelled } = await this.#write((write) => this.#hub.skipSeriesDate(seriesId, { date, by }, write), options);
    if (cancelled) await this.#applyRows({ bookings: [cancelled] });
    return cancelled;
  }

  async cancelSeries(seriesId: string, by: StaffActor, options: IntentOptions = {}): Promise<CancelledSeriesResponse['cancelled']> {
    const { cancelled } = await this.#write((write) => this.#hub.cancelSeries(seriesId, { by }, write), options);
    await this.#applyRows({ bookings: cancelled });
    return cancelled;
  }

  createOrganisation(draft: OrganisationDraftBody, by: StaffActor, options: IntentOptions = {}): Promise<OrganisationRow> {
    return this.#saveOrganisation(undefined, draft, by, options);
  }

  /** Changes a staff organisation; the hub refuses config ones (they are changed in the site folder). */
  updateOrganisation(id: string, draft: OrganisationDraftBody, by: StaffActor, options: IntentOptions = {}): Promise<OrganisationRow> {
    return this.#saveOrganisation(id, draft, by, options);
  }

  async #saveOrganisation(id: string | undefined, draft: OrganisationDraftBody, by: StaffActor, options: IntentOptions): Promise<OrganisationRow> {
    const { organisation } = await this.#write((write) => this.#hub.saveOrganisation({ ...(id === undefined ? {} : { id }), draft, by }, write), options);
    await this.#applyRows({ organisations: [organisation] });
    return organisation;
  }

  /** Imports a partner's iCalendar offer; the rows arrive through the change stream. */
  commitImport(request: ImportRequest, options: IntentOptions = {}): Promise<ImportResponse> {
    return this.#write((write) => this.#hub.importOffer(request, write), options);
  }

  /** Records what staff did outside the store (an export saved, a catalogue published) in the hub's audit log. */
  async recordAudit(entry: Omit<RecordAuditRequest, 'idempotencyKey'>, options: IntentOptions = {}): Promise<void> {
    await this.#write((write) => this.#hub.recordAudit(entry, write), options);
  }

  /** The hub's backup of every site's runtime data. */
  exportBackup(): Promise<BackupFile> {
    return this.#write(() => this.#hub.backup(), {});
  }

  /** Replaces the hub's runtime data with a backup's, after the hub has checked all of it. */
  async restoreBackup(backup: unknown, by: StaffActor, options: IntentOptions = {}): Promise<RestoreResult> {
    try {
      const { counts } = await this.#write((write) => this.#hub.restore({ backup, by }, write), options);
      return { ok: true, counts: counts as Record<BackupTable, number> };
    } catch (error) {
      if (error instanceof RestoreRefused) return { ok: false, errors: error.errors };
      throw error;
    }
  }

  async #write<T>(call: (options: WriteOptions) => Promise<T>, options: IntentOptions): Promise<T> {
    // A copy emptied under the kiosk would offer taken slots as free: nothing is written until it is rebuilt.
    if (!(await this.#guard.check())) throw new StoreUntrusted();
    try {
      const result = await call(options.intent === undefined ? {} : { key: options.intent });
      this.#sync.reportOnline();
      return result;
    } catch (error) {
      // Any answer, a refusal too, shows the hub is there; only an unreachable hub makes the kiosk offline.
      if (error instanceof HubUnavailable) this.#sync.reportOffline();
      else this.#sync.reportOnline();
      throw error;
    }
  }

  /**
   * Puts rows a write returned. A booking or series the copy already holds in a newer version (the
   * stream delivered a later change first) is left as it is.
   */
  async #applyRows(rows: { bookings?: BookingRow[]; series?: SeriesRow[]; organisations?: OrganisationRow[] }): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', [db.bookings, db.series, db.organisations], async () => {
      const newer = async <T extends { id: string; updatedAt: number }>(table: { bulkGet(keys: string[]): Promise<(T | undefined)[]> }, list: T[]): Promise<T[]> => {
        const stored = await table.bulkGet(list.map((row) => row.id));
        return list.filter((row, index) => (stored[index]?.updatedAt ?? -Infinity) <= row.updatedAt);
      };
      if (rows.bookings?.length) await db.bookings.bulkPut(await newer(db.bookings, rows.bookings));
      if (rows.series?.length) await db.series.bulkPut(await newer(db.series, rows.series));
      if (rows.organisations?.length) await db.organisations.bulkPut(rows.organisations);
    });
  }

  // ---- this kiosk's own state: its config copy and its screen settings

  /**
   * True when the copy already holds this config version (the hash of its files, see core/bundle-hash),
   * completely seeded and far enough ahead.
   */
  isConfigCurrent(version: string, now: number): Promise<boolean> {
    return isBundleCurrent(this.#db, version, now);
  }

  /** The config version the copy holds when it is complete and far enough ahead; undefined otherwise. */
  async currentConfigVersion(now: number): Promise<string | undefined> {
    const version = await readMeta(this.#db, 'bundleHash');
    return version !== undefined && (await isBundleCurrent(this.#db, version, now)) ? version : undefined;
  }

  /**
   * Stores a validated config as version `version`. A copy that holds a complete seed keeps showing it
   * until the new one is written whole, in one transaction; a copy without one (a first start, a wiped
   * copy, a seed cut short) gets the site first — `onSiteReady` then says the map can be shown — and
   * the activities in chunks after it (seedInStages).
   */
  async seedConfig(
    config: SiteConfig,
    version: string,
    options: { now: number; warnings: ConfigError[]; expand: ExpandFn; onSiteReady?: () => void; yieldToPage?: () => Promise<void> },
  ): Promise<SeedResult> {
    this.#seeded = { config, version, warnings: options.warnings, expand: options.expand };
    const { onSiteReady, ...rest } = options;
    const { seedFromConfig, seedInStages } = await import('./seed');
    if ((await readMeta(this.#db, 'bundleHash')) === undefined) return seedInStages(this.#db, config, { ...options, bundleHash: version });
    const result = await seedFromConfig(this.#db, config, { ...rest, bundleHash: version });
    onSiteReady?.();
    return result;
  }

  /** Seeds the last config again into a copy that lost it (a rebuild); the hub is not needed for it. */
  async #reseed(): Promise<void> {
    const seeded = this.#seeded;
    const now = Date.now();
    if (!seeded || (await isBundleCurrent(this.#db, seeded.version, now))) return;
    const { seedFromConfig } = await import('./seed');
    await seedFromConfig(this.#db, seeded.config, { now, warnings: seeded.warnings, expand: seeded.expand, bundleHash: seeded.version });
  }

  recordConfigFailure(errors: ConfigError[], now: number): Promise<void> {
    return recordConfigFailure(this.#db, errors, now);
  }

  /** The site the copy last accepted, or undefined on a first run. */
  lastGoodSite(): Promise<StoredSite | undefined> {
    return loadLastGoodSite(this.#db);
  }

  /** The version of the site config the copy holds (the hash of its bundle, as the hub names it). */
  configVersion(): Promise<string | undefined> {
    return readMeta(this.#db, 'bundleHash');
  }

  /** A screen's settings as the change stream last delivered them; undefined when it is not (or no longer) listed. */
  screen(id: string): Promise<ScreenRow | undefined> {
    return this.#db.screens.get(id);
  }
}

/** The app's store: the kiosk's copy in this browser, and the hub that served the page. */
export function createKioskStore(options: KioskStoreOptions & { baseUrl?: string; client?: HubClientOptions; databaseName?: string } = {}): KioskStore {
  const { baseUrl, client, databaseName, ...rest } = options;
  return new KioskStore(openKioskDatabase(databaseName), new HubClient({ ...client, ...(baseUrl === undefined ? {} : { baseUrl }) }), rest);
}

const KEY = Symbol('kiosk-store');

/** Hands the store to every component below (call during the App's initialisation). */
export function provideStore(store: KioskStore): void {
  setContext(KEY, store);
}

export function useStore(): KioskStore {
  const store = getContext<KioskStore | undefined>(KEY);
  if (!store) throw new Error('useStore() is called outside the kiosk App, which provides the store.');
  return store;
}
