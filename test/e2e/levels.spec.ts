import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LEVEL_IDS } from '../../src-renderer/core/model';
import { expectedMatches, expectedProgramme, sampleConfig } from './expected';
import { expect, FIXED_NOW, openExplore, test } from './fixtures';

// Issue 11, item 2: the three levels and the themes explained in the site's easy-read words, from the
// attract screen and from Explore; an attract screen whose programme and levels can be tapped.

const list = (page: Page) => page.getByRole('list', { name: 'Activities' });

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('"What can I do here?" opens from attract with the config\'s easy-read texts in the chosen language, and closes', async ({ page, site }) => {
  const { url } = await site();
  const config = await sampleConfig();
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);
  await page.getByRole('button', { name: 'Français' }).tap();
  await page.getByRole('button', { name: 'Que puis-je faire ici ?' }).tap();
  const guide = page.getByRole('dialog', { name: 'Que puis-je faire ici ?' });
  for (const id of LEVEL_IDS) {
    const level = config.levels[id];
    await expect(guide.getByText(level.name.fr!, { exact: true })).toBeVisible();
    await expect(guide.getByText(level.description.fr!, { exact: true })).toBeVisible();
    await expect(guide.getByRole('button', { name: `Voir ces activités : ${level.name.fr}` })).toBeVisible();
  }
  for (const theme of config.themes) await expect(guide.getByRole('button', { name: theme.name.fr! })).toBeVisible();
  await expectNoAxeViolations(page);

  // Skipped with Close, and with Escape: the visitor is back where they were.
  await guide.getByRole('button', { name: 'Fermer' }).tap();
  await expect(guide).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'En ce moment et bientôt' })).toBeVisible();
  await page.getByRole('button', { name: 'Que puis-je faire ici ?' }).tap();
  await expect(guide).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(guide).toHaveCount(0);
});

test('from Explore, "Show these" filters the list to that level, and a theme to that theme', async ({ page, site }) => {
  const { url } = await site();
  const config = await sampleConfig();
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: 'What can I do here?' }).tap();
  const guide = page.getByRole('dialog', { name: 'What can I do here?' });
  await expect(guide.getByText(config.levels['do-yourself'].description.en!)).toBeVisible();
  await guide.getByRole('button', { name: 'Show these: Do-yourself' }).tap();
  await expect(guide).toHaveCount(0);
  const filters = page.getByRole('region', { name: 'Filters' });
  await expect(filters.getByRole('button', { name: 'Do-yourself', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(filters.getByRole('button', { name: 'See-do', exact: true })).toHaveAttribute('aria-pressed', 'false');
  const expected = expectedMatches(config, { levels: ['do-yourself'] });
  await expect(page.getByText(`${expected.length} activities`, { exact: true })).toBeVisible();
  for (const item of await list(page).getByRole('listitem').all()) await expect(item).toContainText('Do-yourself');

  const theme = config.themes[0]!;
  await page.getByRole('button', { name: 'What can I do here?' }).tap();
  await guide.getByRole('button', { name: theme.name.en! }).tap();
  await expect(filters.getByRole('button', { name: theme.name.en!, exact: false })).toHaveAttribute('aria-pressed', 'true');
  const both = expectedMatches(config, { levels: ['do-yourself'], themes: [theme.id] });
  await expect(page.getByText(both.length === 1 ? '1 activity' : `${both.length} activities`, { exact: true })).toBeVisible();
});

test('the attract screen shows the three levels; a level starts a visit with just that level chosen', async ({ page, site }) => {
  const { url } = await site();
  const config = await sampleConfig();
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);
  await page.getByRole('button', { name: 'Türkçe' }).tap();
  const levels = page.getByRole('region', { name: 'Katılmanın üç yolu' });
  for (const id of LEVEL_IDS) await expect(levels.getByText(config.levels[id].description.tr!)).toBeVisible();
  await levels.getByRole('button', { name: new RegExp(config.levels['see-do'].name.tr!) }).tap();
  const filters = page.getByRole('region', { name: 'Filtreler' });
  await expect(filters.getByRole('button', { name: config.levels['see-do'].name.tr!, exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('in the morning, with nothing on yet, attract shows the day\'s first items, and each opens its sheet', async ({ page, site }) => {
  const { url } = await site();
  const config = await sampleConfig();
  const morning = new Date('2026-12-02T07:30:00+01:00');
  const programme = expectedProgramme(config, morning.getTime());
  expect(programme.now).toEqual([]);
  expect(programme.next.length).toBeGreaterThan(0);
  expect(programme.nextDay).toBeUndefined();

  await page.clock.install({ time: morning });
  await page.goto(url);
  await page.getByRole('button', { name: 'English' }).tap();
  const now = page.getByRole('region', { name: 'On now and next' });
  await expect(now.getByText('Nothing is on right now.')).toBeVisible();
  await expect(now.getByRole('heading', { name: 'Later today' })).toBeVisible();
  const titles = programme.next.map((match) => match.activity.title.en ?? match.activity.title.nl!);
  await expect(now.getByRole('button')).toHaveText(titles.map((title) => new RegExp(title)));
  await expectNoAxeViolations(page);

  await now.getByRole('button', { name: new RegExp(titles[0]!) }).tap();
  await expect(page.getByRole('dialog').getByRole('heading', { level: 2 })).toHaveText(titles[0]!);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).tap();
  await expect(page.getByRole('heading', { name: 'Activities' })).toBeVisible();
});

test('late at night, with nothing left today, attract shows the next day that has something', async ({ page, site }) => {
  const { url } = await site();
  const config = await sampleConfig();
  const late = new Date('2026-12-02T23:30:00+01:00');
  const programme = expectedProgramme(config, late.getTime());
  expect(programme.nextDay).toBeDefined();

  await page.clock.install({ time: late });
  await page.goto(url);
  await page.getByRole('button', { name: 'English' }).tap();
  const now = page.getByRole('region', { name: 'On now and next' });
  await expect(now.getByRole('heading', { name: /^Next: / })).toBeVisible();
  const titles = programme.next.map((match) => match.activity.title.en ?? match.activity.title.nl!);
  await expect(now.getByRole('button')).toHaveText(titles.map((title) => new RegExp(title)));
});

test('every control is named in plain words: "Move buttons down", in each language', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url);
  for (const [language, down, up] of [
    ['Nederlands', 'Knoppen lager', 'Knoppen weer hoger'],
    ['English', 'Move buttons down', 'Move buttons back up'],
    ['Français', 'Descendre les boutons', 'Remonter les boutons'],
    ['Türkçe', 'Düğmeleri aşağı al', 'Düğmeleri yukarı al'],
  ] as const) {
    await page.getByRole('button', { name: language, exact: true }).tap();
    await page.getByRole('button', { name: down }).tap();
    await page.getByRole('button', { name: up }).tap();
    await expect(page.getByRole('button', { name: down })).toHaveAttribute('aria-pressed', 'false');
  }
});
