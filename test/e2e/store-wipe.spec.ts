// Issue 15, "a wiped IndexedDB goes unnoticed": a second page of the same origin deletes the kiosk's
// database while a visitor is booking. The kiosk notices, refuses the booking plainly while it
// rebuilds its copy from the hub, books nothing twice, shows the times again once the copy is back,
// logs the loss to the hub, and tells staff what was restored (the last part waits for the lobby
// unlock of issue 9; copy-guard.test.ts covers the notice meanwhile).
import type { Page } from '@playwright/test';
import { expect, openExplore, test } from './fixtures';
import { unlockStaff } from './kiosk-auth';
import { E2E_ACCOUNTS } from '../support/hub-template';

test.describe.configure({ timeout: 90_000 });

async function openDrumRoomSaturday(page: Page) {
  await page.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Book a space' });
  await dialog.getByRole('button', { name: /Drum room/ }).tap();
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  const slots = dialog.getByRole('group', { name: 'Choose a time' });
  await expect(slots).toHaveAttribute('aria-busy', 'false');
  return { dialog, slots };
}

async function unlockAsCoordinator(page: Page): Promise<void> {
  await unlockStaff(page, E2E_ACCOUNTS.coordinator);
  await expect(page.getByRole('heading', { name: /^Staff · / })).toBeVisible();
}

test('the kiosk notices its database deleted from another page mid-booking, refuses meanwhile, rebuilds from the hub and logs it', async ({ page, site }) => {
  const served = await site();
  await openExplore(page, served.url, 'English');

  // A first booking, so the copy holds something the wipe takes away.
  let { dialog, slots } = await openDrumRoomSaturday(page);
  const labels = (await slots.getByRole('button').allTextContents()).map((label) => label.trim());
  const [first, second] = [labels[0]!, labels.at(-1)!];
  expect(second).not.toBe(first);
  await slots.getByRole('button', { name: first }).tap();
  await dialog.getByLabel('Your first name or nickname').fill('Lou');
  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(dialog.getByText('Booked!')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).tap();

  // A visitor starts a second booking and is typing a name when the database goes.
  ({ dialog, slots } = await openDrumRoomSaturday(page));
  await expect(slots.getByRole('button', { name: first })).toHaveCount(0);
  await slots.getByRole('button', { name: second }).tap();
  await dialog.getByLabel('Your first name or nickname').fill('Eve');

  // The hub is slow to send the fresh snapshot, so the time in between can be seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/snapshot', async (route) => {
    await held;
    await route.fallback();
  });

  const other = await page.context().newPage();
  await other.goto(new URL('/api/health', served.url).href);
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('wegwijzer');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('delete failed'));
      }),
  );
  await other.close();

  // Noticed at once (versionchange): the booking is refused, not sent.
  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(dialog.getByRole('alert')).toContainText('Booking is paused for a moment');
  await expect(dialog.getByText('Booked!')).toHaveCount(0);

  release();

  // Rebuilt: the visitor taps again (the same intent, however often) until it books, once; neither
  // time is offered any more.
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Confirm booking' }).tap({ timeout: 2_000 });
    await expect(dialog.getByText('Booked!')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).tap();
  ({ dialog, slots } = await openDrumRoomSaturday(page));
  await expect(slots.getByRole('button').first()).toBeVisible();
  await expect(slots.getByRole('button', { name: first })).toHaveCount(0);
  await expect(slots.getByRole('button', { name: second })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The loss reached the hub's log (which the desk shows per screen).
  await expect.poll(() => served.logs.some((line) => line.startsWith('error') && line.includes('The kiosk copy was lost'))).toBe(true);
});

test('staff on the lobby screen see what a rebuild restored until they mark it seen', async ({ page, site }) => {
  const served = await site();
  await openExplore(page, served.url, 'English');
  const { dialog, slots } = await openDrumRoomSaturday(page);
  await slots.getByRole('button').first().tap();
  await dialog.getByLabel('Your first name or nickname').fill('Lou');
  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await dialog.getByRole('button', { name: 'Done' }).tap();
  const other = await page.context().newPage();
  await other.goto(new URL('/api/health', served.url).href);
  await other.evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('wegwijzer').onsuccess = resolve)));
  await other.close();

  await unlockAsCoordinator(page);
  const notice = page.getByRole('status').filter({ hasText: 'was deleted or replaced' });
  await expect(notice).toContainText('1 bookings');
  await notice.getByRole('button', { name: 'Seen' }).tap();
  await expect(notice).toHaveCount(0);
});
