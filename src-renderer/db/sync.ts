// Follows the hub's change stream into the kiosk's Dexie copy. The copy remembers where it is
// (meta.hubEpoch, meta.hubSeq); each long poll asks for the changes after that number and applies
// them with the new number in ONE transaction, so a crash can never leave the copy half-way or its
// number ahead of its rows. A gap in the numbers, another epoch (a restore, a new database) or a
// hub that says "reset" replaces every runtime row from a snapshot, again in one transaction. Config
// rows are not synced: each screen seeds them from the site bundle, and the stream only says when
// the config version changed.
import type { BackupData, BackupFile } from '../core/backup';
import type * as BackupFormat from '../core/backup';
import type { LogEntry } from '../core/contract';
import type { Change, ChangesResponse, SnapshotResponse, SyncTable } from '../core/hub/contract';
import { HUB_ROW_SOURCES } from '../core/rows';
import { metaRow, readMeta, type KioskDatabase, type MetaRow } from './database';
import { delay, HubUnavailable, type HubClient } from './hub-client';

export interface ConnectionStatus {
  /** False once the hub could not be reached, until it answers again. */
  online: boolean;
  /** When the hub was first found unreachable (epoch ms); undefined while online. */
  offlineSince?: number;
}

export interface HubSyncOptions {
  /** How long each long poll asks the hub to hold on while nothing changes. */
  waitMs?: number;
  /** Back-off after a failure: the first wait, doubled up to the last. */
  retryMs?: { first: number; max: number };
  now?: () => number;
  /** Called with the hub's config version when it is new: not seen before, and not the one the copy was seeded from. */
  onConfigVersion?: (version: string) => void;
  onStatus?: (status: ConnectionStatus) => void;
  log?: (entry: LogEntry) => void;
}

export type StepResult = 'changes' | 'snapshot';

const SYNC_TABLES: readonly SyncTable[] = ['bookings', 'series', 'organisations', 'activities', 'occurrences', 'auditLog', 'screens'];
/** The tables where config rows live beside synced ones: only their staff, imported and feed rows are the hub's. */
const SOURCED: readonly ('organisations' | 'activities' | 'occurrences')[] = ['organisations', 'activities', 'occurrences'];
const QUICK_ANSWER_MS = 200;
const QUICK_ANSWER_PAUSE_MS = 1_000;

export class HubSync {
  readonly #db: KioskDatabase;
  readonly #client: HubClient;
  readonly #waitMs: number;
  readonly #retry: { first: number; max: number };
  readonly #now: () => number;
  readonly #options: HubSyncOptions;
  #status: ConnectionStatus = { online: true };
  #configVersion: string | undefined;
  #wake: (() => void) | undefined;
  /** How many changes the last step applied. */
  #batchSize = 0;

  constructor(db: KioskDatabase, client: HubClient, options: HubSyncOptions = {}) {
    this.#db = db;
    this.#client = client;
    this.#waitMs = options.waitMs ?? 25_000;
    this.#retry = options.retryMs ?? { first: 1_000, max: 10_000 };
    this.#now = options.now ?? Date.now;
    this.#options = options;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** The config version the hub last reported. */
  get configVersion(): string | undefined {
    return this.#configVersion;
  }

  /** Follows the stream until the returned function is called. */
  start(): () => void {
    const controller = new AbortController();
    void this.#run(controller.signal);
    return () => {
      controller.abort();
      this.#wake?.();
    };
  }

  /** Cuts a back-off short: something (a write that got through, the browser back online) says the hub may be back. */
  wake(): void {
    this.#wake?.();
  }

  /** A write reached the hub: it is online, whatever the stream last found. */
  reportOnline(): void {
    this.#setStatus({ online: true });
    this.wake();
  }

  /** A write could not reach the hub. */
  reportOffline(): void {
    if (this.#status.online) this.#setStatus({ online: false, offlineSince: this.#now() });
  }

  /**
   * One round: the changes after the copy's position (a snapshot when it has none, or when the
   * stream cannot continue from it), applied. Throws HubUnavailable when the hub cannot be reached.
   */
  async step(signal?: AbortSignal, waitMs = this.#waitMs): Promise<StepResult> {
    const [epoch, seq, held] = await Promise.all([readMeta(this.#db, 'hubEpoch'), readMeta(this.#db, 'hubSeq'), readMeta(this.#db, 'bundleHash')]);
    if (epoch === undefined || seq === undefined) return this.#resync(held, signal);
    const response = await this.#client.changes({ since: seq, epoch, config: this.#configVersion ?? held, waitMs }, signal);
    this.#reached(response.configVersion, held);
    if (response.reset || response.epoch !== epoch) return this.#resync(held, signal);
    const applied = await this.#apply(response, epoch);
    return applied ? 'changes' : this.#resync(held, signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const started = this.#now();
        this.#batchSize = 0;
        // While offline, ask without waiting: a hub that is back should count as back at once, not
        // only when a long poll it holds for 25 s comes home.
        const result = await this.step(signal, this.#status.online ? this.#waitMs : 0);
        failures = 0;
        // A hub that answers "nothing new" at once (one that does not hold polls) must not be asked in a tight loop.
        if (result === 'changes' && this.#batchSize === 0 && this.#now() - started < QUICK_ANSWER_MS) await this.#pause(QUICK_ANSWER_PAUSE_MS, signal);
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof HubUnavailable) this.reportOffline();
        else this.#options.log?.({ level: 'warn', topic: 'sync', message: error instanceof Error ? error.message : String(error) });
        failures += 1;
        await this.#pause(Math.min(this.#retry.first * 2 ** (failures - 1), this.#retry.max), signal);
      }
    }
  }

  #pause(ms: number, signal: AbortSignal): Promise<void> {
    const woken = new Promise<void>((resolve) => (this.#wake = resolve));
    return Promise.race([delay(ms, signal), woken]).then(
      () => (this.#wake = undefined),
      () => (this.#wake = undefined),
    );
  }

  /**
   * The hub answered. A config version not seen before is reported, unless the copy already holds
   * that config (`held`: the fingerprint of the bundle it was seeded from, which is what the hub publishes).
   */
  #reached(configVersion: string, held: string | undefined): void {
    if (!this.#status.online) this.#setStatus({ online: true });
    if (configVersion === this.#configVersion) return;
    const first = this.#configVersion === undefined;
    this.#configVersion = configVersion;
    // Any later change counts, also a return to the held config (a refusal that is over).
    if (!first || configVersion !== held) this.#options.onConfigVersion?.(configVersion);
  }

  #setStatus(status: ConnectionStatus): void {
    const changed = status.online !== this.#status.online;
    this.#status = status;
    if (changed) this.#options.onStatus?.(status);
  }

  /**
   * Applies a batch after the copy's position, or returns false when it cannot: a gap before the
   * first change or inside the batch, or a hub that claims changes it did not send.
   */
  async #apply(response: ChangesResponse & { reset: false }, epoch: string): Promise<boolean> {
    const tables = [...SYNC_TABLES.map((table) => this.#db[table]), this.#db.meta];
    return this.#db.transaction('rw', tables, async () => {
      // Read again inside the transaction: the position is what this transaction moves.
      const [currentEpoch, seq = 0] = await Promise.all([readMeta(this.#db, 'hubEpoch'), readMeta(this.#db, 'hubSeq')]);
      if (currentEpoch !== epoch) return false;
      // Changes already applied (a batch that raced a snapshot) are skipped, never applied twice.
      const fresh = response.changes.filter((change) => change.seq > seq).sort((a, b) => a.seq - b.seq);
      if (fresh.some((change, index) => change.seq !== seq + 1 + index)) return false;
      const last = fresh.at(-1)?.seq ?? seq;
      if (response.seq > last && fresh.length === 0) return false;
      if (response.seq < seq) return false;
      for (const change of fresh) await this.#applyChange(change);
      this.#batchSize = fresh.length;
      if (last !== seq) await this.#db.meta.put(metaRow('hubSeq', last));
      return true;
    });
  }

  async #applyChange(change: Change): Promise<void> {
    if (!SYNC_TABLES.includes(change.table)) {
      // A newer hub may sync more than this kiosk knows; it skips what it cannot store.
      this.#options.log?.({ level: 'warn', topic: 'sync', message: `change ${change.seq} is for an unknown table "${String(change.table)}"` });
      return;
    }
    const table = this.#db.table(change.table);
    if (change.op === 'put') await table.put(change.row);
    else await table.delete(change.key);
  }

  async #resync(held: string | undefined, signal?: AbortSignal): Promise<StepResult> {
    const snapshot = await this.#client.snapshot(signal);
    this.#reached(snapshot.configVersion, held);
    await this.replaceFromSnapshot(snapshot);
    return 'snapshot';
  }

  /**
   * Rebuilds a copy that was lost under the kiosk: a fresh snapshot, written with `meta` (the copy's
   * new sentinel) in the same transaction, so a copy that holds the sentinel also holds the rows.
   */
  async rebuild(meta: MetaRow[], signal?: AbortSignal): Promise<SnapshotResponse> {
    const snapshot = await this.#client.snapshot(signal);
    this.#reached(snapshot.configVersion, undefined);
    await this.replaceFromSnapshot(snapshot, meta);
    return snapshot;
  }

  /** Replaces every runtime row with the snapshot's, and the position with its, in one transaction. */
  async replaceFromSnapshot(snapshot: SnapshotResponse, meta: MetaRow[] = []): Promise<void> {
    const db = this.#db;
    const { rows } = snapshot;
    // Loaded before the transaction (which must await nothing but IndexedDB), and only by a copy that never followed a hub.
    const backup = (await readMeta(db, 'hubEpoch')) === undefined ? await import('../core/backup') : undefined;
    await db.transaction('rw', [...SYNC_TABLES.map((table) => db[table]), db.spaces, db.meta], async () => {
      if (backup && (await readMeta(db, 'hubEpoch')) === undefined) await this.#keepPreHubRows(backup);
      await Promise.all([db.bookings.clear(), db.series.clear(), db.auditLog.clear(), db.screens.clear(), ...SOURCED.map((table) => db[table].where('source').anyOf(...HUB_ROW_SOURCES).delete())]);
      await Promise.all([
        db.bookings.bulkPut(rows.bookings),
        db.series.bulkPut(rows.series),
        db.auditLog.bulkPut(rows.auditLog),
        // Older hubs send no screens.
        db.screens.bulkPut(rows.screens ?? []),
        // A hub row shadows a config row of the same id, as seeding keeps it.
        db.organisations.bulkPut(rows.organisations),
        db.activities.bulkPut(rows.activities),
        db.occurrences.bulkPut(rows.occurrences),
        db.meta.bulkPut([metaRow('hubEpoch', snapshot.epoch), metaRow('hubSeq', snapshot.seq), ...meta]),
      ]);
    });
  }

  /**
   * A copy that never followed a hub may hold what the kiosk stored itself before there was one.
   * The first snapshot replaces those rows; they are kept first, as a backup file in the copy's meta
   * (call inside the snapshot's transaction).
   */
  async #keepPreHubRows(format: Pick<typeof BackupFormat, 'BACKUP_FORMAT' | 'BACKUP_TABLES' | 'BACKUP_VERSION'>): Promise<void> {
    const { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION } = format;
    const db = this.#db;
    if (await readMeta(db, 'preHubBackup')) return;
    const runtime = <T extends { source: string }>(rows: T[]) => rows.filter((row) => row.source !== 'config');
    const [bookings, series, spaces, organisations, activities, occurrences, auditLog] = await Promise.all([
      db.bookings.toArray(),
      db.series.toArray(),
      db.spaces.toArray(),
      db.organisations.toArray(),
      db.activities.toArray(),
      db.occurrences.where('source').anyOf(...HUB_ROW_SOURCES).toArray(),
      db.auditLog.toArray(),
    ]);
    const data: BackupData = { bookings, series, spaces: runtime(spaces), organisations: runtime(organisations), activities: runtime(activities), occurrences, auditLog, meta: [] };
    if (data.bookings.length + data.series.length + data.organisations.length + data.activities.length === 0) return;
    const counts = Object.fromEntries(BACKUP_TABLES.map((table) => [table, data[table].length])) as BackupFile['counts'];
    await db.meta.put(metaRow('preHubBackup', { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: db.verno, exportedAt: this.#now(), counts, data }));
    this.#options.log?.({ level: 'warn', topic: 'sync', message: `Kept ${bookings.length} booking(s) made before this kiosk followed a hub as a backup (meta "preHubBackup"); restore it into the hub if they are not there.` });
  }
}
