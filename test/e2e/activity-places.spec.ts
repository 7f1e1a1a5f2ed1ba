// Taking part in an activity (issue 11, item 3): a place on a session is reserved at the kiosk through
// the hub, the places left follow live, a full session says so and offers nothing, an activity that
// registers elsewhere shows how (public contact and a registration QR), and an activity's sheet never
// opens its room's slots.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codeFromUrl, decodeFollowUpCode, idRef } from '../../src-renderer/core/path-code';
import { localDateTimeToInstant } from '../../src-renderer/core/schedule';
import { expect, openExplore, scrollListTo, test } from './fixtures';

const DRAWING = 'Drawing and painting at the academy';
const CMINE = 'C-mine tour: from coal mine to creative hub';
/** Next Wednesday's session: today's (13:30–16:30) has already started at the fixed test time. */
const NEXT_SESSION = 'Reserve a place on Wednesday 9 December at 13:30';

/** Two places a session on the drawing course, so that two reservations fill one. */
async function twoPlaces(dir: string): Promise<void> {
  const path = join(dir, 'activities.json');
  const file = JSON.parse(await readFile(path, 'utf8')) as { activities: { id: string; capacity?: number }[] };
  file.activities.find((activity) => activity.id === 'academy-drawing')!.capacity = 2;
  await writeFile(path, JSON.stringify(file, null, 2));
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const activities = (page: Page) => page.getByRole('list', { name: 'Activities' });

async function openSheet(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'This week', exact: true }).tap();
  const row = activities(page).getByRole('listitem').filter({ hasText: title });
  await scrollListTo(page, activities(page), row);
  await row.getByRole('button').first().tap();
  const sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  return sheet;
}

async function readQr(image: Locator): Promise<string> {
  const pixels = await image.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 400, 400);
    context.drawImage(img, 0, 0, 400, 400);
    return Array.from(context.getImageData(0, 0, 400, 400).data);
  });
  return jsQR(Uint8ClampedArray.from(pixels), 400, 400)?.data ?? '';
}

async function reserve(page: Page, sheet: Locator, nickname: string): Promise<string> {
  await sheet.getByRole('button', { name: NEXT_SESSION }).tap();
  const dialog = page.getByRole('dialog', { name: 'Reserve a place' });
  await expect(dialog).toContainText(`${DRAWING} · Wednesday 9 December · 13:30–16:30`);
  // A place, not a room: no days, lengths or times to choose.
  await expect(dialog.getByRole('group', { name: 'Choose a time' })).toHaveCount(0);
  if (nickname === 'Ada') await expectNoAxeViolations(page);
  for (const key of nickname) await dialog.getByRole('button', { name: key, exact: true }).tap();
  await expect(dialog.getByLabel('Your first name or nickname')).toHaveValue(nickname);
  await dialog.getByRole('button', { name: 'Reserve a place' }).tap();
  await expect(dialog.getByText('Your place is reserved!')).toBeVisible();
  const code = (await dialog.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
  const text = await readQr(dialog.getByRole('img', { name: 'QR code of your booking' }));
  expect(text).toBe((await dialog.locator('.url').textContent())!.trim());
  const decoded = decodeFollowUpCode(codeFromUrl(text));
  expect(decoded.ok && decoded.items).toEqual([
    { kind: 'place', activityRef: idRef('academy-drawing'), start: localDateTimeToInstant('2026-12-09T13:30', 'Europe/Brussels'), minutes: 180, code },
  ]);
  expect(text).not.toContain(nickname);
  await dialog.getByRole('button', { name: 'Done' }).tap();
  return code;
}

test('a visitor reserves a place on a session in English, the places left drop, and a full session offers none', async ({ page, site }) => {
  test.slow();
  const { url } = await site(twoPlaces);
  await openExplore(page, url, 'English');
  let sheet = await openSheet(page, DRAWING);
  // The sheet books no room: no "Book" button, only places per session.
  await expect(sheet.getByRole('button', { name: 'Book', exact: true })).toHaveCount(0);
  const next = sheet.getByRole('listitem').filter({ has: page.getByRole('button', { name: NEXT_SESSION }) });
  await expect(next).toContainText('2 places left');
  await expectNoAxeViolations(page);

  const first = await reserve(page, sheet, 'Ada');
  // Back on the sheet, which counts the place just taken.
  sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('heading', { name: DRAWING, level: 2 })).toBeVisible();
  await expect(next).toContainText('1 place left');

  await reserve(page, sheet, 'Bo');
  const full = sheet.getByRole('listitem').filter({ hasText: 'Wednesday 9 December' });
  await expect(full).toContainText('Full');
  await expect(sheet.getByRole('button', { name: NEXT_SESSION })).toHaveCount(0);
  // Today's session has started: it lists no places and offers none.
  await expect(sheet.getByRole('listitem').filter({ hasText: 'Wednesday 2 December' })).not.toContainText(/place|Full/);

  // Both places are in the visitor's path, named by the activity.
  await sheet.getByRole('button', { name: 'Close' }).last().tap();
  await page.getByRole('button', { name: /My path\s*2/ }).tap();
  const path = page.getByRole('dialog', { name: 'My path' });
  await expect(path).toContainText(`Booking ${first}`);
  await expect(path).toContainText(DRAWING);
});

test('cancelling a place by its code shows the activity and session first, and frees the place', async ({ page, site }) => {
  test.slow();
  const { url } = await site(twoPlaces);
  await openExplore(page, url, 'English');
  const sheet = await openSheet(page, DRAWING);
  const code = await reserve(page, sheet, 'Ada');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().tap();

  await page.getByRole('button', { name: 'Book a space' }).tap();
  const booking = page.getByRole('dialog', { name: 'Book a space' });
  await booking.getByRole('button', { name: 'I want to cancel a booking' }).tap();
  const cancel = page.getByRole('dialog', { name: 'Cancel a booking' });
  await cancel.getByLabel('Booking code (6 characters)').fill(code);
  await cancel.getByRole('button', { name: 'Find booking' }).tap();
  // The preview names the activity and its session, not the room.
  await expect(cancel).toContainText(`${DRAWING} · Wednesday 9 December · 13:30–16:30`);
  await expect(cancel).toContainText('In the name of Ada');
  await cancel.getByRole('button', { name: 'Yes, cancel it' }).tap();
  await expect(cancel.getByRole('status')).toHaveText(`✓ Booking ${code} is cancelled.`);
  await cancel.getByRole('button', { name: 'Close' }).last().tap();

  const again = await openSheet(page, DRAWING);
  await expect(again.getByRole('listitem').filter({ has: page.getByRole('button', { name: NEXT_SESSION }) })).toContainText('2 places left');
});

test('an activity that registers elsewhere shows the public contact and the registration URL as a QR code', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  const sheet = await openSheet(page, CMINE);
  const register = sheet.getByRole('region', { name: 'How to register' });
  await expect(register).toContainText('You do not register at this screen but with C-mine.');
  await expect(register).toContainText('info@c-mine.example.org');
  const qr = register.getByRole('img', { name: 'QR code to the registration page of C-mine' });
  expect(await readQr(qr)).toBe('https://c-mine.example.org/rondleidingen');
  await expectNoAxeViolations(page);
  // No places to reserve and no room to book here.
  await expect(sheet.getByRole('button', { name: /Reserve a place/ })).toHaveCount(0);
  await expect(sheet.getByRole('button', { name: 'Book', exact: true })).toHaveCount(0);
});
