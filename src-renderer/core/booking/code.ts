// Booking codes and ids from random bytes. The caller supplies the bytes (crypto.getRandomValues in
// the db layer), so this stays pure and testable with fixed bytes.
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from '../path-code';

/** The number of random bytes `bookingCodeFromBytes` needs. */
export const BOOKING_CODE_BYTES = BOOKING_CODE_LENGTH;

/**
 * A booking code from random bytes: each byte's low five bits pick one of the 32 symbols. 256 is a
 * multiple of 32, so every symbol is equally likely.
 */
export function bookingCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < BOOKING_CODE_LENGTH) throw new RangeError(`a booking code needs ${BOOKING_CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++) code += BOOKING_CODE_ALPHABET.charAt((bytes[i] ?? 0) & 31);
  return code;
}

/** A record id: a prefix and 128 random bits in hex, e.g. "bk-3f9a…". */
export function idFromBytes(prefix: string, bytes: Uint8Array): string {
  return `${prefix}-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
