import { generateLargeSite } from '../support/large-site';
import { expect, FIXED_NOW, test } from './fixtures';

// 2,000 activities in 200 rooms: the plan draws its markers on one canvas, merges the ones that would
// hide each other into clusters, and keeps a button for each marker or cluster on screen.
test('a large site clusters its markers; a cluster zooms in; the keyboard reaches a marker and opens it', async ({ page, site }) => {
  // Generating and seeding a large site takes a while on a busy machine; nothing here is timed.
  test.setTimeout(240_000);
  const { url } = await site((dir) => generateLargeSite(dir, { now: FIXED_NOW.getTime(), occurrencesTarget: 6000 }).then(() => undefined));
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);
  await page.getByRole('button', { name: 'English' }).click({ timeout: 120_000 });
  await page.getByRole('button', { name: /Start/ }).click();
  await page.getByRole('button', { name: 'This week', exact: true }).tap();
  const map = page.getByRole('region', { name: /^Site plan of/ });
  const clusters = map.locator('.marker-cluster');
  await expect(clusters.first()).toBeVisible();
  // Clusters keep the buttons bounded: fewer buttons than the markers they stand for.
  const buttons = await map.locator('.activity-marker, .marker-cluster').count();
  const clustered = await clusters.evaluateAll((all) => all.reduce((sum, cluster) => sum + Number(cluster.getAttribute('data-count')), 0));
  const singles = await map.locator('.activity-marker').count();
  expect(buttons).toBeLessThan(singles + clustered);

  // A filter tap redraws the same layer: the canvas is not made anew.
  await map.locator('canvas.activity-marker-canvas').evaluate((canvas) => canvas.setAttribute('data-e2e-kept', 'yes'));
  const filters = page.getByRole('region', { name: 'Filters' });
  await filters.getByRole('button', { name: 'Do-together', exact: true }).tap();
  await expect(filters.getByRole('button', { name: 'Do-together', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(map.locator('.activity-marker[data-level="see-do"]')).toHaveCount(0);
  await expect(map.locator('canvas.activity-marker-canvas[data-e2e-kept="yes"]')).toHaveCount(1);
  await filters.getByRole('button', { name: 'Do-together', exact: true }).tap();

  // Tapping a cluster zooms in: the plan grows.
  const plan = map.locator('img.leaflet-image-layer');
  const widthBefore = (await plan.boundingBox())!.width;
  await map.getByRole('button', { name: /^\d+ activities here, zoom in$/ }).first().tap();
  await expect.poll(async () => (await plan.boundingBox())!.width).toBeGreaterThan(widthBefore * 1.5);

  // Tab from the map into its markers, Enter opens the activity.
  await map.locator('.leaflet-container').focus();
  let label: string | null = null;
  for (let step = 0; step < 40 && !label; step++) {
    await page.keyboard.press('Tab');
    label = await page.evaluate(() => (document.activeElement?.matches('.activity-marker') ? document.activeElement.getAttribute('aria-label') : null));
  }
  expect(label).toMatch(/ — .+ — /);
  await page.keyboard.press('Enter');
  const sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('heading', { level: 2 })).toHaveText(label!.split(' — ')[0]!);
});
