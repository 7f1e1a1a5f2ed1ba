// Issue 12 at the kiosk: playlists from the attract screen into the visitor's path, the learning part
// of an activity sheet, and a badge shown at the scanner (fed as a hardware scanner types: keys, then Enter).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import * as badges from '../../src-renderer/core/badges';
import { sampleConfig } from './expected';
import { expect, FIXED_NOW, test } from './fixtures';

const titles = (ids: string[], config: Awaited<ReturnType<typeof sampleConfig>>) =>
  ids.map((id) => config.activities.find((activity) => activity.id === id)!.title.nl!);

/** Axe over the page, or over an open dialog only (`within`). */
async function expectNoAxeViolations(page: Page, within?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (within ? builder.include(within) : builder).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openAttract(page: Page, url: string): Promise<void> {
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);
}

test('a playlist from the attract screen goes into the path whole, in order, and its steps know it', async ({ page, site }) => {
  test.slow();
  const config = await sampleConfig();
  const { url } = await site();
  await openAttract(page, url);

  const row = page.getByRole('region', { name: 'Stap voor stap leren' });
  await expect(row.getByRole('button')).toHaveCount(config.playlists.length + 1);
  await expectNoAxeViolations(page);
  await row.getByRole('button', { name: /Van luisteren naar spelen/ }).tap();

  const sheet = page.getByRole('dialog', { name: 'Van luisteren naar spelen' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByText('Je speelt zelf muziek in de oefenruimte.')).toBeVisible();
  const steps = sheet.getByRole('region', { name: 'De stappen' }).getByRole('listitem');
  await expect(steps).toHaveCount(4);
  const ids = ['lunch-concert', 'academy-recital', 'academy-ensemble', 'practice-music'];
  for (const [index, title] of titles(ids, config).entries()) await expect(steps.nth(index).getByRole('button', { name: title })).toBeVisible();
  // Each step says its level in words and when it is next on (or that no date is planned).
  await expect(steps.nth(0)).toContainText('Stap 1');
  await expect(steps.nth(0)).toContainText(/Volgende keer|Nog geen datum/);
  // The mentor, with the contact the academy made public; the badge it leads to with its criteria.
  const mentor = sheet.getByRole('region', { name: 'Wie kun je iets vragen?' });
  await expect(mentor).toContainText('Sofie');
  await expect(mentor).toContainText('Onthaal academie');
  await expect(sheet.getByRole('region', { name: 'Hier leidt het naar' })).toContainText('Ensemble-beginner');
  await expectNoAxeViolations(page, 'dialog');

  await sheet.getByRole('button', { name: 'Hele leerweg aan mijn pad toevoegen' }).tap();
  await expect(sheet.getByRole('status')).toHaveText('4 stappen toegevoegd aan je pad.');
  await sheet.getByRole('button', { name: 'Toon mijn pad' }).tap();

  const path = page.getByRole('dialog', { name: 'Mijn pad' });
  const inPath = path.getByRole('listitem');
  await expect(inPath).toHaveCount(4);
  for (const [index, title] of titles(ids, config).entries()) await expect(inPath.nth(index)).toContainText(title);
  await path.getByRole('button', { name: 'Sluiten' }).tap();
  await expect(page.getByRole('button', { name: /Mijn pad\s*4/ })).toBeVisible();

  // Adding it again adds nothing and says so.
  await page.getByRole('button', { name: 'Opnieuw beginnen' }).waitFor();
  await openPlaylistFromSheet(page, titles(['academy-ensemble'], config)[0]!, config);
});

async function openPlaylistFromSheet(page: Page, ensembleTitle: string, config: Awaited<ReturnType<typeof sampleConfig>>): Promise<void> {
  // From Explore, the path drawer leads to the ensemble's sheet, which names its place in the playlist.
  await page.getByRole('button', { name: /Mijn pad/ }).tap();
  await page.getByRole('dialog', { name: 'Mijn pad' }).getByRole('button', { name: ensembleTitle, exact: true }).tap();
  const sheet = page.getByRole('dialog', { name: ensembleTitle });
  await expect(sheet.getByRole('button', { name: 'Stap 3 van Van luisteren naar spelen' })).toBeVisible();
  await expect(sheet.getByRole('region', { name: 'Wie kun je iets vragen?' })).toContainText('Sofie');
  await sheet.getByRole('button', { name: 'Stap 3 van Van luisteren naar spelen' }).tap();
  const playlist = page.getByRole('dialog', { name: 'Van luisteren naar spelen' });
  await playlist.getByRole('button', { name: 'Hele leerweg aan mijn pad toevoegen' }).tap();
  await expect(playlist.getByRole('status')).toHaveText('Alle stappen staan al in je pad.');
  expect(config.playlists.some((p) => p.id === 'listening-to-playing')).toBe(true);
}

test("a mentor's contact stays hidden unless the organisation made it public; the sheet names the badges", async ({ page, site }) => {
  const config = await sampleConfig();
  const { url } = await site();
  await openAttract(page, url);
  await page.getByRole('region', { name: 'Stap voor stap leren' }).getByRole('button', { name: /Zelf leren herstellen/ }).tap();
  const sheet = page.getByRole('dialog', { name: 'Zelf leren herstellen' });
  await expect(sheet.getByRole('region', { name: 'Wie kun je iets vragen?' })).toContainText('Mehmet');
  await expect(page.getByText('repair@example.org')).toHaveCount(0);
  // A step opens its activity's sheet: "step n of …", the badges it leads to, the same mentor.
  const bike = config.activities.find((activity) => activity.id === 'bike-repair')!;
  await sheet.getByRole('button', { name: bike.title.nl! }).tap();
  const bikeSheet = page.getByRole('dialog', { name: bike.title.nl! });
  await expect(bikeSheet.getByRole('button', { name: 'Stap 4 van Zelf leren herstellen' })).toBeVisible();
  const repair = config.achievements.find((a) => a.id === 'repair-basics')!;
  await expect(bikeSheet.getByRole('region', { name: 'Badges die je hier kunt verdienen' })).toContainText(repair.name.nl!);
  await expect(bikeSheet.getByRole('region', { name: 'Badges die je hier kunt verdienen' })).toContainText(repair.criteria.nl!);
  await expect(page.getByText('repair@example.org')).toHaveCount(0);
});

/** The scanner view from Explore, its hidden input focused as a hardware scanner needs it. */
async function openScanner(page: Page, url: string): Promise<void> {
  await openAttract(page, url);
  await page.getByRole('region', { name: 'Stap voor stap leren' }).getByRole('button', { name: 'Toon een badge' }).tap();
  await expect(page.getByRole('dialog', { name: 'Toon je badge' })).toBeVisible();
  await expect(page.getByLabel('Badgecode van de scanner')).toBeFocused();
}

/** What a 2D scanner in keyboard mode does: the characters, then Enter. */
async function scan(page: Page, text: string): Promise<void> {
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
}

test('without a hub that publishes its keys, the scanner says badges cannot be checked here', async ({ page, site }) => {
  const { url } = await site();
  await page.route('**/badges/issuer.json', (route) => route.fulfill({ status: 501, json: { error: 'not-built', message: 'not yet' } }));
  await openScanner(page, url);
  await scan(page, 'anything');
  await expect(page.getByRole('dialog', { name: 'Toon je badge' })).toContainText('Badges kunnen hier niet gecontroleerd worden');
});

test('text that is no presentation is refused in words, and the scanner takes the next one', async ({ page, site }) => {
  const { url } = await site();
  await page.route('**/badges/issuer.json', (route) => route.fulfill({ json: { name: 'Regina Mundi', keys: [{ did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', state: 'current' }] } }));
  await openScanner(page, url);
  await scan(page, 'https://example.org/not-a-badge');
  const scanner = page.getByRole('dialog', { name: 'Toon je badge' });
  await expect(scanner.getByRole('heading', { name: 'Deze badge kunnen we niet aanvaarden' })).toBeVisible();
  await expect(scanner).toContainText('De code is onvolledig of te oud');
  await scanner.getByRole('button', { name: 'Nog een badge tonen' }).tap();
  await expect(page.getByLabel('Badgecode van de scanner')).toBeFocused();
  await expect(scanner).toContainText('Wachten op een badge');
});

test('a badge shown at the kiosk: earned with fitting next steps; a changed one refused with words', async ({ page, site }) => {
  test.slow();
  const config = await sampleConfig();
  const { url } = await site();
  const issuer = await badges.generateIssuerKey();
  const achievement = config.achievements.find((a) => a.id === 'ensemble-beginner')!;
  await page.route('**/badges/issuer.json', (route) => route.fulfill({ json: { name: 'Regina Mundi', keys: [{ did: issuer.did, state: 'current' }] } }));
  await openScanner(page, url);

  const now = await page.evaluate(() => Date.now());
  const holder = await badges.generateHolderKey();
  const credential = badges.buildCredential({
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { did: issuer.did, name: 'Regina Mundi' },
    achievement,
    achievementUrl: new URL('badges/achievements/ensemble-beginner', url).href,
    locale: 'nl',
    defaultLocale: 'nl',
    subjectDid: holder.did,
    validFrom: now - 86_400_000,
  });
  const jws = await badges.signCredential(credential, issuer);

  await scan(page, await badges.encodePresentation(jws, holder, now));
  const scanner = page.getByRole('dialog', { name: 'Toon je badge' });
  await expect(scanner.getByRole('heading', { name: 'Je verdiende Ensemble-beginner' })).toBeVisible();
  // Next: the playlist's step after the ensemble (practice on your own), and where the room is free.
  const practice = config.activities.find((activity) => activity.id === 'practice-music')!;
  const next = scanner.getByRole('region', { name: 'Wat kun je nu doen?' });
  await expect(next.getByRole('button', { name: new RegExp(practice.title.nl!) })).toContainText('Stap 4 van Van luisteren naar spelen');
  await expect(next).toContainText(/Oefenlokaal muziek 2 \(samenspel\) is vrij/);
  await expectNoAxeViolations(page, 'dialog');

  // One character of the signed credential changed: the holder's signature is fresh, the issuer's is not.
  const [header, payload, signature] = jws.split('.');
  const flipped = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
  await scanner.getByRole('button', { name: 'Nog een badge tonen' }).tap();
  await scan(page, await badges.encodePresentation(flipped, holder, await page.evaluate(() => Date.now())));
  await expect(scanner.getByRole('heading', { name: 'Deze badge kunnen we niet aanvaarden' })).toBeVisible();
  await expect(scanner).toContainText('De handtekening klopt niet');
  await expectNoAxeViolations(page, 'dialog');
});
