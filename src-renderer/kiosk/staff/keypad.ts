// The PIN keypad's entry and its countdown text, kept pure so they are tested without a screen.
// The entry lives only in the keypad's memory: it is never logged, stored or shown as digits.

/** The longest PIN `isValidPin` accepts; more digits are ignored rather than silently truncated later. */
export const MAX_PIN_LENGTH = 12;

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

/** Milliseconds left as "M:SS", rounded up so the countdown never shows 0:00 while still locked. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
