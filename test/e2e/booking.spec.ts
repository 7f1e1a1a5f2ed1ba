import jsQR from 'jsqr';
import { codeFromUrl, decodeFollowUpCode, idRef } from '../../src-renderer/core/path-code';
import { localDateTimeToInstant } from '../../src-renderer/core/schedule';
import { expect, openExplore, test } from './fixtures';

test('a visitor books a practice room and gets a code and a QR code, which join the path', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  await page.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Book a space' });
  await dialog.getByRole('button', { name: /Music practice room 1/ }).tap();
  await expect(dialog.getByRole('button', { name: 'Today', pressed: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  await dialog.getByRole('button', { name: '60 min' }).tap();
  // Read the times only once the ones for this day and length have arrived.
  await expect(dialog.getByRole('group', { name: 'Choose a time' })).toHaveAttribute('aria-busy', 'false');
  const slot = dialog.getByRole('group', { name: 'Choose a time' }).getByRole('button').first();
  const [from, to] = (await slot.textContent())!.trim().split('–') as [string, string];
  expect(to).not.toBe(from);
  await slot.tap();
  for (const key of 'Sam') await dialog.getByRole('button', { name: key, exact: true }).tap();
  await expect(dialog.getByLabel('Your first name or nickname')).toHaveValue('Sam');
  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();

  await expect(dialog.getByText('Booked!')).toBeVisible();
  const code = (await dialog.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
  const qr = dialog.getByRole('img', { name: 'QR code of your booking' });
  const pixels = await qr.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 400, 400);
    context.drawImage(img, 0, 0, 400, 400);
    return Array.from(context.getImageData(0, 0, 400, 400).data);
  });
  const text = jsQR(Uint8ClampedArray.from(pixels), 400, 400)?.data ?? '';
  expect(text).toBe((await dialog.locator('.url').textContent())!.trim());
  const decoded = decodeFollowUpCode(codeFromUrl(text) ?? '');
  expect(decoded.ok && decoded.items).toEqual([
    { kind: 'booking', spaceRef: idRef('music-1'), start: localDateTimeToInstant(`2026-12-05T${from}`, 'Europe/Brussels'), minutes: 60, code },
  ]);
  expect(text).not.toContain('Sam');

  await dialog.getByRole('button', { name: 'Done' }).tap();
  await page.getByRole('button', { name: /My path\s*1/ }).tap();
  await expect(page.getByRole('dialog', { name: 'My path' })).toContainText(`Booking ${code}`);
});

test('a taken slot is no longer offered, and a visitor can cancel with the code', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  const book = async () => {
    await page.getByRole('button', { name: 'Book a space' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Book a space' });
    await dialog.getByRole('button', { name: /Drum room/ }).tap();
    return dialog;
  };
  let dialog = await book();
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  const slots = dialog.getByRole('group', { name: 'Choose a time' });
  await expect(slots).toHaveAttribute('aria-busy', 'false');
  // A slot with free neighbours on both sides, so the buffer rule can be seen at work.
  const labels = (await slots.getByRole('button').allTextContents()).map((label) => label.trim());
  const index = labels.findIndex((label, i) => i > 0 && i < labels.length - 1 && labels[i - 1]!.split('–')[1] === label.split('–')[0] && label.split('–')[1] === labels[i + 1]!.split('–')[0]);
  expect(index).toBeGreaterThan(0);
  const [before, chosen, after] = [labels[index - 1]!, labels[index]!, labels[index + 1]!];
  await slots.getByRole('button', { name: chosen }).tap();
  await dialog.getByLabel('Your first name or nickname').fill('Lou');
  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  const code = (await dialog.locator('.code').textContent())!.trim();
  await dialog.getByRole('button', { name: 'Done' }).tap();

  dialog = await book();
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  await expect(slots).toHaveAttribute('aria-busy', 'false');
  await expect(slots.getByRole('button').first()).toBeVisible();
  await expect(slots.getByRole('button', { name: chosen })).toHaveCount(0);
  // The 10-minute buffer also keeps the neighbouring half hours free of a new booking.
  await expect(slots.getByRole('button', { name: before })).toHaveCount(0);
  await expect(slots.getByRole('button', { name: after })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Back' }).tap();
  await dialog.getByRole('button', { name: 'I want to cancel a booking' }).tap();
  dialog = page.getByRole('dialog', { name: 'Cancel a booking' });
  await dialog.getByLabel('Booking code (6 characters)').fill(code.toLowerCase());
  await dialog.getByRole('button', { name: 'Find booking' }).tap();
  // Nothing is cancelled yet: the kiosk shows what the code names and asks once.
  await expect(dialog.getByRole('heading', { name: 'Do you want to cancel this booking?' })).toBeVisible();
  await expect(dialog).toContainText(`Drum room · Saturday 5 December · ${chosen}`);
  await expect(dialog).toContainText('In the name of Lou');
  await dialog.getByRole('button', { name: 'No, keep it' }).tap();
  await dialog.getByRole('button', { name: 'Find booking' }).tap();
  await dialog.getByRole('button', { name: 'Yes, cancel it' }).tap();
  // Success is a status with a check mark, not the red-edged alert an error gets.
  await expect(dialog.getByRole('status')).toHaveText(`✓ Booking ${code} is cancelled.`);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel('Booking code (6 characters)').fill(code);
  await dialog.getByRole('button', { name: 'Find booking' }).tap();
  await expect(dialog.getByRole('alert')).toHaveText(`No current booking with code ${code}. Check the code.`);
  await expect(dialog.getByRole('status')).toHaveCount(0);
});

