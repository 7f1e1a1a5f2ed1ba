// Fair use at the kiosk: how many bookings one visitor may hold at once. The kiosk knows a visitor
// only by the nickname they type, so "one visitor" is one nickname, compared loosely (case, accents'
// composed form and spacing do not make a new visitor). Pure: the hub counts, this decides.
import type { Violation } from './rules';

/** The built-in limit when site.json says nothing (`booking.maxActivePerVisitor`). */
export const DEFAULT_MAX_ACTIVE_PER_VISITOR = 2;

/** The form of a nickname two bookings are compared by: "  sam  de  Vries" and "SAM DE VRIES" are one visitor. */
export function visitorKey(nickname: string): string {
  return nickname.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('und');
}

/** The refusal when `active` bookings under the nickname already reach the limit, else undefined. */
export function checkVisitorLimit(active: number, limit: number): Violation | undefined {
  if (active < limit) return undefined;
  return {
    rule: 'visitor-limit',
    message: `This name already holds ${active} upcoming booking${active === 1 ? '' : 's'}; a visitor may hold at most ${limit} at once.`,
  };
}
