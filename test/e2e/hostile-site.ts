// A hostile site config: every free-text field of the sample site becomes markup that would run,
// load or link something if it ever reached the DOM as HTML, followed by a very long text. Each
// element the strings carry has a `data-pwned` attribute and every URL in them contains "pwned",
// so one selector and one look at the requests show whether anything got through.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The word every hostile element, attribute and URL carries. */
export const MARK = 'pwned';

/**
 * Keys whose strings have a format (ids, dates, colours, picklists, e-mail) and stay as they are:
 * the config must still validate, or the test would only show the error screen. Array elements
 * count under their array's key (`themes`, `badges`, `locales`, …). Every other string is text.
 */
const FORMATTED_KEYS = new Set([
  '$schema',
  'id',
  'timeZone',
  'defaultLocale',
  'locales',
  'pinHash',
  'from',
  'until',
  'to',
  'color',
  'shape',
  'image',
  'tileUrl',
  'kind',
  'bookableBy',
  'email',
  'level',
  'themes',
  'organiser',
  'space',
  'start',
  'end',
  'rrule',
  'except',
  'registration',
  'languages',
  'badges',
  'nextSteps',
  // Mentors, achievements and playlists: references, a web address, and short names with a length limit.
  'organisation',
  'theme',
  'mentor',
  'badge',
  'activity',
  'firstName',
  'value',
  'targetName',
  'targetUrl',
  'targetFramework',
  'targetCode',
  'targetDescription',
]);

/** Markup that would act on its own if parsed as HTML: run script, load a URL, or navigate. */
export function attack(tag: string): string {
  return (
    `<img data-pwned src="/${MARK}/${tag}.png" onerror="window.__pwned='${tag}'">` +
    `<script data-pwned>window.__pwned='${tag}'</script>` +
    `<a data-pwned href="javascript:window.__pwned='${tag}'">${tag}</a>` +
    `<svg data-pwned onload="window.__pwned='${tag}'"></svg>` +
    `<iframe data-pwned src="/${MARK}/${tag}.html"></iframe>` +
    `<style data-pwned>body{display:none}</style>` +
    `"'><b data-pwned onmouseover="window.__pwned='${tag}'">${tag}</b> javascript:window.__pwned='${tag}'`
  );
}

/** A word no line break fits, then a long paragraph: about 1,100 characters in all. */
export const LONG_TEXT = ` ${'Ontmoetingsplaatsvoorbuurtbewoners'.repeat(6)} ${'Een heel lange tekst die maar doorgaat en doorgaat, zoals een auteur die niet weet wanneer te stoppen. '.repeat(8)}`;

/** An `https:` URL (the schema allows no other, and no spaces) that still carries markup and points at the marked host. */
export const HOSTILE_URL = `https://${MARK}.invalid/"><img/data-pwned/src=/${MARK}/url.png/onerror=window.__pwned=1>/`;
/** A short symbol field (at most 8 characters) that is still markup. */
const HOSTILE_ICON = '<i>x</i>';

type Json = unknown;

function hostile(value: Json, key: string, path: string): Json {
  if (typeof value === 'string') {
    if (key === 'url' || key === 'followUpBaseUrl' || key === 'registrationUrl') return HOSTILE_URL;
    if (key === 'icon') return HOSTILE_ICON;
    if (FORMATTED_KEYS.has(key)) return value;
    return attack(path) + LONG_TEXT;
  }
  if (Array.isArray(value)) return value.map((item, index) => hostile(item, key, `${path}.${index}`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([child, item]) => [child, hostile(item, child, `${path}.${child}`)]));
  }
  return value;
}

/**
 * Rewrites site.json, spaces.json, organisations.json and activities.json of a site folder in place.
 * The city map gets a tile layer so that its attribution (HTML in Leaflet) is shown too; the tile
 * host is the only one outside the kiosk that a page may ask for (the CSP refuses it anyway).
 */
export async function makeHostile(dir: string): Promise<void> {
  for (const name of ['site', 'spaces', 'organisations', 'activities']) {
    const file = join(dir, `${name}.json`);
    const json = hostile(JSON.parse(await readFile(file, 'utf8')), '', name) as Record<string, unknown>;
    if (name === 'site') {
      const map = json.map as { geo: { tileUrl?: string; attribution?: string } };
      map.geo.tileUrl = TILE_URL;
      map.geo.attribution = attack('site.map.geo.attribution') + LONG_TEXT;
    }
    await writeFile(file, JSON.stringify(json, null, 2));
  }
}

export const TILE_HOST = 'https://tiles.example.org';
const TILE_URL = `${TILE_HOST}/{z}/{x}/{y}.png`;
