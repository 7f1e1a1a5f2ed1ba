import { test as base, type Page } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebServer, type RunningWebServer } from '../../src-main/web/server';

const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SAMPLE_SITE = join(ROOT, 'kiosk-config/regina-mundi');

/** Wednesday 2 December 2026, 15:30 in Genk: an ordinary afternoon with things on now and later. */
export const FIXED_NOW = new Date('2026-12-02T15:30:00+01:00');

/**
 * Opens the kiosk at FIXED_NOW (Playwright's clock: time then flows on from there), optionally in
 * another language, and taps Start.
 */
export async function openExplore(page: Page, url: string, language?: 'English' | 'Français' | 'Türkçe'): Promise<void> {
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);
  if (language) await page.getByRole('button', { name: language }).click();
  await page.getByRole('button', { name: /Start|Commencer|Başla/ }).click();
  await page.locator('.leaflet-container').waitFor();
}

export interface ServedSite {
  url: string;
  /** A private copy of the sample site that the test may break. */
  dir: string;
  server: RunningWebServer;
}

/**
 * `site()` copies the sample site to a temporary folder, lets the test change it, and serves it in
 * web mode on a free loopback port. Everything is removed after the test.
 */
export const test = base.extend<{
  site: (prepare?: (dir: string) => Promise<void>) => Promise<ServedSite>;
  pageErrors: string[];
}>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  site: async ({}, use) => {
    const started: ServedSite[] = [];
    await use(async (prepare) => {
      const dir = await mkdtemp(join(tmpdir(), 'wegwijzer-site-'));
      await cp(SAMPLE_SITE, dir, { recursive: true });
      if (prepare) await prepare(dir);
      const server = await startWebServer({ rendererDir: RENDERER_DIR, siteDir: dir, port: 0, log: () => undefined });
      const served = { url: server.url, dir, server };
      started.push(served);
      return served;
    });
    for (const { server, dir } of started) {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
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
