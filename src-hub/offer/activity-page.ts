// One activity as a small server-rendered page (/activity/:id) for people, search engines and
// UiT-style aggregators: plain HTML in the site's default language, with the activity as schema.org
// JSON-LD — an Event for a single session, an EventSeries with its sessions as subEvents otherwise.
// The JSON-LD is a data block (type application/ld+json), which the hub's CSP does not treat as a
// script; no script runs and no inline style is used. Everything from the config or a feed is
// escaped: text for HTML, and `<` inside the JSON so "</script>" can never close the block.
import { formatDay, formatTime } from '../../src-renderer/core/timing';
import type { Activity, Locale, Mentor, OccurrenceStatus } from '../../src-renderer/core/model';
import { followUpActivityUrl } from '../../src-renderer/core/path-code';
import { pageText, type PageTextKey } from './page-text';
import { offerSessions, sessionSpace, type Offer, type OfferActivity, type OfferSession } from './offer';
import { activityPath, place, priceOffer, textIn, zoned } from './openactive';

/** Sessions listed on the page (and as subEvents): from today this far ahead, at most this many. */
const PAGE_DAYS = 180;
const PAGE_SESSIONS = 50;
const DAY_MS = 86_400_000;

const EVENT_STATUS: Record<OccurrenceStatus | 'scheduled', string> = {
  scheduled: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
  postponed: 'https://schema.org/EventPostponed',
  unavailable: 'https://schema.org/EventCancelled',
};

/** The page, or undefined for an id the site does not have. */
export function activityPage(offer: Offer, id: string, now: number, base: string): string | undefined {
  const activity = offer.activities.get(id);
  if (!activity) return undefined;
  const { site } = offer.config;
  const locale = site.defaultLocale;
  const text = textIn(site);
  const sessions = offerSessions(offer, now - DAY_MS, now + PAGE_DAYS * DAY_MS, (candidate) => candidate.id === id)
    .filter((session) => session.end > now)
    .slice(0, PAGE_SESSIONS);
  const title = text(activity.title) || activity.id;
  const siteName = text(site.name) || site.id;
  const organiser = offer.organisations.get(activity.organiser);
  const where = placeName(offer, activity, sessions[0]);
  const followUp = followUpLink(site.followUpBaseUrl, activity.id);
  const t = (key: PageTextKey, params?: Record<string, string | number>) => pageText(locale, key, params);

  const rows: [string, string][] = [];
  rows.push([t('when'), sessions.length === 0 ? escapeHtml(t('noSessions')) : `<ul>${sessions.map((session) => `<li>${sessionLine(session, site.timeZone, locale, t)}</li>`).join('')}</ul>`]);
  if (where) rows.push([t('where'), escapeHtml(where)]);
  rows.push([t('organiser'), escapeHtml(organiser?.name ?? activity.organiser)]);
  rows.push([t('price'), escapeHtml(priceText(activity, locale, t))]);
  rows.push([t('ages'), escapeHtml(activity.ages.max === undefined ? t('agesFrom', { min: activity.ages.min }) : t('agesRange', { min: activity.ages.min, max: activity.ages.max }))]);
  rows.push(...learningRows(offer, activity, t));

  const links: string[] = [];
  if (activity.origin?.url) links.push(`<a href="${escapeHtml(activity.origin.url)}">${escapeHtml(t('source', { name: activity.origin.name }))}</a>`);
  if (followUp) links.push(`<a href="${escapeHtml(followUp)}">${escapeHtml(t('followUp'))}</a>`);
  links.push(`<a href="/feeds/site.ics">${escapeHtml(t('subscribe', { site: siteName }))}</a>`);

  // A feed item is someone else's offer: the page shows it, but only its source speaks for it to machines.
  const ld = activity.source === 'feed' ? '' : `<script type="application/ld+json">${jsonForScript(activityJsonLd(offer, activity, sessions, base))}</script>`;
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${title} — ${siteName}`)}</title>`,
    ...(activity.origin?.url ? [`<link rel="canonical" href="${escapeHtml(activity.origin.url)}">`] : []),
    '<link rel="alternate" type="text/calendar" href="/feeds/site.ics">',
    ld,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(siteName)}</p>`,
    ...(text(activity.summary) ? [`<p>${escapeHtml(text(activity.summary))}</p>`] : []),
    ...(text(activity.description) ? [`<p>${escapeHtml(text(activity.description))}</p>`] : []),
    `<dl>${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join('')}</dl>`,
    `<ul>${links.map((link) => `<li>${link}</li>`).join('')}</ul>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** schema.org Event (one session or none) or EventSeries (several), in the site's default language. */
export function activityJsonLd(offer: Offer, activity: OfferActivity, sessions: readonly OfferSession[], base: string): Record<string, unknown> {
  const { site } = offer.config;
  const text = textIn(site);
  const organiser = offer.organisations.get(activity.organiser);
  const url = base + activityPath(activity.id);
  const common = {
    name: { '@value': text(activity.title) || activity.id, '@language': site.defaultLocale },
    ...(text(activity.description) || text(activity.summary) ? { description: { '@value': text(activity.description) || text(activity.summary), '@language': site.defaultLocale } } : {}),
    location: place(offer, sessions[0] ? sessionSpace(offer, sessions[0]) : activity.space === undefined ? undefined : offer.spaces.get(activity.space), activity),
    organizer: { '@type': 'Organization', name: organiser?.name ?? activity.organiser, ...(organiser?.url ? { url: organiser.url } : {}) },
    offers: { ...priceOffer(activity), url },
    typicalAgeRange: activity.ages.max === undefined ? `${activity.ages.min}-` : `${activity.ages.min}-${activity.ages.max}`,
    inLanguage: activity.languages.length > 0 ? [...activity.languages] : site.defaultLocale,
    url,
  };
  const event = (session: OfferSession) => ({
    startDate: zoned(session.start, site.timeZone),
    endDate: zoned(session.end, site.timeZone),
    eventStatus: EVENT_STATUS[session.status ?? 'scheduled'],
  });
  const [only] = sessions;
  if (sessions.length <= 1) return { '@context': 'https://schema.org', '@type': 'Event', '@id': url, ...common, ...(only ? event(only) : {}) };
  return {
    '@context': 'https://schema.org',
    '@type': 'EventSeries',
    '@id': url,
    ...common,
    subEvent: sessions.map((session) => ({ '@type': 'Event', '@id': `${url}#${new Date(session.start).toISOString()}`, name: common.name, ...event(session) })),
  };
}

/** One thing the learning ecosystem says about an activity: a term, its plain text, and a public contact. */
export interface LearningFact {
  term: string;
  text: string;
  contact?: Mentor['contact'];
}

/**
 * What the learning ecosystem says about an activity (issue 12): the badges it leads to, the playlists
 * it is a step of, and whom to ask — a mentor's first name, what they help with and where to find them;
 * a contact only where the organisation made it public. Plain text, for the page and the iCal feeds.
 */
export function learningFacts(offer: Offer, activity: Activity, t: (key: PageTextKey, params?: Record<string, string | number>) => string): LearningFact[] {
  const { config } = offer;
  const text = textIn(config.site);
  const facts: LearningFact[] = [];
  const achievements = activity.badges.flatMap((id) => config.achievements.filter((achievement) => achievement.id === id));
  for (const achievement of achievements) facts.push({ term: t('badge'), text: t('badgeLine', { name: text(achievement.name), criteria: text(achievement.criteria) }) });
  const playlists = config.playlists.filter((playlist) => playlist.steps.some((step) => 'activity' in step && step.activity === activity.id));
  for (const playlist of playlists) {
    const n = playlist.steps.findIndex((step) => 'activity' in step && step.activity === activity.id) + 1;
    facts.push({ term: t('playlist'), text: t('playlistStep', { n, n2: playlist.steps.length, title: text(playlist.title) }) });
  }
  const mentorIds = new Set(playlists.flatMap((playlist) => (playlist.mentor === undefined ? [] : [playlist.mentor])));
  for (const mentor of config.mentors.filter((candidate) => mentorIds.has(candidate.id))) {
    const organisation = offer.organisations.get(mentor.organisation)?.name ?? mentor.organisation;
    const line = t('mentorLine', { name: mentor.firstName, organisation, helpsWith: text(mentor.helpsWith), findThem: text(mentor.findThem) });
    facts.push({ term: t('askMentor'), text: line, ...(mentor.contact?.public ? { contact: mentor.contact } : {}) });
  }
  return facts;
}

/** The facts as rows of the page's definition list: HTML, every text escaped. */
export function learningRows(offer: Offer, activity: Activity, t: (key: PageTextKey, params?: Record<string, string | number>) => string): [string, string][] {
  return learningFacts(offer, activity, t).map((fact) => [fact.term, fact.contact ? `${escapeHtml(fact.text)} ${contactHtml(fact.contact)}` : escapeHtml(fact.text)]);
}

function contactHtml(contact: NonNullable<Mentor['contact']>): string {
  const value = escapeHtml(contact.value);
  if (contact.kind === 'email') return `<a href="mailto:${value}">${value}</a>`;
  if (contact.kind === 'phone') return `<a href="tel:${escapeHtml(contact.value.replace(/[^+\d]/g, ''))}">${value}</a>`;
  if (contact.kind === 'url' && /^https?:\/\//i.test(contact.value)) return `<a href="${value}">${value}</a>`;
  return value;
}

function sessionLine(session: OfferSession, timeZone: string, locale: Locale, t: (key: PageTextKey) => string): string {
  const label = `${formatDay(session.start, timeZone, locale)} ${formatTime(session.start, timeZone, locale)}–${formatTime(session.end, timeZone, locale)}`;
  const status = session.status ? t(session.status) : session.full ? t('full') : '';
  const time = `<time datetime="${escapeHtml(zoned(session.start, timeZone))}">${escapeHtml(label)}</time>`;
  return status ? `${time} (${escapeHtml(status)})` : time;
}

function placeName(offer: Offer, activity: Activity, session: OfferSession | undefined): string | undefined {
  const space = session ? sessionSpace(offer, session) : activity.space === undefined ? undefined : offer.spaces.get(activity.space);
  const found = place(offer, space, activity);
  if (!found) return undefined;
  const address = (found['address'] as { streetAddress?: string } | undefined)?.streetAddress;
  return [found['name'], address].filter(Boolean).join(', ');
}

function priceText(activity: Activity, locale: Locale, t: (key: PageTextKey) => string): string {
  if (activity.price.kind === 'free') return t('free');
  if (activity.price.kind === 'pay-what-you-can') return t('payWhatYouCan');
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(activity.price.amount ?? 0);
}

function followUpLink(base: string, id: string): string | undefined {
  try {
    return followUpActivityUrl(base, id);
  } catch {
    return undefined;
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** JSON safe inside a <script> block: no "<" (so no "</script>" and no "<!--"), no line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
