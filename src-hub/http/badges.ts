// The public badge routes (issue 12): the issuer document and status lists every verifier reads,
// the achievements credentials point at, and the account-free claim a phone makes with a host's claim
// QR. Reads may be cached a little and fetched from any origin (a verifier on another site, a kiosk
// at app://); a claim is rate-limited per client and needs a proof of the phone's key.
import type { Context } from 'hono';
import { BadgeFormatError, verifyClaimProof } from '../../src-renderer/core/badges';
import type { ClaimBadgeRequest, HubRouteName } from '../../src-renderer/core/hub/contract';
import type { Locale } from '../../src-renderer/core/model';
import { BadgeRefused } from '../badges/refusal';
import type { HubService } from '../service';
import { badRequest, HttpRefusal } from './errors';
import { baseUrl } from './feeds-out';
import { resolveSiteAsset } from '../site/read';
import { REVALIDATE, serveFile } from './static';
import type { RateLimit } from './limits';

export const BADGE_PUBLIC_ROUTES = ['badgeIssuer', 'badgeStatusList', 'badgeAchievement', 'badgeClaimInfo', 'claimBadge'] as const satisfies readonly HubRouteName[];
export type BadgePublicRoute = (typeof BADGE_PUBLIC_ROUTES)[number];

/** Revocation shows within a minute; the issuer's keys and achievements change rarely. */
const STATUS_CACHE = 'public, max-age=60';
const PUBLIC_CACHE = 'public, max-age=300';
const LIST_NUMBER = /^[1-9]\d{0,5}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

export interface BadgeRouteOptions {
  service: () => HubService;
  now: () => number;
  claimRate: RateLimit;
  clientAddress: (c: Context) => string;
  siteDir: () => string;
  /** The claim body, validated with ClaimBadgeSchema. */
  parseClaim: (c: Context) => Promise<ClaimBadgeRequest>;
}

export function createBadgeRoutes(options: BadgeRouteOptions): Record<BadgePublicRoute, (c: Context) => Promise<Response>> {
  const { service, now } = options;
  return {
    badgeIssuer: async () => publicJson(await service().badges.issuer(), PUBLIC_CACHE),

    badgeStatusList: async (c) => {
      const list = c.req.param('list') ?? '';
      if (!LIST_NUMBER.test(list)) return notFound('Status lists are at /badges/status/1, /badges/status/2, …');
      const jws = await service().badges.statusList(Number(list), baseUrl(c));
      if (jws === undefined) return notFound(`There is no status list ${list} (yet).`);
      return new Response(jws, { headers: { 'Content-Type': 'application/vc+jwt', 'Cache-Control': STATUS_CACHE, 'Access-Control-Allow-Origin': '*' } });
    },

    badgeAchievement: async (c) => {
      const id = c.req.param('id') ?? '';
      if (id.length > 200) throw badRequest('The id in the address is longer than 200 characters.');
      const badges = service().badges;
      // "<id>.svg" or "<id>.png": the achievement's image (ids are slugs, without dots).
      const image = /^(.+)\.(svg|png)$/i.exec(id);
      if (image) {
        const file = badges.achievementImage(image[1]!);
        const dir = options.siteDir();
        const path = file && file.toLowerCase().endsWith(`.${image[2]!.toLowerCase()}`) ? resolveSiteAsset(dir, encodeURIComponent(file)) : null;
        const served = path && (await serveFile(dir, path, REVALIDATE, c.req.header('if-none-match') ?? null));
        if (!served) return notFound(`This site has no image for badge "${image[1]!.slice(0, 100)}".`);
        served.headers.set('Access-Control-Allow-Origin', '*');
        return served;
      }
      const achievement = await badges.achievement(id, baseUrl(c), preferredLocale(c, badges.locales()));
      if (!achievement) return notFound(`This site awards no badge "${id.slice(0, 100)}".`);
      return publicJson(achievement, PUBLIC_CACHE, 'application/ld+json; charset=utf-8');
    },

    badgeClaimInfo: async (c) => {
      const token = c.req.param('token') ?? '';
      const info = TOKEN.test(token) ? await service().badges.claimInfo(token) : undefined;
      if (!info) return notFound('This claim code is not known here. Scan the QR the host shows again.', 'json');
      return new Response(JSON.stringify(info), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
    },

    claimBadge: async (c) => {
      if (!options.claimRate.take(options.clientAddress(c))) {
        throw new HttpRefusal(429, { error: 'rate-limited', message: 'Too many badge claims from here at once; wait a few seconds and try again.' }, { 'Retry-After': '5' });
      }
      const body = await options.parseClaim(c);
      const badges = service().badges;
      let holder: string;
      try {
        holder = await verifyClaimProof(body.proof, body.token, now());
      } catch (error) {
        if (error instanceof BadgeFormatError) throw new BadgeRefused(400, 'proof', `The phone's proof of its key was refused: ${error.message}`);
        throw error;
      }
      const answer = await badges.claim(body.token, holder, baseUrl(c), preferredLocale(c, badges.locales()));
      return new Response(JSON.stringify(answer), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
    },
  };
}

/** The first language of Accept-Language the site speaks, if any. */
function preferredLocale(c: Context, locales: readonly Locale[]): Locale | undefined {
  const header = c.req.header('accept-language') ?? '';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    const found = locales.find((locale) => locale === tag);
    if (found) return found;
  }
  return undefined;
}

function publicJson(body: unknown, cacheControl: string, type = 'application/json; charset=utf-8'): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': type, 'Cache-Control': cacheControl, 'Access-Control-Allow-Origin': '*' } });
}

function notFound(message: string, kind: 'text' | 'json' = 'text'): Response {
  if (kind === 'json') return new Response(JSON.stringify({ error: 'not-found', message }), { status: 404, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
  return new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
