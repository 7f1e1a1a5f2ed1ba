// When the hub reads a feed next. The policy, in full:
//
// - After a good read (failures = 0) the next read is `refreshMinutes` after the last attempt.
// - After a failed read the hub tries again sooner than it would give up on a person, but backs off so
//   a broken server is not hammered: 1 minute after the first failure, then 2, 4, 8 … minutes,
//   doubling with each consecutive failure, and never more than the cap.
// - The cap is four refresh intervals, and at most a day: a feed read every 15 minutes is retried at
//   least hourly, one read daily at least daily. (Never less than the first 1-minute step.)
// - Every wait is spread by ±10% jitter, so feeds that failed together (the network went down) do not
//   all come back in the same second.
// - When the server said how long to wait (Retry-After on a 429 or 503), the next attempt is never
//   sooner than that, even past the cap: the server knows its own limits. (fetch.ts caps Retry-After at
//   a day, so a hostile value cannot silence a feed for longer.)
//
// Pure: the clock is `lastAttemptAt` and the randomness is injected, so tests pin both.

export const FIRST_RETRY_MS = 60_000;
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;
/** The cap on the back-off, in refresh intervals. */
export const BACKOFF_CAP_INTERVALS = 4;
/** Each wait is multiplied by a factor in [1 − JITTER, 1 + JITTER]. */
export const JITTER = 0.1;

export interface BackoffState {
  /** Consecutive failed reads; 0 after a good one. */
  failures: number;
  /** When the last read started (epoch ms). */
  lastAttemptAt: number;
  refreshMinutes: number;
  /** The server's Retry-After on the last failed read, if it gave one. */
  retryAfterMs?: number;
}

/** Epoch ms of the next read. `random` returns [0, 1) like Math.random; 0.5 means no jitter. */
export function nextAttemptAt(state: BackoffState, random: () => number = Math.random): number {
  const refreshMs = Math.max(1, finiteOr(state.refreshMinutes, 1)) * 60_000;
  const failures = Math.max(0, Math.floor(finiteOr(state.failures, 0)));
  let wait: number;
  if (failures === 0) wait = refreshMs;
  else {
    const cap = Math.max(FIRST_RETRY_MS, Math.min(refreshMs * BACKOFF_CAP_INTERVALS, MAX_BACKOFF_MS));
    // 2 ** 1100 is Infinity, which Math.min turns back into the cap.
    wait = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), cap);
  }
  const spread = 1 + (Math.min(Math.max(random(), 0), 1) * 2 - 1) * JITTER;
  wait = Math.round(wait * spread);
  const retryAfter = finiteOr(state.retryAfterMs, 0);
  return state.lastAttemptAt + Math.max(wait, retryAfter);
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}
