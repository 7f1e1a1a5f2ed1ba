import AxeBuilder from '@axe-core/playwright';
import { Temporal } from 'temporal-polyfill';
import type { Page } from '@playwright/test';
import { distanceKm, travelEstimate } from '../../src-renderer/core/distance';
import type { ActivityRow, OccurrenceRow } from '../../src-renderer/core/rows';
import { formatDay } from '../../src-renderer/core/timing';
import { writeFeedRows } from '../support/feed-rows';
import { expect, openExplore, scrollListTo, test } from './fixtures';

// An item of the city's agenda as a UiTdatabank feed brings it in: an off-site place, where it was
// read, and three sessions around FIXED_NOW (Wednesday 2 December 2026, 15:30 in Genk) — tonight's
// cancelled, tomorrow's full, Saturday's as planned.
const SITE_CENTRE = { lat: 50.965, lon: 5.5 };
const PLACE = { name: 'Mijnsite Winterslag', address: 'Stalenstraat 32, 3600 Genk', geo: { lat: 50.985, lon: 5.465 } };
const TITLE = { nl: 'Mijnwerkerswandeling door Winterslag', en: 'Miners’ walk through Winterslag', fr: 'Promenade des mineurs à Winterslag' };

const ZONE = 'Europe/Brussels';
const brussels = (local: string) => Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE).epochMilliseconds;

const item: ActivityRow = {
  id: 'uit-genk-5f3a',
  title: TITLE,
  summary: { nl: 'Een gids vertelt over het leven in de mijnwerkerswijk.', en: 'A guide tells of life in the miners’ quarter.' },
  description: {},
  level: 'see-do',
  themes: ['thinking'],
  organiser: 'c-mine',
  place: PLACE,
  schedule: [],
  ages: { min: 8, max: 14 },
  price: { kind: 'paid', amount: 6 },
  languages: ['nl'],
  registration: 'required',
  badges: [],
  nextSteps: [],
  origin: {
    feed: 'uit-genk',
    kind: 'uitdatabank',
    name: 'UiT in Genk',
    url: 'https://www.uitinvlaanderen.be/agenda/e/mijnwerkerswandeling/5f3a',
    organizer: 'Gidsenkring Genk',
    bookingUrl: 'https://tickets.example.org/5f3a',
    sourceId: 'https://io.uitdatabank.be/events/5f3a',
  },
  source: 'feed',
};
const session = (start: string, end: string, extra: Partial<OccurrenceRow> = {}): OccurrenceRow => ({
  id: `${item.id}@${brussels(start)}`,
  activityId: item.id,
  start: brussels(start),
  end: brussels(end),
  source: 'feed',
  ...extra,
});
const sessions = [
  session('2026-12-02T17:00', '2026-12-02T18:30', { status: 'cancelled' }),
  session('2026-12-03T14:00', '2026-12-03T16:00', { full: true }),
  session('2026-12-05T10:00', '2026-12-05T12:00'),
];

const activities = (page: Page) => page.getByRole('list', { name: /Activiteiten|Activities/ });

test('a feed item shows in the list in each language, its sheet says where it comes from, how far and how to get there, and marks the cancelled date; it has its marker on the city map', async ({ page, site }) => {
  // Two languages, a long list to scroll, QR codes and a map: more steps than most tests.
  test.slow();
  const { url } = await site(undefined, { beforeHub: (dataDir) => writeFeedRows(dataDir, [item], sessions) });
  await openExplore(page, url);

  // Tonight's session is cancelled, so "today" does not list the walk; this week it does, with its
  // next session (tomorrow, full) and a word about tonight's.
  await page.getByRole('button', { name: 'Deze week', exact: true }).tap();
  const row = activities(page).getByRole('listitem').filter({ hasText: TITLE.nl });
  await scrollListTo(page, activities(page), row);
  await expect(row).toContainText('Volzet');
  await expect(row).toContainText('Afgelast: Vandaag · 17:00');
  await expect(row).toContainText(`Buiten de site: ${PLACE.name} · ${distanceKm(SITE_CENTRE, PLACE.geo).toLocaleString('nl')} km hiervandaan`);

  await page.getByRole('group', { name: 'Taal' }).getByRole('button', { name: 'English' }).tap();
  const englishRow = activities(page).getByRole('listitem').filter({ hasText: TITLE.en });
  await scrollListTo(page, activities(page), englishRow);
  // Brussels time, in English's 12-hour clock (in UTC it would say 04:00 PM).
  await expect(englishRow).toContainText('Cancelled: Today · 05:00 PM');
  await expect(englishRow).toContainText(`${formatDay(sessions[1]!.start, ZONE, 'en')} · 02:00 PM · Full`);
  await englishRow.getByRole('button').tap();

  const sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('heading', { name: TITLE.en })).toBeVisible();
  await expect(sheet).toContainText('From UiT in Genk · organised by Gidsenkring Genk');
  const travel = travelEstimate(SITE_CENTRE, PLACE.geo);
  await expect(sheet).toContainText(`${travel.km.toLocaleString('en')} km from here (as the crow flies)`);
  await expect(sheet).toContainText(`On foot: about ${travel.walkMinutes} min`);
  await expect(sheet).toContainText(`By bike: about ${travel.cycleMinutes} min`);
  // The dates as the source gave them, in Brussels time, tonight's marked in words.
  const dates = sheet.getByRole('listitem').filter({ hasText: /December \d/ });
  await expect(dates).toHaveCount(3);
  await expect(dates.nth(0)).toContainText(formatDay(sessions[0]!.start, ZONE, 'en'));
  await expect(dates.nth(0)).toContainText('05:00 PM–06:30 PM');
  await expect(dates.nth(0)).toContainText('Cancelled');
  await expect(dates.nth(1)).toContainText(formatDay(sessions[1]!.start, ZONE, 'en'));
  await expect(dates.nth(1)).toContainText('Full');
  await expect(dates.nth(2)).not.toContainText(/Cancelled|Full|Postponed/);
  await expect(sheet).toContainText('8 to 14 years');
  await expect(sheet).toContainText('€6');
  // Nothing opens a browser on the kiosk: the item's page, its booking and the way there are QR codes.
  for (const label of ['More information', 'Book a place', 'Directions']) {
    await expect(sheet.getByRole('img', { name: `QR code: ${label}` })).toBeVisible();
  }
  await expect(sheet.getByRole('link')).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  await sheet.getByRole('button', { name: 'Close' }).tap();

  await page.getByRole('button', { name: /In the city/ }).tap();
  const city = page.getByRole('region', { name: 'City map with the places off site' });
  const marker = city.getByRole('button', { name: new RegExp(`^${TITLE.en} — `) });
  await expect(marker).toBeVisible();
  await marker.tap();
  await expect(page.getByRole('dialog').getByRole('heading', { name: TITLE.en })).toBeVisible();
});
