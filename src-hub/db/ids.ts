// Random record ids and booking codes, from the same pure builders the kiosk used, so ids and codes
// look the same whichever side made them.
import { randomBytes } from 'node:crypto';
import { bookingCodeFromBytes, BOOKING_CODE_BYTES, idFromBytes } from '../../src-renderer/core/booking/code';

/** A record id: the prefix and 128 random bits, e.g. "bk-3f9a…". */
export function newId(prefix: string): string {
  return idFromBytes(prefix, randomBytes(16));
}

export function randomBookingCode(): string {
  return bookingCodeFromBytes(randomBytes(BOOKING_CODE_BYTES));
}
