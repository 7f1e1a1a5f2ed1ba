// The side-by-side page (issue 14): a plain Leaflet page with the kiosk's own data, to hold the
// kiosk's figures against in the same Chromium, run and throttle. The data comes from the project's
// pure functions (config validation, schedule expansion, the site map's fan-out and CRS.Simple
// conversion), so the markers stand where the kiosk's stand. The page has the kiosk's filter buttons
// by the same English names ("See-do", "Now", "This week", … in a region "Filters") and a straight
// filter loop over the activities and their occurrences; it draws markers only, no list.
// Two variants: `canvas` (L.circleMarker on one L.canvas renderer; a filter removes and adds layers)
// and `cluster` (leaflet.markercluster with small div markers; removeLayers/addLayers in batches).
// The page is served by page.route on a made-up path of the kiosk's own origin.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { loadSiteConfig } from '../../src-renderer/core/config';
import { LEVEL_IDS, SITE_FILES, type LevelId, type SiteBundle, type SitePlan } from '../../src-renderer/core/model';
import { expandAll } from '../../src-renderer/core/schedule';
import { startOfLocalDay, windowRange } from '../../src-renderer/core/timing';
import { fanOut, toLatLng } from '../../src-renderer/kiosk/plan-geometry';

export type PlainVariant = 'canvas' | 'cluster';
export const PLAIN_VARIANTS: readonly PlainVariant[] = ['canvas', 'cluster'];

/** What the plain page draws and filters: one entry per on-site activity, as the kiosk's site map has them. */
export interface PlainData {
  plan: SitePlan;
  planFile: string;
  levels: { id: LevelId; name: string; color: string }[];
  /** [lat, lng, level index, …occurrence start/end pairs in the kiosk's seeded horizon]. */
  markers: number[][];
  /** Ends of "Today" and "This week" (epoch ms), as the kiosk's windowRange computes them for the run's day. */
  windowEnds: { today: number; week: number };
  /** How long validation and expansion took in Node, for the notes. */
  preparedMs: number;
}

const PREFIX = '/__bench-plain/';
/** The kiosk seeds and shows this many local days from the start of today (catalogue.svelte.ts). */
const HORIZON_DAYS = 9;
const require = createRequire(import.meta.url);

export async function plainData(siteDir: string, now = Date.now()): Promise<PlainData> {
  const started = performance.now();
  const files = Object.fromEntries(await Promise.all(SITE_FILES.map(async (file) => [file, await readFile(join(siteDir, file), 'utf8')] as const))) as SiteBundle['files'];
  const result = loadSiteConfig({ source: siteDir, files }, { now });
  if (!result.ok) throw new Error(`the site in ${siteDir} does not validate: ${result.errors[0]?.message ?? 'unknown problem'}`);
  const { config } = result;
  const timeZone = config.site.timeZone;
  const from = startOfLocalDay(now, timeZone);
  const occurrences = groupBy(expandAll(config, from, from + HORIZON_DAYS * 86_400_000), (occurrence) => occurrence.activityId);
  const plan = config.site.plan;
  const spaces = new Map(config.spaces.map((space) => [space.id, space]));
  const onSite = config.activities.filter((activity) => activity.space && spaces.has(activity.space));
  const markers: number[][] = [];
  for (const group of groupBy(onSite, (activity) => activity.space!).values()) {
    group.forEach((activity, index) => {
      const [lat, lng] = toLatLng(fanOut(spaces.get(activity.space!)!.at, index, group.length), plan);
      const spans = (occurrences.get(activity.id) ?? []).flatMap((occurrence) => [occurrence.start, occurrence.end]);
      markers.push([lat, lng, LEVEL_IDS.indexOf(activity.level), ...spans]);
    });
  }
  return {
    plan,
    planFile: join(siteDir, plan.image),
    levels: LEVEL_IDS.map((id) => ({ id, name: config.levels[id].name.en ?? config.levels[id].name.nl ?? id, color: config.levels[id].color })),
    markers,
    windowEnds: { today: windowRange('today', now, timeZone).to, week: windowRange('week', now, timeZone).to },
    preparedMs: performance.now() - started,
  };
}

/**
 * Opens the plain page (`variant`) in `context` at `origin`, the map sized like the kiosk's
 * (`mapSize`), and waits until its markers are drawn.
 */
export async function openPlainPage(context: BrowserContext, page: Page, origin: string, variant: PlainVariant, data: PlainData, mapSize: { width: number; height: number }): Promise<void> {
  const leaflet = dirname(require.resolve('leaflet/package.json'));
  const cluster = dirname(require.resolve('leaflet.markercluster/package.json'));
  const files: Record<string, { path: string; type: string }> = {
    'leaflet.js': { path: join(leaflet, 'dist/leaflet.js'), type: 'text/javascript' },
    'leaflet.css': { path: join(leaflet, 'dist/leaflet.css'), type: 'text/css' },
    'markercluster.js': { path: join(cluster, 'dist/leaflet.markercluster.js'), type: 'text/javascript' },
    'markercluster.css': { path: join(cluster, 'dist/MarkerCluster.css'), type: 'text/css' },
    'markercluster-default.css': { path: join(cluster, 'dist/MarkerCluster.Default.css'), type: 'text/css' },
    'plan.svg': { path: data.planFile, type: 'image/svg+xml' },
  };
  await context.route(`${origin}${PREFIX}**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(PREFIX.length);
    if (name === 'page.html') return route.fulfill({ contentType: 'text/html', body: pageHtml(variant, mapSize) });
    if (name === 'data.json') return route.fulfill({ contentType: 'application/json', body: JSON.stringify(data) });
    const file = files[name];
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ contentType: file.type, body: await readFile(file.path) });
  });
  await page.goto(`${origin}${PREFIX}page.html`);
  await page.waitForFunction(() => (window as unknown as { plainReady?: boolean }).plainReady === true, undefined, { timeout: 300_000, polling: 100 });
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function pageHtml(variant: PlainVariant, mapSize: { width: number; height: number }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plain Leaflet (${variant})</title>
<link rel="stylesheet" href="leaflet.css">
${variant === 'cluster' ? '<link rel="stylesheet" href="markercluster.css"><link rel="stylesheet" href="markercluster-default.css">' : ''}
<style>
  body { margin: 0; font: 16px system-ui, sans-serif; }
  section { display: flex; gap: 8px; padding: 8px; }
  button { min-height: 48px; padding: 0 16px; font: inherit; }
  button[aria-pressed='true'] { background: #222; color: #fff; }
  #map { width: ${Math.round(mapSize.width)}px; height: ${Math.round(mapSize.height)}px; }
  .dot { border-radius: 50%; border: 2px solid #fff; box-sizing: border-box; }
</style></head>
<body>
<section aria-label="Filters">
  <div role="group" aria-label="When" id="when"></div>
  <div role="group" aria-label="Levels" id="levels"></div>
</section>
<div id="map" role="region" aria-label="Plain Leaflet map"></div>
<script src="leaflet.js"></script>
${variant === 'cluster' ? '<script src="markercluster.js"></script>' : ''}
<script>
(async () => {
  const data = await (await fetch('data.json')).json();
  const plan = data.plan;
  const bounds = L.latLngBounds([0, 0], [plan.height, plan.width]);
  const map = L.map('map', { crs: L.CRS.Simple, minZoom: -3, maxZoom: 2, zoomSnap: 0.25, attributionControl: false, maxBounds: bounds.pad(0.2), maxBoundsViscosity: 1 });
  L.imageOverlay('plan.svg', bounds).addTo(map);
  map.fitBounds(bounds);
  const variant = ${JSON.stringify(variant)};
  const renderer = L.canvas();
  const group = variant === 'cluster' ? L.markerClusterGroup() : L.layerGroup();
  group.addTo(map);
  const entries = data.markers.map((row) => {
    const level = data.levels[row[2]];
    const layer = variant === 'cluster'
      ? L.marker([row[0], row[1]], { icon: L.divIcon({ className: 'dot', html: '', iconSize: [24, 24] }) })
      : L.circleMarker([row[0], row[1]], { renderer, radius: 11, color: '#ffffff', weight: 2, fillColor: level.color, fillOpacity: 1 });
    if (variant === 'cluster') layer.on('add', () => { const element = layer.getElement(); if (element) element.style.background = level.color; });
    return { layer, level: level.id, spans: row.slice(3), shown: false };
  });
  const filter = { levels: [], window: 'today' };
  const windowEnd = (nowMs) => filter.window === 'now' ? nowMs + 3600000 : filter.window === 'today' ? data.windowEnds.today : data.windowEnds.week;
  function apply() {
    const nowMs = Date.now();
    const to = windowEnd(nowMs);
    const add = [];
    const remove = [];
    for (const entry of entries) {
      let wanted = filter.levels.length === 0 || filter.levels.includes(entry.level);
      if (wanted) {
        wanted = false;
        for (let i = 0; i < entry.spans.length; i += 2) if (entry.spans[i] < to && entry.spans[i + 1] > nowMs) { wanted = true; break; }
      }
      if (wanted !== entry.shown) (wanted ? add : remove).push(entry.layer);
      entry.shown = wanted;
    }
    if (variant === 'cluster') { group.removeLayers(remove); group.addLayers(add); }
    else { for (const layer of remove) group.removeLayer(layer); for (const layer of add) group.addLayer(layer); }
    for (const button of document.querySelectorAll('[data-window]')) button.setAttribute('aria-pressed', String(button.dataset.window === filter.window));
    for (const button of document.querySelectorAll('[data-level]')) button.setAttribute('aria-pressed', String(filter.levels.includes(button.dataset.level)));
  }
  const button = (parent, text, attribute, value, onclick) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = text;
    element.dataset[attribute] = value;
    element.addEventListener('click', onclick);
    document.getElementById(parent).append(element);
  };
  for (const [window, text] of [['now', 'Now'], ['today', 'Today'], ['week', 'This week']]) button('when', text, 'window', window, () => { filter.window = window; apply(); });
  for (const level of data.levels) button('levels', level.name, 'level', level.id, () => {
    filter.levels = filter.levels.includes(level.id) ? filter.levels.filter((id) => id !== level.id) : [...filter.levels, level.id];
    apply();
  });
  apply();
  window.benchMap = map;
  requestAnimationFrame(() => requestAnimationFrame(() => { window.plainReady = true; }));
})();
</script></body></html>`;
}
