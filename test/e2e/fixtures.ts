import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HubLog } from '../../src-hub/log';
import { startHub, type RunningHub } from '../../src-hub/start';
import { copyHubTemplate, E2E_ACCOUNTS, templateDevice, type TemplateDevice } from '../support/hub-template';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { pairContext } from './kiosk-auth';

const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const FOLLOW_DIR = join(ROOT, 'out/follow');
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

/**
 * The activity list draws only the rows near its viewport: scrolls `list` down with the wheel until
 * `row` (a locator inside it) is drawn, then brings it into view.
 */
export async function scrollListTo(page: Page, list: Locator, row: Locator): Promise<void> {
  await list.getByRole('listitem').first().hover();
  await expect(async () => {
    if ((await row.count()) === 0) await page.mouse.wheel(0, 500);
    await expect(row).toBeAttached({ timeout: 500 });
  }).toPass();
  await row.scrollIntoViewIfNeeded();
}

/**
 * The hub's clock in the end-to-end tests: FIXED_NOW, flowing on from when the run started, as the
 * pages' clock does after `page.clock.install`. Booking checks ("in the past", "too far ahead") then
 * agree with what the kiosk shows on whatever day the suite runs.
 */
const runStarted = Date.now();
const hubClock = (): number => FIXED_NOW.getTime() + (Date.now() - runStarted);

export interface SiteOptions {
  /**
   * Run the hub as a separate process (`node --import tsx src-hub/cli.ts`) instead of inside the test
   * worker, so that `kill()` can SIGKILL it. Slower to start; use it only for fault tests.
   */
  process?: boolean;
  /** Resolve before the hub's store is open (the API answers 503 until then). Default: wait for it. */
  waitForStore?: boolean;
  /**
   * Start the test's page as the template's paired screen (its identity written before the page
   * loads). Default true; false: the kiosk starts with no token and shows its pairing code.
   */
  paired?: boolean;
}

export interface ServedSite {
  /** The hub's address; the kiosk is at `/`, the follow-up page at `/follow/`. */
  url: string;
  port: number;
  /** A private copy of the sample site that the test may break. */
  dir: string;
  /** The screen the hub's data already has paired ("Lobby"): a kiosk page keeps it in localStorage `wegwijzer.device`. */
  device: TemplateDevice;
  /** The accounts the hub's data holds (a coordinator and the repair café's representative). */
  accounts: typeof E2E_ACCOUNTS;
  /** The hub's PGlite data folder (a copy of the run's template), kept across stop and start. */
  dataDir: string;
  /** The hub's log lines so far (in-process hubs only; a process hub's output is in `output()`). */
  logs: string[];
  /** Stops the hub cleanly (server, then store). Does nothing when it is not running. */
  stop(): Promise<void>;
  /** SIGKILL, as in a power cut: no shutdown code runs. Only with `{ process: true }`. */
  kill(): Promise<void>;
  /** Starts the hub again on the same port, site folder and data, after stop() or kill(). */
  start(): Promise<void>;
  /** A process hub's stdout and stderr so far. */
  output(): string;
  /** The hub's clock now (in-process hubs): FIXED_NOW flowing on, plus whatever `advanceClock` added. */
  now(): number;
  /** Moves this hub's clock on by `ms` (in-process hubs only), e.g. past a claim QR's end without waiting. */
  advanceClock(ms: number): void;
}

type Running = { kind: 'in-process'; hub: RunningHub } | { kind: 'process'; hub: HubProcess };

/**
 * `site()` copies the sample site to a temporary folder, lets the test change it, and serves it with a
 * hub on PGlite on a free loopback port (the kiosk build, the follow-up build and the API, as
 * `npm run web` does). Everything is removed after the test.
 */
export const test = base.extend<{
  site: (prepare?: (dir: string) => Promise<void>, options?: SiteOptions) => Promise<ServedSite>;
  pageErrors: string[];
}>({
  site: async ({ context }, use) => {
    const started: { served: ServedSite; work: string }[] = [];
    await use(async (prepare, options = {}) => {
      const work = await mkdtemp(join(tmpdir(), 'wegwijzer-e2e-'));
      const dir = join(work, 'site');
      const dataDir = join(work, 'hub-data');
      await cp(SAMPLE_SITE, dir, { recursive: true });
      if (prepare) await prepare(dir);
      await copyHubTemplate(dataDir);
      const served = await serveSite(dir, dataDir, options, await templateDevice());
      started.push({ served, work });
      if (options.paired ?? true) await pairContext(context, served.device);
      return served;
    });
    for (const { served, work } of started) {
      await served.stop();
      await rm(work, { recursive: true, force: true });
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

async function serveSite(dir: string, dataDir: string, options: SiteOptions, device: TemplateDevice): Promise<ServedSite> {
  const logs: string[] = [];
  const log = collectingLog(logs);
  const waitForStore = options.waitForStore ?? true;
  let port = 0;
  let running: Running | undefined;
  let offset = 0;
  const now = (): number => hubClock() + offset;

  const start = async (): Promise<void> => {
    if (running) return;
    if (options.process) {
      const hub = await startHubProcess({ siteDir: dir, dataDir, ...(port ? { port } : {}), waitForApi: waitForStore });
      running = { kind: 'process', hub };
      port = hub.port;
      return;
    }
    const hub = await startHub({ siteDir: dir, store: { dataDir }, rendererDir: RENDERER_DIR, followDir: FOLLOW_DIR, port, log, now });
    running = { kind: 'in-process', hub };
    port = hub.port;
    if (waitForStore) await hub.ready;
  };
  await start();
  const first = running!;
  let lastOutput = '';

  return {
    url: first.hub.url,
    port,
    dir,
    device,
    accounts: E2E_ACCOUNTS,
    dataDir,
    logs,
    start,
    async stop() {
      const current = running;
      running = undefined;
      if (current?.kind === 'process') {
        await current.hub.stop();
        lastOutput = current.hub.output();
      } else await current?.hub.close();
    },
    async kill() {
      if (running?.kind !== 'process') throw new Error('kill() needs a hub in its own process: site(prepare, { process: true })');
      const current = running;
      running = undefined;
      await current.hub.kill();
      lastOutput = current.hub.output();
    },
    output: () => (running?.kind === 'process' ? running.hub.output() : lastOutput),
    now,
    advanceClock(ms) {
      if (options.process) throw new Error('advanceClock() moves an in-process hub\'s clock only');
      offset += ms;
    },
  };
}

function collectingLog(lines: string[]): HubLog {
  const add = (level: string) => (topic: string, message: string) => void lines.push(`${level} [${topic}] ${message}`);
  return { info: add('info'), warn: add('warn'), error: add('error') };
}

export { expect } from '@playwright/test';
