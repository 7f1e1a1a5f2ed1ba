// Feeds out (issue 13): the site's programme for anyone — subscribable iCal feeds, the OpenActive
// RPDE feeds, and a JSON-LD page per activity. All public GET routes computed from the published
// offer (the config plus the store), answered with an ETag and a few minutes of Cache-Control, and
// a 304 when the client holds the same text. Addresses in the answers are absolute against the
// address the client used (behind a TLS proxy that says X-Forwarded-Proto: https, https).
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { loadMessages } from '../../src-renderer/core/i18n';
import type { HubRouteName } from '../../src-renderer/core/hub/routes';
import type { HubService } from '../service';
import { activityPage } from '../offer/activity-page';
import { offerCalendar, type CalendarScope } from '../offer/calendar';
import type { Offer } from '../offer/offer';
import { absolutize, OPENACTIVE_FEEDS, OPENACTIVE_LICENSE, type OpenActiveFeed } from '../offer/openactive';
import { badRequest } from './errors';

/** Calendars and pages may be this old in a cache; a feed reader's last page a little less. */
const CACHE = 'public, max-age=300';
const LAST_PAGE_CACHE = 'public, max-age=60';
export const RPDE_PAGE_SIZE = 500;
/** Texts kept per offer version (calendars and pages for the ids asked for). */
const MAX_CACHED = 200;
const ID_MAX = 200;
const AFTER_TIMESTAMP = /^-?\d{1,16}$/;

export const FEEDS_OUT_ROUTES = ['siteCalendar', 'spaceCalendar', 'organisationCalendar', 'levelCalendar', 'openActive', 'activityPage'] as const satisfies readonly HubRouteName[];
export type FeedsOutRoute = (typeof FEEDS_OUT_ROUTES)[number];

export function createFeedsOut(service: () => HubService, now: () => number): Record<FeedsOutRoute, (c: Context) => Promise<Response>> {
  let texts: { version: string; byKey: Map<string, unknown> } = { version: '', byKey: new Map() };

  /** One answer per offer version, address and key: a calendar's DTSTAMP stays put while nothing changed. */
  const cached = <T>(offer: Offer, key: string, make: () => T): T => {
    if (texts.version !== offer.version) texts = { version: offer.version, byKey: new Map() };
    if (texts.byKey.has(key)) return texts.byKey.get(key) as T;
    const made = make();
    if (texts.byKey.size >= MAX_CACHED) texts.byKey.clear();
    texts.byKey.set(key, made);
    return made;
  };

  const offerWithMessages = async (): Promise<Offer> => {
    const offer = await service().offer();
    await loadMessages(offer.config.site.defaultLocale);
    return offer;
  };

  const calendar =
    (kind: CalendarScope['kind']) =>
    async (c: Context): Promise<Response> => {
      let scope: CalendarScope = { kind: 'site' };
      if (kind !== 'site') {
        const file = c.req.param('file') ?? '';
        if (!file.endsWith('.ics') || file.length > ID_MAX) return notFound(`Calendars are at /feeds/${kind === 'space' ? 'spaces' : `${kind}s`}/<id>.ics.`);
        scope = { kind, id: file.slice(0, -'.ics'.length) };
      }
      const offer = await offerWithMessages();
      const base = baseUrl(c);
      const result = cached(offer, `ics\n${base}\n${JSON.stringify(scope)}`, () => offerCalendar(offer, scope, now(), base));
      if (!result.ok) return notFound(result.message);
      return cacheable(c, result.ics, 'text/calendar; charset=utf-8', CACHE);
    };

  return {
    siteCalendar: calendar('site'),
    spaceCalendar: calendar('space'),
    organisationCalendar: calendar('organisation'),
    levelCalendar: calendar('level'),

    activityPage: async (c) => {
      const id = c.req.param('id') ?? '';
      if (id.length > ID_MAX) throw badRequest(`The id in the address is longer than ${ID_MAX} characters.`);
      const offer = await offerWithMessages();
      const base = baseUrl(c);
      const html = cached(offer, `page\n${base}\n${id}`, () => activityPage(offer, id, now(), base));
      if (html === undefined) return notFound(`This site has no activity "${id}".`);
      return cacheable(c, html, 'text/html; charset=utf-8', CACHE);
    },

    openActive: async (c) => {
      const feed = c.req.param('feed') ?? '';
      if (!Object.hasOwn(OPENACTIVE_FEEDS, feed)) return notFound(`There is no OpenActive feed "${feed.slice(0, 100)}"; the feeds are ${Object.keys(OPENACTIVE_FEEDS).join(', ')}.`);
      const kind = OPENACTIVE_FEEDS[feed as OpenActiveFeed];
      const query = new URL(c.req.url).searchParams;
      const after = parseAfter(query.get('afterTimestamp'), query.get('afterId'));
      const entries = await service().openActivePage(feed as OpenActiveFeed, after, RPDE_PAGE_SIZE);
      const base = baseUrl(c);
      const items = entries.map((entry) =>
        entry.data === undefined
          ? { state: 'deleted', kind, id: entry.id, modified: entry.modified }
          : { state: 'updated', kind, id: entry.id, modified: entry.modified, data: absolutize(entry.data, base) },
      );
      const last = entries.at(-1);
      const position = last ?? (after && { modified: after.modified, id: after.id });
      // The last page points at itself: a reader asks it again later and gets what changed.
      const next = `${base}/openactive/${feed}${position ? `?afterTimestamp=${position.modified}&afterId=${encodeURIComponent(position.id)}` : ''}`;
      return cacheable(c, JSON.stringify({ next, items, license: OPENACTIVE_LICENSE }), 'application/json; charset=utf-8', items.length === 0 ? LAST_PAGE_CACHE : CACHE);
    },
  };
}

/** RPDE's two parameters, both or neither. */
function parseAfter(timestamp: string | null, id: string | null): { modified: number; id: string } | undefined {
  if (timestamp === null && id === null) return undefined;
  if (timestamp === null || id === null) throw badRequest('Give afterTimestamp and afterId together (as the feed\u2019s "next" link does), or neither for the first page.');
  if (!AFTER_TIMESTAMP.test(timestamp)) throw badRequest('afterTimestamp must be a whole number (the "modified" of the last item read).');
  if (id.length > 300) throw badRequest('afterId is longer than 300 characters.');
  return { modified: Number(timestamp), id };
}

/** The hub's public address as the client reached it (https behind a TLS proxy that says so). */
export function baseUrl(c: Context): string {
  const url = new URL(c.req.url);
  const https = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  return `${https ? 'https:' : url.protocol}//${url.host}`;
}

function cacheable(c: Context, body: string, type: string, cacheControl: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const headers = { 'Content-Type': type, 'Cache-Control': cacheControl, ETag: etag };
  const held = c.req.header('if-none-match');
  if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}

function notFound(message: string): Response {
  return new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
