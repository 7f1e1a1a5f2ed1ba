// Per-client limits, so one misbehaving screen (or anything else that reaches the port) cannot hold
// every connection open or fill the log. Clients are told apart by address, the best a hub without
// accounts can do; behind a reverse proxy every client shares the proxy's address.

/** At most `perClient` at once for one client and `total` for all together. */
export class ConcurrencyLimit {
  readonly #open = new Map<string, number>();
  #total = 0;

  constructor(
    readonly perClient: number,
    readonly total: number,
  ) {}

  /** A release function when there is room, else null. Release exactly once. */
  tryAcquire(client: string): (() => void) | null {
    const mine = this.#open.get(client) ?? 0;
    if (mine >= this.perClient || this.#total >= this.total) return null;
    this.#open.set(client, mine + 1);
    this.#total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total -= 1;
      const left = (this.#open.get(client) ?? 1) - 1;
      if (left > 0) this.#open.set(client, left);
      else this.#open.delete(client);
    };
  }

  get openCount(): number {
    return this.#total;
  }
}

/**
 * A token bucket per client: `burst` requests at once, then `perSecond` on average. The table of
 * clients is bounded: the longest-unseen ones are forgotten first (a forgotten client starts full).
 */
export class RateLimit {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly burst: number,
    readonly perSecond: number,
    readonly now: () => number = Date.now,
    readonly maxClients = 1000,
  ) {}

  /** True when the client may go ahead (and uses one token). */
  take(client: string): boolean {
    const now = this.now();
    const bucket = this.#buckets.get(client) ?? { tokens: this.burst, at: now };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.perSecond);
    bucket.at = now;
    // Re-inserting keeps the map in least-recently-seen order for the eviction below.
    this.#buckets.delete(client);
    this.#buckets.set(client, bucket);
    if (this.#buckets.size > this.maxClients) this.#buckets.delete(this.#buckets.keys().next().value as string);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
