import type { Page } from '@playwright/test';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { DESK_PATH, openDesk, signIn } from './desk-page';
import { expect, FIXED_NOW, openExplore, test } from './fixtures';

// The staff desk at /staff/, in browser profiles of its own beside a paired kiosk. Accounts and the
// paired screen come from the e2e hub template (test/support/hub-template.ts, E2E_ACCOUNTS).
const COORDINATOR = E2E_ACCOUNTS.coordinator;
const REPAIR = E2E_ACCOUNTS.organisation;

/** A request from the desk page itself: its cookie, and the session's CSRF token on a POST. */
async function deskRequest(page: Page, method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/session', { credentials: 'same-origin' })).json()) as { csrfToken?: string };
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: method === 'POST' ? { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken ?? '' } : {},
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

const key = (): string => `e2e-desk-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
const at = (local: string): number => Date.parse(`${local}+01:00`);

test('a coordinator at the desk sees a booking a visitor just made on a paired kiosk', async ({ browser, site }) => {
  // Two browser profiles, a kiosk booking and a desk sign-in: more than the default 30 s on a busy machine.
  test.slow();
  const { url, device } = await site();

  const kiosk = await browser.newContext({ hasTouch: true });
  await kiosk.addInitScript((identity) => localStorage.setItem('wegwijzer.device', JSON.stringify(identity)), device);
  const visitor = await kiosk.newPage();
  await openExplore(visitor, url, 'English');
  await visitor.getByRole('button', { name: 'Book a space' }).tap();
  const dialog = visitor.getByRole('dialog', { name: 'Book a space' });
  await dialog.getByRole('button', { name: /Drum room/ }).tap();
  await dialog.getByRole('button', { name: 'Saturday 5 December' }).tap();
  await dialog.getByRole('button', { name: '60 min' }).tap();
  await expect(dialog.getByRole('group', { name: 'Choose a time' })).toHaveAttribute('aria-busy', 'false');
  await dialog.getByRole('group', { name: 'Choose a time' }).getByRole('button').first().tap();
  for (const letter of 'Sam') await dialog.getByRole('button', { name: letter, exact: true }).tap();
  await dialog.getByRole('button', { name: 'Confirm booking' }).tap();
  await expect(dialog.getByText('Booked!')).toBeVisible();
  const code = (await dialog.locator('.code').textContent())!.trim();

  const { close, page } = await openDesk(browser, url);
  await signIn(page, COORDINATOR);
  // The week view (this week: Monday 30 November to Sunday 6 December) shows it in the drum room's row.
  const buildingA = page.getByRole('table', { name: /^Gebouw A/ });
  await expect(buildingA.getByRole('row', { name: /Drumkamer/ }).getByRole('button', { name: new RegExp(code) })).toBeVisible();
  // Search finds it by code and by the visitor's nickname.
  await page.getByRole('navigation').getByRole('link', { name: 'Zoeken' }).click();
  await page.getByLabel('Code, naam van een bezoeker of organisatie').fill(code);
  await expect(page.getByRole('button', { name: `Open ${code}` })).toBeVisible();
  await page.getByLabel('Code, naam van een bezoeker of organisatie').fill('sam');
  await expect(page.getByRole('row', { name: /bezoeker Sam/ })).toBeVisible();
  await close();
  await kiosk.close();
});

test('the week view shows every space of a building, grouped by building', async ({ browser, site }) => {
  const { url } = await site();
  const { close, page } = await openDesk(browser, url);
  await signIn(page, COORDINATOR);
  const buildingA = page.getByRole('table', { name: /^Gebouw A/ });
  // Building A of the sample site has eleven spaces, each a row with seven days.
  await expect(buildingA.getByRole('rowheader')).toHaveCount(11);
  for (const name of ['Drumkamer', 'Danszaal', 'Leerkeuken', 'Tentoonstellingszaal']) await expect(buildingA.getByRole('rowheader', { name })).toBeVisible();
  await expect(buildingA.getByRole('columnheader')).toHaveCount(8);
  await expect(page.getByRole('table', { name: /^Gebouw D/ }).getByRole('rowheader', { name: 'Makerspace' })).toBeVisible();
  await page.getByRole('button', { name: 'Dag', exact: true }).click();
  await expect(buildingA.getByRole('columnheader')).toHaveCount(2);
  await close();
});

test('an organisation account books for its own organisation and is refused elsewhere, with nothing written', async ({ browser, site }) => {
  const { url } = await site();
  // The coordinator books the makerspace for another organisation first.
  const coordinator = await openDesk(browser, url);
  await signIn(coordinator.page, COORDINATOR);
  const other = await deskRequest(coordinator.page, 'POST', '/api/bookings', {
    idempotencyKey: key(),
    spaceId: 'makerspace',
    start: at('2026-12-05T14:00:00'),
    end: at('2026-12-05T15:00:00'),
    holder: { kind: 'organisation', id: 'academie-genk' },
    by: { staff: 'ignored' },
  });
  expect(other.status).toBe(200);
  const otherCode = (other.json as { booking: { code: string } }).booking.code;

  const { close, page } = await openDesk(browser, url);
  await signIn(page, REPAIR);
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Tijdlijn' })).toBeVisible();
  for (const name of ['Schermen', 'Accounts', 'Gebruik', 'Hulpmiddelen', 'Feeds']) await expect(nav.getByRole('link', { name })).toHaveCount(0);

  // Its own organisation's booking, made in the desk's form.
  await page.getByRole('button', { name: 'Nieuwe boeking' }).click();
  const form = page.getByRole('dialog', { name: 'Nieuwe boeking' });
  await form.getByLabel('Ruimte').selectOption('makerspace');
  await form.getByLabel('Datum').fill('2026-12-05');
  await form.getByLabel('Van').fill('10:00');
  await form.getByLabel('Tot').fill('11:00');
  await expect(form.getByLabel('Organisatie')).toHaveValue('repair-cafe-genk');
  await form.getByRole('button', { name: 'Boeking maken' }).click();
  await expect(form).toHaveCount(0);
  const makerspace = page.getByRole('table', { name: /^Gebouw D/ }).getByRole('row', { name: /Makerspace/ });
  await expect(makerspace.getByRole('button', { name: /Repair Café Genk/ })).toBeVisible();

  // Another organisation's booking and the screens are refused, and nothing changes.
  const before = await deskRequest(page, 'GET', '/api/snapshot');
  const bookingsOf = (snapshot: unknown): unknown => (snapshot as { rows: { bookings: unknown } }).rows.bookings;
  const forOther = await deskRequest(page, 'POST', '/api/bookings', {
    idempotencyKey: key(),
    spaceId: 'makerspace',
    start: at('2026-12-05T16:00:00'),
    end: at('2026-12-05T17:00:00'),
    holder: { kind: 'organisation', id: 'academie-genk' },
    by: { staff: 'ignored' },
  });
  expect(forOther.status).toBe(403);
  const cancelOther = await deskRequest(page, 'POST', '/api/bookings/cancel', { idempotencyKey: key(), code: otherCode, by: { staff: 'ignored' } });
  expect(cancelOther.status).toBe(403);
  expect((await deskRequest(page, 'GET', '/api/screens')).status).toBe(403);
  const after = await deskRequest(page, 'GET', '/api/snapshot');
  expect(bookingsOf(after.json)).toEqual(bookingsOf(before.json));

  // The screens page is not offered: its address falls back to the timeline.
  await page.goto(new URL(`${DESK_PATH}#screens`, url).href);
  await expect(page.getByRole('heading', { name: 'Week per gebouw' })).toBeVisible();
  await close();
  await coordinator.close();
});

test('signing out ends the session on the hub too', async ({ browser, site }) => {
  const { url } = await site();
  const { close, page } = await openDesk(browser, url);
  await signIn(page, COORDINATOR);
  // Signed in, the desk keeps a copy of the site's bookings: one is made for it.
  const made = await deskRequest(page, 'POST', '/api/bookings', {
    idempotencyKey: key(),
    spaceId: 'drum-room',
    start: at('2026-12-05T10:00'),
    end: at('2026-12-05T11:00'),
    holder: { kind: 'visitor', nickname: 'Lou' },
    by: { staff: 'x' },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  const bookingsInCopy = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const opened = indexedDB.open('wegwijzer-desk');
          opened.onsuccess = () => {
            const db = opened.result;
            if (!db.objectStoreNames.contains('bookings')) return resolve(0), db.close();
            const counted = db.transaction('bookings').objectStore('bookings').count();
            counted.onsuccess = () => (resolve(counted.result), db.close());
          };
          opened.onerror = () => resolve(-1);
        }),
    );
  await expect.poll(bookingsInCopy).toBeGreaterThan(0);
  // Signing out deletes the copy and reloads the page: the checks wait for that reload.
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await reloaded;
  await expect(page.getByRole('button', { name: 'Aanmelden' })).toBeVisible();
  expect((await deskRequest(page, 'GET', '/api/session')).status).toBe(401);
  // …and none once the person signed out: an office PC keeps nothing of the site's bookings.
  expect(await bookingsInCopy()).toBe(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Aanmelden' })).toBeVisible();
  await close();
});

test('a wrong password is said plainly', async ({ browser, site }) => {
  const { url } = await site();
  const { close, page } = await openDesk(browser, url);
  await page.getByLabel('Gebruikersnaam').fill(COORDINATOR.name);
  await page.getByLabel('Wachtwoord').fill('not-the-password');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Naam of wachtwoord klopt niet.');
  await close();
});

test('a coordinator makes an account; its person chooses their own password first, then works', async ({ browser, site }) => {
  const { url } = await site();
  const coordinator = await openDesk(browser, url);
  await signIn(coordinator.page, COORDINATOR);
  const made = await deskRequest(coordinator.page, 'POST', '/api/accounts', {
    idempotencyKey: key(),
    name: 'nieuw',
    displayName: 'Nora Nieuw',
    role: 'coordinator',
    password: 'given-password-1',
  });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  expect(JSON.stringify(made.json)).not.toContain('argon2');

  const person = await openDesk(browser, url);
  await person.page.getByLabel('Gebruikersnaam').fill('nieuw');
  await person.page.getByLabel('Wachtwoord').fill('given-password-1');
  await person.page.getByRole('button', { name: 'Aanmelden' }).click();
  // Only the password form: the desk opens once the person has a password of their own.
  await person.page.getByLabel('Huidig wachtwoord').fill('given-password-1');
  await person.page.getByLabel('Nieuw wachtwoord (minstens 10 tekens)').fill('my-own-password-1');
  await person.page.getByLabel('Herhaal het nieuwe wachtwoord').fill('my-own-password-1');
  await person.page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
  await expect(person.page.getByText('Aangemeld als Nora Nieuw')).toBeVisible();
  // The accounts list shows the password as the person's own now.
  const accounts = await deskRequest(coordinator.page, 'GET', '/api/accounts');
  expect(JSON.stringify(accounts.json)).toContain('"mustChangePassword":false');
  await person.close();
  await coordinator.close();
});

test('the Screens page pairs a kiosk by the code it shows and lists it online; the Usage page plots its counts', async ({ browser, site }) => {
  test.slow();
  const { url } = await site(undefined, { paired: false });
  // A new kiosk in a profile of its own: it shows a pairing code and nothing else.
  const kiosk = await browser.newContext({ hasTouch: true });
  const screen = await kiosk.newPage();
  await screen.clock.install({ time: FIXED_NOW });
  await screen.goto(url);
  const shown = screen.locator('.pairing-code');
  await expect(shown).toHaveText(/^[A-Z0-9]{6}$/);

  const desk = await openDesk(browser, url);
  await signIn(desk.page, COORDINATOR);
  await desk.page.getByRole('link', { name: 'Schermen' }).click();
  await desk.page.getByLabel('Koppelcode').fill(((await shown.textContent()) ?? '').trim().toLowerCase());
  await desk.page.getByLabel('Naam van het scherm').fill('Inkomhal');
  await desk.page.getByRole('button', { name: 'Koppelen', exact: true }).click();
  await expect(desk.page.getByText('Scherm Inkomhal is gekoppeld.')).toBeVisible();
  // The kiosk becomes a kiosk, and the desk lists it as online once it has called in.
  await expect(screen.getByRole('button', { name: 'Start' })).toBeVisible({ timeout: 15_000 });
  const listed = desk.page.getByRole('listitem').filter({ hasText: 'Inkomhal' });
  await expect(listed.getByText('● online')).toBeVisible({ timeout: 20_000 });

  // A visitor session on it, counted and sent; the Usage page shows it in its plots and tables.
  await screen.getByRole('button', { name: 'Start' }).tap();
  await screen.locator('.leaflet-container').waitFor();
  const sent = screen.waitForResponse((response) => response.url().endsWith('/api/usage') && response.request().method() === 'POST');
  await screen.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  expect((await sent).status()).toBe(200);
  await desk.page.getByRole('link', { name: 'Gebruik' }).click();
  // Each plot has its numbers as a table behind "Gegevens: …"; the totals say one session started.
  const started = async (): Promise<string> => {
    const details = desk.page.locator('details').filter({ hasText: 'Gegevens: Totalen' });
    if (!(await details.getAttribute('open').then((open) => open !== null))) await details.locator('summary').click();
    return (await details.getByRole('row', { name: /Sessies gestart/ }).getByRole('cell').textContent()) ?? '';
  };
  await expect.poll(started, { timeout: 30_000 }).toBe('1');
  await expect(desk.page.getByRole('img', { name: 'Sessies per uur van de dag' })).toBeVisible();
  await expect(desk.page.getByRole('link', { name: 'Download als CSV' })).toHaveAttribute('href', /api\/usage\.csv\?from=\d+&to=\d+/);
  await desk.close();
  await kiosk.close();
});
