import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const errorHeading = /De wegwijzer kan deze site nog niet tonen/;

test('a missing config file is named on the error screen', async ({ page, site }) => {
  const { url } = await site((dir) => rm(join(dir, 'spaces.json')));
  await page.goto(url);
  await expect(page.getByRole('heading', { name: errorHeading })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'spaces.json' })).toContainText('missing');
});

test('invalid JSON is reported with its file and position', async ({ page, site }) => {
  const { url } = await site((dir) => writeFile(join(dir, 'organisations.json'), '{\n  "organisations": [\n    { "id": "x", }\n  ]\n}\n'));
  await page.goto(url);
  await expect(page.getByRole('heading', { name: errorHeading })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: 'organisations.json' });
  await expect(item).toContainText(/JSON/);
  await expect(item).toContainText(/line 3/);
});

test('an unknown space id is reported in words a person can act on', async ({ page, site }) => {
  const { url } = await site(async (dir) => {
    const file = join(dir, 'activities.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as { activities: { id: string; space?: string }[] };
    const target = data.activities.find((activity) => activity.space);
    if (!target) throw new Error('The sample has no on-site activity');
    target.space = 'atelier-9';
    await writeFile(file, JSON.stringify(data, null, 2));
    return;
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: errorHeading })).toBeVisible();
  await expect(page.getByText(/activity `[a-z0-9-]+`: space `atelier-9` does not exist/)).toBeVisible();
});

test('fixing the files on disk brings the map back without a reload', async ({ page, site }) => {
  let original = '';
  const { url, dir } = await site(async (dir) => {
    original = await readFile(join(dir, 'site.json'), 'utf8');
    await writeFile(join(dir, 'site.json'), original.replace('"Europe/Brussels"', '"Europe/Brusels"'));
  });
  await page.goto(url);
  await expect(page.getByText(/time zone `Europe\/Brusels`/)).toBeVisible();
  await writeFile(join(dir, 'site.json'), original);
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible();
});
