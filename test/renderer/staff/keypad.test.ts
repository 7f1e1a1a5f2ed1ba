import { describe, expect, it } from 'vitest';
import { cleanName, deleteDigit, keyAction, KEYPAD_DIGITS, MAX_PIN_LENGTH, NAME_KEYS, pressDigit, unlockProblem } from '../../../src-renderer/kiosk/staff/keypad';

describe('staff keypad entry', () => {
  it('appends digits up to the longest valid PIN and deletes the last one', () => {
    let entry = '';
    for (const digit of ['2', '4', '6', '8'] as const) entry = pressDigit(entry, digit);
    expect(entry).toBe('2468');
    expect(deleteDigit(entry)).toBe('246');
    expect(deleteDigit('')).toBe('');
    const full = '1'.repeat(MAX_PIN_LENGTH);
    expect(pressDigit(full, '9')).toBe(full);
  });

  it('offers the ten digits, 1 to 9 then 0, as on a phone keypad', () => {
    expect(KEYPAD_DIGITS).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
  });

  it('maps a physical keyboard onto the keypad', () => {
    expect(keyAction('7')).toBe('7');
    expect(keyAction('Backspace')).toBe('delete');
    expect(keyAction('Delete')).toBe('delete');
    expect(keyAction('Enter')).toBe('submit');
    expect(keyAction('a')).toBeUndefined();
    expect(keyAction('F5')).toBeUndefined();
  });

  it('keeps a typed name to what a login name may hold', () => {
    expect(cleanName('  Carla.Coordinator ')).toBe('Carla.Coordinator');
    expect(cleanName('an peeters!')).toBe('anpeeters');
    expect(cleanName('x'.repeat(50))).toHaveLength(40);
    expect(NAME_KEYS.every((key) => cleanName(key) === key)).toBe(true);
  });

  it("says each of the hub's refusals plainly", () => {
    expect(unlockProblem('wrong-credentials')).toEqual({ key: 'staff.keypad.wrong' });
    expect(unlockProblem('locked', 1_000)).toEqual({ key: 'staff.keypad.locked', until: 1_000 });
    expect(unlockProblem('locked')).toEqual({ key: 'staff.keypad.lockedPlain' });
    expect(unlockProblem('rate-limited')).toEqual({ key: 'staff.keypad.rateLimited' });
    expect(unlockProblem('unreachable')).toEqual({ key: 'staff.keypad.unreachable' });
    expect(unlockProblem('forbidden')).toEqual({ key: 'staff.keypad.failed' });
  });
});
