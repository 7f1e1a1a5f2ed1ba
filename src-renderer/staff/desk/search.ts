// Search across bookings by code, person (the visitor's nickname) or organisation, in the store's
// copy. Pure: case and accents do not matter, and a code matches with or without its dash.
import type { BookingRow } from '../../core/rows';

export type MatchField = 'code' | 'person' | 'organisation';

export interface BookingMatch {
  booking: BookingRow;
  /** Why it matched, the strongest reason first. */
  field: MatchField;
}

/** Lower case, no accents, no spaces or dashes: "Coördinator-A" → "coordinatora". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/**
 * The bookings that match `query`, best first: an exact code, then codes, people and organisations
 * that contain it; within one rank the soonest first. Fewer than two characters match nothing.
 */
export function searchBookings(bookings: readonly BookingRow[], query: string, organisationName: (id: string) => string | undefined, limit = 100): BookingMatch[] {
  const needle = foldText(query);
  if (needle.length < 2) return [];
  const ranked: { match: BookingMatch; rank: number }[] = [];
  for (const booking of bookings) {
    const code = foldText(booking.code);
    let field: MatchField | undefined;
    let rank = 0;
    if (code === needle) [field, rank] = ['code', 0];
    else if (code.includes(needle)) [field, rank] = ['code', 1];
    else if (booking.holder.kind === 'visitor' && foldText(booking.holder.nickname).includes(needle)) [field, rank] = ['person', 2];
    else if (booking.holder.kind === 'organisation') {
      const name = organisationName(booking.holder.id) ?? booking.holder.id;
      if (foldText(name).includes(needle) || foldText(booking.holder.id).includes(needle)) [field, rank] = ['organisation', 3];
    }
    if (field) ranked.push({ match: { booking, field }, rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.match.booking.start - b.match.booking.start)
    .slice(0, limit)
    .map(({ match }) => match);
}
