// The city map with real tiles: the site names a tile provider (here one on loopback), the kiosk asks
// only its hub for tiles, the hub fetches each once with its User-Agent and keeps it, the attribution
// shows, and with the provider gone the hub still serves what it kept. The place names never overlap.
import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zxyToTileId } from 'pmtiles';
import { tileX, tileY } from '../../src-renderer/core/map/tiles';
import { rasterPmtiles, startTileServer, TINY_PNG, type TileServer } from '../support/tile-server';
import { expect, openExplore, test } from './fixtures';

const ATTRIBUTION = '© Testkaart-bijdragers';

let tiles: TileServer;

test.beforeEach(async () => {
  tiles = await startTileServer();
});

test.afterEach(async () => {
  await tiles.close();
});

test('the city view shows tiles from the hub, with the attribution, and keeps working when the provider is gone', async ({ page, site }) => {
  const { url } = await site(async (dir) => {
    const file = join(dir, 'site.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { map: { geo: Record<string, unknown> } };
    json.map.geo['tiles'] = { url: tiles.template, attribution: ATTRIBUTION, contact: 'e2e@example.org' };
    await writeFile(file, JSON.stringify(json, null, 2));
  });
  const hub = new URL(url).origin;
  const provider = new URL(tiles.template.replace(/\{[zxy]\}/g, '0')).origin;
  const pageRequests: string[] = [];
  page.on('request', (request) => pageRequests.push(request.url()));

  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: /In the city/ }).tap();
  const city = page.getByRole('region', { name: 'City map with the places off site' });
  const loaded = city.locator('img.leaflet-tile-loaded');
  await expect(loaded.first()).toBeVisible({ timeout: 15_000 });
  await expect(city.locator('.attribution')).toHaveText(ATTRIBUTION);
  await expect(city.locator('.attribution')).toBeVisible();

  // Every tile image comes from the hub's own origin; the page never asks the provider.
  const sources = await city.locator('img.leaflet-tile').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src));
  expect(sources.length).toBeGreaterThan(0);
  for (const source of sources) expect(source.startsWith(`${hub}/api/tiles/`), source).toBe(true);
  expect(pageRequests.filter((request) => request.startsWith(provider))).toEqual([]);

  // The hub asked the provider once per tile, as Wegwijzer with the site's contact, at most 2 at a time.
  expect(tiles.requests.length).toBeGreaterThan(0);
  expect(tiles.requests.length).toBe(new Set(tiles.requests.map((request) => request.path)).size);
  for (const request of tiles.requests) expect(request.headers['user-agent']).toMatch(/^Wegwijzer\/\S+ \(.*contact: e2e@example\.org\)$/);
  expect(tiles.maxOpen).toBeLessThanOrEqual(2);

  // No two place names on the map overlap (checked once the labels have settled).
  await expect(async () => {
    const boxes = await city.locator('.leaflet-tooltip').evaluateAll((labels) =>
      labels.filter((label) => getComputedStyle(label).visibility !== 'hidden').map((label) => label.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number }),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom, `${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(false);
    }
  }).toPass();

  const scan = await new AxeBuilder({ page }).include('.city-map').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The provider goes away: the hub still serves every tile it kept (offline), without asking.
  const asked = tiles.requests.length;
  await tiles.close();
  for (const source of sources.slice(0, 4)) {
    const answer = await page.request.get(source);
    expect(answer.status(), source).toBe(200);
    expect(answer.headers()['content-type']).toBe('image/png');
  }
  expect(tiles.requests.length).toBe(asked);
  // Far from the site the hub refuses: it is no open tile proxy.
  const far = await page.request.get(`${hub}/api/tiles/12/0/0.png`);
  expect(far.status()).toBe(403);
  tiles = await startTileServer();
});

test('the city view shows raster tiles from a PMTiles file in the site folder, with no network at all', async ({ page, site }) => {
  const { url } = await site(async (dir) => {
    const file = join(dir, 'site.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { map: { geo: { center: { lat: number; lon: number }; zoom: number } & Record<string, unknown> } };
    const { center, zoom } = json.map.geo;
    // The tiles around the centre at the map's zoom: enough to fill the view.
    const around = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
    const pyramid = around.flatMap((dx) => around.map((dy) => ({ id: zxyToTileId(zoom, tileX(center.lon, zoom) + dx, tileY(center.lat, zoom) + dy), bytes: TINY_PNG })));
    await writeFile(join(dir, 'city.pmtiles'), rasterPmtiles(pyramid, zoom, zoom));
    json.map.geo['tiles'] = { pmtiles: 'city.pmtiles', attribution: ATTRIBUTION, maxZoom: zoom + 2 };
    await writeFile(file, JSON.stringify(json, null, 2));
  });
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: /In the city/ }).tap();
  const city = page.getByRole('region', { name: 'City map with the places off site' });
  await expect(city.locator('img.leaflet-tile-loaded').first()).toBeVisible({ timeout: 15_000 });
  const sources = await city.locator('img.leaflet-tile-loaded').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src));
  for (const source of sources) expect(source.startsWith(`${new URL(url).origin}/api/tiles/`), source).toBe(true);
  await expect(city.locator('.attribution')).toHaveText(ATTRIBUTION);
  expect(tiles.requests).toEqual([]);
});

test('without tiles the city view is a plain light field with the markers, and no attribution', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: /In the city/ }).tap();
  const city = page.getByRole('region', { name: 'City map with the places off site' });
  await expect(city.locator('.site-marker')).toBeVisible();
  await expect(city.locator('img.leaflet-tile')).toHaveCount(0);
  await expect(city.locator('.attribution')).toHaveCount(0);
  const background = await city.locator('.leaflet-container').evaluate((element) => getComputedStyle(element).backgroundColor);
  // Light: every channel well above the middle.
  const channels = (background.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  expect(channels.every((channel) => channel > 200), background).toBe(true);
});
