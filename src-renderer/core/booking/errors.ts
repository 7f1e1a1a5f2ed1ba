// The refusals a booking authority gives. The hub throws them; the hub client rebuilds them from the
// hub's JSON answers, so a screen catches the same class whichever side said no.
import type { SeriesConflict } from './series';
import type { Violation } from './rules';
import type { Slot } from './slots';

/** A booking the rules refuse; `nearest` holds free slots close to the wanted time ("just taken — try these"). */
export class BookingRefused extends Error {
  override readonly name = 'BookingRefused';
  constructor(
    readonly violations: Violation[],
    readonly nearest: Slot[] = [],
  ) {
    super(violations.map((violation) => violation.message).join(' '));
  }
}

/** No booking matches: an unknown or mistyped code, an id that is gone, or one that has ended. */
export class BookingNotFound extends Error {
  override readonly name = 'BookingNotFound';
}

/** The series cannot be written as planned: `conflicts` lists every occurrence staff must resolve. */
export class SeriesRefused extends Error {
  override readonly name = 'SeriesRefused';
  constructor(
    readonly conflicts: SeriesConflict[],
    message = `${conflicts.length} session(s) of the series collide or break a rule; resolve them or skip them.`,
  ) {
    super(message);
  }
}

/** An id the import would write already belongs to a config or staff row: nothing is written. */
export class ImportRefused extends Error {
  override readonly name = 'ImportRefused';
}
