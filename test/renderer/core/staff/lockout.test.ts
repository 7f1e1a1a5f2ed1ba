import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FIRST_LOCK_MS, INITIAL_LOCKOUT, MAX_LOCK_MS, attempt, isLocked, lockedUntil, remainingLockMs, restoreLockout, type LockoutState } from '../../../../src-renderer/core/staff/lockout';
import { PROPERTY_TIMEOUT_MS } from '../../../support/property';

const T0 = 1_800_000_000_000;

function fail(state: LockoutState, now: number, times: number): LockoutState {
  let next = state;
  for (let i = 0; i < times; i++) next = attempt(next, now, false);
  return next;
}

describe('keypad lockout', () => {
  it('locks for 30 s after 5 wrong PINs, not before', () => {
    const four = fail(INITIAL_LOCKOUT, T0, 4);
    expect(isLocked(four, T0)).toBe(false);
    expect(lockedUntil(four)).toBeUndefined();
    const five = attempt(four, T0, false);
    expect(lockedUntil(five)).toBe(T0 + FIRST_LOCK_MS);
    expect(isLocked(five, T0 + FIRST_LOCK_MS - 1)).toBe(true);
    expect(isLocked(five, T0 + FIRST_LOCK_MS)).toBe(false);
    expect(remainingLockMs(five, T0 + 10_000)).toBe(20_000);
  });

  it('ignores attempts while locked, even the right PIN', () => {
    const locked = fail(INITIAL_LOCKOUT, T0, 5);
    expect(attempt(locked, T0 + 1000, true)).toBe(locked);
    expect(attempt(locked, T0 + 1000, false)).toBe(locked);
  });

  it('doubles each further lock up to 15 minutes', () => {
    let state = INITIAL_LOCKOUT;
    let now = T0;
    const durations: number[] = [];
    for (let lock = 0; lock < 8; lock++) {
      state = fail(state, now, 5);
      durations.push(state.lockedUntil - now);
      now = state.lockedUntil;
    }
    expect(durations).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, MAX_LOCK_MS, MAX_LOCK_MS, MAX_LOCK_MS]);
  });

  it('resets completely on the right PIN', () => {
    const locked = fail(fail(INITIAL_LOCKOUT, T0, 5), T0 + FIRST_LOCK_MS, 3);
    expect(attempt(locked, T0 + FIRST_LOCK_MS, true)).toEqual(INITIAL_LOCKOUT);
  });

  it('never unlocks sooner than 30 s after the fifth wrong PIN in a row (property)', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 120_000 })), { maxLength: 40 }), (steps) => {
        let state = INITIAL_LOCKOUT;
        let now = T0;
        let wrongInARow = 0;
        for (const [ok, wait] of steps) {
          now += wait;
          const before = state;
          state = attempt(state, now, ok);
          if (isLocked(before, now)) continue;
          wrongInARow = ok ? 0 : wrongInARow + 1;
          if (wrongInARow === 5) {
            expect(state.lockedUntil).toBeGreaterThanOrEqual(now + FIRST_LOCK_MS);
            wrongInARow = 0;
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('restores a persisted state, or starts afresh from garbage', () => {
    const locked = fail(INITIAL_LOCKOUT, T0, 5);
    expect(restoreLockout(JSON.parse(JSON.stringify(locked)))).toEqual(locked);
    expect(restoreLockout(null)).toEqual(INITIAL_LOCKOUT);
    expect(restoreLockout({ failures: -1, locks: 0, lockedUntil: 0 })).toEqual(INITIAL_LOCKOUT);
  });
});
