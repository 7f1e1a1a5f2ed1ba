import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectedMatches, sampleConfig } from './expected';
import { expect, openExplore, test } from './fixtures';

const onSite = (matches: ReturnType<typeof expectedMatches>) => matches.filter((match) => match.activity.space);

test('the Regina Mundi plan shows a marker for every on-site activity of the week', async ({ page, site }) => {
  const { url } = await site();
  const expected = onSite(expectedMatches(await sampleConfig(), { window: 'week' }));
  expect(expected.length).toBeGreaterThanOrEqual(45);

  await openExplore(page, url);
  await page.getByRole('button', { name: 'Deze week' }).click();
  const map = page.getByRole('region', { name: /Plattegrond van Regina Mundi/ });
  await expect(map).toBeVisible();
  await expect(map.locator('.activity-marker:visible')).toHaveCount(expected.length);
  await expect(map.locator('img.leaflet-image-layer')).toHaveAttribute('src', /site\/plan\.svg$/);
});

test('markers carry their level as colour, shape and words', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url);
  await page.getByRole('button', { name: 'Deze week' }).click();
  for (const [level, shape, word] of [
    ['see-do', 'shape-circle', 'Zien doen'],
    ['do-together', 'shape-square', 'Samen doen'],
    ['do-yourself', 'shape-diamond', 'Zelf doen'],
  ] as const) {
    const markers = page.locator(`.activity-marker[data-level="${level}"]:visible`);
    // The markers' buttons follow the map's first paint: wait for one of this level.
    await expect(markers.first()).toBeVisible();
    await expect(markers.first()).toHaveClass(new RegExp(shape));
    await expect(markers.first()).toHaveAttribute('aria-label', new RegExp(` — ${word} — `));
  }
});

test('a newer broken config is refused while the last good one keeps serving', async ({ page, site }) => {
  const { url, dir } = await site();
  await openExplore(page, url);
  const items = page.getByRole('list', { name: 'Activiteiten' }).getByRole('listitem');
  // The list draws only the rows in view, so the count line is what says how many are served.
  const countLine = page.getByText(/^\d+ activiteiten$/);
  await expect(items.first()).toBeVisible();
  const before = (await countLine.textContent())!;

  await writeFile(join(dir, 'activities.json'), '{ "activities": [ oops ] }');
  await expect(page.getByRole('status')).toHaveText('Nieuwe instellingen afgekeurd; de vorige blijven actief.');
  await expect(countLine).toHaveText(before);
  await expect(items.first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /kan deze site nog niet tonen/ })).toHaveCount(0);

  // After a restart the stored config still serves.
  await page.reload();
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(countLine).toHaveText(before);
  await expect(items.first()).toBeVisible();
});

test('a config change on disk reaches the open screen without a reload or losing the visitor’s place', async ({ page, site }) => {
  const { url, dir } = await site();
  await openExplore(page, url);
  await page.getByRole('button', { name: 'Deze week' }).click();
  const first = page.getByRole('list', { name: 'Activiteiten' }).getByRole('button').first();
  await first.click();
  const sheet = page.getByRole('dialog');
  const title = (await sheet.getByRole('heading', { level: 2 }).textContent()) ?? '';

  const file = join(dir, 'activities.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as { activities: { title: { nl: string } }[] };
  const changed = data.activities.find((activity) => activity.title.nl === title);
  if (!changed) throw new Error(`No activity titled ${title}`);
  changed.title.nl = `${title} (nieuw)`;
  await writeFile(file, JSON.stringify(data));

  await expect(sheet.getByRole('heading', { level: 2 })).toHaveText(`${title} (nieuw)`, { timeout: 5000 });
  await expect(page.getByRole('button', { name: 'Deze week' })).toHaveAttribute('aria-pressed', 'true');
});
