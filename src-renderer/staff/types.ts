import type { BookingRow, OccurrenceRow } from '../db/database';

/** What the timeline's details dialog shows: a booking (editable) or a fixed session (read-only). */
export type DetailsTarget = { kind: 'booking'; booking: BookingRow } | { kind: 'session'; occurrence: OccurrenceRow };
