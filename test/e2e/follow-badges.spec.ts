// The phone's side of badges (issue 12), in Chromium on a phone: a host's claim QR opens the claim
// page; the phone makes its key, takes the badge and keeps it; My badges lists it; its page checks it
// (online, then offline with the kept issuer keys) and shows a presentation QR that decodes — from a
// screenshot — to a fresh presentation of that very credential; the public verify page says a changed
// credential is not valid; expired, used-up, closed and forged claim codes get a friendly page.
//
// Every test runs twice through `BadgeHub`: against a stand-in (badge-hub.ts) signing with
// core/badges, and against the real hub (real-badge-hub.ts: src-hub on PGlite, a host opening claims
// through the staff API).
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { decodePresentation, readCredential } from '../../src-renderer/core/badges';
import type { Catalogue } from '../../src-renderer/core/catalogue';
import type { Achievement } from '../../src-renderer/core/model';
import { startFakeBadgeHub, type BadgeHub } from './badge-hub';
import { startRealBadgeHub } from './real-badge-hub';
import { expect, PHONE, PHONE_NOW, test, type InPage } from './follow-fixtures';

// A phone with a sharp screen: the presentation QR is dense, and the screenshot is read as a camera would.
test.use({ ...PHONE, deviceScaleFactor: 3 });

const site = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../kiosk-config/regina-mundi/site.json'), 'utf8')) as { achievements: (Omit<Achievement, 'alignment'> & { alignment?: Achievement['alignment'] })[] };
const ACHIEVEMENTS: Achievement[] = site.achievements.map((achievement) => ({ ...achievement, alignment: achievement.alignment ?? [] }));
const JSQR = readFileSync(createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js'), 'utf8');

const hubs: BadgeHub[] = [];
test.afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
});

type HubKind = 'stand-in' | 'real';

/** The stand-in hub on the published sample, or the real hub (its clock at the phone's moment). */
async function startBadgeHub(kind: HubKind, published: { dir: string; catalogue: Catalogue }): Promise<BadgeHub> {
  const hub = kind === 'real' ? await startRealBadgeHub({ now: PHONE_NOW }) : await startFakeBadgeHub({ followDir: published.dir, catalogue: published.catalogue, achievements: ACHIEVEMENTS, now: PHONE_NOW });
  hubs.push(hub);
  return hub;
}

const nameOf = (id: string): string => ACHIEVEMENTS.find((achievement) => achievement.id === id)?.name.nl ?? id;

/** Reads a QR code from a PNG screenshot, in a blank page (jsQR runs there; only the text comes back). */
async function readQr(page: Page, png: Buffer): Promise<string | undefined> {
  const reader = await page.context().newPage();
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
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height);
      return (scope.jsQR(data.data, canvas.width, canvas.height)?.data as string | undefined) ?? undefined;
    }, png.toString('base64'));
  } finally {
    await reader.close();
  }
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A credential with one word of its content changed and the issuer's signature kept. */
function tampered(jws: string): string {
  const [header = '', payload = '', signature = ''] = jws.split('.');
  const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { credentialSubject: { achievement: { name: string } } };
  json.credentialSubject.achievement.name = `${json.credentialSubject.achievement.name} (expert)`;
  return `${header}.${Buffer.from(JSON.stringify(json)).toString('base64url')}.${signature}`;
}

for (const kind of ['stand-in', 'real'] as const satisfies readonly HubKind[]) {
  test.describe(`against the ${kind} hub`, () => {
    test('a phone claims a badge, keeps it, checks it online and offline, and shows it as a QR the kiosk can read', async ({ page, context, published }) => {
      // A long story (claim, list, checks, download, QR, verify, offline) with three axe scans: room on a busy machine.
      test.setTimeout(120_000);
      const hub = await startBadgeHub(kind, published);
        const claim = await hub.openClaim();
      const name = nameOf(claim.achievementId);

      // The claim page: the achievement, the session, one button.
      await page.goto(claim.url);
      const claimPage = page.locator('main[data-page="claim"]');
      await expect(claimPage.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(claimPage).toContainText('Waarvoor je hem krijgt');
      await expect(claimPage.getByRole('button', { name: 'Neem deze badge' })).toBeVisible();
      await expectNoAxeViolations(page);
      await claimPage.getByRole('button', { name: 'Neem deze badge' }).tap();
      const done = page.locator('main[data-page="claim-done"]');
      await expect(done.getByRole('heading', { name: 'De badge staat op je telefoon' })).toBeVisible();
      await expect(done).toContainText(name);

      // My badges lists it; its page shows the issuer and every check passing.
      await done.getByRole('link', { name: 'Mijn badges' }).tap();
      const list = page.locator('main[data-page="badges"]');
      await expect(list.getByRole('listitem')).toHaveCount(1);
      await expect(list.getByRole('listitem')).toContainText(`van ${hub.issuerName}`);
      await list.getByRole('link', { name: new RegExp(name) }).tap();
      const detail = page.locator('main[data-page="badge"]');
      await expect(detail.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(detail.locator('.verdict')).toHaveText('Deze badge is echt en geldig.');
      for (const check of ['format', 'signature', 'issuer', 'expiry', 'revocation']) await expect(detail.locator(`[data-check="${check}"]`)).toHaveAttribute('data-outcome', 'ok');
      await expect(detail.locator('[data-check="signature"]')).toHaveText(/Handtekening: klopt/);

      // The download: the decoded credential beside its JWS.
      const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Downloaden (JSON)' }).tap()]);
      expect(download.suggestedFilename()).toMatch(/^badge-[a-z0-9-]+\.json$/);
      const file = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as { credential: { id: string; credentialSubject: { id: string } }; jws: string };
      const { credential } = readCredential(file.jws);
      expect(file.credential).toEqual(credential);
      // Nothing about the person: the subject is the phone's did:key, and that is all it says.
      expect(Object.keys(credential.credentialSubject).sort()).toEqual(['achievement', 'id', 'type']);
      expect(credential.credentialSubject.id).toMatch(/^did:key:z6Mk/);

      // Shown at the kiosk: a big QR, read from a screenshot, is a fresh presentation of this credential by its holder.
      await detail.getByRole('button', { name: 'Tonen aan de wegwijzer' }).tap();
      await expect(page.getByText('Hou dit voor de scanner van de wegwijzer.')).toBeVisible();
      const qr = page.getByRole('img', { name: 'QR-code om je badge te tonen' });
      await expect(qr).toBeVisible();
      await expectNoAxeViolations(page);
      const box = await qr.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      const text = await readQr(page, await qr.screenshot());
      expect(text, 'the presentation QR decodes').toBeTruthy();
      const presented = await decodePresentation(text ?? '', PHONE_NOW);
      expect(presented.jws).toBe(file.jws);
      expect(presented.holderDid).toBe(credential.credentialSubject.id);

      // The public verify page: the downloaded file is valid, the same credential with one word changed is not.
      await page.goto(`${hub.followUrl}#verify`);
      const verify = page.locator('main[data-page="verify"]');
      await verify.getByLabel('Badge om na te kijken').fill(JSON.stringify(file));
      await verify.getByRole('button', { name: 'Nakijken' }).tap();
      await expect(verify.locator('.result')).toHaveAttribute('data-valid', 'true');
      await expect(verify.locator('.result')).toContainText(`Geldig: ${name}, uitgegeven door ${hub.issuerName}.`);
      await verify.getByLabel('Badge om na te kijken').fill(tampered(file.jws));
      await verify.getByRole('button', { name: 'Nakijken' }).tap();
      await expect(verify.locator('.result')).toHaveAttribute('data-valid', 'false');
      await expect(verify.locator('.verdict')).toHaveText('Deze badge is niet geldig.');
      await expect(verify.locator('[data-check="signature"]')).toHaveAttribute('data-outcome', 'failed');
      await expect(verify.locator('[data-check="signature"]')).toContainText('klopt niet: de badge is veranderd of vervalst');
      await expectNoAxeViolations(page);
      await verify.getByLabel('Badge om na te kijken').fill('hallo');
      await verify.getByRole('button', { name: 'Nakijken' }).tap();
      await expect(verify.getByRole('alert')).toContainText('Dit is geen badge.');

      // Offline: the badge's page still opens and checks it with the kept keys; revocation waits for a network.
      await page.goto(`${hub.followUrl}#badges`);
      await page.evaluate(async () => {
        await (globalThis as InPage).navigator.serviceWorker.ready;
      });
      await page.reload();
      await expect(page.locator('main[data-page="badges"]')).toBeVisible();
      await context.setOffline(true);
      await page.reload();
      await page.locator('main[data-page="badges"]').getByRole('link', { name: new RegExp(name) }).tap();
      const offline = page.locator('main[data-page="badge"]');
      for (const check of ['format', 'signature', 'issuer', 'expiry']) await expect(offline.locator(`[data-check="${check}"]`)).toHaveAttribute('data-outcome', 'ok');
      await expect(offline.locator('[data-check="revocation"]')).toHaveAttribute('data-outcome', 'offline');
      await expect(offline.locator('[data-check="revocation"]')).toContainText('niet nagekeken zonder internet');
      await context.setOffline(false);
    });

    test('an expired, used-up, closed or forged claim code gets a friendly page instead of a badge', async ({ page, published }) => {
      const hub = await startBadgeHub(kind, published);
        const cases = [
        { claim: await hub.openClaim({ state: 'expired' }), problem: 'expired', heading: 'Deze code is verlopen' },
        { claim: await hub.openClaim({ state: 'full' }), problem: 'full', heading: 'Deze code is al opgebruikt' },
        { claim: await hub.openClaim({ state: 'closed' }), problem: 'closed', heading: 'Deze code is gesloten' },
        // Forged: a code of the right shape that this hub never made.
        { claim: { url: `${hub.followUrl}#claim=${'Z'.repeat(32)}` }, problem: 'unknown', heading: 'Deze code kennen we niet' },
        // Damaged: not even a claim code.
        { claim: { url: `${hub.followUrl}#claim=<script>` }, problem: 'unknown', heading: 'Deze code kennen we niet' },
      ];
      for (const { claim, problem, heading } of cases) {
        await page.goto('about:blank');
        await page.goto(claim.url);
        const main = page.locator('main[data-page="claim-problem"]');
        await expect(main).toHaveAttribute('data-problem', problem);
        await expect(main.getByRole('heading', { level: 1 })).toHaveText(heading);
        await expect(page.getByRole('button', { name: 'Neem deze badge' })).toHaveCount(0);
      }
      // Nothing was kept on the phone.
      await page.goto(`${hub.followUrl}#badges`);
      await expect(page.locator('main[data-page="badges"]')).toContainText('Nog geen badges.');
    });

    test('the claim page in English; with the hub out of reach it says so plainly and offers a retry', async ({ page, context, published }) => {
      const hub = await startBadgeHub(kind, published);
        const claim = await hub.openClaim();
      await page.goto(hub.followUrl);
      await page.evaluate(async () => {
        const scope = globalThis as InPage;
        scope.localStorage.setItem('wegwijzer-follow-locale', 'en');
        await scope.navigator.serviceWorker.ready;
      });
      // A fresh load, as from the camera: the page reads the language kept on the phone.
      await page.goto(claim.url);
      await page.reload();
      await expect(page.getByRole('button', { name: 'Take this badge' })).toBeVisible();
      await context.setOffline(true);
      await page.reload();
      await expect(page.locator('main[data-page="claim-problem"]')).toHaveAttribute('data-problem', 'offline');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('No connection');
      await context.setOffline(false);
      await page.getByRole('button', { name: 'Try again' }).tap();
      await expect(page.getByRole('button', { name: 'Take this badge' })).toBeVisible();
      await context.setOffline(false);
    });
  });
}
