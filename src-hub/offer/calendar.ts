// The subscribable iCal feeds: the whole site, one space, one organisation or one level, from 30
// days back to 180 days ahead, written by the staff export (core/ical-export.ts, core/ics.ts): site
// wall-clock times with the zone's VTIMEZONE, a stable UID per session, cancelled sessions kept and
// marked, and each event linking to its activity page on the hub. Visitors' bookings are never in it.
import { LEVEL_IDS, type LevelId } from '../../src-renderer/core/model';
import { calendarEvents } from '../../src-renderer/core/ical-export';
import { icsCalendar } from '../../src-renderer/core/ics';
import { offerSessions, sessionSpace, type Offer, type OfferActivity } from './offer';
import { activityPath, textIn } from './openactive';
import { learningFacts } from './activity-page';
import { pageText, type PageTextKey } from './page-text';

export const CALENDAR_PAST_DAYS = 30;
export const CALENDAR_DAYS = 180;
const DAY_MS = 86_400_000;

export type CalendarScope = { kind: 'site' } | { kind: 'space' | 'organisation' | 'level'; id: string };

export type CalendarResult = { ok: true; ics: string } | { ok: false; message: string };

/** The feed's text, or why there is none (an id the site does not have). */
export function offerCalendar(offer: Offer, scope: CalendarScope, now: number, base: string): CalendarResult {
  const { site } = offer.config;
  const text = textIn(site);
  const siteName = text(site.name) || site.id;
  let name = siteName;
  let include: (activity: OfferActivity, spaceId: string | undefined) => boolean = () => true;
  if (scope.kind === 'space') {
    const space = offer.spaces.get(scope.id);
    if (!space) return { ok: false, message: `This site has no space "${scope.id}".` };
    name = `${siteName} — ${text(space.name) || space.id}`;
    include = (_activity, spaceId) => spaceId === space.id;
  } else if (scope.kind === 'organisation') {
    const organisation = offer.organisations.get(scope.id);
    if (!organisation) return { ok: false, message: `This site has no organisation "${scope.id}".` };
    name = `${siteName} — ${organisation.name}`;
    include = (activity) => activity.organiser === organisation.id;
  } else if (scope.kind === 'level') {
    if (!(LEVEL_IDS as readonly string[]).includes(scope.id)) return { ok: false, message: `There is no level "${scope.id}"; the levels are ${LEVEL_IDS.join(', ')}.` };
    const level = scope.id as LevelId;
    name = `${siteName} — ${text(offer.config.levels[level].name)}`;
    include = (activity) => activity.level === level;
  }
  const from = now - CALENDAR_PAST_DAYS * DAY_MS;
  const to = now + CALENDAR_DAYS * DAY_MS;
  const occurrences = offerSessions(offer, from, to).filter((session) => {
    const activity = offer.activities.get(session.activityId);
    return activity !== undefined && include(activity, sessionSpace(offer, session)?.id);
  });
  const events = calendarEvents({
    site,
    locale: site.defaultLocale,
    spaces: [...offer.spaces.values()],
    activities: [...offer.activities.values()],
    organisations: [...offer.organisations.values()],
    occurrences,
    bookings: [],
    from,
    to,
    now,
    activityUrl: (id) => base + activityPath(id),
    notes: (id) => {
      const activity = offer.activities.get(id);
      const t = (key: PageTextKey, params?: Record<string, string | number>) => pageText(site.defaultLocale, key, params);
      return activity ? learningFacts(offer, activity, t).map((fact) => `${fact.term}: ${fact.text}${fact.contact ? ` ${fact.contact.value}` : ''}`) : [];
    },
  });
  return { ok: true, ics: icsCalendar({ name, timeZone: site.timeZone, events, now }) };
}
