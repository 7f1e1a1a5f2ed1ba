// Playlists on the follow-up page (issue 12): a path holding a playlist's activity shows the playlist;
// its page lists every step with a next session, the mentor (a contact only when public), and the
// steps the visitor ticks, which stay on the phone. The pages pass an axe scan.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, PHONE, test } from './follow-fixtures';

test.use(PHONE);

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a path shows the playlist it is part of; the playlist page has its steps, mentor and ticks kept on the phone', async ({ page, follow }) => {
  const site = await follow();
  const playlist = site.catalogue.playlists.find((candidate) => candidate.id === 'listening-to-playing');
  if (!playlist) throw new Error('The sample site lost its playlist "listening-to-playing".');
  await page.goto(site.pathUrl([{ kind: 'activity', id: 'lunch-concert' }]));
  const section = page.getByRole('region', { name: 'Leerlijnen met een stap uit je pad' });
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await section.getByRole('link', { name: playlist.title.nl ?? '' }).tap();

  const main = page.locator('main[data-page="playlist"]');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(playlist.title.nl ?? '');
  await expect(main).toContainText(playlist.goal.nl ?? '');
  await expect(main.locator('li.step')).toHaveCount(playlist.steps.length);
  await expect(main.locator('li.step').first()).toContainText(/Volgende keer: |Nog geen datum bekend\./);
  // The mentor, with the contact the organisation made public.
  const mentor = main.getByRole('region', { name: 'Wie kan je helpen?' });
  await expect(mentor).toContainText('Sofie');
  await expect(mentor).toContainText('Onthaal academie');
  await expect(main).toContainText('0 van 4 stappen gedaan');
  await expectNoAxeViolations(page);

  await main.getByRole('checkbox', { name: /Stap 2 gedaan/ }).check();
  await expect(main).toContainText('1 van 4 stappen gedaan');
  await page.reload();
  await expect(page.locator('main[data-page="playlist"]').getByRole('checkbox', { name: /Stap 2 gedaan/ })).toBeChecked();
  await expect(page.locator('main[data-page="playlist"]')).toContainText('1 van 4 stappen gedaan');
});

test('a mentor whose contact is not public is shown without it', async ({ page, follow }) => {
  const site = await follow();
  await page.goto(`${site.url}#playlist=fix-it-yourself`);
  const mentor = page.getByRole('region', { name: 'Wie kan je helpen?' });
  await expect(mentor).toContainText('Mehmet');
  await expect(mentor).not.toContainText('Contact');
  await expect(page.locator('body')).not.toContainText('repair@example.org');
});
