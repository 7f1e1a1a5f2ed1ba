// The city map's tiles, served by the hub from its own cache so that screens never ask a third party
// and the map keeps working offline. A tile comes from the site's tile provider (fetched on a miss,
// then kept) or from a PMTiles file in the site folder. The provider's usage policy is honoured the
// way OpenStreetMap's asks (https://operations.osmfoundation.org/policies/tiles/):
//  - a User-Agent that names the app, its version, and the site's contact;
//  - every tile kept at least 7 days, longer when the provider's Cache-Control or Expires says so,
//    then revalidated (If-None-Match / If-Modified-Since) rather than fetched again;
//  - at most 2 requests to the provider at once, a bounded queue behind them, one request per tile
//    however many screens ask for it;
//  - a 429, a 5xx, a 403 or a network failure stops all requests for a while (Retry-After when given,
//    else doubling from 5 s up to 10 minutes); meanwhile tiles are served from the cache, stale or not;
//  - no prefetching at all: only tiles a screen shows are fetched, and only within the site's area
//    (map.geo.tiles.radiusKm around the centre) and zoom range, so the hub is no open tile proxy.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeoMap, GeoTiles } from '../../src-renderer/core/model';
import { fillTemplate, parseTileAddress, tileArea, tileInArea, tileSourceKey, type TileAddress } from '../../src-renderer/core/map/tiles';
import type { HubLog } from '../log';
import { securityHeaders } from '../http/security';
import { openPmtiles, type PmtilesArchive } from './pmtiles';

export const TILE_POLICY = {
  /** Requests to the provider at once (OSM: "at most 2"). */
  concurrency: 2,
  /** Tiles waiting for a free request slot; more are answered from the cache or refused at once. */
  maxQueue: 64,
  /** The shortest time a tile is kept before it is revalidated (OSM: "at least 7 days"). */
  minKeepMs: 7 * 24 * 3600_000,
  /** The first pause after a refusal or failure, and the longest. */
  firstBackoffMs: 5_000,
  maxBackoffMs: 10 * 60_000,
  /** A provider that refuses us outright (403: blocked) is asked again only after this. */
  forbiddenBackoffMs: 60 * 60_000,
  /** One tile's request, and its largest body. */
  timeoutMs: 15_000,
  maxBytes: 1024 * 1024,
} as const;

export type TilePolicy = { [K in keyof typeof TILE_POLICY]: number };

/** How long a browser keeps a tile it got from the hub (the address names the source, see tileSourceKey). */
const BROWSER_CACHE = 'public, max-age=86400';
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface TileServiceOptions {
  /** The folder the hub keeps provider tiles in (one folder per source). */
  cacheDir: string;
  siteDir: () => string;
  /** The hub's version, for the User-Agent. */
  version: string;
  log: HubLog;
  fetch?: typeof fetch;
  now?: () => number;
  policy?: Partial<TilePolicy>;
}

interface TileMeta {
  type: string;
  fetchedAt: number;
  /** Served without asking the provider until then. */
  freshUntil: number;
  etag?: string;
  lastModified?: string;
}

interface CachedTile {
  meta: TileMeta;
  bytes: Uint8Array<ArrayBuffer>;
}

type Fetched = { kind: 'tile'; tile: CachedTile; how: 'miss' | 'revalidated' } | { kind: 'missing' } | { kind: 'failed'; message: string };

/** Why a tile cannot be had: the status and a message a person can act on. */
export class TileRefusal extends Error {
  override readonly name = 'TileRefusal';
  constructor(
    readonly status: 400 | 403 | 404 | 502 | 503,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export function tileUserAgent(version: string, contact: string | undefined): string {
  return `Wegwijzer/${version} (learning-site kiosk tile cache${contact ? `; contact: ${contact}` : ''})`;
}

export class TileService {
  readonly #options: TileServiceOptions;
  readonly #policy: TilePolicy;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #inFlight = new Map<string, Promise<Fetched>>();
  readonly #queue: (() => void)[] = [];
  #running = 0;
  #blockedUntil = 0;
  #backoffMs = 0;
  #upstreamRequests = 0;
  #pmtiles: { version: string; archive: Promise<PmtilesArchive>; warned?: boolean } | undefined;
  #storeWarned = false;

  constructor(options: TileServiceOptions) {
    this.#options = options;
    this.#policy = { ...TILE_POLICY, ...options.policy };
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
  }

  /** Requests sent to the provider so far (for tests and the log). */
  get upstreamRequests(): number {
    return this.#upstreamRequests;
  }

  /** Lets go of the PMTiles file, when one is open (the hub is closing). */
  async close(): Promise<void> {
    const opened = this.#pmtiles;
    this.#pmtiles = undefined;
    await opened?.archive.then((archive) => archive.close()).catch(() => undefined);
  }

  /** The answer for GET /api/tiles/{z}/{x}/{y}: the tile, or a refusal that says why. */
  async answer(geo: GeoMap | undefined, z: string, x: string, y: string): Promise<Response> {
    try {
      return await this.#answer(geo, z, x, y);
    } catch (error) {
      if (error instanceof TileRefusal) {
        return new Response(JSON.stringify({ error: refusalCode(error.status), message: error.message }), {
          status: error.status,
          headers: {
            ...securityHeaders(),
            'Content-Type': 'application/json; charset=utf-8',
            'Cache-Control': 'no-store',
            ...(error.retryAfterSeconds !== undefined ? { 'Retry-After': String(error.retryAfterSeconds) } : {}),
          },
        });
      }
      throw error;
    }
  }

  async #answer(geo: GeoMap | undefined, zPart: string, xPart: string, yPart: string): Promise<Response> {
    const tiles = geo?.tiles;
    if (!geo || !tiles) throw new TileRefusal(404, 'This site has no map tiles: set map.geo.tiles in site.json (see docs/map-tiles.md).');
    const parsed = parseTileAddress(zPart, xPart, yPart, tiles.maxZoom);
    if (!parsed.ok) throw new TileRefusal(400, parsed.message);
    const { tile } = parsed;
    if (!tileInArea(tile, tileArea(geo.center, tiles.radiusKm))) {
      throw new TileRefusal(403, `Tile ${tile.z}/${tile.x}/${tile.y} lies outside the area this hub serves (${tiles.radiusKm} km around the site, map.geo.tiles.radiusKm); the hub is no general tile proxy.`);
    }
    if (tiles.source.kind === 'pmtiles') return this.#fromPmtiles(tiles.source.file, tile);
    return this.#fromProvider(tiles, tiles.source.url, tile);
  }

  async #fromPmtiles(file: string, tile: TileAddress): Promise<Response> {
    // Opened once and kept; a file replaced in the site folder (new size or time) is opened again.
    const version = await stat(join(this.#options.siteDir(), file)).then(
      (info) => `${file}:${info.size}:${info.mtimeMs}`,
      () => `${file}:missing`,
    );
    if (this.#pmtiles?.version !== version) {
      const previous = this.#pmtiles;
      this.#pmtiles = { version, archive: openPmtiles(this.#options.siteDir(), file) };
      void previous?.archive.then((archive) => archive.close()).catch(() => undefined);
    }
    const opened = this.#pmtiles;
    let archive: PmtilesArchive;
    try {
      archive = await opened.archive;
    } catch (error) {
      if (!opened.warned) this.#options.log.error('tiles', `the PMTiles file ${file} cannot be read: ${describe(error)}`);
      opened.warned = true;
      throw new TileRefusal(404, `The map tiles file ${file} in the site folder cannot be read (${describe(error)}); check map.geo.tiles.pmtiles.`);
    }
    const found = await archive.tile(tile);
    if (!found) throw new TileRefusal(404, `The map tiles file has no tile ${tile.z}/${tile.x}/${tile.y}.`);
    return tileResponse(found.bytes, found.type, 'pmtiles');
  }

  async #fromProvider(tiles: GeoTiles, template: string, tile: TileAddress): Promise<Response> {
    const path = this.#tilePath(tiles, tile);
    const cached = await readCached(path);
    if (cached && cached.meta.freshUntil > this.#now()) return tileResponse(cached.bytes, cached.meta.type, 'hit');
    const fetched = await this.#fetchOnce(path, () => this.#fetchTile(fillTemplate(template, tile), tiles.contact, cached, path));
    if (fetched.kind === 'tile') return tileResponse(fetched.tile.bytes, fetched.tile.meta.type, fetched.how);
    // Offline, refused or overloaded: a tile from the cache, however old, beats a hole in the map.
    if (cached) return tileResponse(cached.bytes, cached.meta.type, 'stale');
    if (fetched.kind === 'missing') throw new TileRefusal(404, `The tile provider has no tile ${tile.z}/${tile.x}/${tile.y}.`);
    const wait = Math.max(1, Math.ceil((this.#blockedUntil - this.#now()) / 1000));
    throw new TileRefusal(this.#blockedUntil > this.#now() ? 503 : 502, fetched.message, this.#blockedUntil > this.#now() ? wait : undefined);
  }

  #tilePath(tiles: GeoTiles, { z, x, y }: TileAddress): string {
    // The key is short and the template's own hash keeps two sources whose keys collide apart.
    const template = tiles.source.kind === 'provider' ? tiles.source.url : tiles.source.file;
    const folder = `${tileSourceKey(tiles.source)}-${createHash('sha256').update(template).digest('hex').slice(0, 12)}`;
    return join(this.#options.cacheDir, folder, String(z), String(x), String(y));
  }

  /** One request per tile at a time, however many screens ask. */
  #fetchOnce(key: string, run: () => Promise<Fetched>): Promise<Fetched> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const started = run().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, started);
    return started;
  }

  async #fetchTile(url: string, contact: string | undefined, cached: CachedTile | undefined, path: string): Promise<Fetched> {
    if (this.#blockedUntil > this.#now()) return { kind: 'failed', message: 'The tile provider asked the hub to wait; the map shows what the hub has kept until then.' };
    const release = await this.#slot();
    if (!release) return { kind: 'failed', message: 'The hub is fetching many tiles at once; try again in a moment.' };
    try {
      // Checked again: a refusal may have come in while this tile waited for its turn.
      if (this.#blockedUntil > this.#now()) return { kind: 'failed', message: 'The tile provider asked the hub to wait; the map shows what the hub has kept until then.' };
      return await this.#request(url, contact, cached, path);
    } finally {
      release();
    }
  }

  async #request(url: string, contact: string | undefined, cached: CachedTile | undefined, path: string): Promise<Fetched> {
    const headers: Record<string, string> = { 'User-Agent': tileUserAgent(this.#options.version, contact), Accept: 'image/png,image/webp,image/jpeg;q=0.9,*/*;q=0.1' };
    if (cached?.meta.etag) headers['If-None-Match'] = cached.meta.etag;
    if (cached?.meta.lastModified) headers['If-Modified-Since'] = cached.meta.lastModified;
    this.#upstreamRequests += 1;
    let response: Response;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      response = await this.#fetch(url, { headers, signal: AbortSignal.timeout(this.#policy.timeoutMs), redirect: 'follow' });
      bytes = response.status === 200 ? await readLimited(response, this.#policy.maxBytes) : new Uint8Array(0);
      if (response.status !== 200) await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      this.#backOff(undefined, `the tile provider could not be reached: ${describe(error)}`);
      return { kind: 'failed', message: 'The tile provider cannot be reached; the map shows the tiles the hub has kept.' };
    }
    const now = this.#now();
    if (response.status === 304 && cached) {
      const meta = { ...cached.meta, ...validators(response.headers, cached.meta), fetchedAt: now, freshUntil: now + this.#keepMs(response.headers, now) };
      await this.#store(path, undefined, meta);
      this.#recovered();
      return { kind: 'tile', tile: { meta, bytes: cached.bytes }, how: 'revalidated' };
    }
    if (response.status === 200) {
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!IMAGE_TYPES.has(type)) {
        this.#options.log.warn('tiles', `the tile provider answered ${url.slice(0, 200)} with ${type || 'no content type'}, not a PNG, JPEG or WebP image`);
        return { kind: 'failed', message: 'The tile provider did not answer with an image; check map.geo.tiles.url.' };
      }
      const meta: TileMeta = { type, fetchedAt: now, freshUntil: now + this.#keepMs(response.headers, now), ...validators(response.headers) };
      await this.#store(path, bytes, meta);
      this.#recovered();
      return { kind: 'tile', tile: { meta, bytes }, how: 'miss' };
    }
    if (response.status === 404 || response.status === 410) return { kind: 'missing' };
    if (response.status === 429 || response.status >= 500) {
      this.#backOff(retryAfterMs(response.headers.get('retry-after'), now), `the tile provider answered ${response.status}`);
    } else if (response.status === 403 || response.status === 401) {
      // Blocked: asking again at once only makes it worse. The log says what to check.
      this.#backOff(this.#policy.forbiddenBackoffMs, `the tile provider refused the hub (${response.status}); check its usage policy and map.geo.tiles.contact`, 'error');
    } else {
      this.#options.log.warn('tiles', `the tile provider answered ${response.status} for ${url.slice(0, 200)}`);
    }
    return { kind: 'failed', message: `The tile provider answered ${response.status}; the map shows the tiles the hub has kept.` };
  }

  /** How long a tile is kept before it is revalidated: the provider's lifetime, at least minKeepMs. */
  #keepMs(headers: Headers, now: number): number {
    return Math.max(this.#policy.minKeepMs, providerLifetimeMs(headers, now) ?? 0);
  }

  #backOff(retryAfter: number | undefined, why: string, level: 'warn' | 'error' = 'warn'): void {
    this.#backoffMs = this.#backoffMs === 0 ? this.#policy.firstBackoffMs : Math.min(this.#policy.maxBackoffMs, this.#backoffMs * 2);
    const pause = Math.min(this.#policy.forbiddenBackoffMs, retryAfter ?? this.#backoffMs);
    this.#blockedUntil = this.#now() + pause;
    this.#options.log[level]('tiles', `${why}; no tile requests for ${Math.round(pause / 1000)} s (tiles come from the cache meanwhile)`);
  }

  #recovered(): void {
    this.#backoffMs = 0;
  }

  /** A request slot (at most `concurrency` at once), or null when too many tiles wait already. */
  #slot(): Promise<(() => void) | null> {
    const release = () => {
      this.#running -= 1;
      this.#queue.shift()?.();
    };
    if (this.#running < this.#policy.concurrency) {
      this.#running += 1;
      return Promise.resolve(once(release));
    }
    if (this.#queue.length >= this.#policy.maxQueue) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#queue.push(() => {
        this.#running += 1;
        resolve(once(release));
      });
    });
  }

  async #store(path: string, bytes: Uint8Array | undefined, meta: TileMeta): Promise<void> {
    try {
      await mkdir(join(path, '..'), { recursive: true });
      // The image first, then its description: a tile is only ever read whole (see readCached).
      if (bytes) await writeAtomically(path, bytes);
      await writeAtomically(`${path}.json`, JSON.stringify(meta));
    } catch (error) {
      // Said once: a full or read-only disk would otherwise fill the log, one line per tile.
      if (!this.#storeWarned) this.#options.log.warn('tiles', `tiles cannot be kept in ${this.#options.cacheDir} (they are still served): ${describe(error)}`);
      this.#storeWarned = true;
    }
  }
}

function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}

async function readCached(path: string): Promise<CachedTile | undefined> {
  try {
    const [metaText, bytes] = await Promise.all([readFile(`${path}.json`, 'utf8'), readFile(path)]);
    const meta = JSON.parse(metaText) as TileMeta;
    if (typeof meta.type !== 'string' || !IMAGE_TYPES.has(meta.type) || typeof meta.freshUntil !== 'number') return undefined;
    return { meta, bytes: new Uint8Array(bytes) };
  } catch {
    return undefined;
  }
}

let tempCounter = 0;
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.${process.pid}.${(tempCounter += 1)}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new Error(`a tile of ${declared} bytes is larger than ${maxBytes}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error(`a tile of ${bytes.length} bytes is larger than ${maxBytes}`);
  return bytes;
}

function validators(headers: Headers, previous: Partial<TileMeta> = {}): Pick<TileMeta, 'etag' | 'lastModified'> {
  const etag = headers.get('etag') ?? previous.etag;
  const lastModified = headers.get('last-modified') ?? previous.lastModified;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** The lifetime the provider gives a tile: Cache-Control max-age (or s-maxage), else Expires. */
export function providerLifetimeMs(headers: Headers, now: number): number | undefined {
  const control = headers.get('cache-control') ?? '';
  const maxAge = /(?:^|,)\s*(?:s-maxage|max-age)\s*=\s*"?(\d+)"?/i.exec(control);
  if (maxAge) return Number(maxAge[1]) * 1000;
  const expires = headers.get('expires');
  if (expires) {
    const at = Date.parse(expires);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  return undefined;
}

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function tileResponse(bytes: Uint8Array<ArrayBuffer>, type: string, how: string): Response {
  return new Response(bytes, { status: 200, headers: { ...securityHeaders(), 'Content-Type': type, 'Cache-Control': BROWSER_CACHE, 'X-Tile-Cache': how } });
}

function refusalCode(status: number): 'bad-request' | 'forbidden' | 'not-found' | 'unavailable' {
  return status === 400 ? 'bad-request' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'unavailable';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
