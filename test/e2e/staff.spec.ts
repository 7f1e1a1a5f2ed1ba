// Staff mode end to end: name and PIN checked by the hub, refusals said plainly, idle relock, and a
// guest series that collides with a visitor's booking and reports the conflict instead of skipping it
// silently. The accounts are the e2e hub template's (E2E_ACCOUNTS). Everything runs in English so
// names are stable.
import type { Page } from '@playwright/test';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { expect, openExplore, test } from './fixtures';
import { unlockStaff } from './kiosk-auth';

const coordinator = E2E_ACCOUNTS.coordinator;
const staffButton = (page: Page) => page.getByRole('button', { name: 'Staff', exact: true });
const keypad = (page: Page) => page.getByRole('dialog', { name: 'Staff: sign in' });

async function typeName(page: Page, name: string): Promise<void> {
  await keypad(page).getByRole('textbox', { name: 'Name' }).fill(name);
  await keypad(page).getByRole('button', { name: 'Next' }).tap();
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await keypad(page).getByRole('button', { name: digit, exact: true }).tap();
  await keypad(page).getByRole('button', { name: 'Unlock' }).tap();
}

async function unlock(page: Page): Promise<void> {
  await unlockStaff(page, coordinator);
  await expect(page.getByRole('heading', { name: 'Staff · Regina Mundi site' })).toBeVisible();
}

/** Collects CSP violations: the staff timeline must work under the kiosk's strict policy. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('a name and the right PIN open staff mode for that person; Lock hands the kiosk back on the attract screen', async ({ page, site }) => {
  const { url } = await site();
  const csp = cspViolations(page);
  await openExplore(page, url, 'English');
  await staffButton(page).tap();
  // The name is typed on the on-screen keyboard (or a real one), then the PIN.
  for (const key of coordinator.name.slice(0, 3)) await keypad(page).getByRole('button', { name: key, exact: true }).tap();
  await expect(keypad(page).getByRole('textbox', { name: 'Name' })).toHaveValue(coordinator.name.slice(0, 3));
  await typeName(page, coordinator.name);
  await expect(keypad(page).getByText(`Signing in as ${coordinator.name}`)).toBeVisible();
  // The digits are never shown: only dots and a count for screen readers.
  for (const digit of '24') await keypad(page).getByRole('button', { name: digit, exact: true }).tap();
  await expect(keypad(page).getByText('2 digits entered')).toBeAttached();
  await expect(keypad(page)).not.toContainText('24');
  await keypad(page).getByRole('button', { name: 'Delete' }).tap();
  await expect(keypad(page).getByText('1 digit entered')).toBeAttached();
  await keypad(page).getByRole('button', { name: 'Delete' }).tap();
  await typePin(page, coordinator.pin);

  await expect(page.getByRole('heading', { name: 'Staff · Regina Mundi site' })).toBeVisible();
  await expect(page.getByText(`Signed in: ${coordinator.displayName}`)).toBeVisible();
  const tabs = page.getByRole('tablist', { name: 'Sections' });
  for (const name of ['Timeline', 'Organisations', 'Series', 'Audit log', 'Tools']) await expect(tabs.getByRole('tab', { name })).toBeVisible();
  await expect(tabs.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  // The timeline (event-calendar) renders the bookable spaces as columns.
  await expect(page.locator('.ec').getByText('Music practice room 1 (piano)').first()).toBeVisible();

  // Lock ends the lobby session on the hub too.
  const ended = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/lobby/lock');
  await page.getByRole('button', { name: 'Lock', exact: true }).tap();
  expect((await ended).headers()['x-lobby-session']).toBeTruthy();
  await expect(page.getByText('Tap to start')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Staff ·/ })).toHaveCount(0);
  expect(csp).toEqual([]);
});

test('a wrong PIN or an unknown name gets the same plain refusal; a reload locks; the renderer never sees a PIN hash', async ({ page, site }) => {
  const { url } = await site();
  const bundles: string[] = [];
  page.on('response', async (response) => {
    // The validated config (what the kiosk reads) and the raw files (its fallback): neither carries a hash.
    if (['/site/config.json', '/site/bundle.json'].includes(new URL(response.url()).pathname)) bundles.push(await response.text());
  });
  await openExplore(page, url, 'English');
  await staffButton(page).tap();
  await typeName(page, coordinator.name);
  await typePin(page, '1111');
  await expect(keypad(page).getByText('Wrong name or PIN')).toBeVisible();
  await keypad(page).getByRole('button', { name: 'Change name' }).tap();
  await typeName(page, 'nobody-here');
  await typePin(page, coordinator.pin);
  await expect(keypad(page).getByText('Wrong name or PIN')).toBeVisible();

  await keypad(page).getByRole('button', { name: 'Change name' }).tap();
  await typeName(page, coordinator.name);
  await typePin(page, coordinator.pin);
  await expect(page.getByRole('heading', { name: 'Staff · Regina Mundi site' })).toBeVisible();
  // The lobby session lives in memory only: a reload is a locked kiosk.
  await page.reload();
  await expect(page.getByText('Tap to start')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Staff ·|Medewerkers ·/ })).toHaveCount(0);
  expect(bundles.length).toBeGreaterThan(0);
  for (const bundle of bundles) expect(bundle).not.toMatch(/pinHash|pbkdf2|argon2/);
});

test('staff mode locks itself after the idle time and the next visitor sees none of it', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  await unlock(page);
  await page.getByRole('tab', { name: 'Audit log' }).tap();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();

  // idleLockSeconds is 120 in the sample site: just before it, still open; just after, locked.
  await page.clock.fastForward(110_000);
  await expect(page.getByRole('heading', { name: 'Staff · Regina Mundi site' })).toBeVisible();
  await page.clock.fastForward(12_000);
  await expect(page.getByText('Tap to start')).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Sections' })).toHaveCount(0);

  await page.getByRole('button', { name: /Start/ }).tap();
  await expect(page.getByRole('heading', { name: 'Activiteiten' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Medewerkers ·|Staff ·/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Vergrendelen' })).toHaveCount(0);
});

test('a weekly guest series that collides with a visitor booking reports the conflict, and is created without that date', async ({ page, site }) => {
  const { url } = await site();
  const csp = cspViolations(page);
  await openExplore(page, url, 'English');

  // A visitor books music room 1 on Thursday 10 December, 19:00–20:00.
  await page.getByRole('button', { name: 'Book a space' }).tap();
  const booking = page.getByRole('dialog', { name: 'Book a space' });
  await booking.getByRole('button', { name: /Music practice room 1/ }).tap();
  await booking.getByRole('button', { name: 'Thursday 10 December' }).tap();
  await booking.getByRole('button', { name: '60 min' }).tap();
  await booking.getByRole('group', { name: 'Choose a time' }).getByRole('button', { name: /^19:00–20:00/ }).tap();
  for (const key of 'Sam') await booking.getByRole('button', { name: key, exact: true }).tap();
  await booking.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(booking.getByText('Booked!')).toBeVisible();
  const code = (await booking.locator('.code').textContent())!.trim();
  await booking.getByRole('button', { name: 'Done' }).tap();

  await unlock(page);
  await page.getByRole('tab', { name: 'Series' }).tap();
  await page.getByLabel('Organisation').selectOption({ label: 'Thor Park (Guest)' });
  await page.getByLabel('Space').selectOption({ label: 'Music practice room 1 (piano)' });
  await page.getByLabel('Repeats').selectOption({ label: 'Every week' });
  await page.getByRole('checkbox', { name: 'Thursday' }).check();
  await page.getByLabel('Start time').fill('19:00');
  await page.getByLabel('Length (minutes)').fill('60');
  await page.getByLabel('First date').fill('2026-12-03');
  await page.getByRole('radio', { name: 'After a number of sessions' }).check();
  await page.getByRole('spinbutton', { name: 'Number of sessions' }).fill('3');
  await page.getByRole('button', { name: 'Check the plan' }).tap();

  const plan = page.getByRole('region', { name: 'Series plan' });
  await expect(plan.getByText('2 sessions can be booked.')).toBeVisible();
  const conflicts = plan.getByRole('region', { name: /1 conflict\b/ });
  await expect(conflicts).toContainText('2026-12-10 19:00–20:00');
  await expect(conflicts).toContainText(`booking ${code} (2026-12-10 19:00–20:00)`);
  await plan.getByRole('button', { name: 'Create without the conflicting dates' }).tap();
  await expect(page.getByText('Series created: 2 sessions booked, 1 date left out.')).toBeVisible();

  const list = page.getByRole('list', { name: 'Existing series' });
  await expect(list).toContainText('Thor Park');
  await expect(list).toContainText('Weekly on Thursday');
  await expect(list).toContainText('left out: 2026-12-10');

  // The timeline shows the visitor's booking and the series next to each other on the 10th and the 17th.
  await page.getByRole('tab', { name: 'Timeline' }).tap();
  await page.getByLabel('Date', { exact: true }).fill('2026-12-10');
  const calendar = page.locator('.ec');
  await expect(calendar.getByRole('button', { name: new RegExp(`19:00–20:00 · Visitor · Sam \\(visitor\\) · ${code}`) })).toBeVisible();
  await page.getByLabel('Date', { exact: true }).fill('2026-12-17');
  await expect(calendar.getByRole('button', { name: /19:00–20:00 · Series · Thor Park/ })).toBeVisible();

  // Every change is in the audit log, in words, by the person who signed in (the hub takes it from the lobby session).
  await page.getByRole('tab', { name: 'Audit log' }).tap();
  await expect(page.getByRole('row', { name: new RegExp(`${coordinator.displayName} Series created Music practice room 1`) })).toBeVisible();
  expect(csp).toEqual([]);
});

test('a staff booking over the visitor booking is refused with the conflict shown, not skipped', async ({ page, site }) => {
  const { url } = await site();
  await openExplore(page, url, 'English');
  await unlock(page);
  // Staff make the first booking, then try to book over it: the refusal names the booking.
  for (const attempt of [0, 1]) {
    await page.getByRole('button', { name: 'New booking' }).tap();
    const form = page.getByRole('dialog', { name: 'New booking' });
    await form.getByLabel('Space').selectOption({ label: 'Music practice room 1 (piano)' });
    await form.getByLabel('Date').fill('2026-12-10');
    await form.getByLabel('From').fill('19:00');
    await form.getByLabel('To').fill('20:00');
    await form.getByLabel('Name', { exact: true }).fill(attempt === 0 ? 'Bezoeker' : 'Tweede');
    await form.getByRole('button', { name: 'Create booking' }).tap();
    if (attempt === 0) await expect(form).toHaveCount(0);
    else {
      await expect(form.getByRole('alert')).toContainText('This cannot be done as it is');
      await expect(form.getByRole('alert')).toContainText(/booking [0-9A-Z]{6} \(2026-12-10 19:00–20:00\)/);
      // Nearby free times are offered as buttons.
      await expect(form.getByRole('button', { name: /^2026-12-\d\d \d\d:\d\d–\d\d:\d\d$/ }).first()).toBeVisible();
    }
  }
});
