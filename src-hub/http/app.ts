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
  CancelSeriesSchema,
  ChangeSeriesSchema,
  CreateBookingSchema,
  CreateSeriesSchema,
  HUB_ROUTES,
  ImportOfferSchema,
  MAX_BODY_BYTES,
  MAX_FILE_BODY_BYTES,
  MoveBookingSchema,
  RecordAuditSchema,
  RestoreSchema,
  SaveOrganisationSchema,
  SkipSeriesDateSchema,
  type HubRouteName,
} from '../../src-renderer/core/hub/contract';
import type { HubLog } from '../log';
import type { HubService, ServedSite } from '../service';
import { readSiteBundle, resolveSiteAsset } from '../site/read';
import { readJsonBody } from './body';
import { answerChanges, parseChangesQuery } from './changes';
import { badRequest, errorAnswer, errorResponse, HttpRefusal, validationRefusal } from './errors';
import { createCatalogueCache } from './follow';
import { ConcurrencyLimit, RateLimit } from './limits';
import { receiveLogEntry } from './log-endpoint';
import { applySecurityHeaders, securityHeaders } from './security';
import { IMMUTABLE, resolveStaticPath, REVALIDATE, serveFile } from './static';

export interface HubLimits {
  /** Long polls one client may hold open at once (a kiosk needs one; a PC with a few tabs a few more). */
  longPollsPerClient: number;
  longPollsTotal: number;
  /** Log entries a client may post in a burst, and on average per second after it. */
  logBurst: number;
  logPerSecond: number;
}

export const DEFAULT_LIMITS: HubLimits = { longPollsPerClient: 6, longPollsTotal: 500, logBurst: 60, logPerSecond: 1 };

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
  /** Aborted when the host shuts down: waiting long polls answer at once, so connections can close. */
  shutdown?: AbortSignal;
}

type Handler = (c: Context) => Promise<Response>;

const ID_MAX = 200;
const TEXT = 'text/plain; charset=utf-8';

export function createHubApp(options: HubAppOptions): Hono {
  const { log } = options;
  const now = options.now ?? Date.now;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const longPolls = new ConcurrencyLimit(limits.longPollsPerClient, limits.longPollsTotal);
  const logRate = new RateLimit(limits.logBurst, limits.logPerSecond, now);
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

  const read = (run: (service: HubService) => Promise<unknown>): Handler => async (c) => json(c, await run(requireService()));

  const write =
    <S extends v.GenericSchema>(schema: S, run: (service: HubService, body: v.InferOutput<S>, id: string) => Promise<unknown>, limit = MAX_BODY_BYTES): Handler =>
    async (c) => {
      const service = requireService();
      const id = pathId(c);
      const body = await readJsonBody(c.req.raw, limit);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
      const parsed = v.safeParse(schema, body);
      if (!parsed.success) throw validationRefusal(`${c.req.method} ${new URL(c.req.url).pathname}`, parsed.issues);
      return json(c, await run(service, parsed.output, id));
    };

  const routes: Record<HubRouteName, Handler> = {
    health: read((service) => service.health()),
    changes: async (c) => {
      const service = requireService();
      const query = parseChangesQuery(new URL(c.req.url).searchParams);
      const signal = options.shutdown ? AbortSignal.any([c.req.raw.signal, options.shutdown]) : c.req.raw.signal;
      return json(c, await answerChanges(service, query, { client: clientAddress(c), limit: longPolls, signal }));
    },
    snapshot: read((service) => service.snapshot()),
    createBooking: write(CreateBookingSchema, (service, body) => service.createBooking(body)),
    cancelBooking: write(CancelBookingSchema, (service, body) => service.cancelBooking(body)),
    moveBooking: write(MoveBookingSchema, (service, body, id) => service.moveBooking(id, body)),
    createSeries: write(CreateSeriesSchema, (service, body) => service.createSeries(body)),
    changeSeries: write(ChangeSeriesSchema, (service, body, id) => service.changeSeries(id, body)),
    skipSeriesDate: write(SkipSeriesDateSchema, (service, body, id) => service.skipSeriesDate(id, body)),
    cancelSeries: write(CancelSeriesSchema, (service, body, id) => service.cancelSeries(id, body)),
    saveOrganisation: write(SaveOrganisationSchema, (service, body) => service.saveOrganisation(body)),
    importOffer: write(ImportOfferSchema, (service, body) => service.importOffer(body), MAX_FILE_BODY_BYTES),
    recordAudit: write(RecordAuditSchema, (service, body) => service.recordAudit(body)),
    backup: read((service) => service.exportBackup()),
    restore: write(RestoreSchema, (service, body) => service.restoreBackup(body), MAX_FILE_BODY_BYTES),
    log: async (c) => {
      await receiveLogEntry(c.req.raw, clientAddress(c), logRate, log);
      return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
    },
    siteBundle: async (c) => json(c, (await currentSite()).bundle),
    siteAsset: async (c) => {
      const dir = options.siteDir();
      const path = resolveSiteAsset(dir, rawPath(c).slice('/site/'.length));
      return (path && (await serveFile(dir, path, REVALIDATE, ifNoneMatch(c)))) || notFound();
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
    app.on(method, path, routes[name]);
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
        const built = catalogue(await currentSite());
        if (!built) return errorResponse(503, { error: 'unavailable', message: 'The site config has errors; the catalogue is not available until they are fixed.' });
        return new Response(built.json, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': REVALIDATE } });
      }
      const file = resolveStaticPath(followDir, relative);
      const served = file && (await serveFile(followDir, file, relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE, ifNoneMatch(c)));
      if (served) return served;
      // The published page carries the plan image next to it; here it comes from the site folder.
      const built = catalogue(await currentSite());
      if (built && relative === encodeURIComponent(built.catalogue.site.plan.image)) {
        const dir = options.siteDir();
        const plan = resolveSiteAsset(dir, relative);
        return (plan && (await serveFile(dir, plan, REVALIDATE, ifNoneMatch(c)))) || notFound();
      }
      return notFound();
    });
  }

  app.get('*', async (c) => {
    const relative = rawPath(c).slice(1);
    const file = resolveStaticPath(options.rendererDir, relative);
    return (file && (await serveFile(options.rendererDir, file, relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE, ifNoneMatch(c)))) || notFound();
  });
  app.all('*', () => methodNotAllowed());

  app.notFound(() => notFound());
  app.onError((error, c) => errorAnswer(error, `${c.req.method} ${rawPath(c).slice(0, 200)}`, log));
  return app;
}

function json(c: Context, body: unknown): Response {
  return c.json(body as object, 200, { 'Cache-Control': 'no-store' });
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
