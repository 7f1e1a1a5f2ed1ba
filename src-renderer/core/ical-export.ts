// The staff calendar export: a space's (or the whole site's) fixed sessions and confirmed bookings
// as one iCalendar file, written by core/ics.ts (site wall-clock times with TZID and an embedded
// VTIMEZONE). A visitor's booking leaves the kiosk as "Booked" and nothing more: no nickname, no
// purpose, no booking code (the code lets its holder cancel), so the file can hang on a door or
// sit in a shared calendar.
import { localized, translate } from './i18n';
import { icsCalendar, type IcsEvent } from './ics';
import type { Activity, Locale, LocalizedText, Occurrence, Organisation, Site, Space } from './model';
import { followUpActivityUrl } from './path-code';

/** The fields of a stored booking the export reads (db/database.ts BookingRow fits it). */
export interface ExportBooking {
  id: string;
  spaceId: string;
  start: number;
  end: number;
  holder: { kind: 'visitor'; nickname: string } | { kind: 'organisation'; id: string };
  purpose?: string;
  status: 'confirmed' | 'cancelled';
}

export interface CalendarExportInput {
  site: Pick<Site, 'id' | 'name' | 'timeZone' | 'followUpBaseUrl' | 'defaultLocale'>;
  /** The language of titles and labels (the staff member's). */
  locale: Locale;
  spaces: readonly Space[];
  activities: readonly Activity[];
  organisations: readonly Organisation[];
  /** Sessions overlapping the period (any order; duplicates by activity and start are dropped). */
  occurrences: readonly Occurrence[];
  bookings: readonly ExportBooking[];
  /** One space, or undefined for the whole site (every session, on site and off, and every booking). */
  spaceId?: string;
  from: number;
  to: number;
  /** DTSTAMP. */
  now: number;
  /** Each activity's page; default its entry on the follow-up page. */
  activityUrl?: (activityId: string) => string | undefined;
  /** More lines for an activity's description (the hub's feeds: its badge, playlist step and mentor). */
  notes?: (activityId: string) => readonly string[];
}

/** The events of the export, by start. */
export function calendarEvents(input: CalendarExportInput): IcsEvent[] {
  const { site, locale, spaceId } = input;
  const text = (value: LocalizedText | undefined): string => (value ? localized(value, locale, site.defaultLocale).text : '');
  const activities = new Map(input.activities.map((activity) => [activity.id, activity]));
  const spaces = new Map(input.spaces.map((space) => [space.id, space]));
  const organisations = new Map(input.organisations.map((organisation) => [organisation.id, organisation]));
  const domain = `${site.id}.wegwijzer`;
  const inPeriod = (item: { start: number; end: number }) => item.start < input.to && item.end > input.from;
  const locationOf = (space: Space | undefined, activity?: Activity): string | undefined => {
    if (space) return [text(space.name), text(site.name)].filter(Boolean).join(', ');
    const place = activity?.place ?? (activity ? organisations.get(activity.organiser)?.place : undefined);
    return place ? `${place.name}, ${place.address}` : undefined;
  };

  const events: IcsEvent[] = [];
  const seen = new Set<string>();
  for (const occurrence of input.occurrences) {
    const activity = activities.get(occurrence.activityId);
    const occurrenceSpace = occurrence.spaceId ?? activity?.space;
    if (!activity || !inPeriod(occurrence)) continue;
    if (spaceId !== undefined && occurrenceSpace !== spaceId) continue;
    const key = `${occurrence.activityId}@${occurrence.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const organiser = organisations.get(activity.organiser)?.name;
    const description = [text(activity.summary), organiser ? translate(locale, 'tools.export.organiser', { organisation: organiser }) : '', ...(input.notes?.(activity.id) ?? [])].filter(Boolean).join('\n\n');
    const location = locationOf(occurrenceSpace === undefined ? undefined : spaces.get(occurrenceSpace), activity);
    const url = input.activityUrl ? input.activityUrl(activity.id) : activityUrl(site.followUpBaseUrl, activity.id);
    events.push({
      uid: `${key}@${domain}`,
      start: occurrence.start,
      end: occurrence.end,
      summary: text(activity.title) || activity.id,
      ...(description ? { description } : {}),
      ...(location ? { location } : {}),
      ...(url ? { url } : {}),
      // A cancelled session stays in the file, marked, so a subscribed calendar updates it.
      ...(occurrence.status === 'cancelled' || occurrence.status === 'unavailable' ? { status: 'CANCELLED' as const, sequence: 1 } : {}),
      ...(occurrence.status === 'postponed' ? { status: 'TENTATIVE' as const, sequence: 1 } : {}),
    });
  }
  for (const booking of input.bookings) {
    if (booking.status !== 'confirmed' || !inPeriod(booking)) continue;
    if (spaceId !== undefined && booking.spaceId !== spaceId) continue;
    const location = locationOf(spaces.get(booking.spaceId));
    const event: IcsEvent = { uid: `booking-${booking.id}@${domain}`, start: booking.start, end: booking.end, summary: translate(locale, 'tools.export.booked'), ...(location ? { location } : {}) };
    if (booking.holder.kind === 'organisation') {
      // Staff and resident bookings are the site's own business: name the organisation and the purpose.
      const name = organisations.get(booking.holder.id)?.name ?? booking.holder.id;
      event.summary = translate(locale, 'tools.export.bookedBy', { organisation: name });
      if (booking.purpose) event.description = booking.purpose;
    }
    events.push(event);
  }
  return events.sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : 1));
}

/** The complete .ics file. */
export function exportCalendar(input: CalendarExportInput): string {
  const siteName = localized(input.site.name, input.locale, input.site.defaultLocale).text;
  const space = input.spaceId === undefined ? undefined : input.spaces.find((candidate) => candidate.id === input.spaceId);
  const name = space ? `${siteName} — ${localized(space.name, input.locale, input.site.defaultLocale).text}` : siteName;
  return icsCalendar({ name, timeZone: input.site.timeZone, events: calendarEvents(input), now: input.now });
}

/** "regina-mundi-site.ics", "regina-mundi-atelier.ics": plain names the publish folder accepts. */
export function calendarFileName(siteId: string, spaceId?: string): string {
  const safe = (id: string) => id.replace(/[^a-z0-9-]/gi, '-').replace(/^-+/, '').slice(0, 50) || 'x';
  return `${safe(siteId)}-${safe(spaceId ?? 'site')}.ics`;
}

function activityUrl(base: string, id: string): string | undefined {
  try {
    return followUpActivityUrl(base, id);
  } catch {
    // A site without a usable follow-up page still exports its calendar, just without links.
    return undefined;
  }
}
