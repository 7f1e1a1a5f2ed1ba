import AxeBuilder from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BadgeClaimStatus, IssuedBadge, IssuerKeyStatus, SiteConfigResponse } from '../../src-renderer/core/hub/contract';
import type { Mentor } from '../../src-renderer/core/model';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { openDesk, signIn } from './desk-page';
import { expect, FIXED_NOW, test } from './fixtures';

// The desk's side of badges and learning (issue 12): a coordinator awards a badge for a session from
// the timeline (a claim QR with the claim URL, time left and claims counted live), revokes an issued
// badge, and defines a mentor — once accepted, once refused with the hub's problem on its field.
// The hub's badge and learning routes are faked in the page (the real ones are another module's);
// the rest — sign-in, the timeline, the site's config — is the real hub.
const COORDINATOR = E2E_ACCOUNTS.coordinator;
const NOW = FIXED_NOW.getTime();
/** The bike workshop of Wednesday 2 December, 15:00 in Brussels. */
const SESSION_START = Date.parse('2026-12-02T14:00:00Z');
const CLAIM_URL = 'https://wegwijzer.example.org/regina-mundi/#claim=Q1a2B3c4D5e6F7g8H9i0';

/** An axe WCAG 2 AA scan of the desk's page (or an open dialog), as the other desk tests run it. */
async function axeViolations(page: Page, include = 'main'): Promise<string[]> {
  const scan = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return scan.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const json = (route: Route, status: number, body: unknown): Promise<void> => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

test('a coordinator awards a badge with a claim QR, revokes an issued badge, adds a mentor and sees a refused one explained', async ({ browser, site }) => {
  test.slow();
  const { url } = await site();
  const { page, close } = await openDesk(browser, url);

  const opened: unknown[] = [];
  const closed: string[] = [];
  const revoked: { id: string; body: unknown }[] = [];
  const savedItems: unknown[] = [];
  let claims: BadgeClaimStatus[] = [];
  const issued: IssuedBadge[] = [
    {
      id: 'urn:uuid:5b0c9f1e-1111-4c2b-9a4e-000000000001',
      claimId: 'old-claim',
      achievementId: 'repair-basics',
      activityId: 'repair-cafe',
      sessionStart: Date.parse('2026-11-14T12:00:00Z'),
      issuedAt: Date.parse('2026-11-14T15:10:00Z'),
      keyDid: 'did:key:z6MkOld',
      statusList: 0,
      statusIndex: 7,
    },
  ];
  const keys: IssuerKeyStatus[] = [{ did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', state: 'current', createdAt: NOW - 86_400_000, issued: 1 }];
  const addedMentors: Mentor[] = [];

  await page.route(/\/api\/badges\//, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (path === '/api/badges/claims' && request.method() === 'GET') return json(route, 200, { claims });
    if (path === '/api/badges/claims' && request.method() === 'POST') {
      const body = request.postDataJSON() as { achievementId: string; activityId: string; sessionStart: number; by: { staff: string } };
      opened.push(body);
      const claim: BadgeClaimStatus = {
        id: 'claim-1',
        token: 'Q1a2B3c4D5e6F7g8H9i0',
        url: CLAIM_URL,
        achievementId: body.achievementId,
        activityId: body.activityId,
        sessionStart: body.sessionStart,
        openedBy: body.by.staff,
        openedAt: NOW,
        expiresAt: NOW + 30 * 60_000,
        maxClaims: 30,
        claims: 0,
        state: 'open',
      };
      claims = [claim];
      return json(route, 200, { claim });
    }
    if (path === '/api/badges/claims/claim-1/close') {
      closed.push('claim-1');
      claims = claims.map((claim) => ({ ...claim, state: 'closed' }));
      return json(route, 200, { ok: true });
    }
    if (path === '/api/badges/issued') return json(route, 200, { badges: issued });
    const revoke = /^\/api\/badges\/issued\/(.+)\/revoke$/.exec(path);
    if (revoke) {
      const id = decodeURIComponent(revoke[1]!);
      revoked.push({ id, body: request.postDataJSON() });
      const badge = issued.find((other) => other.id === id)!;
      badge.revokedAt = NOW + 60_000;
      badge.revokedBy = COORDINATOR.displayName;
      return json(route, 200, { ok: true });
    }
    if (path === '/api/badges/keys') return json(route, 200, { keys });
    return json(route, 404, { error: 'not-found', message: `No route ${path}` });
  });
  await page.route(/\/api\/learning$/, async (route) => {
    const body = route.request().postDataJSON() as { kind: string; item: Mentor };
    savedItems.push(body);
    if (body.item.organisation === 'academie-genk') {
      // The hub's whole-config check refuses it: one problem of this mentor, one of the file.
      return json(route, 200, {
        ok: false,
        errors: [
          { file: 'site.json', path: 'mentors[4].organisation', message: 'a mentor of this organisation needs a coordinator\'s approval first' },
          { file: 'site.json', path: 'playlists[0].mentor', message: 'mentor `sofie` is the only one allowed for this playlist' },
        ],
      });
    }
    addedMentors.push(body.item);
    return json(route, 200, { ok: true, errors: [] });
  });
  // The config the hub serves, with the mentors the fake accepted.
  await page.route(/\/site\/config\.json/, async (route) => {
    const response = await route.fetch();
    const answer = (await response.json()) as SiteConfigResponse;
    answer.config.mentors = [...answer.config.mentors, ...addedMentors];
    return route.fulfill({ response, json: answer });
  });

  await signIn(page, COORDINATOR);

  // Award badges: from the session in the week view, the activity's own badge, then the claim QR.
  await page.getByRole('button', { name: /Fietsatelier/ }).first().click();
  const details = page.getByRole('dialog');
  await details.getByRole('button', { name: 'Badges uitreiken' }).click();
  await expect(details.getByRole('heading', { name: 'Badges van deze activiteit' })).toBeVisible();
  await details.getByRole('button', { name: /Hersteller/ }).click();
  const qr = details.getByRole('img', { name: 'QR-code om de badge Hersteller op te halen' });
  await expect(qr).toBeVisible();
  expect(opened).toEqual([{ idempotencyKey: expect.any(String), achievementId: 'repair-basics', activityId: 'bike-repair', sessionStart: SESSION_START, by: { staff: COORDINATOR.displayName } }]);
  await expect(details.getByText(/^Nog (30:00|29:\d\d) geldig$/)).toBeVisible();
  await expect(details.getByText('0 van 30 opgehaald')).toBeVisible();

  // The QR, read from a screenshot, holds the claim URL and nothing else.
  const png = PNG.sync.read(await qr.screenshot());
  expect(jsQR(Uint8ClampedArray.from(png.data), png.width, png.height)?.data).toBe(CLAIM_URL);

  // Claims come in while the QR is shown: the count follows the hub.
  claims = claims.map((claim) => ({ ...claim, claims: 2 }));
  await expect(details.getByText('2 van 30 opgehaald')).toBeVisible();
  expect(await axeViolations(page, 'dialog')).toEqual([]);
  await details.getByRole('button', { name: 'Sluiten' }).click();
  await expect(qr).toBeHidden();
  expect(closed).toEqual(['claim-1']);
  await details.getByRole('button', { name: 'Terug' }).click();
  await details.getByRole('button', { name: 'Sluiten' }).click();

  // Issued badges: revoke one, asked once, with a reason.
  await page.getByRole('navigation').getByRole('link', { name: 'Badges' }).click();
  await expect(page.getByRole('heading', { name: 'Badges', level: 2 })).toBeVisible();
  await expect(page.getByText('In gebruik: ondertekent nieuwe badges')).toBeVisible();
  const row = page.getByRole('row', { name: /Hersteller.*Repair Café/ });
  await expect(row).toContainText('Geldig');
  await row.getByRole('button', { name: /^Intrekken: Hersteller/ }).click();
  await row.getByLabel('Reden (niet verplicht)').fill('By mistake');
  await row.getByRole('button', { name: 'Ja, intrekken' }).click();
  await expect(page.getByRole('status')).toHaveText('Badge Hersteller is ingetrokken.');
  await expect(row).toContainText('Ingetrokken op');
  expect(await axeViolations(page)).toEqual([]);
  expect(revoked).toEqual([{ id: issued[0]!.id, body: { idempotencyKey: expect.any(String), reason: 'By mistake', by: { staff: COORDINATOR.displayName } } }]);

  // Learning: add a mentor; it is listed after the hub accepted it.
  await page.getByRole('navigation').getByRole('link', { name: 'Leren' }).click();
  const mentors = page.getByRole('region', { name: 'Mentors' });
  await expect(mentors.getByText('Sofie', { exact: true })).toBeVisible();
  await mentors.getByRole('button', { name: 'Mentor toevoegen' }).click();
  let form = page.getByRole('form', { name: 'Mentor toevoegen' });
  await form.getByLabel('Id (kleine letters, cijfers en -)').fill('jana');
  await form.getByLabel('Voornaam (nooit een volledige naam)').fill('Jana');
  await form.getByLabel('Organisatie').selectOption({ label: 'Repair Café Genk' });
  await form.getByLabel('Helpt met — Nederlands').fill('Kapotte toestellen openmaken');
  await form.getByLabel('Waar en wanneer te vinden — Nederlands').fill('Elke tweede zaterdag in het Repair Café');
  await form.getByLabel('Talen (codes, bv. nl, en)').fill('nl, en');
  await form.getByRole('button', { name: 'Bewaren' }).click();
  await expect(page.getByRole('status')).toHaveText('Jana is bewaard.');
  await expect(mentors.getByText('Jana', { exact: true })).toBeVisible();
  expect(savedItems[0]).toEqual({
    idempotencyKey: expect.any(String),
    kind: 'mentor',
    item: { id: 'jana', firstName: 'Jana', organisation: 'repair-cafe-genk', helpsWith: { nl: 'Kapotte toestellen openmaken' }, languages: ['nl', 'en'], findThem: { nl: 'Elke tweede zaterdag in het Repair Café' } },
    by: { staff: COORDINATOR.displayName },
  });

  // A refused save: the problem sits on its field, the other in the list; nothing typed is lost.
  await mentors.getByRole('button', { name: 'Mentor toevoegen' }).click();
  form = page.getByRole('form', { name: 'Mentor toevoegen' });
  await form.getByLabel('Id (kleine letters, cijfers en -)').fill('bram');
  await form.getByLabel('Voornaam (nooit een volledige naam)').fill('Bram');
  await form.getByLabel('Organisatie').selectOption({ label: 'Academie Genk' });
  await form.getByLabel('Helpt met — Nederlands').fill('Noten lezen');
  await form.getByLabel('Waar en wanneer te vinden — Nederlands').fill('Vrijdag in lokaal 2');
  await form.getByRole('button', { name: 'Bewaren' }).click();
  const organisation = form.getByLabel('Organisatie');
  await expect(organisation).toHaveAttribute('aria-invalid', 'true');
  await expect(organisation).toHaveAccessibleDescription('a mentor of this organisation needs a coordinator\'s approval first');
  await expect(form.getByRole('alert')).toContainText('De hub bewaarde niets. Los eerst dit op:');
  await expect(form.getByRole('alert')).toContainText('playlists[0].mentor: mentor `sofie` is the only one allowed for this playlist');
  await expect(form.getByLabel('Voornaam (nooit een volledige naam)')).toHaveValue('Bram');
  await expect(form.getByLabel('Helpt met — Nederlands')).toHaveValue('Noten lezen');
  await expect(mentors.getByText('Bram', { exact: true })).toHaveCount(0);
  expect(savedItems).toHaveLength(2);
  expect(await axeViolations(page)).toEqual([]);
  await close();
});

test('an organisation account is offered Award badges only for its own organisation\'s sessions, and no issuer keys or Learning page', async ({ browser, site }) => {
  test.slow();
  const { url } = await site();
  const { page, close } = await openDesk(browser, url);
  const asked: string[] = [];
  await page.route(/\/api\/badges\//, async (route) => {
    const path = new URL(route.request().url()).pathname;
    asked.push(path);
    if (path === '/api/badges/claims') return json(route, 200, { claims: [] });
    if (path === '/api/badges/issued') return json(route, 200, { badges: [] });
    return json(route, 403, { error: 'forbidden', message: 'Not for this account.' });
  });
  await signIn(page, E2E_ACCOUNTS.organisation);

  // The cooking workshop is another organisation's: its details offer no badges.
  await page.getByRole('button', { name: /Kookatelier voor kinderen/ }).first().click();
  const details = page.getByRole('dialog');
  await expect(details.getByRole('heading', { name: 'Kookatelier voor kinderen' })).toBeVisible();
  await expect(details.getByRole('button', { name: 'Badges uitreiken' })).toHaveCount(0);
  await details.getByRole('button', { name: 'Sluiten' }).click();
  // The bike workshop is the repair café's own.
  await page.getByRole('button', { name: /Fietsatelier/ }).first().click();
  await details.getByRole('button', { name: 'Badges uitreiken' }).click();
  await expect(details.getByRole('button', { name: /Hersteller/ })).toBeVisible();
  await details.getByRole('button', { name: 'Terug' }).click();
  await details.getByRole('button', { name: 'Sluiten' }).click();

  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Leren' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Badges' }).click();
  await expect(page.getByText('Nog geen badges uitgereikt.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Uitgeverssleutels' })).toHaveCount(0);
  expect(asked).not.toContain('/api/badges/keys');
  await close();
});

test('a coordinator reorders, changes and adds playlist steps, and the hub gets the playlist in that order with its notes kept', async ({ browser, site }) => {
  test.slow();
  const { url } = await site();
  const { page, close } = await openDesk(browser, url);
  const saved: unknown[] = [];
  await page.route(/\/api\/learning$/, async (route) => {
    saved.push(route.request().postDataJSON());
    return json(route, 200, { ok: true, errors: [] });
  });
  await signIn(page, COORDINATOR);
  await page.getByRole('navigation').getByRole('link', { name: 'Leren' }).click();
  const playlists = page.getByRole('region', { name: 'Leerlijnen' });
  await playlists.getByRole('button', { name: 'Wijzigen: Van luisteren naar spelen' }).click();
  const form = page.getByRole('form', { name: 'Leerlijn wijzigen' });
  await expect(form.getByRole('group', { name: /^Stap \d$/ })).toHaveCount(4);

  // Step 2 becomes "any activity of a level and theme".
  const second = form.getByRole('group', { name: 'Stap 2' });
  await second.getByRole('radio', { name: 'Elke activiteit van een niveau en thema' }).check();
  await second.getByRole('combobox', { name: 'Niveau' }).selectOption({ label: 'Samen doen' });
  await second.getByRole('combobox', { name: 'Thema' }).selectOption({ label: '🎵 Ontspanning' });
  // Step 4 moves up; step 1 cannot; a fifth step is added.
  await expect(form.getByRole('button', { name: 'Stap 1 omhoog' })).toBeDisabled();
  await form.getByRole('button', { name: 'Stap 4 omhoog' }).click();
  await form.getByRole('button', { name: 'Stap toevoegen' }).click();
  await form.getByRole('group', { name: 'Stap 5' }).getByRole('combobox', { name: 'Activiteit' }).selectOption({ label: 'Open makerspace' });
  await form.getByRole('button', { name: 'Bewaren' }).click();
  await expect(page.getByRole('status')).toHaveText('Van luisteren naar spelen is bewaard.');

  const body = saved[0] as { kind: string; replaces: string; item: { steps: unknown[]; mentor: string; badge: string } };
  expect(body.kind).toBe('playlist');
  expect(body.replaces).toBe('listening-to-playing');
  expect(body.item.mentor).toBe('sofie');
  expect(body.item.badge).toBe('ensemble-beginner');
  expect(body.item.steps).toEqual([
    { activity: 'lunch-concert', note: expect.objectContaining({ nl: 'Luister en kijk welk instrument je raakt.' }) },
    { level: 'do-together', theme: 'relaxation' },
    { activity: 'practice-music' },
    { activity: 'academy-ensemble' },
    { activity: 'open-makerspace' },
  ]);
  await close();
});

test('a coordinator rotates the issuer key, choosing in plain words what happens to the old one, and withdraws a retired key after a warning', async ({ browser, site }) => {
  test.slow();
  const { url } = await site();
  const { page, close } = await openDesk(browser, url);
  const rotations: unknown[] = [];
  const withdrawals: string[] = [];
  let keys: IssuerKeyStatus[] = [{ did: 'did:key:z6MkFirst', state: 'current', createdAt: NOW - 30 * 86_400_000, issued: 12 }];
  await page.route(/\/api\/badges\//, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (path === '/api/badges/claims') return json(route, 200, { claims: [] });
    if (path === '/api/badges/issued') return json(route, 200, { badges: [] });
    if (path === '/api/badges/keys') return json(route, 200, { keys });
    if (path === '/api/badges/keys/rotate') {
      rotations.push(request.postDataJSON());
      keys = [{ ...keys[0]!, state: 'retired', retiredAt: NOW }, { did: 'did:key:z6MkSecond', state: 'current', createdAt: NOW, issued: 0 }];
      return json(route, 200, { keys });
    }
    const withdraw = /^\/api\/badges\/keys\/(.+)\/withdraw$/.exec(path);
    if (withdraw) {
      withdrawals.push(decodeURIComponent(withdraw[1]!));
      keys = keys.map((key) => (key.state === 'retired' ? { ...key, state: 'withdrawn', withdrawnAt: NOW } : key));
      return json(route, 200, { keys });
    }
    return json(route, 404, { error: 'not-found', message: path });
  });
  await signIn(page, COORDINATOR);
  await page.getByRole('navigation').getByRole('link', { name: 'Badges' }).click();
  const keysSection = page.getByRole('region', { name: 'Uitgeverssleutels' });
  await expect(keysSection.getByText('In gebruik: ondertekent nieuwe badges')).toBeVisible();
  await expect(keysSection.getByRole('button', { name: 'Intrekken' })).toHaveCount(0);

  await keysSection.getByRole('button', { name: 'Sleutel vervangen' }).click();
  const keep = keysSection.getByRole('radio', { name: /^Bewaren — een gewone vervanging/ });
  await expect(keep).toBeChecked();
  // Both choices are said in plain words; a routine rotation keeps the old key trusted for what it signed.
  const withdrawOld = keysSection.getByRole('radio', { name: /^Intrekken — de sleutel is verloren of in verkeerde handen\. Badges die hij ondertekende zijn dan nergens meer geldig/ });
  await withdrawOld.check();
  await keep.check();
  await keysSection.getByRole('button', { name: 'Nieuwe sleutel maken' }).click();
  await expect(page.getByRole('status')).toHaveText('Er is een nieuwe sleutel; nieuwe badges worden ermee ondertekend.');
  expect(rotations).toEqual([{ idempotencyKey: expect.any(String), previous: 'keep', by: { staff: COORDINATOR.displayName } }]);

  // The retired key can be withdrawn; the warning says its badges will no longer verify.
  await expect(keysSection.getByText('Vorige sleutel: badges die hij ondertekende blijven geldig')).toBeVisible();
  let warning = '';
  page.once('dialog', (dialog) => {
    warning = dialog.message();
    void dialog.accept();
  });
  await keysSection.getByRole('button', { name: 'Intrekken' }).click();
  await expect(keysSection.getByText('Ingetrokken: badges die hij ondertekende zijn niet meer geldig')).toBeVisible();
  expect(warning).toBe('Deze sleutel intrekken? De 12 badges die hij ondertekende zijn daarna nergens meer geldig. Dit kan niet ongedaan worden gemaakt.');
  expect(withdrawals).toEqual(['did:key:z6MkFirst']);
  await close();
});
