// What an organisation account may touch: only its own organisation's bookings and series, and only
// within the organisation's period on site (guests). The hub checks it before the write runs; who
// holds a booking or a series never changes after it is made, so the check cannot go stale.
import type { CreateBookingRequest, CreateSeriesRequest, HubRouteName, MoveBookingRequest } from '../../src-renderer/core/hub/contract';
import type { BookingHolder } from '../../src-renderer/core/rows';
import type { Sql } from '../db/sql';
import type { StaffAccount } from './accounts';
import { forbidden } from './refusal';

export interface ScopeLookups {
  sql: Sql;
  /** A config or staff organisation's name and period, or undefined. */
  organisation(id: string): Promise<{ name: string; period?: { from: string; until: string } } | undefined>;
  timeZone(): string;
}

/** Refuses (403) what an organisation account may not do; coordinators pass untouched. */
export async function checkScope(route: HubRouteName, body: unknown, id: string, account: StaffAccount, lookups: ScopeLookups): Promise<void> {
  if (account.role === 'coordinator') return;
  const own = account.organisationId;
  if (own === undefined) throw forbidden('This account represents no organisation.');
  const organisation = await lookups.organisation(own);
  const name = organisation?.name ?? own;
  const notOurs = (what: string) => forbidden(`${what} belongs to another organisation; your account may change only ${name}'s bookings and series.`);
  switch (route) {
    case 'createBooking': {
      const request = body as CreateBookingRequest;
      if (!isOwn(request.holder, own)) throw forbidden(`Book for ${name}: your account books only for its own organisation.`);
      checkPeriod(request.start, request.end, organisation?.period, name, lookups.timeZone());
      return;
    }
    case 'cancelBooking':
    case 'previewCancel': {
      const { code } = body as { code: string };
      const holder = await bookingHolder(lookups.sql, 'code', code.trim().toUpperCase());
      if (holder && !isOwn(holder, own)) throw notOurs('This booking');
      return;
    }
    case 'moveBooking': {
      const holder = await bookingHolder(lookups.sql, 'id', id);
      if (holder && !isOwn(holder, own)) throw notOurs('This booking');
      const request = body as MoveBookingRequest;
      checkPeriod(request.start, request.end, organisation?.period, name, lookups.timeZone());
      return;
    }
    case 'createSeries': {
      const request = body as CreateSeriesRequest;
      if (request.definition.organisationId !== own) throw forbidden(`Plan series for ${name}: your account plans only for its own organisation.`);
      return;
    }
    case 'changeSeries':
    case 'skipSeriesDate':
    case 'cancelSeries': {
      const { rows } = await lookups.sql.query<{ organisation_id: string }>('SELECT organisation_id FROM series WHERE id = $1', [id]);
      const owner = rows[0]?.organisation_id;
      if (owner !== undefined && owner !== own) throw notOurs('This series');
      return;
    }
    case 'recordAudit':
      return;
    // Badges: the badge service holds the account to its own organisation's activities (it knows
    // each activity's organiser, the config's included).
    case 'openBadgeClaim':
    case 'closeBadgeClaim':
    case 'revokeBadge':
      return;
    default:
      throw forbidden('Only coordinators may do this.');
  }
}

function isOwn(holder: BookingHolder, own: string): boolean {
  return holder.kind === 'organisation' && holder.id === own;
}

async function bookingHolder(sql: Sql, by: 'id' | 'code', value: string): Promise<BookingHolder | undefined> {
  const where = by === 'id' ? 'id = $1' : "code = $1 AND status = 'confirmed'";
  const { rows } = await sql.query<{ holder: BookingHolder }>(`SELECT row->'holder' AS holder FROM bookings WHERE ${where} LIMIT 1`, [value]);
  return rows[0]?.holder;
}

function checkPeriod(start: number, end: number, period: { from: string; until: string } | undefined, name: string, timeZone: string): void {
  if (!period) return;
  const day = (instant: number) => new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  if (day(start) < period.from || day(end - 1) > period.until) {
    throw forbidden(`${name} is on site from ${period.from} to ${period.until}; book within that period.`);
  }
}
