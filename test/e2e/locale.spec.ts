import { AGE_GROUPS, type ActivityFilter } from '../../src-renderer/core/filters';
import { expectedMatches, sampleConfig } from './expected';
import { expect, openExplore, test } from './fixtures';

// Locale slips a visitor would see: 12-hour times beside 24-hour slots, "1 activities", a plan whose
// alt text stays in the previous language, a name keyboard without the letters of the four languages.

test('the English kiosk shows 24-hour times and counts one activity in the singular', async ({ page, site }) => {
  const { url } = await site();
  const config = await sampleConfig();
  // A filter the sample site answers with exactly one activity, found from the config itself.
  const windows = { now: 'Now', today: 'Today', week: 'This week' } as const;
  const chips: [string, Partial<ActivityFilter>][] = [
    ['See-do', { levels: ['see-do'] }],
    ['Do-together', { levels: ['do-together'] }],
    ['Do-yourself', { levels: ['do-yourself'] }],
    ...config.themes.map((theme): [string, Partial<ActivityFilter>] => [theme.name.en!, { themes: [theme.id] }]),
    ...AGE_GROUPS.map((group): [string, Partial<ActivityFilter>] => [{ children: 'Children (0–11)', teens: 'Teens (12–17)', adults: 'Adults', seniors: 'Over 65' }[group.id], { ageGroups: [group.id] }]),
  ];
  const single = Object.entries(windows)
    .flatMap(([window, button]) => chips.map(([chip, change]) => ({ window: window as keyof typeof windows, button, chip, change })))
    .find(({ window, change }) => expectedMatches(config, { window, ...change }).length === 1);
  expect(single, 'some filter leaves exactly one activity').toBeDefined();

  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: single!.button, exact: true }).tap();
  await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: single!.chip, exact: true }).tap();
  await expect(page.getByText('1 activity', { exact: true })).toBeVisible();

  await page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: single!.chip, exact: true }).tap();
  await page.getByRole('button', { name: 'This week', exact: true }).tap();
  // Later sessions read "Today · 17:00" or "Thursday 3 December · 14:00".
  await expect(page.getByRole('list', { name: 'Activities' })).toContainText(/· [0-2]\d:[0-5]\d\b/);
  await expect(page.locator('body')).not.toContainText(/\d\s?[AP]M\b/);
});

test('a language switch changes the plan alt text', async ({ page, site }) => {
  const { url } = await site();
  const config = await sampleConfig();
  await openExplore(page, url, 'English');
  const plan = page.locator('.leaflet-image-layer');
  await expect(plan).toHaveAttribute('alt', `Site plan of ${config.site.name.en ?? config.site.name.nl}`);
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).tap();
  await expect(plan).toHaveAttribute('alt', `Plattegrond van ${config.site.name.nl}`);
});

test('the name keyboard types the letters of all four languages: "Şule" and "Zoë"', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Book a space' });
  await dialog.getByRole('button', { name: /Music practice room 1/ }).tap();
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  await dialog.getByRole('button', { name: '60 min' }).tap();
  await expect(dialog.getByRole('group', { name: 'Choose a time' })).toHaveAttribute('aria-busy', 'false');
  const slot = dialog.getByRole('group', { name: 'Choose a time' }).getByRole('button').first();
  await expect(slot).toHaveText(/^\s*[0-2]\d:[0-5]\d–[0-2]\d:[0-5]\d\s*$/);
  await slot.tap();

  const field = dialog.getByLabel('Your first name or nickname');
  const keyboard = dialog.getByRole('group', { name: 'Keyboard' });
  // Capital first, then lower case by itself.
  for (const key of 'Şule') await keyboard.getByRole('button', { name: key, exact: true }).tap();
  await expect(field).toHaveValue('Şule');
  for (let i = 0; i < 4; i++) await keyboard.getByRole('button', { name: /Delete/ }).tap();
  await expect(field).toHaveValue('');
  for (const key of 'Zoë') await keyboard.getByRole('button', { name: key, exact: true }).tap();
  await expect(field).toHaveValue('Zoë');

  // Accent keys are as large as the letter keys.
  const letter = await keyboard.getByRole('button', { name: 'z', exact: true }).boundingBox();
  const accent = await keyboard.getByRole('button', { name: 'ş', exact: true }).boundingBox();
  expect(accent!.height).toBeGreaterThanOrEqual(letter!.height);
  expect(accent!.width).toBeGreaterThanOrEqual(52);

  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(dialog.getByText('Booked!')).toBeVisible();
});
