// Notices when the kiosk's copy is no longer the one this page wrote: deleted from another tab
// (`indexedDB.deleteDatabase`), cleared by a storage purge, or reopened empty by Dexie after either.
// The copy holds a sentinel, a random id the page also keeps in memory; it is compared on Dexie's
// `versionchange` and `close`, on focus and when the page becomes visible, on a timer, and before
// every write. A copy without it, or with another, is not trusted: writes are refused until the copy
// is rebuilt from a fresh hub snapshot (the hub holds the truth, so nothing is lost), an error line
// goes to the log, and staff get a notice of what was restored.
import type { LogEntry } from '../core/contract';
import type { SnapshotResponse, SyncRows, SyncTable } from '../core/hub/contract';
import { metaRow, readMeta, type CopyNotice, type KioskDatabase, type MetaRow } from './database';

export type { CopyNotice } from './database';

/** A write was refused because the copy was lost and is being rebuilt; nothing reached the hub. */
export class StoreUntrusted extends Error {
  constructor() {
    super('The kiosk copy was lost and is being rebuilt from the hub; writes wait until it is back.');
    this.name = 'StoreUntrusted';
  }
}

export interface CopyGuardOptions {
  /** How often the sentinel is compared while nothing else prompts it. */
  checkEveryMs?: number;
  /** The wait before a failed rebuild (hub away) is tried again. */
  retryMs?: number;
  now?: () => number;
  newId?: () => string;
  log?: (entry: LogEntry) => void;
}

type Loss = CopyNotice['reason'];

export class CopyGuard {
  #trusted = $state(true);
  #notice = $state.raw<CopyNotice | undefined>(undefined);
  readonly #db: KioskDatabase;
  readonly #rebuild: (meta: MetaRow[]) => Promise<SnapshotResponse>;
  readonly #checkEveryMs: number;
  readonly #retryMs: number;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #log: (entry: LogEntry) => void;
  /** The sentinel this page wrote or adopted; undefined until the first check. */
  #expected: string | undefined;
  #checking: Promise<boolean> | undefined;
  #rebuilding: Promise<void> | undefined;
  #lost: { reason: Loss; at: number } | undefined;
  #stop: (() => void) | undefined;

  constructor(db: KioskDatabase, rebuild: (meta: MetaRow[]) => Promise<SnapshotResponse>, options: CopyGuardOptions = {}) {
    this.#db = db;
    this.#rebuild = rebuild;
    this.#checkEveryMs = options.checkEveryMs ?? 30_000;
    this.#retryMs = options.retryMs ?? 5_000;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#log = options.log ?? (() => undefined);
  }

  /** False from the moment a lost copy is noticed until it is rebuilt. */
  get trusted(): boolean {
    return this.#trusted;
  }

  /** The last rebuild, until staff dismiss it. */
  get notice(): CopyNotice | undefined {
    return this.#notice;
  }

  /** Watches the copy until the returned function (or stop()) is called. */
  start(): () => void {
    this.#stop?.();
    const check = (): void => void this.check();
    // Dexie's own handler closes the connection first, so the other page's delete can go on; the
    // check's read (after that close has finished) then reopens the database, which the browser
    // queues behind that delete. 'close' is a connection the browser closed (storage cleared).
    const later = (): void => void setTimeout(check, 0);
    const onVisible = (): void => {
      if (globalThis.document?.visibilityState !== 'hidden') check();
    };
    this.#db.on('versionchange', later);
    this.#db.on('close', later);
    globalThis.addEventListener?.('focus', check);
    globalThis.document?.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(check, this.#checkEveryMs);
    void readMeta(this.#db, 'copyNotice').then(
      (notice) => (this.#notice ??= notice),
      () => undefined,
    );
    check();
    this.#stop = () => {
      clearInterval(timer);
      this.#db.on('versionchange').unsubscribe(later);
      this.#db.on('close').unsubscribe(later);
      globalThis.removeEventListener?.('focus', check);
      globalThis.document?.removeEventListener('visibilitychange', onVisible);
      this.#stop = undefined;
    };
    return () => this.stop();
  }

  stop(): void {
    this.#stop?.();
  }

  /** Compares the sentinel; true when the copy is the one this page trusts. A lost copy starts its rebuild. */
  check(): Promise<boolean> {
    this.#checking ??= this.#check().finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  /** Staff have read the notice. */
  async dismissNotice(): Promise<void> {
    this.#notice = undefined;
    await this.#db.meta.delete('copyNotice');
  }

  async #check(): Promise<boolean> {
    if (this.#lost) {
      this.#startRebuild();
      return false;
    }
    let stored: string | undefined;
    try {
      stored = await readMeta(this.#db, 'copySentinel');
    } catch (error) {
      // A handle its owner closed (the store shutting down) is not a lost copy.
      if (error instanceof Error && error.name === 'DatabaseClosedError') return false;
      this.#lose('unreadable', error);
      return false;
    }
    if (this.#expected === undefined) {
      // The first look of this page: a copy from an earlier run keeps its sentinel, a new one gets one.
      this.#expected = stored ?? (await this.#adopt());
      return true;
    }
    if (stored === this.#expected) return true;
    this.#lose(stored === undefined ? 'missing' : 'replaced');
    return false;
  }

  async #adopt(): Promise<string> {
    return this.#db.transaction('rw', this.#db.meta, async () => {
      const stored = await readMeta(this.#db, 'copySentinel');
      if (stored !== undefined) return stored;
      const id = this.#newId();
      await this.#db.meta.put(metaRow('copySentinel', id));
      return id;
    });
  }

  #lose(reason: Loss, error?: unknown): void {
    if (!this.#lost) {
      this.#lost = { reason, at: this.#now() };
      this.#trusted = false;
      const why = { missing: 'its sentinel is gone (deleted or cleared)', replaced: 'another copy took its place', unreadable: `it cannot be read (${describe(error)})` }[reason];
      this.#log({ level: 'error', topic: 'store', message: `The kiosk copy was lost: ${why}. Writes are refused until it is rebuilt from the hub.` });
    }
    this.#startRebuild();
  }

  #startRebuild(): void {
    if (this.#rebuilding) return;
    this.#rebuilding = this.#rebuildCopy().finally(() => (this.#rebuilding = undefined));
  }

  async #rebuildCopy(): Promise<void> {
    const lost = this.#lost;
    if (!lost) return;
    const id = this.#newId();
    let snapshot: SnapshotResponse;
    try {
      snapshot = await this.#rebuild([metaRow('copySentinel', id)]);
    } catch (error) {
      this.#log({ level: 'warn', topic: 'store', message: `The kiosk copy could not be rebuilt yet (${describe(error)}); trying again.` });
      // Only a watched copy retries by itself; otherwise the next check or write does.
      if (this.#stop) setTimeout(() => void this.check(), this.#retryMs);
      return;
    }
    const restored = Object.fromEntries(Object.entries(snapshot.rows).map(([table, rows]) => [table, (rows as unknown[]).length])) as Record<SyncTable, number>;
    const notice: CopyNotice = { reason: lost.reason, noticedAt: lost.at, restoredAt: this.#now(), restored };
    this.#expected = id;
    this.#lost = undefined;
    this.#trusted = true;
    this.#notice = notice;
    await this.#db.meta.put(metaRow('copyNotice', notice)).catch(() => undefined);
    this.#log({ level: 'warn', topic: 'store', message: `The kiosk copy was rebuilt from the hub: ${summary(snapshot.rows)}; writes are possible again.` });
  }
}

function summary(rows: SyncRows): string {
  return (Object.keys(rows) as SyncTable[]).map((table) => `${rows[table]?.length ?? 0} ${table}`).join(', ');
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
