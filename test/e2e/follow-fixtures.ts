// Fixtures of the web follow-up tests: the sample site published once per worker (as
// `npm run publish:follow` would), served per test by a plain static server on loopback, opened on a
// phone (touch, 390×844) whose clock stands at a fixed moment just before the March 2026 DST change.
import { test as base, type Page } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publishFollowUp, serveFolder, type StaticServer } from '../../scripts/publish-follow';
import type { Catalogue } from '../../src-renderer/core/catalogue';
import { followUpActivityUrl, followUpUrl, type FollowUpItem } from '../../src-renderer/core/path-code';

const ROOT = resolve(import.meta.dirname, '../..');
export const SAMPLE_SITE = join(ROOT, 'kiosk-config/regina-mundi');
export const FOLLOW_BUILD = join(ROOT, 'out/follow');

/** The catalogue is published as of this moment… */
export const PUBLISHED_AT = Date.parse('2026-03-20T00:00:00Z');
/** …and the phone's clock stands here: Thursday 26 March 2026, 10:00 in Brussels, three days before summer time. */
export const PHONE_NOW = Date.parse('2026-03-26T09:00:00Z');
export const DST_CHANGE = Date.parse('2026-03-29T01:00:00Z');

/** Every follow-up spec runs on this phone: `test.use(PHONE)`. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  locale: 'nl-BE',
  timezoneId: 'Europe/Brussels',
} as const;

export interface FollowSite {
  /** The page's base URL, with a trailing slash: the followUpBaseUrl of this test. */
  url: string;
  dir: string;
  catalogue: Catalogue;
  server: StaticServer;
  /** `<url>#<code>` for the items, made by the kiosk's codec. */
  pathUrl(items: readonly FollowUpItem[]): string;
  activityUrl(id: string): string;
}

interface Published {
  dir: string;
  catalogue: Catalogue;
}

/** Publishes a copy of the sample site, after `prepare` may change the copy's files. */
export async function publishSample(prepare?: (siteDir: string) => Promise<void>): Promise<Published & { cleanup(): Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'wegwijzer-follow-'));
  const siteDir = join(work, 'site');
  const outDir = join(work, 'public');
  await cp(SAMPLE_SITE, siteDir, { recursive: true });
  if (prepare) await prepare(siteDir);
  const { catalogue } = await publishFollowUp({ siteDir, outDir, followDir: FOLLOW_BUILD, now: PUBLISHED_AT });
  return { dir: outDir, catalogue, cleanup: () => rm(work, { recursive: true, force: true }) };
}

/** Edits one JSON file of a site folder in place. */
export async function editJson(path: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(path, JSON.stringify(json, null, 2));
}

export const test = base.extend<{ follow: (dir?: Published) => Promise<FollowSite>; pageErrors: string[] }, { published: Published }>({
  published: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const published = await publishSample();
      await use(published);
      await published.cleanup();
    },
    { scope: 'worker' },
  ],
  follow: async ({ published }, use) => {
    const servers: StaticServer[] = [];
    await use(async (site = published) => {
      const server = await serveFolder(site.dir);
      servers.push(server);
      return {
        url: server.url,
        dir: site.dir,
        catalogue: site.catalogue,
        server,
        pathUrl: (items) => followUpUrl(server.url, items),
        activityUrl: (id) => followUpActivityUrl(server.url, id),
      };
    });
    for (const server of servers) await server.close();
  },
  page: async ({ page }, use) => {
    await page.clock.setFixedTime(PHONE_NOW);
    await use(page);
  },
  // Every test fails on an uncaught exception in the page, whether or not it looks for one.
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      if (errors.length > 0) throw new Error(`Uncaught exceptions in the page:\n${errors.join('\n')}`);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';

/**
 * The page's globals inside `page.evaluate` callbacks. The e2e code compiles without the DOM library
 * (it is Node code), so in-page probes read `globalThis as InPage` instead of `document`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InPage = any;

/** Dutch titles, as the page shows them by default. */
export function titleOf(catalogue: Catalogue, id: string): string {
  const activity = catalogue.activities.find((candidate) => candidate.id === id);
  if (!activity) throw new Error(`No activity ${id} in the catalogue.`);
  return activity.title.nl ?? '';
}

/** Activities of the catalogue with at least `count` dates after the phone's clock, in catalogue order. */
export function activitiesWithDates(catalogue: Catalogue, count = 1): string[] {
  const after = PHONE_NOW / 60_000;
  const dates = new Map<number, number>();
  for (const [index, start, minutes] of catalogue.occurrences) if (start + minutes > after) dates.set(index, (dates.get(index) ?? 0) + 1);
  return catalogue.activities.filter((_, index) => (dates.get(index) ?? 0) >= count).map((activity) => activity.id);
}

/** The path page's step titles, in order. */
export async function stepTitles(page: Page): Promise<string[]> {
  return page.locator('main ol.steps > li').getByRole('heading', { level: 2 }).allInnerTexts();
}
