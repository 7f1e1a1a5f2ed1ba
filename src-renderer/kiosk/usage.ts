// The kiosk's usage counter (see README "Usage figures and privacy"): counts per hour, kept in
// memory and in localStorage (a reload loses nothing), sent to the hub in batches. A batch is made
// once, with its own idempotency key, and sent again with that same key until the hub acknowledges
// it, so a batch whose answer was lost is never counted twice; counts made meanwhile wait beside it.
import { countUsage, MAX_USAGE_BATCH, mergeUsage, parseUsage, totalUsage, type UsageEntry } from '../core/usage';
import type { UsageEvent } from '../core/hub/contract';

export const USAGE_STORAGE_KEY = 'wegwijzer.usage';
/** This many counts waiting make the recorder send at once, rather than at the next minute. */
export const FLUSH_AT_PENDING = 200;
export const FLUSH_EVERY_MS = 60_000;

export interface UsageBatch {
  key: string;
  counts: UsageEntry[];
}

export interface UsageRecorderOptions {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Sends one batch; resolves when the hub has acknowledged it. */
  send: (batch: UsageBatch) => Promise<void>;
  /** A fresh idempotency key. */
  newKey: () => string;
  now?: () => number;
  /** Whether a failed send should drop the batch for good (the hub refused it as malformed). */
  isRefusal?: (error: unknown) => boolean;
  log?: (message: string) => void;
}

export class UsageRecorder {
  #pending: UsageEntry[];
  #batch: UsageBatch | undefined;
  #flushing: Promise<boolean> | undefined;
  readonly #options: UsageRecorderOptions;
  readonly #now: () => number;

  constructor(options: UsageRecorderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const stored = readStored(options.storage.getItem(USAGE_STORAGE_KEY));
    this.#pending = stored.pending;
    this.#batch = stored.batch;
  }

  /** The counts not yet acknowledged: the batch on its way and those waiting. */
  get unsent(): readonly UsageEntry[] {
    return mergeUsage(this.#batch?.counts ?? [], this.#pending);
  }

  /** One more `event`, in this hour. Never throws: counting must not disturb a visitor. */
  count(event: UsageEvent, key = ''): void {
    this.#pending = countUsage(this.#pending, event, key, this.#now());
    this.#save();
    if (totalUsage(this.#pending) >= FLUSH_AT_PENDING) void this.flush();
  }

  /**
   * Sends what is waiting: first a batch not yet acknowledged (with its key), then a new batch of the
   * pending counts. True when nothing is left unacknowledged.
   */
  flush(): Promise<boolean> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #flush(): Promise<boolean> {
    for (;;) {
      if (!this.#batch) {
        if (this.#pending.length === 0) return true;
        this.#batch = { key: this.#options.newKey(), counts: this.#pending.slice(0, MAX_USAGE_BATCH) };
        this.#pending = this.#pending.slice(MAX_USAGE_BATCH);
        this.#save();
      }
      try {
        await this.#options.send(this.#batch);
      } catch (error) {
        if (!this.#options.isRefusal?.(error)) return false;
        this.#options.log?.(`usage batch of ${totalUsage(this.#batch.counts)} count(s) refused by the hub and dropped: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.#batch = undefined;
      this.#save();
    }
  }

  /** Sends every minute and when the page goes away; returns the function that stops it. */
  start(): () => void {
    const timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    const onPageHide = (): void => void this.flush();
    addEventListener('pagehide', onPageHide);
    void this.flush();
    return () => {
      clearInterval(timer);
      removeEventListener('pagehide', onPageHide);
    };
  }

  #save(): void {
    try {
      this.#options.storage.setItem(USAGE_STORAGE_KEY, JSON.stringify({ pending: this.#pending, ...(this.#batch ? { batch: this.#batch } : {}) }));
    } catch {
      // Storage full or unavailable: the counts stay in memory until they are sent.
    }
  }
}

function readStored(text: string | null): { pending: UsageEntry[]; batch: UsageBatch | undefined } {
  try {
    const value = JSON.parse(text ?? '{}') as { pending?: unknown; batch?: { key?: unknown; counts?: unknown } };
    const batchCounts = parseUsage(value.batch?.counts);
    const key = value.batch?.key;
    const batch = typeof key === 'string' && /^[A-Za-z0-9_-]{16,80}$/.test(key) && batchCounts.length > 0 ? { key, counts: batchCounts } : undefined;
    return { pending: parseUsage(value.pending), batch };
  } catch {
    return { pending: [], batch: undefined };
  }
}

let active: UsageRecorder | undefined;

/** Makes `recorder` the one `countEvent` feeds (the App does this once it knows its hub). */
export function setUsageRecorder(recorder: UsageRecorder | undefined): void {
  active = recorder;
}

/** Counts one event on this kiosk; screens call this, and it never throws. */
export function countEvent(event: UsageEvent, key = ''): void {
  active?.count(event, key);
}
