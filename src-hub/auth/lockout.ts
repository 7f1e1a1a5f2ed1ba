// Wrong passwords and PINs, held back by back-off rather than a permanent lock, so an attacker who
// guesses wrongly on purpose delays one account for minutes, never locks anyone out for good.
// Two independent limits: per account (a password's or a PIN's own counter, kept in the database so a
// restart does not reset it) and per client (an address or a screen, in memory), which stops one
// client spraying guesses over many names. A lock on one never touches another account or client.

/** Wrong tries allowed before back-off starts. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

/** How long an account is held back after its `failures`-th wrong try in a row (0 while still free). */
export function lockDuration(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export interface ClientLimitOptions {
  /** Wrong tries one client may make within `windowMs` before it is held back. */
  failures: number;
  windowMs: number;
  /** How long a client that reached the limit waits. */
  holdMs: number;
  /** Clients remembered at once; the longest-quiet are forgotten first. */
  maxClients?: number;
}

export const CLIENT_LIMIT: ClientLimitOptions = { failures: 50, windowMs: 10 * 60_000, holdMs: 10 * 60_000 };

/** Wrong tries per client in a sliding window (pure: the clock is passed in). */
export class ClientFailures {
  readonly #clients = new Map<string, { times: number[]; heldUntil: number }>();

  constructor(readonly options: ClientLimitOptions = CLIENT_LIMIT) {}

  /** When the client may try again, or undefined when it may now. */
  heldUntil(client: string, now: number): number | undefined {
    const entry = this.#clients.get(client);
    return entry && entry.heldUntil > now ? entry.heldUntil : undefined;
  }

  failed(client: string, now: number): void {
    const entry = this.#clients.get(client) ?? { times: [], heldUntil: 0 };
    entry.times = entry.times.filter((at) => now - at < this.options.windowMs);
    entry.times.push(now);
    if (entry.times.length >= this.options.failures) {
      entry.heldUntil = now + this.options.holdMs;
      entry.times = [];
    }
    this.#clients.delete(client);
    this.#clients.set(client, entry);
    const max = this.options.maxClients ?? 10_000;
    if (this.#clients.size > max) this.#clients.delete(this.#clients.keys().next().value as string);
  }
}
