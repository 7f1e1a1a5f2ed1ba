// The live site plan: each marker shows where its activity stands against the clock (on now, soon,
// later today, later) by a ring or fade and in words, and the app draws the room names in the
// visitor's language, large enough to read, never over a marker or another name.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Space } from '../../src-renderer/core/model';
import { shorterNames } from '../../src-renderer/kiosk/map/label-placement';
import { expect, openExplore, SAMPLE_SITE, test } from './fixtures';
import { measureLabels } from './map-boxes';

async function spaceNames(): Promise<Space['name'][]> {
  const { spaces } = JSON.parse(await readFile(join(SAMPLE_SITE, 'spaces.json'), 'utf8')) as { spaces: Space[] };
  return spaces.map((space) => space.name);
}

/** Every text a room label may show in `language`: the names and their shorter forms. */
async function labelTexts(language: 'nl' | 'en' | 'fr'): Promise<Set<string>> {
  return new Set((await spaceNames()).flatMap((name) => shorterNames(name[language] ?? name.nl ?? '')));
}

test('markers show on now, soon, later today and later apart, in words, and follow the clock', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: 'This week', exact: true }).tap();
  const map = page.getByRole('region', { name: /^Site plan of/ });
  await expect(map.locator('.activity-marker').first()).toBeVisible();
  const words = { now: 'On now', soon: 'Starting soon', today: 'Later today', later: 'Later' } as const;
  for (const [state, word] of Object.entries(words)) {
    const marker = map.locator(`.activity-marker[data-state="${state}"]`).first();
    await expect(marker).toHaveAttribute('aria-label', new RegExp(` — ${word}$`));
    await expect(marker).toHaveAttribute('data-tip', word);
  }
  // The legend says what the rings mean.
  await expect(map.getByRole('group', { name: 'Map key: when' })).toContainText('Starting soon');

  // An hour on (the visitor tapping every minute, so the idle reset stays away), what was starting soon has started.
  const soon = (await map.locator('.activity-marker[data-state="soon"]').first().getAttribute('data-activity'))!;
  const stateOf = () => map.locator(`.activity-marker[data-activity="${soon}"]`).evaluateAll((all) => all[0]?.getAttribute('data-state') ?? 'gone');
  for (let minute = 0; minute < 60; minute++) {
    await page.clock.fastForward(60_000);
    await page.getByRole('button', { name: 'This week', exact: true }).tap();
  }
  await expect.poll(stateOf).not.toBe('soon');
  expect(['now', 'gone']).toContain(await stateOf());
});

test('room names are drawn in the visitor’s language, at least 16 px, clear of markers and each other', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: 'This week', exact: true }).tap();
  // The region's name follows the language too: found by its class.
  const map = page.locator('.site-map');
  await expect(map.locator('.activity-marker').first()).toBeVisible();
  const english = await labelTexts('en');
  const check = async (allowed: Set<string>) => {
    // The labels settle after the markers' paint; then every one is a room's name in this language.
    await expect.poll(async () => (await measureLabels(map)).texts.filter((text) => allowed.has(text)).length, { message: JSON.stringify((await measureLabels(map)).texts) }).toBeGreaterThanOrEqual(6);
    const report = await measureLabels(map);
    expect(report.texts.filter((text) => !allowed.has(text))).toEqual([]);
    expect(Math.min(...report.fontSizes)).toBeGreaterThanOrEqual(16);
    expect(report.overlaps).toEqual([]);
  };
  await check(english);

  await page.getByRole('button', { name: 'Français' }).tap();
  await check(await labelTexts('fr'));

  // Zoomed in, the labels are placed again for the new view.
  const plan = map.locator('img.leaflet-image-layer');
  const widthBefore = (await plan.boundingBox())!.width;
  await page.getByRole('button', { name: /Zoom in|Zoomer/ }).tap();
  await expect.poll(async () => (await plan.boundingBox())!.width).toBeGreaterThan(widthBefore * 1.5);
  await expect(map.locator('.leaflet-zoom-anim')).toHaveCount(0);
  await check(await labelTexts('fr'));
});
