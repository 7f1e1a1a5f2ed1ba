// Several screens, one site hub. Each kiosk is a browser context of its own (its own IndexedDB, as a
// separate Chromium profile has), so nothing is shared but the hub: races are decided by PostgreSQL
// (PGlite here), a booking made on one kiosk reaches the others through the change stream, and a kiosk
// whose hub is gone keeps browsing and refuses to book until the hub is back.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { expect, FIXED_NOW, openExplore, RENDERER_DIR, test, type ServedSite } from './fixtures';
import { pairContext, unlockStaff } from './kiosk-auth';
import type { Attempt } from './race/attempt';

// Several browser profiles and a hub per test: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

const KIOSK = { viewport: { width: 1920, height: 1080 }, hasTouch: true, locale: 'nl-BE', timezoneId: 'Europe/Brussels' };

/** A kiosk in a browser profile of its own, paired as the site's screen. */
async function kiosk(browser: Browser, served: ServedSite): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(KIOSK);
  await pairContext(context, served.device);
  const page = await context.newPage();
  return { context, page };
}

/** Builds the race harness page into the served renderer folder; returns its folder name. */
async function buildHarness(): Promise<string> {
  // A folder of its own per run, so parallel runs never load each other's half-written harness.
  const folder = `__race-${process.pid}-${Date.now()}`;
  // The store keeps its connection state in runes, so the harness is compiled as the kiosk is.
  await build({
    root: resolve(import.meta.dirname, 'race'),
    base: './',
    logLevel: 'silent',
    plugins: [svelte({ configFile: resolve(import.meta.dirname, '../../svelte.config.mjs') })],
    build: { outDir: join(RENDERER_DIR, folder), emptyOutDir: true },
  });
  return folder;
}

for (const { space, capacity } of [
  { space: 'music-2', capacity: 1 },
  { space: 'art-studio', capacity: 4 },
]) {
  test(`two kiosks with separate profiles race 25 attempts each for one slot of a space for ${capacity}: exactly ${capacity} win`, async ({ browser, site }) => {
    const folder = await buildHarness();
    try {
      const served = await site();
      const { url } = served;
      const kiosks = [await kiosk(browser, served), await kiosk(browser, served)];
      for (const { page } of kiosks) {
        // Each profile seeds its own copy from the hub, then loads the harness on the same origin.
        await page.clock.install({ time: FIXED_NOW });
        await page.goto(url);
        await page.getByRole('button', { name: /Start/ }).waitFor();
        await page.goto(new URL(`${folder}/index.html`, url).href);
        await expect(page).toHaveTitle('ready');
      }
      const { start, end } = await kiosks[0]!.page.evaluate((id) => window.firstFreeSlot(id, 60), space);
      const results = (
        await Promise.all(kiosks.map(({ page }) => page.evaluate(([id, s, e]) => window.raceBook(id, s, e, 25), [space, start, end] as const) as Promise<Attempt[]>))
      ).flat();
      expect(results).toHaveLength(50);
      expect(results.filter((attempt) => attempt.ok)).toHaveLength(capacity);
      const refused = results.filter((attempt): attempt is Extract<Attempt, { ok: false }> => !attempt.ok);
      expect(refused).toHaveLength(50 - capacity);
      for (const attempt of refused) {
        expect(attempt.rule).toBe('fully-booked');
        expect(attempt.nearest).toBeGreaterThan(0);
      }
      for (const { context } of kiosks) await context.close();
    } finally {
      await rm(join(RENDERER_DIR, folder), { recursive: true, force: true });
    }
  });
}

async function openBooking(page: Page, space: RegExp, day: string) {
  await page.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Book a space' });
  await dialog.getByRole('button', { name: space }).tap();
  await dialog.getByRole('button', { name: day }).tap();
  await dialog.getByRole('button', { name: '60 min' }).tap();
  const slots = dialog.getByRole('group', { name: 'Choose a time' });
  await expect(slots).toHaveAttribute('aria-busy', 'false');
  return { dialog, slots };
}

test('a booking made on kiosk A leaves kiosk B\'s free times and appears on a staff timeline in a third profile', async ({ browser, site }) => {
  const served = await site();
  const { url } = served;
  const [a, b, staff] = [await kiosk(browser, served), await kiosk(browser, served), await kiosk(browser, served)];
  for (const { page } of [a, b, staff]) await openExplore(page, url, 'English');

  // Kiosk B looks at the drum room's Saturday first, so the slot is on its screen when A takes it.
  const onB = await openBooking(b.page, /Drum room/, 'Saturday 5 December');
  await expect(onB.slots.getByRole('button', { name: /^10:00–11:00/ })).toBeVisible();

  const onA = await openBooking(a.page, /Drum room/, 'Saturday 5 December');
  await onA.slots.getByRole('button', { name: /^10:00–11:00/ }).tap();
  for (const key of 'Ada') await onA.dialog.getByRole('button', { name: key, exact: true }).tap();
  await onA.dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(onA.dialog.getByText('Booked!')).toBeVisible();
  const code = (await onA.dialog.locator('.code').textContent())!.trim();

  // B's open dialog drops the slot as soon as the change reaches its copy.
  await expect(onB.slots.getByRole('button', { name: /^10:00–11:00/ })).toHaveCount(0);

  // A coordinator in a third profile sees it on the timeline.
  await unlockStaff(staff.page, E2E_ACCOUNTS.coordinator);
  await staff.page.getByLabel('Date', { exact: true }).fill('2026-12-05');
  await expect(staff.page.locator('.ec').getByRole('button', { name: new RegExp(`10:00–11:00 · Visitor · Ada \\(visitor\\) · ${code}`) })).toBeVisible();
  for (const { context } of [a, b, staff]) await context.close();
});

// The outage cuts the kiosk off its hub at the network (every /api request refused, as with a pulled
// cable or a stopped hub): stopping the test's hub would free its port for another test's hub to take.
// Killing the hub itself mid-booking is test/hub/faults.test.ts.
test('with the hub out of reach the kiosk keeps browsing and refuses to book, saying so; once it is back the kiosk books and resyncs without duplicates', async ({ page, site }) => {
  const served = await site();
  await openExplore(page, served.url, 'English');
  // One booking before the outage, to count later.
  let onPage = await openBooking(page, /Drum room/, 'Saturday 5 December');
  await onPage.slots.getByRole('button', { name: /^10:00–11:00/ }).tap();
  await onPage.dialog.getByLabel('Your first name or nickname').fill('Before');
  await onPage.dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(onPage.dialog.getByText('Booked!')).toBeVisible();
  await onPage.dialog.getByRole('button', { name: 'Done' }).tap();

  await page.route(/\/api\//, (route) => route.abort('connectionrefused'));
  await expect(page.getByRole('status').filter({ hasText: /Offline since/ })).toBeVisible({ timeout: 30_000 });
  // Browsing goes on from the copy: filters, the list and an activity sheet.
  await page.getByRole('button', { name: 'Today', exact: true }).tap();
  await expect(page.getByRole('list', { name: /activities/i }).getByRole('listitem').first()).toBeVisible();
  // Booking says plainly that it is not possible right now, and offers no times.
  await page.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Book a space' });
  await dialog.getByRole('button', { name: /Drum room/ }).tap();
  await expect(dialog.getByText(/not possible right now/i)).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Choose a time' }).getByRole('button')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).tap();

  await page.unroute(/\/api\//);
  // The kiosk retries the hub at most 10 s apart; then the mark goes and booking is possible again.
  await expect(page.getByRole('status').filter({ hasText: /Offline since/ })).toHaveCount(0, { timeout: 30_000 });
  await expect(async () => {
    const open = page.getByRole('dialog', { name: 'Book a space' });
    if ((await open.count()) > 0) await open.getByRole('button', { name: 'Close' }).tap();
    onPage = await openBooking(page, /Drum room/, 'Saturday 5 December');
    await expect(onPage.slots.getByRole('button', { name: /^11:30–12:30/ })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  // The booking made before the outage is still taken.
  await expect(onPage.slots.getByRole('button', { name: /^10:00–11:00/ })).toHaveCount(0);
  await onPage.slots.getByRole('button', { name: /^11:30–12:30/ }).tap();
  await onPage.dialog.getByLabel('Your first name or nickname').fill('After');
  await onPage.dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(onPage.dialog.getByText('Booked!')).toBeVisible();

  // The copy holds each booking once, whatever the change stream delivered again after the restart.
  const codes = await page.evaluate(async () => {
    const request = indexedDB.open('wegwijzer');
    const db = await new Promise<IDBDatabase>((resolveOpen, reject) => {
      request.onsuccess = () => resolveOpen(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<{ code: string; status: string }[]>((resolveRows, reject) => {
      const all = db.transaction('bookings').objectStore('bookings').getAll();
      all.onsuccess = () => resolveRows(all.result as { code: string; status: string }[]);
      all.onerror = () => reject(all.error);
    });
    db.close();
    return rows.filter((row) => row.status === 'confirmed').map((row) => row.code);
  });
  expect(codes).toHaveLength(2);
  expect(new Set(codes).size).toBe(2);
});
