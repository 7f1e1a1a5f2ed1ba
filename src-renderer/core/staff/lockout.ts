// The staff keypad's lockout, as a pure state machine the UI persists (a restart must not reset it).
// After 5 wrong PINs in a row the keypad locks for 30 s; each further lock doubles, up to 15 min. A
// right PIN resets everything. Attempts while locked are not counted: the keypad should not even
// take them, and if it does, they change nothing — not even a right PIN unlocks early.

export const MAX_FAILURES = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

export interface LockoutState {
  /** Wrong PINs since the last success or the last lock. */
  failures: number;
  /** Locks since the last success: the next lock lasts FIRST_LOCK_MS · 2^locks. */
  locks: number;
  /** Epoch ms until which the keypad is locked; 0 when it is not. */
  lockedUntil: number;
}

export const INITIAL_LOCKOUT: LockoutState = Object.freeze({ failures: 0, locks: 0, lockedUntil: 0 });

/** The state after a PIN attempt at `now` that was right (`ok`) or wrong. */
export function attempt(state: LockoutState, now: number, ok: boolean): LockoutState {
  if (isLocked(state, now)) return state;
  if (ok) return INITIAL_LOCKOUT;
  const failures = state.failures + 1;
  if (failures < MAX_FAILURES) return { ...state, failures, lockedUntil: 0 };
  return { failures: 0, locks: state.locks + 1, lockedUntil: now + lockDuration(state.locks) };
}

/** When the keypad unlocks, or undefined when the state holds no lock (it may have expired: see `isLocked`). */
export function lockedUntil(state: LockoutState): number | undefined {
  return state.lockedUntil > 0 ? state.lockedUntil : undefined;
}

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil > now;
}

/** Milliseconds left on the lock at `now`, for the countdown on the keypad. */
export function remainingLockMs(state: LockoutState, now: number): number {
  return Math.max(0, state.lockedUntil - now);
}

/** How long the (n+1)-th lock lasts. */
export function lockDuration(previousLocks: number): number {
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(previousLocks, 30));
}

/** A stored state back from the database, or the initial one when it is not a valid state. */
export function restoreLockout(value: unknown): LockoutState {
  if (typeof value !== 'object' || value === null) return INITIAL_LOCKOUT;
  const { failures, locks, lockedUntil: until } = value as Record<string, unknown>;
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!count(failures) || !count(locks) || !count(until)) return INITIAL_LOCKOUT;
  return { failures, locks, lockedUntil: until };
}
