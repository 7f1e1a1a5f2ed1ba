// The city map's tiles through the hub, against a tile provider on loopback: fetched once with a
// User-Agent that names the app and the site's contact, then served from the cache; served stale when
// the provider is down; never more than 2 requests to it at once; a 429 pauses every request; a tile
// outside the site's area or zoom range is refused; a PMTiles file in the site folder serves too.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zxyToTileId } from 'pmtiles';
import type { GeoMap } from '../../src-renderer/core/model';
import { parseTileAddress, tileArea, tileInArea, tileTemplateProblem, tileX, tileY, tilesInArea } from '../../src-renderer/core/map/tiles';
import { createHubApp } from '../../src-hub/http/app';
import type { TilePolicy } from '../../src-hub/tiles/tiles';
import { providerLifetimeMs, retryAfterMs, TileService } from '../../src-hub/tiles/tiles';
import { silentHubLog } from '../../src-hub/log';
import { fakeService, makeFolders } from './http-fakes';
import { loadSiteConfig } from '../../src-renderer/core/config';
import { readSiteBundle } from '../../src-hub/site/read';
import { rasterPmtiles, startTileServer, TINY_PNG, type TileServer } from '../support/tile-server';

const GENK = { lat: 50.965, lon: 5.5 };
const DAY = 24 * 3600_000;

let work: string;
let server: TileServer;
let clock: number;

function geoWith(template: string, extra: Partial<NonNullable<GeoMap['tiles']>> = {}): GeoMap {
  return { center: GENK, zoom: 14, tiles: { source: { kind: 'provider', url: template }, attribution: '© OpenStreetMap contributors', contact: 'tiles@example.org', maxZoom: 18, radiusKm: 10, ...extra } };
}

/** The tile at zoom z that holds the site. */
function siteTile(z: number, dx = 0): [string, string, string] {
  return [String(z), String(tileX(GENK.lon, z) + dx), `${tileY(GENK.lat, z)}.png`];
}

function service(policy: Partial<TilePolicy> = {}): TileService {
  return new TileService({ cacheDir: join(work, 'cache'), siteDir: () => join(work, 'site'), version: '9.9.9', log: silentHubLog, now: () => clock, policy });
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'wegwijzer-tiles-'));
  server = await startTileServer();
  clock = Date.UTC(2026, 11, 2, 14);
});

afterEach(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('tiles from a provider, through the hub cache', () => {
  it('fetches a tile once, with a User-Agent naming the app and the contact, then serves it from the cache', async () => {
    const tiles = service();
    const geo = geoWith(server.template);
    const first = await tiles.answer(geo, ...siteTile(15));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('x-tile-cache')).toBe('miss');
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(new Uint8Array(TINY_PNG));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.path).toBe(`/15/${tileX(GENK.lon, 15)}/${tileY(GENK.lat, 15)}.png`);
    expect(server.requests[0]!.headers['user-agent']).toBe('Wegwijzer/9.9.9 (learning-site kiosk tile cache; contact: tiles@example.org)');

    // A new service on the same folder (a restarted hub) has it too, without asking the provider.
    const second = await service().answer(geo, ...siteTile(15));
    expect(second.status).toBe(200);
    expect(second.headers.get('x-tile-cache')).toBe('hit');
    expect(server.requests).toHaveLength(1);
  });

  it('keeps a tile at least 7 days, longer when the provider says so, then revalidates it', async () => {
    server.answer = () => ({ status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=60', ETag: '"v1"' } });
    const tiles = service();
    const geo = geoWith(server.template);
    await tiles.answer(geo, ...siteTile(15));
    clock += 6 * DAY;
    expect((await tiles.answer(geo, ...siteTile(15))).headers.get('x-tile-cache')).toBe('hit');
    expect(server.requests).toHaveLength(1);

    clock += 2 * DAY;
    server.answer = () => ({ status: 304, headers: { ETag: '"v1"', 'Cache-Control': 'max-age=2592000' } });
    const revalidated = await tiles.answer(geo, ...siteTile(15));
    expect(revalidated.status).toBe(200);
    expect(revalidated.headers.get('x-tile-cache')).toBe('revalidated');
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
    expect(new Uint8Array(await revalidated.arrayBuffer())).toEqual(new Uint8Array(TINY_PNG));

    // The provider now gave 30 days: at 20 days the tile is still fresh.
    clock += 20 * DAY;
    expect((await tiles.answer(geo, ...siteTile(15))).headers.get('x-tile-cache')).toBe('hit');
    expect(server.requests).toHaveLength(2);
  });

  it('serves the cached tile when the provider is down (offline), and says why when it has none', async () => {
    const tiles = service();
    const geo = geoWith(server.template);
    await tiles.answer(geo, ...siteTile(15));
    await server.close();
    clock += 30 * DAY;
    const stale = await tiles.answer(geo, ...siteTile(15));
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-tile-cache')).toBe('stale');

    const missing = await tiles.answer(geo, ...siteTile(15, 1));
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { message: string }).message).toMatch(/provider/);
    // Server restarted for afterEach's close.
    server = await startTileServer();
  });

  it('refuses a malformed or out-of-range address with 400 and a message that says the range', async () => {
    const tiles = service();
    const geo = geoWith(server.template, { maxZoom: 17 });
    const cases: [string, string, string, RegExp][] = [
      ['18', '0', '0.png', /zoom 18 is out of range: this site's tiles go from zoom 0 to 17/],
      ['3', '8', '0.png', /at zoom 3, x and y go from 0 to 7/],
      ['3', '0', '8.png', /at zoom 3, x and y go from 0 to 7/],
      ['a', '0', '0.png', /whole numbers/],
      ['3', '-1', '0.png', /whole numbers/],
      ['3', '0', '0.5.png', /whole numbers/],
      ['03', '0', '0.png', /whole numbers/],
    ];
    for (const [z, x, y, message] of cases) {
      const refused = await tiles.answer(geo, z, x, y);
      expect(refused.status, `${z}/${x}/${y}`).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a tile outside the site\'s area (the hub is no open proxy), and answers 404 without tiles configured', async () => {
    const tiles = service();
    const far = await tiles.answer(geoWith(server.template, { radiusKm: 2 }), ...siteTile(15, 200));
    expect(far.status).toBe(403);
    expect(((await far.json()) as { message: string }).message).toMatch(/outside the area this hub serves \(2 km/);
    // Paris from a Genk hub.
    const paris = await tiles.answer(geoWith(server.template), '12', String(tileX(2.35, 12)), String(tileY(48.85, 12)));
    expect(paris.status).toBe(403);
    expect(server.requests).toHaveLength(0);

    const none = await tiles.answer({ center: GENK, zoom: 14 }, ...siteTile(15));
    expect(none.status).toBe(404);
    expect(((await none.json()) as { message: string }).message).toMatch(/map\.geo\.tiles/);
  });

  it('never has more than 2 requests open at the provider, and asks once for a tile many screens want', async () => {
    const tiles = service();
    const geo = geoWith(server.template);
    server.hold = true;
    const answers = [0, 1, 2, 3, 4, 5].flatMap((dx) => [tiles.answer(geo, ...siteTile(16, dx)), tiles.answer(geo, ...siteTile(16, dx))]);
    await server.waitForOpen(2);
    // Give the hub every chance to open a third.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests).toHaveLength(2);
    server.release();
    // Later requests are answered at once (hold is off) and free their slots for the rest.
    const statuses = (await Promise.all(answers)).map((answer) => answer.status);
    expect(statuses).toEqual(Array(12).fill(200));
    expect(server.maxOpen).toBe(2);
    expect(server.requests).toHaveLength(6);
  });

  it('refuses at once when too many tiles wait for the provider', async () => {
    const tiles = service({ maxQueue: 1 });
    const geo = geoWith(server.template);
    server.hold = true;
    const waiting = [0, 1, 2].map((dx) => tiles.answer(geo, ...siteTile(16, dx)));
    await server.waitForOpen(2);
    const refused = await tiles.answer(geo, ...siteTile(16, 3));
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { message: string }).message).toMatch(/many tiles at once/);
    server.release();
    expect((await Promise.all(waiting)).map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it('after a 429 asks nothing until Retry-After has passed, serving from the cache meanwhile', async () => {
    const tiles = service();
    const geo = geoWith(server.template);
    await tiles.answer(geo, ...siteTile(15));
    server.answer = () => ({ status: 429, headers: { 'Retry-After': '30' } });
    const limited = await tiles.answer(geo, ...siteTile(15, 1));
    expect(limited.status).toBe(503);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(server.requests).toHaveLength(2);

    clock += 10_000;
    const waiting = await tiles.answer(geo, ...siteTile(15, 2));
    expect(waiting.status).toBe(503);
    expect(Number(waiting.headers.get('retry-after'))).toBe(20);
    expect((await tiles.answer(geo, ...siteTile(15))).status).toBe(200);
    expect(server.requests).toHaveLength(2);

    clock += 21_000;
    server.answer = () => ({ status: 200, headers: { 'Content-Type': 'image/png' } });
    expect((await tiles.answer(geo, ...siteTile(15, 2))).status).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it('backs off longer after each failure without Retry-After (5xx), from 5 s doubling', async () => {
    const tiles = service();
    const geo = geoWith(server.template);
    server.answer = () => ({ status: 503 });
    expect((await tiles.answer(geo, ...siteTile(15))).headers.get('retry-after')).toBe('5');
    clock += 5_001;
    expect((await tiles.answer(geo, ...siteTile(15))).headers.get('retry-after')).toBe('10');
    clock += 10_001;
    expect((await tiles.answer(geo, ...siteTile(15))).headers.get('retry-after')).toBe('20');
    expect(server.requests).toHaveLength(3);
  });

  it('refuses an answer that is not an image, and a 404 is a missing tile', async () => {
    const tiles = service();
    const geo = geoWith(server.template);
    server.answer = () => ({ status: 200, headers: { 'Content-Type': 'text/html' } });
    expect((await tiles.answer(geo, ...siteTile(15))).status).toBe(502);
    server.answer = () => ({ status: 404 });
    expect((await tiles.answer(geo, ...siteTile(15, 1))).status).toBe(404);
  });
});

describe('tiles from a PMTiles file in the site folder', () => {
  it('serves the raster tiles the file holds, and 404 for one it does not', async () => {
    const z = 12;
    const [x, y] = [tileX(GENK.lon, z), tileY(GENK.lat, z)];
    await rm(join(work, 'site'), { recursive: true, force: true });
    await mkdir(join(work, 'site'));
    await writeFile(join(work, 'site', 'genk.pmtiles'), rasterPmtiles([{ id: zxyToTileId(z, x, y), bytes: TINY_PNG }], 10, 14));
    const geo: GeoMap = { center: GENK, zoom: 12, tiles: { source: { kind: 'pmtiles', file: 'genk.pmtiles' }, attribution: '© OpenStreetMap contributors', maxZoom: 14, radiusKm: 10 } };
    const tiles = service();
    const found = await tiles.answer(geo, String(z), String(x), `${y}.png`);
    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await found.arrayBuffer())).toEqual(new Uint8Array(TINY_PNG));
    expect((await tiles.answer(geo, String(z), String(x + 1), `${y}.png`)).status).toBe(404);

    // A new file in its place is read from then on.
    await writeFile(join(work, 'site', 'genk.pmtiles'), rasterPmtiles([{ id: zxyToTileId(z, x, y), bytes: TINY_PNG }, { id: zxyToTileId(z, x + 1, y), bytes: TINY_PNG }], 10, 14));
    expect((await tiles.answer(geo, String(z), String(x + 1), `${y}.png`)).status).toBe(200);
    expect((await tiles.answer(geo, '9', String(x >> 3), `${y >> 3}.png`)).status).toBe(404);

    await writeFile(join(work, 'site', 'vector.pmtiles'), rasterPmtiles([{ id: zxyToTileId(z, x, y), bytes: TINY_PNG }], 10, 14, 1));
    const vector = await tiles.answer({ ...geo, tiles: { ...geo.tiles!, source: { kind: 'pmtiles', file: 'vector.pmtiles' } } }, String(z), String(x), `${y}.png`);
    expect(vector.status).toBe(404);
    expect(((await vector.json()) as { message: string }).message).toMatch(/vector tiles/);
    expect(server.requests).toHaveLength(0);
    await tiles.close();
  });
});

describe('the route GET /api/tiles/{z}/{x}/{y}', () => {
  it('serves the site\'s tiles to anyone, same-origin, from the config the hub validated', async () => {
    const folders = await makeFolders();
    const bundle = await readSiteBundle(join(import.meta.dirname, '../../kiosk-config/regina-mundi'));
    const site = JSON.parse(bundle.files['site.json']!) as { map: { geo: Record<string, unknown> } };
    site.map.geo['tiles'] = { url: server.template, attribution: '© OpenStreetMap contributors', contact: 'tiles@example.org' };
    bundle.files['site.json'] = JSON.stringify(site);
    const loaded = loadSiteConfig(bundle);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const fake = fakeService();
    fake.served = { bundle, version: 'v1', validated: { version: 'v1', source: 'test', config: loaded.config, warnings: [] } };
    const app = createHubApp({ service: () => fake, rendererDir: folders.renderer, siteDir: () => folders.site, log: silentHubLog, tiles: service() });
    const [z, x, y] = siteTile(15);
    const answer = await app.request(`/api/tiles/${z}/${x}/${y}?source=abc`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(server.requests).toHaveLength(1);
    expect((await app.request(`/api/tiles/99/0/0.png`)).status).toBe(400);
    expect((await app.request(`/api/tiles/${z}/${x}/${y}`, { method: 'POST' })).status).toBe(405);
    await rm(folders.root, { recursive: true, force: true });
  });
});

describe('tile arithmetic and templates', () => {
  it('finds the tiles of a place and the area around it', () => {
    expect([tileX(0, 1), tileY(0, 1)]).toEqual([1, 1]);
    expect([tileX(GENK.lon, 14), tileY(GENK.lat, 14)]).toEqual([8442, 5487]);
    const area = tileArea(GENK, 10);
    expect(tileInArea({ z: 0, x: 0, y: 0 }, area)).toBe(true);
    expect(tileInArea({ z: 14, x: 8442, y: 5487 }, area)).toBe(true);
    expect(tileInArea({ z: 14, x: 8442 + 40, y: 5487 }, area)).toBe(false);
    // A full cache of the default area up to zoom 18 stays bounded (a few tens of thousands of tiles).
    expect(tilesInArea(area, 18)).toBeLessThan(60_000);
  });

  it('checks a tile address', () => {
    expect(parseTileAddress('2', '3', '1.png', 18)).toEqual({ ok: true, tile: { z: 2, x: 3, y: 1 } });
    expect(parseTileAddress('2', '3', '1', 18)).toEqual({ ok: true, tile: { z: 2, x: 3, y: 1 } });
    expect(parseTileAddress('2', '3', '1.gif', 18).ok).toBe(false);
  });

  it('explains what is wrong with a template', () => {
    expect(tileTemplateProblem('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBeUndefined();
    expect(tileTemplateProblem('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBeUndefined();
    expect(tileTemplateProblem('http://127.0.0.1:8080/{z}/{x}/{y}.png')).toBeUndefined();
    expect(tileTemplateProblem('http://tiles.example.org/{z}/{x}/{y}.png')).toMatch(/https:\/\//);
    expect(tileTemplateProblem('https://tiles.example.org/{z}/{x}.png')).toMatch(/missing \{y\}/);
    expect(tileTemplateProblem('https://tiles.example.org/{z}/{x}/{y}.png?key={apikey}')).toMatch(/\{apikey\}/);
    expect(tileTemplateProblem('https://user:pw@tiles.example.org/{z}/{x}/{y}.png')).toMatch(/user name/);
    expect(tileTemplateProblem('tiles/{z}/{x}/{y}.png')).toMatch(/not a URL/);
  });

  it('reads the provider\'s lifetime and Retry-After', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(providerLifetimeMs(new Headers({ 'Cache-Control': 'public, max-age=604800' }), now)).toBe(604800_000);
    expect(providerLifetimeMs(new Headers({ Expires: new Date(now + 3600_000).toUTCString() }), now)).toBe(3600_000);
    expect(providerLifetimeMs(new Headers(), now)).toBeUndefined();
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 60_000).toUTCString(), now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
