// The city map's tiles, shared by the hub (which serves them) and the kiosk (which asks for them): the
// area around the site the hub serves tiles for, the Web Mercator tile arithmetic, the checks on a
// provider's URL template and the hub's own tile address. Pure; no DOM, no Node.
import type { GeoPoint, GeoTiles } from '../model';

/** Defaults of `map.geo.tiles`. */
export const TILE_DEFAULTS = { maxZoom: 18, radiusKm: 10 } as const;
/** The most a site may ask for: OpenStreetMap's own tiles stop at 19; 50 km covers any city's partners. */
export const TILE_LIMITS = { maxZoom: 19, radiusKm: 50 } as const;
/** The tile address on the hub, below its base; `{y}` is followed by the format's extension. */
export const HUB_TILE_PATH = 'api/tiles/{z}/{x}/{y}';

/** Latitudes Web Mercator can show. */
const MAX_LATITUDE = 85.05112878;
const KM_PER_DEGREE = 111.32;

export interface GeoBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** The square `radiusKm` around the centre, in degrees (clamped to what the map can show). */
export function tileArea(center: GeoPoint, radiusKm: number): GeoBox {
  const dLat = radiusKm / KM_PER_DEGREE;
  const dLon = radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos((center.lat * Math.PI) / 180)));
  return {
    south: Math.max(-MAX_LATITUDE, center.lat - dLat),
    north: Math.min(MAX_LATITUDE, center.lat + dLat),
    west: Math.max(-180, center.lon - dLon),
    east: Math.min(180, center.lon + dLon),
  };
}

/** About how far apart two points are, in km (equirectangular: right to a few metres within a city). */
export function approximateKm(a: GeoPoint, b: GeoPoint): number {
  const meanLat = (((a.lat + b.lat) / 2) * Math.PI) / 180;
  return Math.hypot(b.lat - a.lat, (b.lon - a.lon) * Math.cos(meanLat)) * KM_PER_DEGREE;
}

/** The column of the tile at zoom `z` that holds the longitude. */
export function tileX(lon: number, z: number): number {
  const n = 2 ** z;
  return Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
}

/** The row of the tile at zoom `z` that holds the latitude. */
export function tileY(lat: number, z: number): number {
  const n = 2 ** z;
  const rad = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180;
  return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)));
}

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Whether the tile overlaps the area (at low zooms one tile covers it all). */
export function tileInArea({ z, x, y }: TileAddress, area: GeoBox): boolean {
  return x >= tileX(area.west, z) && x <= tileX(area.east, z) && y >= tileY(area.north, z) && y <= tileY(area.south, z);
}

/** How many tiles the area takes from zoom 0 up to `maxZoom`: what a full cache of it holds at most. */
export function tilesInArea(area: GeoBox, maxZoom: number): number {
  let count = 0;
  for (let z = 0; z <= maxZoom; z++) count += (tileX(area.east, z) - tileX(area.west, z) + 1) * (tileY(area.south, z) - tileY(area.north, z) + 1);
  return count;
}

export type TileAddressCheck = { ok: true; tile: TileAddress } | { ok: false; message: string };

const WHOLE = /^(0|[1-9]\d{0,6})$/;
const Y_PART = /^(0|[1-9]\d{0,6})(?:\.(png|jpe?g|webp|mvt|pbf))?$/;

/**
 * The tile a path's `z`, `x` and `y` parts name (`y` may carry an extension), or why it names none:
 * whole numbers, `z` from 0 to `maxZoom`, `x` and `y` from 0 to 2^z − 1.
 */
export function parseTileAddress(zPart: string, xPart: string, yPart: string, maxZoom: number): TileAddressCheck {
  const yMatch = Y_PART.exec(yPart);
  if (!WHOLE.test(zPart) || !WHOLE.test(xPart) || !yMatch) {
    return { ok: false, message: 'A tile address is /api/tiles/{z}/{x}/{y}.png with whole numbers for z, x and y.' };
  }
  const z = Number(zPart);
  if (z > maxZoom) return { ok: false, message: `Tile zoom ${z} is out of range: this site's tiles go from zoom 0 to ${maxZoom}.` };
  const x = Number(xPart);
  const y = Number(yMatch[1]);
  const last = 2 ** z - 1;
  if (x > last || y > last) return { ok: false, message: `Tile ${z}/${x}/${y} does not exist: at zoom ${z}, x and y go from 0 to ${last}.` };
  return { ok: true, tile: { z, x, y } };
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['z', 'x', 'y', 's']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** The servers {s} stands for, as Leaflet's default. */
export const TILE_SUBDOMAINS = ['a', 'b', 'c'] as const;

/**
 * What is wrong with a provider's URL template, or undefined: https (plain http only for a tile server
 * on the hub's own machine), {z}, {x} and {y} each present, no placeholder the hub does not fill in,
 * no user name or password.
 */
export function tileTemplateProblem(template: string): string | undefined {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !KNOWN_PLACEHOLDERS.has(name));
  if (unknown.length > 0) return `has the placeholder {${unknown[0]}}, which the hub does not fill in: use only {z}, {x}, {y} and {s}`;
  const missing = ['z', 'x', 'y'].filter((name) => !template.includes(`{${name}}`));
  if (missing.length > 0) return `must contain {z}, {x} and {y} (missing ${missing.map((name) => `{${name}}`).join(', ')})`;
  let url: URL;
  try {
    url = new URL(fillTemplate(template, { z: 0, x: 0, y: 0 }));
  } catch {
    return 'is not a URL: write it like https://tile.example.org/{z}/{x}/{y}.png';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
  return 'must be an https:// URL (plain http:// only for a tile server on the hub\'s own machine: localhost or 127.0.0.1)';
}

/** The template with the tile's numbers filled in ({s} picks a server by the tile, so each tile keeps one). */
export function fillTemplate(template: string, { z, x, y }: TileAddress): string {
  const server = TILE_SUBDOMAINS[(x + y) % TILE_SUBDOMAINS.length]!;
  return template.replace(/\{([zxys])\}/g, (_match, name: string) => (name === 'z' ? String(z) : name === 'x' ? String(x) : name === 'y' ? String(y) : server));
}

/** Whether the template asks OpenStreetMap's own tile servers (whose usage policy needs a contact). */
export function isOpenStreetMapTiles(template: string): boolean {
  try {
    return /(^|\.)tile\.openstreetmap\.org$/.test(new URL(fillTemplate(template, { z: 0, x: 0, y: 0 })).hostname);
  } catch {
    return false;
  }
}

/**
 * A short name for a tile source (FNV-1a of its URL or file): the hub's cache keeps each source's
 * tiles apart under it, and the kiosk puts it in the tile address so a new source is never mixed
 * with tiles a browser still holds from the old one.
 */
export function tileSourceKey(source: GeoTiles['source']): string {
  const text = source.kind === 'provider' ? `provider:${source.url}` : `pmtiles:${source.file}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** The hub's tile URL template for Leaflet, below the hub's base URL (which ends in a slash). */
export function hubTileTemplate(hubBase: string, tiles: GeoTiles): string {
  return `${hubBase}${HUB_TILE_PATH}.png?source=${tileSourceKey(tiles.source)}`;
}
