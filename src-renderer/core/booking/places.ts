// Taking part in an activity (issue 11): whether a visitor reserves a place at the kiosk, or registers
// elsewhere, and how many places a session has left. Pure: the activity sheet draws these, the hub
// decides (src-hub/db/places.ts) with the same rule for which activities take places.
import type { Activity, Occurrence, Organisation } from '../model';

/** An activity as the kiosk lists it: config rows carry no source, stored ones say where they came from. */
type Listed = Pick<Activity, 'capacity' | 'registration' | 'registrationUrl' | 'origin'> & { source?: string };

/**
 * Places are reserved at the kiosk for the site's own (config) activities with places per session.
 * An activity a feed or an import brought in is booked where it came from.
 */
export function takesPlaces(activity: Listed): boolean {
  return activity.capacity !== undefined && activity.capacity >= 1 && activity.origin === undefined && (activity.source ?? 'config') === 'config';
}

/** Registration needed, and not at this kiosk: the sheet shows how (organiser contact, registration QR). */
export function registersElsewhere(activity: Listed): boolean {
  if (takesPlaces(activity)) return false;
  return activity.registration === 'required' || activity.registrationUrl !== undefined;
}

export type SessionPlaces =
  | { kind: 'open'; left: number }
  | { kind: 'full' }
  /** Started, over, or called off: nothing to reserve. */
  | { kind: 'closed' };

/** What a session offers: places left, full, or closed (started or called off by its source). */
export function sessionPlaces(capacity: number, taken: number, session: Pick<Occurrence, 'start' | 'status'>, now: number): SessionPlaces {
  if (session.start <= now || (session.status !== undefined && session.status !== 'postponed')) return { kind: 'closed' };
  const left = Math.max(0, capacity - taken);
  return left === 0 ? { kind: 'full' } : { kind: 'open', left };
}

/**
 * The organiser's contact a visitor may see: only when the organisation made it public
 * (`contact.public`), as a mentor's contact (issue 12's privacy rule). The website is public anyway.
 */
export function publicContact(organisation: Pick<Organisation, 'contact' | 'url'> | undefined): { name?: string; email?: string; phone?: string; url?: string } | undefined {
  if (!organisation) return undefined;
  const contact = organisation.contact?.public === true ? organisation.contact : undefined;
  const shown = {
    ...(contact?.name ? { name: contact.name } : {}),
    ...(contact?.email ? { email: contact.email } : {}),
    ...(contact?.phone ? { phone: contact.phone } : {}),
    ...(organisation.url ? { url: organisation.url } : {}),
  };
  return Object.keys(shown).length > 0 ? shown : undefined;
}
