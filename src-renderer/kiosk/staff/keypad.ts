// The staff keypad's entry (a name, then a PIN) and its messages, kept pure so they are tested
// without a screen. The PIN lives only in the keypad's memory: it is never logged, stored or shown as digits.
import type { MessageKey } from '../../core/i18n';

/** The longest PIN an account may have (the contract's PinSchema); more digits are ignored. */
export const MAX_PIN_LENGTH = 8;
export const MIN_PIN_LENGTH = 4;
/** The longest login name (the contract's AccountNameSchema). */
export const MAX_NAME_LENGTH = 40;
/** The on-screen keys for a login name: what AccountNameSchema allows, lower case (names compare without case). */
export const NAME_KEYS: readonly string[] = [...'abcdefghijklmnopqrstuvwxyz0123456789', '.', '-', '_'];

export const KEYPAD_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
export type KeypadDigit = (typeof KEYPAD_DIGITS)[number];

/** The entry after a digit is pressed; a full entry stays as it is. */
export function pressDigit(entry: string, digit: KeypadDigit): string {
  return entry.length >= MAX_PIN_LENGTH ? entry : entry + digit;
}

/** The entry after the delete key: one digit fewer. */
export function deleteDigit(entry: string): string {
  return entry.slice(0, -1);
}

/** A physical key as a keypad action, so an office PC's keyboard works like the touch keypad. */
export function keyAction(key: string): KeypadDigit | 'delete' | 'submit' | undefined {
  if ((KEYPAD_DIGITS as readonly string[]).includes(key)) return key as KeypadDigit;
  if (key === 'Backspace' || key === 'Delete') return 'delete';
  if (key === 'Enter') return 'submit';
  return undefined;
}

/** A login name as typed: trimmed, only the characters a name may have, at most MAX_NAME_LENGTH. */
export function cleanName(typed: string): string {
  return typed
    .trim()
    .replace(/[^A-Za-z0-9._-]/g, '')
    .slice(0, MAX_NAME_LENGTH);
}

/** Why the hub refused an unlock, as the keypad says it. */
export type UnlockProblem = { key: MessageKey; until?: number };

/**
 * The message for a refused unlock: the hub's error code (401 `wrong-credentials`, 429 `locked` with
 * its end, `rate-limited`), `unreachable` when it could not be asked, anything else a plain failure.
 */
export function unlockProblem(code: string, until?: number): UnlockProblem {
  switch (code) {
    case 'wrong-credentials':
      return { key: 'staff.keypad.wrong' };
    case 'locked':
      return until === undefined ? { key: 'staff.keypad.lockedPlain' } : { key: 'staff.keypad.locked', until };
    case 'rate-limited':
      return { key: 'staff.keypad.rateLimited' };
    case 'unreachable':
      return { key: 'staff.keypad.unreachable' };
    default:
      return { key: 'staff.keypad.failed' };
  }
}
