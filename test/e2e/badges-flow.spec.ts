// A badge across the whole system (issue 12), against the real hub on PGlite: a host opens a claim QR
// for a session, a phone (its own browser context) claims it from the follow-up
// page the hub serves, keeps it and checks it; the phone's presentation QR, read from a screenshot, is
// typed into the kiosk's badge scanner as a hardware scanner does, and the kiosk answers with the badge
// and fitting next steps; the host revokes it and the phone's badge page says so. Then the refusals:
// an expired claim QR (the hub's clock moved on, no real waiting), a QR used up by another phone, and a
// forged code, each with a friendly page on the phone.
//
// The host works at the staff desk (Award badges from the session on the timeline, the claim QR read
// from a screenshot; Revoke on the Badges page); the refusal test opens its claims through the staff API.
import { readFileSync } from 'node:fs';
import { writeFile, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { decodePresentation } from '../../src-renderer/core/badges';
import type { BadgeClaimResponse, IssuedBadgesResponse } from '../../src-renderer/core/hub/contract';
import { sampleConfig } from './expected';
import { expect, test, type ServedSite } from './fixtures';
import type { InPage } from './follow-fixtures';
import { openDesk, signIn as signInAtDesk } from './desk-page';
import { signIn, testKey, type DeskApi } from './kiosk-auth';

const JSQR = readFileSync(createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js'), 'utf8');

/** The maker club meets on Wednesdays 14:00–17:00 in Genk: this session is on at the fixtures' afternoon. */
const MAKER_CLUB = 'maker-club';
const MAKER_STARTER = 'maker-starter';
const SESSION_START = Date.parse('2026-12-02T14:00:00+01:00');
/** The bike workshop (Wednesdays 15:00–18:00) awards repair-basics: the desk's timeline shows this afternoon's session. */
const BIKE_REPAIR = 'bike-repair';
const REPAIR_BASICS = 'repair-basics';
const BIKE_SESSION_START = Date.parse('2026-12-02T15:00:00+01:00');

/** A phone with a sharp screen, as follow-badges.spec.ts uses: the presentation QR is dense. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true, locale: 'nl-BE', timezoneId: 'Europe/Brussels' } as const;

/**
 * Serves the sample site and makes the hub's own /follow/ the site's follow-up address, as a site
 * whose hub serves the follow-up page has it: the claim QR's URL then opens on this hub.
 */
async function servedWithFollowUp(site: (prepare?: (dir: string) => Promise<void>) => Promise<ServedSite>): Promise<ServedSite & { followUrl: string }> {
  const served = await site();
  const followUrl = new URL('follow/', served.url).href;
  const path = join(served.dir, 'site.json');
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify({ ...json, followUpBaseUrl: followUrl }, null, 2));
  // The hub reads its folder again when it changes: its issuer document then names the new address.
  await expect(async () => {
    const response = await fetch(new URL('badges/issuer.json', served.url));
    expect(((await response.json()) as { url: string }).url).toBe(followUrl);
  }).toPass();
  return { ...served, followUrl };
}

interface Phone {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A phone as its own browser context, its clock `behindMs` behind the hub's (phones' clocks are never exact). */
async function openPhone(browser: Browser, served: ServedSite, behindMs = 0): Promise<Phone> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.clock.install({ time: served.now() - behindMs });
  return { context, page, errors };
}

async function closePhone(phone: Phone): Promise<void> {
  await phone.context.close();
  expect(phone.errors, 'uncaught exceptions on the phone').toEqual([]);
}

async function openClaim(desk: DeskApi, options: { minutes?: number; maxClaims?: number } = {}): Promise<BadgeClaimResponse['claim']> {
  const { claim } = await desk.post<BadgeClaimResponse>('/api/badges/claims', {
    idempotencyKey: testKey(),
    achievementId: MAKER_STARTER,
    activityId: MAKER_CLUB,
    sessionStart: SESSION_START,
    ...options,
    by: { staff: 'Carla Coördinator' },
  });
  return claim;
}

/** Reads a QR code from a PNG screenshot, in a blank page of `context` (jsQR runs there; only the text comes back). */
async function readQr(context: BrowserContext, png: Buffer): Promise<string | undefined> {
  const reader = await context.newPage();
  try {
    await reader.addScriptTag({ content: JSQR });
    return await reader.evaluate(async (base64: string) => {
      const scope = globalThis as InPage;
      const image = new scope.Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = scope.document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context2d = canvas.getContext('2d');
      context2d.drawImage(image, 0, 0);
      const data = context2d.getImageData(0, 0, canvas.width, canvas.height);
      return (scope.jsQR(data.data, canvas.width, canvas.height)?.data as string | undefined) ?? undefined;
    }, png.toString('base64'));
  } finally {
    await reader.close();
  }
}

/** Reads a QR code from a PNG screenshot in Node, as the desk's specs do. */
function readQrInNode(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)?.data;
}

/** Takes the badge on the claim page the phone has open, and answers its "done" page. */
async function takeBadge(page: Page, name: string): Promise<void> {
  const claimPage = page.locator('main[data-page="claim"]');
  await expect(claimPage.getByRole('heading', { level: 1 })).toHaveText(name);
  await claimPage.getByRole('button', { name: 'Neem deze badge' }).tap();
  const done = page.locator('main[data-page="claim-done"]');
  await expect(done.getByRole('heading', { name: 'De badge staat op je telefoon' })).toBeVisible();
  await expect(done).toContainText(name);
}

async function expectProblem(page: Page, problem: string, heading: string): Promise<void> {
  const main = page.locator('main[data-page="claim-problem"]');
  await expect(main).toHaveAttribute('data-problem', problem);
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect(page.getByRole('button', { name: 'Neem deze badge' })).toHaveCount(0);
}

test('a host awards a badge at the desk, a phone claims and checks it, the kiosk reads its QR and suggests next steps, and a revocation reaches the phone', async ({ page, site, browser }) => {
  // Four screens (desk, phone, kiosk, QR reader), hub round trips per check, two QRs from screenshots: room on a busy machine.
  test.setTimeout(150_000);
  const config = await sampleConfig();
  const achievement = config.achievements.find((item) => item.id === REPAIR_BASICS)!;
  const name = achievement.name.nl!;
  const served = await servedWithFollowUp(site);
  const desk = await signIn(served.url, served.accounts.coordinator);
  // A phone whose clock is a minute slow, as phones' clocks can be.
  const phone = await openPhone(browser, served, 60_000);
  const host = await openDesk(browser, served.url);
  try {
    // 1. The host opens "Award badges" on this afternoon's bike workshop at the desk; its claim QR is read from a screenshot.
    await signInAtDesk(host.page, served.accounts.coordinator);
    const bikeRepair = config.activities.find((activity) => activity.id === BIKE_REPAIR)!;
    await host.page.getByRole('button', { name: new RegExp(bikeRepair.title.nl!) }).first().click();
    const details = host.page.getByRole('dialog');
    await details.getByRole('button', { name: 'Badges uitreiken' }).click();
    await details.getByRole('button', { name: new RegExp(name) }).click();
    const hostQr = details.getByRole('img', { name: `QR-code om de badge ${name} op te halen` });
    await expect(hostQr).toBeVisible();
    await expect(details.getByText(`0 van ${config.badges.maxClaims} opgehaald`)).toBeVisible();
    const claimUrl = readQrInNode(await hostQr.screenshot());
    expect(claimUrl, 'the claim QR decodes').toBeTruthy();
    expect(claimUrl!.startsWith(`${served.followUrl}#claim=`), claimUrl).toBe(true);
    const claim = (await desk.get<{ claims: BadgeClaimResponse['claim'][] }>('/api/badges/claims')).claims.find((item) => item.url === claimUrl)!;
    expect(claim).toMatchObject({ state: 'open', achievementId: REPAIR_BASICS, activityId: BIKE_REPAIR, sessionStart: BIKE_SESSION_START, claims: 0 });

    // 2. The phone opens the QR's address (the follow-up page on the hub) and takes the badge.
    await phone.page.goto(claimUrl!);
    await takeBadge(phone.page, name);
    // The desk counts it while the QR is shown.
    await expect(details.getByText(`1 van ${config.badges.maxClaims} opgehaald`)).toBeVisible();
    // My badges lists it; its page checks it against the hub: every check passes.
    await phone.page.locator('main[data-page="claim-done"]').getByRole('link', { name: 'Mijn badges' }).tap();
    const list = phone.page.locator('main[data-page="badges"]');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem')).toContainText(name);
    await expect(list.getByRole('listitem')).toContainText(`van ${config.site.name.nl}`);
    await list.getByRole('link', { name: new RegExp(name) }).tap();
    const detail = phone.page.locator('main[data-page="badge"]');
    await expect(detail.getByRole('heading', { level: 1 })).toHaveText(name);
    for (const check of ['format', 'signature', 'issuer', 'expiry', 'revocation']) await expect(detail.locator(`[data-check="${check}"]`)).toHaveAttribute('data-outcome', 'ok');
    await expect(detail.locator('.verdict')).toHaveText('Deze badge is echt en geldig.');
    const badgeUrl = phone.page.url();

    // 3. The phone shows its badge; the QR is read from a screenshot, as the scanner's camera would.
    await detail.getByRole('button', { name: 'Tonen aan de wegwijzer' }).tap();
    const qr = phone.page.getByRole('img', { name: 'QR-code om je badge te tonen' });
    await expect(qr).toBeVisible();
    const presentation = await readQr(phone.context, await qr.screenshot());
    expect(presentation, 'the presentation QR decodes').toBeTruthy();
    const decoded = await decodePresentation(presentation!, served.now());
    expect(decoded.holderDid).toMatch(/^did:key:z6Mk/);
    const [issued] = (await desk.get<IssuedBadgesResponse>(`/api/badges/issued?claim=${claim.id}`)).badges;
    expect(issued).toMatchObject({ achievementId: REPAIR_BASICS, activityId: BIKE_REPAIR, sessionStart: BIKE_SESSION_START });
    // What the hub keeps of the badge: nothing about the phone or its holder.
    expect(Object.keys(issued!).sort()).toEqual(['achievementId', 'activityId', 'claimId', 'id', 'issuedAt', 'keyDid', 'sessionStart', 'statusIndex', 'statusList']);

    // The kiosk: attract screen → "Toon een badge" → the scanner, fed as a keyboard scanner types.
    await page.clock.install({ time: served.now() });
    await page.goto(served.url);
    await page.getByRole('region', { name: 'Stap voor stap leren' }).getByRole('button', { name: 'Toon een badge' }).tap();
    const scanner = page.getByRole('dialog', { name: 'Toon je badge' });
    await expect(page.getByLabel('Badgecode van de scanner')).toBeFocused();
    await page.keyboard.insertText(presentation!);
    await page.keyboard.press('Enter');
    await expect(scanner.getByRole('heading', { name: `Je verdiende ${name}` })).toBeVisible();
    const next = scanner.getByRole('region', { name: 'Wat kun je nu doen?' });
    // Next: the playlist's steps after the badge's level (the sewing café is step 3 of "Zelf leren herstellen").
    const playlist = config.playlists.find((item) => item.badge === REPAIR_BASICS)!;
    const sewing = config.activities.find((activity) => activity.id === 'sewing-repair')!;
    await expect(next.getByRole('button', { name: new RegExp(sewing.title.nl!) })).toContainText(`Stap 3 van ${playlist.title.nl!}`);
    // 5. The host closes the claim QR and revokes the badge on the desk's Badges page, with a reason.
    await details.locator('.award').getByRole('button', { name: 'Sluiten' }).click();
    await expect(hostQr).toBeHidden();
    await details.getByRole('button', { name: 'Terug' }).click();
    await details.getByRole('button', { name: 'Sluiten' }).click();
    await host.page.getByRole('navigation').getByRole('link', { name: 'Badges' }).click();
    const revoke = host.page.getByRole('button', { name: new RegExp(`^Intrekken: ${name}`) });
    await expect(revoke).toHaveCount(1);
    await revoke.click();
    // Asked once, on the badge's own row.
    await host.page.getByLabel('Reden (niet verplicht)').fill('Aan de verkeerde groep gegeven');
    await host.page.getByRole('button', { name: 'Ja, intrekken' }).click();
    await expect(host.page.getByRole('status')).toHaveText(`Badge ${name} is ingetrokken.`);
    expect((await desk.get<IssuedBadgesResponse>(`/api/badges/issued?claim=${claim.id}`)).badges[0]).toMatchObject({ id: issued!.id, revokedBy: `staff:${served.accounts.coordinator.displayName}` });
    // The phone's badge page, opened again, says it is no longer valid.
    await phone.page.goto('about:blank');
    await phone.page.goto(badgeUrl);
    const revoked = phone.page.locator('main[data-page="badge"]');
    await expect(revoked.locator('[data-check="revocation"]')).toHaveAttribute('data-outcome', 'failed');
    await expect(revoked.locator('[data-check="revocation"]')).toContainText('ingetrokken door de uitgever');
    for (const check of ['format', 'signature', 'issuer', 'expiry']) await expect(revoked.locator(`[data-check="${check}"]`)).toHaveAttribute('data-outcome', 'ok');
    await expect(revoked.locator('.verdict')).toHaveText('Deze badge is niet geldig.');
  } finally {
    await closePhone(phone);
    await host.close();
    await desk.dispose();
  }
});

test('an expired claim QR, one used up by another phone, and a forged code get a friendly page on the phone', async ({ site, browser }) => {
  test.setTimeout(90_000);
  const config = await sampleConfig();
  const name = config.achievements.find((item) => item.id === MAKER_STARTER)!.name.nl!;
  const served = await servedWithFollowUp(site);
  let desk = await signIn(served.url, served.accounts.coordinator);
  const first = await openPhone(browser, served);
  const second = await openPhone(browser, served);
  try {
    // Replayed past its limit: a QR for one phone. The second phone has the claim page open already
    // when the first takes the badge; its tap is then refused, and opening the QR again says the same.
    const single = await openClaim(desk, { maxClaims: 1 });
    await second.page.goto(single.url);
    await expect(second.page.getByRole('button', { name: 'Neem deze badge' })).toBeVisible();
    await first.page.goto(single.url);
    await takeBadge(first.page, name);
    await second.page.getByRole('button', { name: 'Neem deze badge' }).tap();
    await expectProblem(second.page, 'full', 'Deze code is al opgebruikt');
    await second.page.goto('about:blank');
    await second.page.goto(single.url);
    await expectProblem(second.page, 'full', 'Deze code is al opgebruikt');

    // Forged: a code of the right shape that this hub never made.
    await second.page.goto('about:blank');
    await second.page.goto(`${served.followUrl}#claim=${'Q'.repeat(32)}`);
    await expectProblem(second.page, 'unknown', 'Deze code kennen we niet');

    // Expired: a QR open for the site's 30 minutes. The phone opened it in time but took the badge
    // after the hub's clock (and its own) had moved past the end; then it opens the QR again.
    const late = await openClaim(desk);
    await second.page.goto('about:blank');
    await second.page.goto(late.url);
    await expect(second.page.getByRole('button', { name: 'Neem deze badge' })).toBeVisible();
    served.advanceClock(config.badges.claimMinutes * 60_000 + 60_000);
    await second.page.clock.setSystemTime(served.now());
    await second.page.getByRole('button', { name: 'Neem deze badge' }).tap();
    await expectProblem(second.page, 'expired', 'Deze code is verlopen');
    await second.page.goto('about:blank');
    await second.page.goto(late.url);
    await expectProblem(second.page, 'expired', 'Deze code is verlopen');

    // Only the first phone has a badge; the hub issued just that one (the host signs in again: half an hour idle ended the desk session).
    await desk.dispose();
    desk = await signIn(served.url, served.accounts.coordinator);
    await second.page.goto(`${served.followUrl}#badges`);
    await expect(second.page.locator('main[data-page="badges"]')).toContainText('Nog geen badges.');
    await first.page.goto(`${served.followUrl}#badges`);
    await expect(first.page.locator('main[data-page="badges"]').getByRole('listitem')).toHaveCount(1);
    expect((await desk.get<IssuedBadgesResponse>(`/api/badges/issued?activity=${MAKER_CLUB}`)).badges).toHaveLength(1);
  } finally {
    await closePhone(first);
    await closePhone(second);
    await desk.dispose();
  }
});
