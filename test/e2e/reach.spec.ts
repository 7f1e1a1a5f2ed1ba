import type { Locator, Page } from '@playwright/test';
import { expect, FIXED_NOW, openExplore, test } from './fixtures';
import { smallText, tappablesAbove } from './measure';

// Issue 11, item 6: low reach brings everything a visitor taps into the lower half of the screen, and
// text is large enough to read at one to two metres. Both measured on what the browser draws.

const list = (page: Page) => page.getByRole('list', { name: 'Activities' });

/**
 * The one exception to "everything in the lower half": the map. It fills the upper half to be looked
 * at; every activity on it is also in the list below (which opens the same sheet), and "Show on map"
 * brings one into view. Its markers and zoom buttons stay where the map is.
 */
const MAP = ['.leaflet-container'];

async function expectAllLow(page: Page, skip: readonly string[] = []): Promise<void> {
  const half = page.viewportSize()!.height / 2;
  expect(await tappablesAbove(page, half, skip)).toEqual([]);
}

async function expectBelow(locator: Locator, line: number): Promise<void> {
  expect((await locator.boundingBox())!.y).toBeGreaterThanOrEqual(line);
}

test('low reach: Explore, the sheet, the booking dialog and its keyboard, the path and the guide are all in the lower half', async ({ page, site }) => {
  test.slow();
  const { url } = await site();
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: 'This week', exact: true }).tap();
  // Without low reach the controls are at the top.
  expect(await tappablesAbove(page, 540, MAP)).not.toEqual([]);

  await page.getByRole('button', { name: 'Move buttons down' }).tap();
  await expect(page.getByRole('button', { name: 'Move buttons back up' })).toHaveAttribute('aria-pressed', 'true');
  await expectAllLow(page, MAP);
  await expectBelow(list(page), 540);
  await expectBelow(page.getByRole('region', { name: 'Filters' }), 540);
  await expectBelow(page.getByRole('group', { name: 'Map', exact: true }), 540);

  // The activity sheet.
  await list(page).getByRole('button').first().tap();
  const sheet = page.getByRole('dialog');
  await expect(sheet).toBeVisible();
  await expectBelow(sheet, 540);
  await expectAllLow(page);
  await sheet.getByRole('button', { name: 'Add to my path' }).tap();
  await sheet.getByRole('button', { name: 'Close' }).tap();

  // The path.
  await page.getByRole('button', { name: /My path/ }).tap();
  const path = page.getByRole('dialog', { name: 'My path' });
  await expectBelow(path, 540);
  await expectAllLow(page);
  await path.getByRole('button', { name: 'Close' }).last().tap();

  // The guide.
  await page.getByRole('button', { name: 'What can I do here?' }).tap();
  const guide = page.getByRole('dialog', { name: 'What can I do here?' });
  await expectBelow(guide, 540);
  await expectAllLow(page);
  await guide.getByRole('button', { name: 'Close' }).tap();

  // Booking, through to the name and its on-screen keyboard.
  await page.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Book a space' });
  await expectBelow(dialog, 540);
  await expectAllLow(page);
  await dialog.getByRole('button', { name: /Drum room/ }).tap();
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  const slots = dialog.getByRole('group', { name: 'Choose a time' });
  await expect(slots).toHaveAttribute('aria-busy', 'false');
  await expectAllLow(page);
  await slots.getByRole('button').first().tap();
  const keyboard = dialog.getByRole('group', { name: 'Keyboard' });
  await keyboard.scrollIntoViewIfNeeded();
  await expectBelow(keyboard, 540);
  await expectAllLow(page);
  for (const key of 'Jo') await keyboard.getByRole('button', { name: key, exact: true }).tap();
  await expect(dialog.getByLabel('Your first name or nickname')).toHaveValue('Jo');
});

test('low reach in portrait 1080×1920: the controls and the list are in the lower half, the map above', async ({ page, site }) => {
  const { url } = await site();
  await page.setViewportSize({ width: 1080, height: 1920 });
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: 'Move buttons down' }).tap();
  await expectAllLow(page, MAP);
  await expectBelow(list(page), 960);
  const map = (await page.getByRole('region', { name: /Site plan/ }).boundingBox())!;
  expect(map.height).toBeGreaterThan(400);
  await list(page).getByRole('button').first().tap();
  await expectBelow(page.getByRole('dialog'), 960);
  await expectAllLow(page);
});

test('text is at least 20 px, labels at least 16 px, at 1920×1080: attract, guide, Explore, sheets and booking', async ({ page, site }) => {
  test.slow();
  const { url } = await site();
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);
  await page.getByRole('button', { name: 'English' }).tap();
  expect(await smallText(page)).toEqual([]);
  await page.getByRole('button', { name: 'What can I do here?' }).tap();
  expect(await smallText(page)).toEqual([]);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).tap();

  await page.getByRole('button', { name: /Start/ }).tap();
  await page.locator('.leaflet-container').waitFor();
  await page.getByRole('button', { name: 'This week', exact: true }).tap();
  // The plan's own labels and the map's tooltips have their own test (map.spec.ts).
  expect(await smallText(page, MAP)).toEqual([]);

  // A few sheets: on site, off site (distance, QR codes), and one with next steps.
  for (const index of [0, 3, 6]) {
    await list(page).getByRole('button').nth(index).tap();
    const sheet = page.getByRole('dialog');
    await expect(sheet).toBeVisible();
    expect(await smallText(page)).toEqual([]);
    await sheet.getByRole('button', { name: 'Close' }).tap();
  }

  await page.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Book a space' });
  // Measured only once the dialog is open: before that the page behind it (and its map) would be read.
  await expect(dialog).toBeVisible();
  expect(await smallText(page)).toEqual([]);
  await dialog.getByRole('button', { name: /Drum room/ }).tap();
  await expect(dialog.getByRole('button', { name: 'Today', pressed: true })).toBeVisible();
  expect(await smallText(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  await expect(dialog.getByRole('group', { name: 'Choose a time' })).toHaveAttribute('aria-busy', 'false');
  expect(await smallText(page)).toEqual([]);
  await dialog.getByRole('group', { name: 'Choose a time' }).getByRole('button').first().tap();
  expect(await smallText(page)).toEqual([]);
});
