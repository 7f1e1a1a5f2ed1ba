import { describe, expect, it } from 'vitest';
import { deleteDigit, formatCountdown, keyAction, KEYPAD_DIGITS, MAX_PIN_LENGTH, pressDigit } from '../../../src-renderer/kiosk/staff/keypad';

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

  it('counts down as M:SS, rounding up so it never reads 0:00 while still locked', () => {
    expect(formatCountdown(30_000)).toBe('0:30');
    expect(formatCountdown(29_001)).toBe('0:30');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(15 * 60_000)).toBe('15:00');
    expect(formatCountdown(61_000)).toBe('1:01');
  });
});
