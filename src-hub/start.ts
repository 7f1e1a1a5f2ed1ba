// One running hub: the HTTP server first (so the kiosk's files and the site config are served at
// once), then the store, which may take seconds to open (PGlite's first start runs initdb). Used by
// `npm run hub`, `npm run web`, the end-to-end fixtures and the benchmarks.
import { dirname, join, resolve } from 'node:path';
import { createHubApp, type HubLimits } from './http/app';
import { allowedHostsFor } from './http/guard';
import { consoleHubLog, type HubLog } from './log';
import { startHubServer, type HubServerTimeouts, type RunningHubServer } from './server';
import type { HubService } from './service';
import { openStore, packageVersion, type StoreLocation } from './store';
import { TileService } from './tiles/tiles';

const ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_RENDERER_DIR = join(ROOT, 'out/renderer');
export const DEFAULT_FOLLOW_DIR = join(ROOT, 'out/follow');
export const DEFAULT_PORT = 5180;
export const LOOPBACK = '127.0.0.1';

export interface StartHubOptions {
  siteDir: string;
  store: StoreLocation;
  rendererDir?: string;
  followDir?: string;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 5180; 0 picks a free port. */
  port?: number;
  /** More names the hub answers to besides loopback and `host`. */
  allowHosts?: readonly string[];
  /** This machine's names, used when `host` is 0.0.0.0 (the CLI fills them in). */
  machineNames?: readonly string[];
  log?: HubLog;
  limits?: Partial<HubLimits>;
  timeouts?: Partial<HubServerTimeouts>;
  /** The software version /api/health reports; defaults to package.json's. */
  version?: string;
  /** Opens the store; defaults to openHubService. Tests pass a fake. */
  open?: (store: StoreLocation, siteDir: string, log: HubLog, version: string, now?: () => number) => Promise<HubService>;
  /** The first start's one-time setup secret (default: WEGWIJZER_SETUP_TOKEN, else a random one). */
  setupToken?: string;
  /** The hub's clock (default Date.now): end-to-end tests run the site on a fixed afternoon. */
  now?: () => number;
  /**
   * Keep trying to open the store when it fails (a PostgreSQL server that is not up yet at boot),
   * waiting from `firstMs` up to `maxMs` between tries, while the files go on being served. Off by
   * default: then `ready` rejects on the first failure.
   */
  retryOpen?: { firstMs: number; maxMs: number };
  /**
   * Where the city map's tiles are kept (default: WEGWIJZER_TILE_CACHE, else `tile-cache` beside a
   * PGlite folder, else ./.wegwijzer/tile-cache).
   */
  tileCacheDir?: string;
  /** How the hub reaches the tile provider (tests pass their own). */
  tileFetch?: typeof fetch;
}

/** The folder the hub keeps map tiles in, when none is given. */
export function defaultTileCacheDir(store: StoreLocation, env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env['WEGWIJZER_TILE_CACHE']?.trim();
  if (fromEnv) return resolve(fromEnv);
  return 'dataDir' in store ? join(dirname(resolve(store.dataDir)), 'tile-cache') : resolve('.wegwijzer', 'tile-cache');
}

export interface RunningHub {
  url: string;
  port: number;
  server: RunningHubServer;
  /** The store once it is open; undefined before (the API answers 503 meanwhile). */
  service(): HubService | undefined;
  /** Resolves when the store is open; rejects if it could not be opened (the server keeps serving files). */
  ready: Promise<HubService>;
  /** Closes the server, then the store. */
  close(): Promise<void>;
}

export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  const log = options.log ?? consoleHubLog;
  const host = options.host ?? LOOPBACK;
  let service: HubService | undefined;
  const shutdown = new AbortController();
  const version = options.version ?? packageVersion();
  const tiles = new TileService({
    cacheDir: options.tileCacheDir ?? defaultTileCacheDir(options.store),
    siteDir: () => options.siteDir,
    version,
    log,
    ...(options.tileFetch ? { fetch: options.tileFetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const app = createHubApp({
    tiles,
    service: () => service,
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    followDir: options.followDir ?? DEFAULT_FOLLOW_DIR,
    siteDir: () => options.siteDir,
    log,
    shutdown: shutdown.signal,
    ...(options.limits ? { limits: options.limits } : {}),
    // The same clock as the store: a claim proof, a rate limit or a cached catalogue is judged on the hub's time.
    ...(options.now ? { now: options.now } : {}),
  });
  const server = await startHubServer({
    host,
    port: options.port ?? DEFAULT_PORT,
    app,
    allowedHosts: allowedHostsFor({ listenHost: host, extra: options.allowHosts ?? [], machineNames: options.machineNames ?? [] }),
    log,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });

  const open = options.open ?? openStore;
  let closing = false;
  const openOnce = () => open(options.store, options.siteDir, log, version, options.now);
  const ready = (options.retryOpen ? openWithRetries(openOnce, options.retryOpen, log, () => closing) : openOnce()).then(async (opened) => {
    // Closed while the store was still opening: nobody will ever use it.
    if (closing) {
      await opened.close();
      throw new Error('the hub was closed before its store was open');
    }
    service = opened;
    // The first start of a hub with no account prints the one-time link that creates the first coordinator.
    const setup = await opened.access.accounts.prepareSetup(options.setupToken ?? process.env['WEGWIJZER_SETUP_TOKEN']);
    if (setup) log.warn('hub', `No staff account exists yet. Open ${server.url}staff/#setup=${setup} to create the first coordinator (valid for 24 hours; restarting the hub makes a new link).`);
    return opened;
  });
  // The caller may never look at `ready`; a store that fails to open is logged either way.
  ready.catch((error: unknown) => {
    if (!closing) log.error('hub', `the store could not be opened: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  });

  return {
    url: server.url,
    port: server.port,
    server,
    service: () => service,
    ready,
    async close() {
      closing = true;
      const closed = server.close();
      // After the server stopped accepting, so no new long poll starts waiting.
      shutdown.abort();
      await closed;
      // A store still opening finishes first (and then closes itself, see above): never leave it half-open.
      await ready.catch(() => undefined);
      const opened = service;
      service = undefined;
      await Promise.all([opened?.close(), tiles.close()]);
    },
  };
}

async function openWithRetries(open: () => Promise<HubService>, retry: { firstMs: number; maxMs: number }, log: HubLog, stopped: () => boolean): Promise<HubService> {
  for (let waitMs = retry.firstMs; ; waitMs = Math.min(waitMs * 2, retry.maxMs)) {
    try {
      return await open();
    } catch (error) {
      if (stopped()) throw error;
      log.error('hub', `the store could not be opened (trying again in ${Math.round(waitMs / 1000)} s): ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
      if (stopped()) throw error;
    }
  }
}
