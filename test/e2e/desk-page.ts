// The staff desk in a browser, for the desk's end-to-end tests: a PC profile of its own (mouse, wide
// screen, its own cookie jar) at FIXED_NOW, and a sign-in through the page as a person does it.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, FIXED_NOW } from './fixtures';

/** Where the hub serves the desk; DESK_PATH=staff/index.html reaches the same page where `/staff/` is not routed yet. */
export const DESK_PATH = process.env.DESK_PATH ?? 'staff/';

export async function openDesk(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  // A desk is a PC with a mouse, in a profile of its own (its own cookie jar).
  const context = await browser.newContext({ hasTouch: false, viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(new URL(DESK_PATH, url).href);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      expect(errors, 'uncaught exceptions in the desk').toEqual([]);
    },
  };
}

export async function signIn(page: Page, account: { name: string; password: string; displayName: string }): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(account.name);
  await page.getByLabel('Wachtwoord').fill(account.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByText(`Aangemeld als ${account.displayName}`)).toBeVisible();
}
