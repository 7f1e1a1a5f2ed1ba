import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { openDesk, signIn } from './desk-page';
import { expect, test } from './fixtures';

// The desk's badge and learning pages against the hub itself (no fakes): a claim QR for a session
// holds a claim URL of the site's follow-up page, and a mentor added at the desk is in the config the
// hub serves next, while one the whole-config check refuses is explained beside its field.
const COORDINATOR = E2E_ACCOUNTS.coordinator;

test('against the hub: a claim QR for a session, a mentor added, and a refused mentor explained', async ({ browser, site }) => {
  test.slow();
  const { url } = await site();
  const { page, close } = await openDesk(browser, url);
  await signIn(page, COORDINATOR);

  await page.getByRole('button', { name: /Fietsatelier/ }).first().click();
  const details = page.getByRole('dialog');
  await details.getByRole('button', { name: 'Badges uitreiken' }).click();
  await details.getByRole('button', { name: /Hersteller/ }).click();
  const qr = details.getByRole('img', { name: 'QR-code om de badge Hersteller op te halen' });
  await expect(qr).toBeVisible();
  await expect(details.getByText('0 van 30 opgehaald')).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  expect(jsQR(Uint8ClampedArray.from(png.data), png.width, png.height)?.data).toMatch(/^https:\/\/wegwijzer\.example\.org\/regina-mundi\/#claim=[A-Za-z0-9_-]{16,100}$/);
  await details.locator('.award').getByRole('button', { name: 'Sluiten' }).click();
  await expect(qr).toBeHidden();
  await details.getByRole('button', { name: 'Terug' }).click();
  await details.getByRole('button', { name: 'Sluiten' }).click();

  await page.getByRole('navigation').getByRole('link', { name: 'Badges' }).click();
  await expect(page.getByRole('row', { name: /Hersteller.*Fietsatelier.*Gesloten/ })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Leren' }).click();
  const mentors = page.getByRole('region', { name: 'Mentors' });
  await mentors.getByRole('button', { name: 'Mentor toevoegen' }).click();
  const form = page.getByRole('form', { name: 'Mentor toevoegen' });
  await form.getByLabel('Id (kleine letters, cijfers en -)').fill('jana');
  await form.getByLabel('Voornaam (nooit een volledige naam)').fill('Jana');
  await form.getByLabel('Organisatie').selectOption({ label: 'Repair Café Genk' });
  await form.getByLabel('Helpt met — Nederlands').fill('Kapotte toestellen openmaken');
  await form.getByLabel('Waar en wanneer te vinden — Nederlands').fill('Elke tweede zaterdag');
  await form.getByRole('button', { name: 'Bewaren' }).click();
  await expect(page.getByRole('status')).toHaveText('Jana is bewaard.');
  await expect(mentors.getByText('Jana', { exact: true })).toBeVisible();

  // The same id again: the hub's whole-config check refuses the duplicate and nothing is lost.
  await mentors.getByRole('button', { name: 'Mentor toevoegen' }).click();
  await form.getByLabel('Id (kleine letters, cijfers en -)').fill('jana');
  await form.getByLabel('Voornaam (nooit een volledige naam)').fill('Jana Twee');
  await form.getByLabel('Organisatie').selectOption({ label: 'Repair Café Genk' });
  await form.getByLabel('Helpt met — Nederlands').fill('Iets anders');
  await form.getByLabel('Waar en wanneer te vinden — Nederlands').fill('Nooit');
  await form.getByRole('button', { name: 'Bewaren' }).click();
  await expect(form.getByRole('alert')).toContainText('De hub bewaarde niets');
  const id = form.getByLabel('Id (kleine letters, cijfers en -)');
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  await expect(id).toHaveAccessibleDescription(/mentor id `jana` is used twice/);
  await expect(form.getByLabel('Voornaam (nooit een volledige naam)')).toHaveValue('Jana Twee');
  await close();
});
