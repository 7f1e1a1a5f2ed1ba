// The site's screens (issue 9), end to end: a kiosk with no token pairs by its code and nothing else
// is on it; a revoked one drops back to pairing; a coordinator's notice, "closed" and "you are here"
// reach the kiosk within seconds; and a scripted visitor session raises the usage figures by exactly
// its taps, while the kiosk keeps nothing but counts per hour.
import type { Page } from '@playwright/test';
import type { ScreensResponse, UsageCount, UsageResponse } from '../../src-renderer/core/hub/contract';
import { DEVICE_STORAGE_KEY } from '../../src-renderer/core/screen';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { expect, FIXED_NOW, openExplore, test } from './fixtures';
import { signIn, testKey } from './kiosk-auth';
import { measureLabels } from './map-boxes';

test.describe.configure({ timeout: 90_000 });

const coordinator = E2E_ACCOUNTS.coordinator;
const HOUR_MS = 3_600_000;

test('a kiosk with no token shows only its pairing code; once claimed it is a kiosk and listed; revoked, it pairs again', async ({ page, site }) => {
  const { url } = await site(undefined, { paired: false });
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);

  const code = page.locator('.pairing-code');
  await expect(code).toHaveText(/^[A-Z0-9]{6}$/);
  await expect(page.getByText('Vraag een coördinator om deze code in te voeren aan de medewerkersbalie, pagina Schermen.')).toBeVisible();
  // Nothing a passer-by could use: no start, no map, no booking, no staff button, no language switch.
  await expect(page.getByRole('button')).toHaveCount(0);
  await expect(page.locator('.leaflet-container')).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);

  const desk = await signIn(url, coordinator);
  try {
    const claimed = await desk.post<{ screen: { id: string } }>('/api/pairing/claim', { idempotencyKey: testKey(), code: (await code.textContent())!.trim(), name: 'Entrance' });
    await expect(page.getByRole('button', { name: 'Start' })).toBeVisible({ timeout: 15_000 });
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { token: string; screenId: string } | null, DEVICE_STORAGE_KEY);
    expect(stored?.screenId).toBe(claimed.screen.id);
    const { screens } = await desk.get<ScreensResponse>('/api/screens');
    expect(screens.find((screen) => screen.id === claimed.screen.id)).toMatchObject({ name: 'Entrance' });

    await desk.post(`/api/screens/${encodeURIComponent(claimed.screen.id)}/revoke`, { idempotencyKey: testKey() });
    await expect(page.locator('.pairing-code')).toHaveText(/^[A-Z0-9]{6}$/, { timeout: 45_000 });
    await expect(page.getByRole('button')).toHaveCount(0);
    expect(await page.evaluate((key) => localStorage.getItem(key), DEVICE_STORAGE_KEY)).toBeNull();
  } finally {
    await desk.dispose();
  }
});

test("a coordinator's notice, closed and 'you are here' reach the kiosk within seconds", async ({ page, site }) => {
  const served = await site();
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(served.url);
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  const desk = await signIn(served.url, coordinator);
  const path = `/api/screens/${encodeURIComponent(served.device.screenId)}`;
  try {
    // From an hour ago: the hub's clock and the page's both start at FIXED_NOW, but not at the same moment.
    await desk.post(path, { idempotencyKey: testKey(), notice: { text: 'De site sluit vandaag om 16:00', from: FIXED_NOW.getTime() - HOUR_MS, until: FIXED_NOW.getTime() + 6 * HOUR_MS } });
    await expect(page.getByRole('status').filter({ hasText: 'De site sluit vandaag om 16:00' })).toBeVisible({ timeout: 15_000 });

    await desk.post(path, { idempotencyKey: testKey(), closed: true });
    await expect(page.getByRole('heading', { name: 'Gesloten' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Medewerkers' })).toBeVisible();

    await desk.post(path, { idempotencyKey: testKey(), closed: false, here: { x: 800, y: 500 }, locale: 'en' });
    // The start language follows at once while nobody uses the screen.
    await expect(page.getByRole('button', { name: 'Start' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
    await page.getByRole('button', { name: 'Start' }).tap();
    await expect(page.getByRole('img', { name: 'You are here' })).toBeVisible();
    await expect(page.locator('.here-label')).toHaveText('You are here');
    // The room names keep clear of "you are here" (and of the markers and each other).
    await expect(page.locator('.space-label').first()).toBeVisible();
    await expect.poll(async () => (await measureLabels(page.locator('.site-map'))).overlaps).toEqual([]);
  } finally {
    await desk.dispose();
  }
});

/** That hour's counts of this screen, summed by event and by `event key`. */
async function hourCounts(desk: Awaited<ReturnType<typeof signIn>>, screenId: string, hour: number): Promise<Map<string, number>> {
  const { counts } = await desk.get<UsageResponse>(`/api/usage?from=${hour}&to=${hour + HOUR_MS}&screen=${encodeURIComponent(screenId)}`);
  const sums = new Map<string, number>();
  const add = (name: string, n: number) => sums.set(name, (sums.get(name) ?? 0) + n);
  for (const count of counts.filter((c: UsageCount) => c.hour === hour && c.screenId === screenId)) {
    add(count.event, count.n);
    add(`${count.event} ${count.key}`, count.n);
  }
  return sums;
}

async function flushUsage(page: Page): Promise<void> {
  const sent = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/usage' && response.request().method() === 'POST');
  // The recorder sends every minute: a minute on the page's clock (less than the idle timeout).
  await page.clock.fastForward(61_000);
  expect((await sent).ok()).toBe(true);
}

test('a scripted visitor session raises the usage figures of that hour by exactly its taps; the kiosk keeps only counts', async ({ page, site }) => {
  const served = await site();
  const hour = Math.floor(FIXED_NOW.getTime() / HOUR_MS) * HOUR_MS;
  const desk = await signIn(served.url, coordinator);
  try {
    const before = await hourCounts(desk, served.device.screenId, hour);

    await openExplore(page, served.url, 'English'); // a language, then Start
    const filters = page.getByRole('region', { name: 'Filters' });
    await page.getByRole('button', { name: 'This week', exact: true }).tap();
    await filters.getByRole('button', { name: 'Do-together', exact: true }).tap();
    await page.getByRole('list', { name: 'Activities' }).getByRole('button').first().tap();
    const sheet = page.getByRole('dialog');
    await sheet.getByRole('button', { name: 'Add to my path' }).tap();
    await sheet.getByRole('button', { name: 'Close' }).tap();
    await page.getByRole('button', { name: /My path/ }).tap();
    await expect(page.getByRole('dialog', { name: 'My path' }).getByRole('img', { name: 'QR code to your path' })).toBeVisible();
    await flushUsage(page);

    const after = await hourCounts(desk, served.device.screenId, hour);
    const rise = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(rise('session-started')).toBe(1);
    expect(rise('language')).toBe(1);
    expect(rise('language en')).toBe(1);
    expect(rise('filter')).toBe(2);
    expect(rise('filter time:week')).toBe(1);
    expect(rise('filter level:do-together')).toBe(1);
    expect(rise('sheet-opened')).toBe(1);
    expect(rise('path-added')).toBe(1);
    expect(rise('path-qr')).toBe(1);
    for (const event of ['booking-made', 'booking-refused', 'idle-reset']) expect(rise(event)).toBe(0);
    const opened = [...after.keys()].find((name) => name.startsWith('sheet-opened '));
    expect(opened?.replace('sheet-opened', 'path-added')).toBe([...after.keys()].find((name) => name.startsWith('path-added ')));

    // What the kiosk keeps: its identity and counts per hour (none waiting now), nothing of the session.
    const kept = await page.evaluate(async () => {
      const local = Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)]));
      const databases = (await indexedDB.databases()).map((database) => database.name);
      return { local, databases };
    });
    expect(Object.keys(kept.local).sort()).toEqual(['wegwijzer.device', 'wegwijzer.usage']);
    expect(JSON.parse(kept.local['wegwijzer.usage']!)).toEqual({ pending: [] });
    expect(kept.databases).toEqual(['wegwijzer']);
    const stores = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('wegwijzer');
          open.onsuccess = () => {
            resolve([...open.result.objectStoreNames]);
            open.result.close();
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(stores.sort()).toEqual(['activities', 'auditLog', 'bookings', 'meta', 'occurrences', 'organisations', 'screens', 'series', 'spaces']);
  } finally {
    await desk.dispose();
  }
});
