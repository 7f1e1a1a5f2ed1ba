import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('the Regina Mundi plan shows a marker for every on-site activity', async ({ page, site }) => {
  const { url, dir } = await site();
  const activities = JSON.parse(await readFile(join(dir, 'activities.json'), 'utf8')) as { activities: { space?: string }[] };
  const onSite = activities.activities.filter((activity) => activity.space).length;
  expect(onSite).toBeGreaterThanOrEqual(45);

  await page.goto(url);
  const map = page.getByRole('region', { name: /Plattegrond van Regina Mundi/ });
  await expect(map).toBeVisible();
  await expect(map.locator('.activity-marker')).toHaveCount(onSite);
  await expect(map.locator('img.leaflet-image-layer')).toHaveAttribute('src', /site\/plan\.svg$/);
  await expect(page.getByText(`${onSite} activiteiten op de site`)).toBeVisible();
});

test('markers carry their level as colour, shape and words', async ({ page, site }) => {
  const { url } = await site();
  await page.goto(url);
  const legend = page.getByRole('region', { name: 'Niveaus' });
  await expect(legend.getByText('Zien doen')).toBeVisible();
  await expect(legend.getByText('Samen doen')).toBeVisible();
  await expect(legend.getByText('Zelf doen')).toBeVisible();

  for (const [level, shape] of [
    ['see-do', 'shape-circle'],
    ['do-together', 'shape-square'],
    ['do-yourself', 'shape-diamond'],
  ] as const) {
    const markers = page.locator(`.activity-marker[data-level="${level}"]`);
    expect(await markers.count()).toBeGreaterThan(0);
    await expect(markers.first()).toHaveClass(new RegExp(shape));
    await expect(markers.first()).toHaveAttribute('aria-label', /—/);
  }
});

test('a newer broken config is refused while the last good one keeps serving', async ({ page, site }) => {
  const { url, dir } = await site();
  await page.goto(url);
  const markers = page.locator('.activity-marker');
  await expect(markers.first()).toBeVisible();
  const before = await markers.count();

  await writeFile(join(dir, 'activities.json'), '{ "activities": [ oops ] }');
  await expect(page.getByRole('status')).toHaveText('Nieuwe instellingen afgekeurd; de vorige blijven actief.');
  await expect(markers).toHaveCount(before);
  await expect(page.getByRole('heading', { name: /kan deze site nog niet tonen/ })).toHaveCount(0);

  // After a restart the stored config still serves.
  await page.reload();
  await expect(page.locator('.activity-marker')).toHaveCount(before);
});

test('a config change on disk reaches the open screen without a reload', async ({ page, site }) => {
  const { url, dir } = await site();
  await page.goto(url);
  const markers = page.locator('.activity-marker');
  await expect(markers.first()).toBeVisible();
  const before = await markers.count();

  const file = join(dir, 'activities.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as { activities: { space?: string; nextSteps?: string[]; id: string }[] };
  const removed = data.activities.find((activity) => activity.space && !data.activities.some((other) => other.nextSteps?.includes(activity.id)));
  data.activities = data.activities.filter((activity) => activity !== removed);
  await writeFile(file, JSON.stringify(data));
  await expect(markers).toHaveCount(before - 1);
});
