import AxeBuilder from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FeedStatus } from '../../src-renderer/core/hub/contract';
import type { FeedConfig } from '../../src-renderer/core/model';
import { startFeedServer } from '../support/feed-server';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { openDesk, signIn } from './desk-page';
import { expect, FIXED_NOW, test } from './fixtures';

// The desk's Feeds page (issue 13): a coordinator sees every feed's state in words, reads one now,
// and adds, edits and removes feeds of the site's own. The first test fakes the hub's feed routes in
// the page, to show every state and refusal on demand; the second runs against the hub itself, with
// an iCal feed served from loopback.
const COORDINATOR = E2E_ACCOUNTS.coordinator;
const SAMPLES_DIR = resolve(import.meta.dirname, '../../../shared/ics-samples');
/** One weekly series (Monday to Friday, since 2016, no end): sessions in any window the hub keeps. */
const SAMPLE = 'icalendar--x_location.ics';

const config = (overrides: Partial<FeedConfig>): FeedConfig => ({
  id: 'feed',
  kind: 'ical',
  name: 'Feed',
  url: 'https://calendar.example.org/cal.ics',
  apiKeyEnv: 'UITDATABANK_API_KEY',
  refreshMinutes: 60,
  organisation: 'fablab-genk',
  level: 'see-do',
  themes: [],
  terms: {},
  days: 90,
  ...overrides,
});

const feedStatus = (overrides: Partial<FeedStatus> & { feed: FeedConfig }): FeedStatus => ({
  source: 'staff',
  state: 'never',
  failures: 0,
  items: 0,
  activities: 0,
  occurrences: 0,
  duplicates: 0,
  problems: [],
  ...overrides,
});

const json = (route: Route, status: number, body: unknown): Promise<void> => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

async function openFeeds(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Feeds' }).click();
  await expect(page.getByRole('heading', { name: 'Feeds', level: 2 })).toBeVisible();
}

test('the Feeds page says each state in words, shows what a read left out, reads a feed now and puts a refusal on its field', async ({ browser, site }) => {
  // A hub, a desk sign-in and many steps: more than the default 30 s on a busy machine.
  test.slow();
  const { url } = await site();
  const now = FIXED_NOW.getTime();
  const uit = feedStatus({ feed: config({ id: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', url: 'https://search.uitdatabank.be', query: 'regions:nis-71016-Z', apiKeyEnv: 'UIT_KEY_GENK', organisation: 'c-mine' }), source: 'config', state: 'disabled' });
  const problems = ['Lezing A', 'Lezing B', 'Lezing C', 'Lezing D', 'Lezing E'].map((title) => ({ title, message: 'has no start date' }));
  const openActive = feedStatus({
    feed: config({ id: 'sport', kind: 'openactive', name: 'Sportdienst', url: 'https://sport.example.org/rpde/sessions' }),
    state: 'failing',
    lastSuccessAt: now - 3 * 3_600_000,
    lastAttemptAt: now - 5 * 60_000,
    nextAttemptAt: now + 25 * 60_000,
    failures: 2,
    error: 'The feed answered 500 Internal Server Error.',
    items: 40,
    activities: 12,
    occurrences: 80,
    duplicates: 3,
    problems,
  });
  const partner = feedStatus({ feed: config({ id: 'partner', name: 'Partnerkalender', url: 'https://partner.example.org/agenda.ics' }) });
  let feeds = [openActive, partner, uit];
  const saved: unknown[] = [];
  let answerRead: ((status: FeedStatus) => void) | undefined;

  const { page, close } = await openDesk(browser, url);
  await page.route(/\/api\/feeds(\/.*)?$/, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.method() === 'GET') return json(route, 200, { feeds });
    if (path === '/api/feeds/partner/refresh') {
      const status = await new Promise<FeedStatus>((resolve) => (answerRead = resolve));
      feeds = feeds.map((other) => (other.feed.id === status.feed.id ? status : other));
      return json(route, 200, { status });
    }
    if (path === '/api/feeds/sport/refresh') return json(route, 500, { error: 'internal', message: 'The hub could not store the feed.' });
    if (path === '/api/feeds') {
      saved.push(request.postDataJSON());
      return json(route, 400, { error: 'bad-request', message: 'The feed was refused.', issues: [{ path: 'draft.url', message: 'the hub cannot reach partner.invalid' }] });
    }
    return json(route, 404, { error: 'not-found', message: `No route ${path}` });
  });
  await signIn(page, COORDINATOR);
  await openFeeds(page);

  // Config feeds come first, read-only; the state is said in words, never by colour alone.
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(3);
  await expect(cards.first()).toHaveAccessibleName('UiT in Genk');
  const uitCard = page.getByRole('article', { name: 'UiT in Genk' });
  await expect(uitCard.getByText('Uitgeschakeld: API-sleutel ontbreekt')).toBeVisible();
  await expect(uitCard.getByText('UIT_KEY_GENK')).toBeVisible();
  await expect(uitCard.getByText('Staat in site.json')).toBeVisible();
  await expect(uitCard.getByRole('button', { name: 'Bewerken' })).toHaveCount(0);
  await expect(uitCard).toContainText('search.uitdatabank.be');
  await expect(uitCard).toContainText('regions:nis-71016-Z');
  await expect(uitCard).toContainText('C-mine');

  const sport = page.getByRole('article', { name: 'Sportdienst' });
  await expect(sport.getByText('Faalt — vorige goede kopie wordt getoond')).toBeVisible();
  await expect(sport.getByText('Fout bij de laatste poging: The feed answered 500 Internal Server Error.')).toBeVisible();
  await expect(sport).toContainText('OpenActive');
  await expect(sport).toContainText('sport.example.org');
  await expect(sport).toContainText(/Laatst gelukt\s*3 uur geleden \(woensdag 2 december 12:30\)/);
  await expect(sport).toContainText(/Volgende poging\s*over 2\d minuten/);
  await expect(sport).toContainText(/Dubbels \(één keer getoond\)\s*3/);
  // The first three left-out items show with their reasons; the rest wait behind "more".
  const left = sport.getByRole('region', { name: 'Weggelaten items van Sportdienst' });
  await expect(left.getByRole('heading', { name: 'Weggelaten items (5)' })).toBeVisible();
  await expect(left.getByText('Lezing A: has no start date')).toBeVisible();
  await expect(left.getByText('Lezing D: has no start date')).toBeHidden();
  await left.getByText('Nog 2 weggelaten items tonen').click();
  await expect(left.getByText('Lezing E: has no start date')).toBeVisible();
  // A read that fails says so in words, on that feed.
  await sport.getByRole('button', { name: 'Nu lezen' }).click();
  await expect(sport.getByRole('alert')).toHaveText('Dat lukte niet: The hub could not store the feed.');

  // "Read now" is busy until the hub answers; the new status replaces the old one.
  const partnerCard = page.getByRole('article', { name: 'Partnerkalender' });
  await expect(partnerCard.getByText('Nog niet gelezen')).toBeVisible();
  await partnerCard.getByRole('button', { name: 'Nu lezen' }).click();
  await expect(partnerCard.getByRole('button', { name: 'Nu lezen' })).toBeDisabled();
  await expect(partnerCard.getByRole('status')).toHaveText('Bezig met lezen…');
  await expect.poll(() => answerRead !== undefined).toBe(true);
  answerRead!({ ...partner, state: 'ok', lastSuccessAt: now, lastAttemptAt: now, items: 7, activities: 5, occurrences: 21 });
  await expect(partnerCard.getByText('OK', { exact: true })).toBeVisible();
  await expect(partnerCard).toContainText(/Items\s*7(?!\d)/);
  await expect(partnerCard.getByRole('button', { name: 'Nu lezen' })).toBeEnabled();

  // The form checks with the hub's schema first, and each problem sits on its field.
  await page.getByRole('button', { name: 'Feed toevoegen' }).click();
  const form = page.getByRole('form', { name: 'Feed toevoegen' });
  await form.getByRole('button', { name: 'Feed bewaren' }).click();
  await expect(form.getByRole('textbox', { name: 'Naam (zoals bezoekers hem zien)' })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('textbox', { name: 'Naam (zoals bezoekers hem zien)' })).toHaveAccessibleDescription('Geef een naam van 1 tot 80 tekens.');
  await expect(form.getByRole('combobox', { name: 'Organisatie (partner)' })).toHaveAccessibleDescription('Kies de partnerorganisatie van de feed.');
  await expect(form.getByRole('alert')).toHaveText('Controleer de velden met een opmerking.');
  expect(saved).toEqual([]);
  await form.getByRole('textbox', { name: 'Naam (zoals bezoekers hem zien)' }).fill('Buurtkalender');
  await form.getByRole('textbox', { name: 'Adres (URL)' }).fill('https://partner.invalid/agenda.ics');
  await form.getByRole('combobox', { name: 'Organisatie (partner)' }).selectOption({ label: 'FabLab Genk' });
  await form.getByRole('spinbutton', { name: 'Om de hoeveel minuten lezen' }).fill('30');
  await form.getByRole('combobox', { name: 'Taal van de feed' }).selectOption({ label: 'English' });
  await form.getByRole('button', { name: 'Feed bewaren' }).click();
  // The hub's refusal lands on the address field, in its own words after ours.
  const address = form.getByRole('textbox', { name: 'Adres (URL)' });
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('De hub zegt: the hub cannot reach partner.invalid')).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Naam (zoals bezoekers hem zien)' })).not.toHaveAttribute('aria-invalid', 'true');
  // The page with every state, an open list of left-out items and a refused form passes an axe WCAG 2 AA scan.
  const scan = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(scan.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(saved).toEqual([
    expect.objectContaining({
      by: { staff: COORDINATOR.displayName },
      draft: { kind: 'ical', name: 'Buurtkalender', url: 'https://partner.invalid/agenda.ics', refreshMinutes: 30, organisation: 'fablab-genk', level: 'see-do', themes: [], contentLocale: 'en' },
    }),
  ]);
  await close();
});

test('a coordinator sees a config feed, adds an iCal feed, reads it now and sees it OK with its items, then edits and removes it', async ({ browser, site }) => {
  test.skip(!existsSync(join(SAMPLES_DIR, SAMPLE)), `no sample calendar at ${join(SAMPLES_DIR, SAMPLE)} (the shared ics-samples sit beside the repository)`);
  // A hub, a desk sign-in and a feed read: more than the default 30 s on a busy machine.
  test.slow();
  const calendar = await startFeedServer();
  calendar.route('/agenda.ics', { body: await readFile(join(SAMPLES_DIR, SAMPLE)), contentType: 'text/calendar; charset=utf-8' });
  const calendarUrl = calendar.url('/agenda.ics');
  try {
    const { url } = await site(async (dir) => {
      // A UiTdatabank feed whose key variable the hub does not have: shown, and disabled, without a fetch.
      const file = join(dir, 'site.json');
      const siteJson = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      siteJson['feeds'] = [{ id: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', url: 'https://search.uitdatabank.be', postalCode: '3600', apiKeyEnv: 'WEGWIJZER_E2E_NO_SUCH_KEY', organisation: 'c-mine' }];
      await writeFile(file, JSON.stringify(siteJson, null, 2));
    });
    const { page, close } = await openDesk(browser, url);
    await signIn(page, COORDINATOR);
    await openFeeds(page);

    const uit = page.getByRole('article', { name: 'UiT in Genk' });
    await expect(uit.getByText('Uitgeschakeld: API-sleutel ontbreekt')).toBeVisible();
    await expect(uit.getByText('Staat in site.json')).toBeVisible();
    await expect(uit.getByRole('button', { name: 'Verwijderen' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Feed toevoegen' }).click();
    const form = page.getByRole('form', { name: 'Feed toevoegen' });
    await form.getByRole('textbox', { name: 'Naam (zoals bezoekers hem zien)' }).fill('Partnerkalender');
    await form.getByRole('textbox', { name: 'Adres (URL)' }).fill(calendarUrl);
    await form.getByRole('combobox', { name: 'Organisatie (partner)' }).selectOption({ label: 'FabLab Genk' });
    await form.getByRole('combobox', { name: 'Niveau van items zonder eigen indeling' }).selectOption({ index: 1 });
    await form.getByRole('group', { name: 'Thema\'s van items zonder eigen indeling' }).getByRole('checkbox').first().check();
    await form.getByRole('combobox', { name: 'Taal van de feed' }).selectOption({ label: 'English' });
    await form.getByRole('button', { name: 'Feed bewaren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Feed "Partnerkalender" is bewaard.' })).toBeVisible();
    await expect(form).toHaveCount(0);

    const partner = page.getByRole('article', { name: 'Partnerkalender' });
    await expect(partner).toContainText('127.0.0.1');
    await expect(partner).toContainText('FabLab Genk');
    await partner.getByRole('button', { name: 'Nu lezen' }).click();
    await expect(partner.getByText('OK', { exact: true })).toBeVisible({ timeout: 30_000 });
    // One series in the calendar: one item, one activity, its weekday sessions in the window the hub keeps.
    await expect(partner).toContainText(/Items\s*1(?!\d)/);
    await expect(partner).toContainText(/Activiteiten\s*1(?!\d)/);
    await expect(partner).not.toContainText(/Sessies\s*0(?!\d)/);
    await expect(partner).not.toContainText(/Laatst gelukt\s*nog nooit/);
    expect(calendar.count('/agenda.ics')).toBeGreaterThan(0);

    // Edit: the form comes back with what was saved.
    await partner.getByRole('button', { name: 'Bewerken' }).click();
    const editForm = page.getByRole('form', { name: 'Feed bewerken' });
    await expect(editForm.getByRole('textbox', { name: 'Adres (URL)' })).toHaveValue(calendarUrl);
    await expect(editForm.getByRole('combobox', { name: 'Taal van de feed' })).toHaveValue('en');
    await editForm.getByRole('textbox', { name: 'Naam (zoals bezoekers hem zien)' }).fill('Partneragenda');
    await editForm.getByRole('button', { name: 'Feed bewaren' }).click();
    const renamed = page.getByRole('article', { name: 'Partneragenda' });
    await expect(renamed).toBeVisible();
    await expect(page.getByRole('article', { name: 'Partnerkalender' })).toHaveCount(0);

    // Remove asks first; cancelling keeps the feed, confirming removes it (and the list agrees after a reload).
    page.once('dialog', (dialog) => void dialog.dismiss());
    await renamed.getByRole('button', { name: 'Verwijderen' }).click();
    await expect(renamed).toBeVisible();
    page.once('dialog', (dialog) => void dialog.accept());
    await renamed.getByRole('button', { name: 'Verwijderen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Feed "Partneragenda" is verwijderd.' })).toBeVisible();
    await expect(renamed).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('article', { name: 'UiT in Genk' })).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(1);
    await close();
  } finally {
    await calendar.close();
  }
});
