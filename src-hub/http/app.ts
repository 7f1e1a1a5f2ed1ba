// The hub's HTTP application: one hono app for both hosts — the Node server (src-hub/server.ts) and
// Electron's app:// protocol, which hands it a Request and takes back the Response (`app.fetch`).
// The API routes are registered from the contract's HUB_ROUTES, one handler per name (a name without
// a handler does not compile); then the site's files, the follow-up page and the kiosk itself.
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { bundleHash } from '../../src-renderer/core/bundle-hash';
import {
  CancelBookingSchema,
  PreviewCancelSchema,
  ClaimBadgeSchema,
  CloseBadgeClaimSchema,
  OpenBadgeClaimSchema,
  RemoveLearningItemSchema,
  RevokeBadgeSchema,
  RotateIssuerKeySchema,
  SaveLearningItemSchema,
  WithdrawIssuerKeySchema,
  CancelSeriesSchema,
  ChangeSeriesSchema,
  CreateBookingSchema,
  ReservePlaceSchema,
  CreateSeriesSchema,
  HUB_ROUTES,
  ImportOfferSchema,
  SaveFeedSchema,
  RemoveFeedSchema,
  RefreshFeedSchema,
  MAX_BODY_BYTES,
  MAX_FILE_BODY_BYTES,
  MoveBookingSchema,
  RecordAuditSchema,
  RestoreSchema,
  SaveOrganisationSchema,
  SkipSeriesDateSchema,
  ChangePasswordSchema,
  ClaimPairingSchema,
  DeviceStatusSchema,
  LobbyUnlockSchema,
  PollPairingSchema,
  RecordUsageSchema,
  SaveAccountSchema,
  ScreenActionSchema,
  SetupSchema,
  SignInSchema,
  UpdateScreenSchema,
  UsageQuerySchema,
  type CreateBookingRequest,
  type HubRouteName,
  type ScreenRow,
} from '../../src-renderer/core/hub/contract';
import { ROUTE_AUDIENCE } from '../../src-renderer/core/hub/access';
import type { StaffAccount } from '../auth/accounts';
import { forbidden, signedOut } from '../auth/refusal';
import { checkScope } from '../auth/scope';
import { usageCsv } from '../auth/usage';
import { actorOf, admit, checkCsrf, checkSameOrigin, clearSessionCookie, identify, readCredentials, screenOf, sessionCookie, type Principal } from './auth';
import type { HubLog } from '../log';
import type { HubService, ServedSite } from '../service';
import { readSiteBundle, resolveSiteAsset } from '../site/read';
import { readJsonBody } from './body';
import { answerChanges, parseChangesQuery } from './changes';
import { badRequest, errorAnswer, errorResponse, HttpRefusal, validationRefusal } from './errors';
import { BADGE_PUBLIC_ROUTES, createBadgeRoutes } from './badges';
import { createFeedsOut, FEEDS_OUT_ROUTES } from './feeds-out';
import { createCatalogueCache, type CatalogueSource } from './follow';
import { ConcurrencyLimit, RateLimit } from './limits';
import { receiveLogEntry } from './log-endpoint';
import { applySecurityHeaders, securityHeaders } from './security';
import { IMMUTABLE, resolveStaticPath, REVALIDATE, serveFile } from './static';
import type { TileService } from '../tiles/tiles';

export interface HubLimits {
  /** Long polls one client may hold open at once (a kiosk needs one; a PC with a few tabs a few more). */
  longPollsPerClient: number;
  longPollsTotal: number;
  /** Log entries a client may post in a burst, and on average per second after it. */
  logBurst: number;
  logPerSecond: number;
  /** Badge claims a client may post in a burst (a class behind one address), and on average per second after it. */
  claimBurst: number;
  claimPerSecond: number;
  /** Booking codes one screen (or address) may try, cancel and preview together, in a burst and on average per second after it. */
  codeBurst: number;
  codePerSecond: number;
}

export const DEFAULT_LIMITS: HubLimits = { longPollsPerClient: 6, longPollsTotal: 500, logBurst: 60, logPerSecond: 1, claimBurst: 60, claimPerSecond: 2, codeBurst: 20, codePerSecond: 0.2 };

export interface HubAppOptions {
  /** The store, or undefined while it is still opening: the API then answers 503, files are served anyway. */
  service: () => HubService | undefined;
  /** The kiosk build (out/renderer), served at `/`. */
  rendererDir: string;
  /** The follow-up build (out/follow), served at `/follow/` with a catalogue built from the config. */
  followDir?: string;
  siteDir: () => string;
  log: HubLog;
  now?: () => number;
  limits?: Partial<HubLimits>;
  /** The city map's tiles (a cache of the provider's, or the site's PMTiles file); without it the map has none. */
  tiles?: TileService;
  /** Aborted when the host shuts down: waiting long polls answer at once, so connections can close. */
  shutdown?: AbortSignal;
}

type Handler = (c: Context, who: Principal) => Promise<Response>;

/** Public routes that still need the store (the others serve files and must work while it opens). */
const PUBLIC_NEEDS_STORE: ReadonlySet<HubRouteName> = new Set([
  'health',
  'signIn',
  'setupStatus',
  'setup',
  'startPairing',
  'pollPairing',
  ...FEEDS_OUT_ROUTES,
  ...BADGE_PUBLIC_ROUTES,
]);

const ID_MAX = 200;
const TEXT = 'text/plain; charset=utf-8';

export function createHubApp(options: HubAppOptions): Hono {
  const { log } = options;
  const now = options.now ?? Date.now;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const longPolls = new ConcurrencyLimit(limits.longPollsPerClient, limits.longPollsTotal);
  const logRate = new RateLimit(limits.logBurst, limits.logPerSecond, now);
  const claimRate = new RateLimit(limits.claimBurst, limits.claimPerSecond, now);
  const codeRate = new RateLimit(limits.codeBurst, limits.codePerSecond, now);
  const catalogue = createCatalogueCache(now);

  const requireService = (): HubService => {
    const service = options.service();
    if (!service) throw new HttpRefusal(503, { error: 'unavailable', message: 'The hub is starting; try again in a moment.' }, { 'Retry-After': '2' });
    return service;
  };

  /** The config the hub serves, or — before the store has a good one — the folder as it is now. */
  const currentSite = async (): Promise<ServedSite> => {
    const served = options.service()?.site();
    if (served) return served;
    const bundle = await readSiteBundle(options.siteDir());
    return { bundle, version: bundleHash(bundle) };
  };

  /**
   * Every API route goes through here: the store must be open (except for public routes, which may
   * not need it), the caller is identified and admitted by the route's audience, and a POST with a
   * desk cookie must carry the session's CSRF token.
   */
  const guarded =
    (name: HubRouteName, handler: Handler): ((c: Context) => Promise<Response>) =>
    async (c) => {
      const audience = ROUTE_AUDIENCE[name];
      if (audience === 'public' && !PUBLIC_NEEDS_STORE.has(name)) return handler(c, { kind: 'anonymous' });
      const service = requireService();
      const who = audience === 'public' ? ({ kind: 'anonymous' } as const) : await identify(readCredentials(c.req.raw.headers), service.access);
      admit(audience, who, `${c.req.method} ${HUB_ROUTES[name][1]}`);
      if (c.req.method === 'POST') checkCsrf(who, c.req.raw.headers);
      return handler(c, who);
    };

  const read =
    (run: (service: HubService, who: Principal) => Promise<unknown>): Handler =>
    async (c, who) =>
      json(c, await run(requireService(), who));

  /**
   * A write: the body validated by its schema, `by` replaced with who is asking (the body's own says
   * nothing), and an organisation account held to its own organisation's bookings and series.
   */
  const write =
    <S extends v.GenericSchema>(name: HubRouteName, schema: S, run: (service: HubService, body: v.InferOutput<S>, id: string, who: Principal) => Promise<unknown>, limit = MAX_BODY_BYTES): Handler =>
    async (c, who) => {
      const service = requireService();
      const id = pathId(c);
      const parsed = await parseBody(c, schema, limit);
      if (typeof parsed === 'object' && parsed !== null && 'by' in parsed) (parsed as { by: unknown }).by = actorOf(who);
      if (who.kind === 'staff') await checkScope(name, parsed, id, who.session.account, service.access.scope);
      else if (name === 'createBooking' && (parsed as CreateBookingRequest).holder.kind !== 'visitor') {
        throw forbidden('Only staff book for an organisation; unlock the screen with your name and PIN.');
      }
      return json(c, await run(service, parsed, id, who));
    };

  const staffOf = (who: Principal): StaffAccount => {
    if (who.kind !== 'staff') throw signedOut();
    return who.session.account;
  };
  const screenFor = (who: Principal): ScreenRow => {
    const screen = screenOf(who);
    if (!screen) throw forbidden('This is for paired screens.');
    return screen;
  };
  /**
   * Cancel and its preview both answer whether a code exists: one budget for the two, per screen (or
   * per address without one), so a code cannot be found by trying many, whichever route is asked.
   */
  const byCode =
    (handler: Handler): Handler =>
    async (c, who) => {
      const screen = screenOf(who);
      if (!codeRate.take(screen ? `screen:${screen.id}` : `address:${clientAddress(c)}`)) {
        throw new HttpRefusal(429, { error: 'rate-limited', message: 'Too many booking codes tried from this screen; wait a minute and try again.' }, { 'Retry-After': '10' });
      }
      return handler(c, who);
    };
  const secure = (c: Context) => new URL(c.req.url).protocol === 'https:';

  /** The follow-up catalogue's source: the published offer once the store has a good config, else the folder. */
  const catalogueSource = async (): Promise<CatalogueSource> => {
    const service = options.service();
    return service?.site() ? { offer: await service.offer() } : { site: await currentSite() };
  };

  const feedsOut = createFeedsOut(requireService, now);

  const badgeRoutes = createBadgeRoutes({ service: requireService, now, claimRate, clientAddress, siteDir: options.siteDir, parseClaim: (c) => parseBody(c, ClaimBadgeSchema) });
  /** An organisation account awards, lists and revokes only for its own organisation's activities. */
  const badgeScope = (who: Principal) => (who.kind === 'staff' && who.session.account.role === 'organisation' ? { organisation: who.session.account.organisationId ?? '' } : undefined);

  const routes: Record<HubRouteName, Handler> = {
    // ---- badges (issue 12)
    badgeClaims: read((service, who) => service.badges.claims(badgeScope(who))),
    openBadgeClaim: write('openBadgeClaim', OpenBadgeClaimSchema, (service, body, _id, who) => service.badges.openClaim(body, badgeScope(who))),
    closeBadgeClaim: write('closeBadgeClaim', CloseBadgeClaimSchema, (service, body, id, who) => service.badges.closeClaim(id, body, badgeScope(who))),
    issuedBadges: async (c, who) => {
      const query = new URL(c.req.url).searchParams;
      const filter = { ...optionalParam(query, 'claim', 'claimId'), ...optionalParam(query, 'activity', 'activityId') };
      return json(c, await requireService().badges.issued(filter, badgeScope(who)));
    },
    revokeBadge: write('revokeBadge', RevokeBadgeSchema, (service, body, id, who) => service.badges.revoke(id, body, badgeScope(who))),
    issuerKeys: read((service) => service.badges.keys()),
    rotateIssuerKey: write('rotateIssuerKey', RotateIssuerKeySchema, (service, body) => service.badges.rotateKey(body)),
    withdrawIssuerKey: write('withdrawIssuerKey', WithdrawIssuerKeySchema, (service, body, id) => service.badges.withdrawKey(id, body)),
    saveLearningItem: write('saveLearningItem', SaveLearningItemSchema, (service, body) => service.badges.saveLearningItem(body)),
    removeLearningItem: write('removeLearningItem', RemoveLearningItemSchema, (service, body) => service.badges.removeLearningItem(body)),
    ...badgeRoutes,
    health: async (c) => json(c, await requireService().health()),
    changes: async (c) => {
      const service = requireService();
      const query = parseChangesQuery(new URL(c.req.url).searchParams);
      const signal = options.shutdown ? AbortSignal.any([c.req.raw.signal, options.shutdown]) : c.req.raw.signal;
      return json(c, await answerChanges(service, query, { client: clientAddress(c), limit: longPolls, signal }));
    },
    snapshot: read((service) => service.snapshot()),
    createBooking: write('createBooking', CreateBookingSchema, (service, body) => service.createBooking(body)),
    reservePlace: write('reservePlace', ReservePlaceSchema, (service, body) => service.reservePlace(body)),
    cancelBooking: byCode(write('cancelBooking', CancelBookingSchema, (service, body) => service.cancelBooking(body))),
    previewCancel: byCode(write('previewCancel', PreviewCancelSchema, (service, body) => service.previewCancel(body))),
    moveBooking: write('moveBooking', MoveBookingSchema, (service, body, id) => service.moveBooking(id, body)),
    createSeries: write('createSeries', CreateSeriesSchema, (service, body) => service.createSeries(body)),
    changeSeries: write('changeSeries', ChangeSeriesSchema, (service, body, id) => service.changeSeries(id, body)),
    skipSeriesDate: write('skipSeriesDate', SkipSeriesDateSchema, (service, body, id) => service.skipSeriesDate(id, body)),
    cancelSeries: write('cancelSeries', CancelSeriesSchema, (service, body, id) => service.cancelSeries(id, body)),
    saveOrganisation: write('saveOrganisation', SaveOrganisationSchema, (service, body) => service.saveOrganisation(body)),
    importOffer: write('importOffer', ImportOfferSchema, (service, body) => service.importOffer(body), MAX_FILE_BODY_BYTES),
    feeds: read((service) => service.listFeeds()),
    saveFeed: write('saveFeed', SaveFeedSchema, (service, body) => service.saveFeed(body)),
    removeFeed: write('removeFeed', RemoveFeedSchema, (service, body, id) => service.removeFeed(id, body)),
    refreshFeed: write('refreshFeed', RefreshFeedSchema, (service, body, id) => service.refreshFeed(id, body)),
    recordAudit: write('recordAudit', RecordAuditSchema, (service, body) => service.recordAudit(body)),
    backup: read((service) => service.exportBackup()),
    restore: write('restore', RestoreSchema, (service, body) => service.restoreBackup(body), MAX_FILE_BODY_BYTES),
    log: async (c, who) => {
      const entry = await receiveLogEntry(c.req.raw, clientAddress(c), logRate, log);
      const screen = screenOf(who);
      if (screen && entry.level === 'error') await requireService().access.screens.recordError(screen.id, `[${entry.topic}] ${entry.message}`);
      return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
    },
    tile: async (c) => {
      const served = requireService().site();
      if (!options.tiles) return errorResponse(404, { error: 'not-found', message: 'This hub keeps no map tiles (it was started without a tile cache folder).' });
      return options.tiles.answer(served?.validated?.config.site.geo, c.req.param('z') ?? '', c.req.param('x') ?? '', c.req.param('y') ?? '');
    },
    siteBundle: async (c) => json(c, (await currentSite()).bundle),
    // Without a config the hub validated (none is good yet, or the store is still opening) a screen
    // takes the files and validates them itself, which tells it what is wrong.
    siteConfig: async (c) => {
      const validated = options.service()?.site()?.validated;
      if (!validated) return notFound();
      // A screen that holds this version already gets only that answer, not the whole config again.
      const { version, refused } = validated;
      if (new URL(c.req.url).searchParams.get('have') === version) return json(c, { version, unchanged: true, ...(refused ? { refused } : {}) });
      return json(c, validated);
    },
    siteAsset: async (c) => {
      const dir = options.siteDir();
      const path = resolveSiteAsset(dir, rawPath(c).slice('/site/'.length));
      return (path && (await serveFile(dir, path, REVALIDATE, ifNoneMatch(c)))) || notFound();
    },

    // ---- accounts and sessions
    session: async (c, who) => {
      // `guarded` has identified the cookie (an unknown or expired one is a 401 that clears it).
      const session = who.kind === 'staff' && who.via === 'desk' ? await requireService().access.accounts.sessionResponse(who.session) : undefined;
      if (!session) throw signedOut('Not signed in.');
      return json(c, session);
    },
    signIn: async (c) => {
      checkSameOrigin(c.req.raw.headers, c.req.url);
      const body = await parseBody(c, SignInSchema);
      const accounts = requireService().access.accounts;
      // A session id the browser brought along is never adopted, and ends here (session fixation).
      const previous = readCredentials(c.req.raw.headers).cookie;
      if (previous !== undefined) await accounts.endSession(previous);
      const opened = await accounts.signIn(body.name, body.password, clientAddress(c));
      return json(c, opened.response, { 'Set-Cookie': sessionCookie(opened.secret, secure(c)) });
    },
    signOut: async (c, who) => {
      // `guarded` has identified the cookie and checked its CSRF token: a forged cookie signs no one out.
      if (who.kind === 'staff' && who.via === 'desk') await requireService().access.accounts.endSession(who.secret);
      return json(c, { signedOut: true }, { 'Set-Cookie': clearSessionCookie() });
    },
    changePassword: async (c, who) => {
      if (who.kind !== 'staff' || who.via !== 'desk') throw signedOut('Change your password at the staff desk, signed in.');
      const body = await parseBody(c, ChangePasswordSchema);
      const accounts = requireService().access.accounts;
      await accounts.changeOwn(who.session, body, clientAddress(c), who.secret);
      // The same session goes on, now with the person's own password: answered like a sign-in.
      const session = await accounts.sessionResponse(who.session);
      if (!session) throw signedOut();
      return json(c, session);
    },
    setupStatus: async (c) => json(c, { needed: await requireService().access.accounts.needsSetup() }),
    setup: async (c) => {
      checkSameOrigin(c.req.raw.headers, c.req.url);
      const body = await parseBody(c, SetupSchema);
      const opened = await requireService().access.accounts.setup(body, clientAddress(c));
      return json(c, opened.response, { 'Set-Cookie': sessionCookie(opened.secret, secure(c)) });
    },
    lobbyUnlock: async (c, who) => {
      const body = await parseBody(c, LobbyUnlockSchema);
      return json(c, await requireService().access.accounts.lobbyUnlock(screenFor(who).id, body.name, body.pin));
    },
    lobbyLock: async (c, who) => {
      await requireService().access.accounts.endLobbySessions(screenFor(who).id);
      return json(c, { locked: true });
    },
    accounts: read(async (service) => ({ accounts: await service.access.accounts.list() })),
    saveAccount: async (c, who) => {
      const body = await parseBody(c, SaveAccountSchema);
      return json(c, { account: await requireService().access.accounts.save(body, staffOf(who)) });
    },

    // ---- screens
    startPairing: async (c) => json(c, requireService().access.screens.startPairing(clientAddress(c))),
    pollPairing: async (c) => {
      const body = await parseBody(c, PollPairingSchema);
      return json(c, requireService().access.screens.pollPairing(body.pairingId));
    },
    claimPairing: async (c, who) => {
      const body = await parseBody(c, ClaimPairingSchema);
      return json(c, { screen: await requireService().access.screens.claim(body, actorOf(who)) });
    },
    device: async (c, who) => json(c, { screen: screenFor(who) }),
    deviceStatus: async (c, who) => {
      const body = await parseBody(c, DeviceStatusSchema);
      await requireService().access.screens.status(screenFor(who).id, body);
      return json(c, { noted: true });
    },
    screens: read(async (service) => ({ screens: await service.access.screens.list(), configVersion: (await service.position()).configVersion })),
    updateScreen: async (c, who) => {
      const body = await parseBody(c, UpdateScreenSchema);
      return json(c, { screen: await requireService().access.screens.update(pathId(c), body, actorOf(who)) });
    },
    reloadScreen: async (c, who) => {
      const body = await parseBody(c, ScreenActionSchema);
      return json(c, { screen: await requireService().access.screens.reload(pathId(c), body.idempotencyKey, actorOf(who)) });
    },
    revokeScreen: async (c, who) => {
      const body = await parseBody(c, ScreenActionSchema);
      return json(c, await requireService().access.screens.revoke(pathId(c), body.idempotencyKey, actorOf(who)));
    },

    // ---- usage counts
    recordUsage: async (c, who) => {
      const body = await parseBody(c, RecordUsageSchema);
      return json(c, await requireService().access.usage.record(screenFor(who).id, body));
    },
    usage: async (c) => {
      const service = requireService();
      const query = parseQuery(c, UsageQuerySchema);
      const counts = await service.access.usage.query(query.from, query.to, query.screen);
      const screens = (await service.access.screens.list()).map((screen) => ({ id: screen.id, name: screen.name }));
      return json(c, { from: query.from, to: query.to, counts, screens });
    },
    ...feedsOut,
    usageCsv: async (c) => {
      const service = requireService();
      const query = parseQuery(c, UsageQuerySchema);
      const counts = await service.access.usage.query(query.from, query.to, query.screen);
      const names = new Map((await service.access.screens.list()).map((screen) => [screen.id, screen.name]));
      const csv = usageCsv(counts, names, service.access.scope.timeZone());
      return new Response(csv, {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="wegwijzer-usage.csv"', 'Cache-Control': 'no-store' },
      });
    },
  };

  const app = new Hono();
  // Every answer gets the security headers, whichever way it was made: handler, 404 or error.
  app.use(async (c, next) => {
    await next();
    applySecurityHeaders(c.res.headers);
  });
  for (const name of Object.keys(HUB_ROUTES) as HubRouteName[]) {
    const [method, path] = HUB_ROUTES[name];
    app.on(method, path, guarded(name, routes[name]));
  }
  app.all('/api/*', (c) => {
    const allowed = allowedMethods(rawPath(c));
    if (allowed.length === 0) return errorResponse(404, { error: 'not-found', message: `The hub has no ${rawPath(c).slice(0, 100)}.` });
    return errorResponse(405, { error: 'bad-request', message: `Use ${allowed.join(' or ')} for this address.` }, { Allow: allowed.join(', ') });
  });
  app.all('/site/*', (c) => (isRead(c) ? notFound() : methodNotAllowed()));

  if (options.followDir !== undefined) {
    const followDir = options.followDir;
    app.get('/follow', () => new Response(null, { status: 308, headers: { Location: '/follow/' } }));
    app.get('/follow/*', async (c) => {
      const relative = rawPath(c).slice('/follow/'.length);
      if (relative === 'catalogue.json') {
        const built = catalogue(await catalogueSource());
        if (!built) return errorResponse(503, { error: 'unavailable', message: 'The site config has errors; the catalogue is not available until they are fixed.' });
        return new Response(built.json, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': REVALIDATE } });
      }
      const file = resolveStaticPath(followDir, relative);
      const served = file && (await serveFile(followDir, file, relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE, ifNoneMatch(c)));
      if (served) return served;
      // The published page carries the plan image next to it; here it comes from the site folder.
      const built = catalogue(await catalogueSource());
      if (built && relative === encodeURIComponent(built.catalogue.site.plan.image)) {
        const dir = options.siteDir();
        const plan = resolveSiteAsset(dir, relative);
        return (plan && (await serveFile(dir, plan, REVALIDATE, ifNoneMatch(c)))) || notFound();
      }
      return notFound();
    });
  }

  // The staff desk (src-renderer/staff, built into out/renderer/staff/): its own page beside the kiosk's.
  app.get('/staff', () => new Response(null, { status: 308, headers: { Location: '/staff/' } }));
  app.get('*', async (c) => {
    const path = rawPath(c).slice(1);
    const relative = path.endsWith('/') ? `${path}index.html` : path;
    const file = resolveStaticPath(options.rendererDir, relative);
    return (file && (await serveFile(options.rendererDir, file, relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE, ifNoneMatch(c)))) || notFound();
  });
  app.all('*', () => methodNotAllowed());

  app.notFound(() => notFound());
  app.onError((error, c) => errorAnswer(error, `${c.req.method} ${rawPath(c).slice(0, 200)}`, log));
  return app;
}

function json(c: Context, body: unknown, headers: Record<string, string> = {}): Response {
  return c.json(body as object, 200, { 'Cache-Control': 'no-store', ...headers });
}

async function parseBody<S extends v.GenericSchema>(c: Context, schema: S, limit = MAX_BODY_BYTES): Promise<v.InferOutput<S>> {
  const body = await readJsonBody(c.req.raw, limit);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw validationRefusal(`${c.req.method} ${new URL(c.req.url).pathname}`, parsed.issues);
  return parsed.output;
}

function parseQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  const parsed = v.safeParse(schema, Object.fromEntries(new URL(c.req.url).searchParams));
  if (!parsed.success) throw validationRefusal(`${c.req.method} ${new URL(c.req.url).pathname}`, parsed.issues);
  return parsed.output;
}

/** A query parameter as a filter field, when present (and no longer than an id). */
function optionalParam<K extends string>(query: URLSearchParams, name: string, field: K): Partial<Record<K, string>> {
  const value = query.get(name);
  if (value === null || value === '') return {};
  if (value.length > ID_MAX) throw badRequest(`${name} is longer than ${ID_MAX} characters.`);
  return { [field]: value } as Partial<Record<K, string>>;
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...securityHeaders(), 'Content-Type': TEXT, 'Cache-Control': 'no-store' } });
}

function methodNotAllowed(): Response {
  return new Response('Method not allowed', { status: 405, headers: { ...securityHeaders(), 'Content-Type': TEXT, Allow: 'GET, HEAD' } });
}

function ifNoneMatch(c: Context): string | null {
  return c.req.header('if-none-match') ?? null;
}

function isRead(c: Context): boolean {
  return c.req.method === 'GET' || c.req.method === 'HEAD';
}

/** The `:id` of a route, if it has one; an id no store could hold is refused before the store is asked. */
function pathId(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (id.length > ID_MAX) throw badRequest(`The id in the address is longer than ${ID_MAX} characters.`);
  return id;
}

/**
 * The path as the client sent it, still percent-encoded: file lookups decode each segment themselves,
 * so an encoded slash or dot can never turn into a separator on the way.
 */
function rawPath(c: Context): string {
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

const ROUTE_PATTERNS = Object.values(HUB_ROUTES).map(([method, path]) => ({
  method,
  pattern: new RegExp(`^${path.replace(/:[a-z]+/gi, '[^/]+').replace(/\./g, '\\.')}$`),
}));

/** The methods HUB_ROUTES offers for a path (for 405 versus 404). */
function allowedMethods(path: string): string[] {
  return [...new Set(ROUTE_PATTERNS.filter((route) => route.pattern.test(path)).map((route) => route.method))];
}

/** Who is asking, as far as the host can tell: the peer address over HTTP, 'local' inside Electron. */
function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
