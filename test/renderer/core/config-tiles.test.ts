// site.json map.geo.tiles: a provider or a PMTiles file, the older tileUrl still read, and a clear
// error for each thing a site can get wrong.
import { describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../../../src-renderer/core/config';
import type { ConfigError, ConfigResult, GeoMap } from '../../../src-renderer/core/model';
import type { FixtureFiles } from './site-fixture';
import { fixtureBundle, NOW } from './site-fixture';

const CENTER = { lat: 50.965, lon: 5.5 };

function load(geo: Record<string, unknown>): ConfigResult {
  return loadSiteConfig(fixtureBundle((files: FixtureFiles) => (files.site.map.geo = { center: CENTER, zoom: 14, ...geo })), { now: NOW });
}

function geoOf(geo: Record<string, unknown>): { geo: GeoMap; warnings: ConfigError[] } {
  const result = load(geo);
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.errors, null, 2)}`);
  return { geo: result.config.site.geo!, warnings: result.warnings };
}

function messagesOf(geo: Record<string, unknown>): string[] {
  const result = load(geo);
  if (result.ok) throw new Error('expected errors, the config is valid');
  return result.errors.map((error) => `${error.path}: ${error.message}`);
}

describe('map.geo.tiles', () => {
  it('reads a provider with its defaults', () => {
    const { geo } = geoOf({ tiles: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', contact: 'kiosk@example.org' } });
    expect(geo.tiles).toEqual({ source: { kind: 'provider', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }, attribution: '© OpenStreetMap contributors', contact: 'kiosk@example.org', maxZoom: 18, radiusKm: 10 });
  });

  it('reads a PMTiles file', () => {
    const { geo } = geoOf({ tiles: { pmtiles: 'genk.pmtiles', attribution: '© OpenStreetMap contributors', maxZoom: 16, radiusKm: 5 } });
    expect(geo.tiles).toEqual({ source: { kind: 'pmtiles', file: 'genk.pmtiles' }, attribution: '© OpenStreetMap contributors', maxZoom: 16, radiusKm: 5 });
  });

  it('still reads the older tileUrl and attribution', () => {
    const { geo, warnings } = geoOf({ tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example' });
    expect(geo.tiles).toEqual({ source: { kind: 'provider', url: 'https://tiles.example.org/{z}/{x}/{y}.png' }, attribution: '© Example', maxZoom: 18, radiusKm: 10 });
    expect(warnings).toEqual([]);
    // OpenStreetMap's own servers without a contact: still served, with a warning that says what to add.
    const osm = geoOf({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' });
    expect(osm.warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/usage policy.*tiles\.contact/)]);
  });

  it('warns about a partner place beyond the area the hub serves tiles for', () => {
    const tiles = { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example' };
    // The fixture's C-mine lies about 1.3 km from the centre.
    expect(geoOf({ tiles }).warnings).toEqual([]);
    const far = geoOf({ tiles: { ...tiles, radiusKm: 1 } }).warnings;
    expect(far.map((warning) => `${warning.file} ${warning.path}: ${warning.message}`)).toEqual([
      expect.stringMatching(/^organisations\.json organisations\[2\]\.place\.geo: the place `C-mine` lies 1\.\d km from the map's centre, beyond the 1 km .* raise map\.geo\.tiles\.radiusKm/),
    ]);
  });

  it('has no tiles without either', () => {
    expect(geoOf({}).geo.tiles).toBeUndefined();
  });

  it('refuses what a site can get wrong, each with a message that says what to do', () => {
    const attribution = '© OpenStreetMap contributors';
    expect(messagesOf({ tiles: { url: 'http://tiles.example.org/{z}/{x}/{y}.png', attribution } })).toEqual([expect.stringMatching(/map\.geo\.tiles\.url.*https:\/\/.*localhost or 127\.0\.0\.1/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{y}.png', attribution } })).toEqual([expect.stringMatching(/missing \{x\}/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png?key={key}', attribution } })).toEqual([expect.stringMatching(/\{key\}/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: ' ' } })).toEqual([expect.stringMatching(/attribution.*must name/)]);
    expect(messagesOf({ tiles: { attribution } })).toEqual([expect.stringMatching(/exactly one source/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', pmtiles: 'a.pmtiles', attribution } })).toEqual([expect.stringMatching(/exactly one source/)]);
    expect(messagesOf({ tiles: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution } })).toEqual([expect.stringMatching(/map\.geo\.tiles\.contact.*usage policy/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution, maxZoom: 12 } })).toEqual([expect.stringMatching(/maxZoom 12 is below the map's zoom 14/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution, radiusKm: 500 } })).toEqual([expect.stringMatching(/radiusKm.*between 0\.5 and 50/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution, contact: 'ict@école.example' } })).toEqual([expect.stringMatching(/contact.*plain ASCII/)]);
    expect(messagesOf({ tiles: { pmtiles: '../secret.pmtiles', attribution } })).toEqual([expect.stringMatching(/file name in the site folder/)]);
    expect(messagesOf({ tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution }, tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' })).toEqual([expect.stringMatching(/give the tiles once/)]);
  });
});
