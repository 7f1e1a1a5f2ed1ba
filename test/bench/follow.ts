// Benchmark of the web follow-up page: how much JavaScript a phone downloads before it can show a
// path, and how soon it paints on a slow phone (4× CPU throttling, 390×844 touch viewport).
//
//   npm run build:follow && npx tsx test/bench/follow.ts
//
// `benchFollowUp()` is also what `npm run bench` calls. Sizes are gzip at zlib's default level (6),
// what a typical static host serves.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { publishFollowUp, serveFolder } from '../../scripts/publish-follow';
import { followUpUrl } from '../../src-renderer/core/path-code';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLLOW_DIR = join(ROOT, 'out/follow');
const SAMPLE_SITE = join(ROOT, 'kiosk-config/regina-mundi');
/** The budget from the follow-up issue. */
export const INITIAL_JS_BUDGET_BYTES = 50 * 1024;
const LOADS = 7;
const CPU_SLOWDOWN = 4;

const gzipBytes = (bytes: Buffer): number => gzipSync(bytes).length;
const kB = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/**
 * The scripts a first visit loads before anything else: the entry, what index.html modulepreloads,
 * and every static import of those, transitively. Dynamic `import()`s (map, calendar, storage) are not.
 */
async function initialScripts(dir: string): Promise<string[]> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.\/([^"]+)"/g)].map((match) => match[1] ?? '');
  const preloaded = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+)"/g)].map((match) => match[1] ?? '');
  const found = new Set([...entry, ...preloaded]);
  for (const file of found) {
    const code = await readFile(join(dir, file), 'utf8');
    // Minified static imports: `import"./x.js"`, `import{a}from"./x.js"`, `export{b}from"./x.js"`.
    for (const match of code.matchAll(/(?:\bimport|\bfrom)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) found.add(join(dirname(file), match[1] ?? ''));
  }
  return [...found];
}

async function sizes(dir: string): Promise<Record<string, number>> {
  const initial = await initialScripts(dir);
  let initialGzip = 0;
  for (const file of initial) initialGzip += gzipBytes(await readFile(join(dir, file)));
  const assets = await readdir(join(dir, 'assets'));
  const lazy = async (prefix: string, extension = '.js'): Promise<number> => {
    let total = 0;
    for (const file of assets.filter((name) => name.startsWith(prefix) && name.endsWith(extension))) total += gzipBytes(await readFile(join(dir, 'assets', file)));
    return total;
  };
  const css = await lazy('index-', '.css');
  return {
    'follow: initial JS (gzip kB)': kB(initialGzip),
    'follow: initial JS budget (gzip kB)': kB(INITIAL_JS_BUDGET_BYTES),
    'follow: initial CSS (gzip kB)': kB(css),
    'follow: lazy map chunk, Leaflet (gzip kB)': kB((await lazy('PlanMap-')) + (await lazy('PlanMap-', '.css'))),
    'follow: lazy calendar chunk, ics + Temporal (gzip kB)': kB(await lazy('ics-')),
    'follow: lazy storage chunk, Dexie (gzip kB)': kB(await lazy('recent-db-')),
    'follow: catalogue.json, sample site (gzip kB)': kB(gzipBytes(await readFile(join(dir, 'catalogue.json')))),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function paintTimes(url: string): Promise<{ fcp: number; ready: number }> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const fcp: number[] = [];
  const ready: number[] = [];
  try {
    for (let load = 0; load < LOADS; load++) {
      // A fresh context each time: a first visit, no service worker, no HTTP cache.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'nl-BE', timezoneId: 'Europe/Brussels' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('follow/ready').length > 0 && performance.getEntriesByName('first-contentful-paint').length > 0);
      const marks = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        ready: performance.getEntriesByName('follow/ready')[0]?.startTime ?? Number.NaN,
      }));
      fcp.push(marks.fcp);
      ready.push(marks.ready);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { fcp: median(fcp), ready: median(ready) };
}

export async function benchFollowUp(): Promise<Record<string, number | string>> {
  if (!existsSync(join(FOLLOW_DIR, 'index.html'))) throw new Error('out/follow is missing: run `npm run build:follow` first.');
  const work = await mkdtemp(join(tmpdir(), 'wegwijzer-follow-bench-'));
  const server = { close: async (): Promise<void> => undefined };
  try {
    const { catalogue } = await publishFollowUp({ siteDir: SAMPLE_SITE, outDir: work });
    const served = await serveFolder(work);
    server.close = served.close;
    const now = Date.now();
    // A realistic path: five activities that have dates coming up.
    const upcoming = [...new Set(catalogue.occurrences.filter(([, start]) => start * 60_000 > now).map(([index]) => index))].slice(0, 5);
    const url = followUpUrl(served.url, upcoming.map((index) => ({ kind: 'activity', id: catalogue.activities[index]?.id ?? '' })));
    const times = await paintTimes(url);
    return {
      ...(await sizes(work)),
      [`follow: first contentful paint, ${CPU_SLOWDOWN}× CPU, 390×844, median of ${LOADS} (ms)`]: Math.round(times.fcp),
      [`follow: path on screen (follow/ready mark), ${CPU_SLOWDOWN}× CPU, median of ${LOADS} (ms)`]: Math.round(times.ready),
    };
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchFollowUp().then(
    (figures) => {
      for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
