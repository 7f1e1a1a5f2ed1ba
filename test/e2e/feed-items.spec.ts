import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import type { Page } from '@playwright/test';
import { distanceKm, travelEstimate } from '../../src-renderer/core/distance';
import { formatDay } from '../../src-renderer/core/timing';
import { expect, openExplore, scrollListTo, test } from './fixtures';

// An item of the city's agenda as UiTdatabank publishes it, read by the hub from a saved export in the
// site folder (site.json `feeds[].file`), as it would be from the Search API: an off-site place, its
// organizer and pages, and three sessions around FIXED_NOW (Wednesday 2 December 2026, 15:30 in
// Genk) — tonight's cancelled, tomorrow's fully booked, Saturday's as planned.
const SITE_CENTRE = { lat: 50.965, lon: 5.5 };
const PLACE = { name: 'Mijnsite Winterslag', geo: { lat: 50.985, lon: 5.465 } };
const TITLE = { nl: 'Mijnwerkerswandeling door Winterslag', en: 'Miners’ walk through Winterslag', fr: 'Promenade des mineurs à Winterslag' };
const ZONE = 'Europe/Brussels';
const brussels = (local: string) => Temporal.PlainDateTime.from(local).toZonedDateTime(ZONE).epochMilliseconds;
const EVENT = 'https://io.uitdatabank.be/events/0f2b9c7e-5f3a-4c1e-9b2a-6f7e8d9c0a1b';

const uitEvent = {
  '@id': EVENT,
  '@type': 'Event',
  mainLanguage: 'nl',
  name: TITLE,
  description: { nl: 'Een gids vertelt over het leven in de mijnwerkerswijk.', en: 'A guide tells of life in the miners’ quarter.' },
  calendarType: 'multiple',
  startDate: '2026-12-02T17:00:00+01:00',
  endDate: '2026-12-05T12:00:00+01:00',
  subEvent: [
    { '@type': 'Event', startDate: '2026-12-02T17:00:00+01:00', endDate: '2026-12-02T18:30:00+01:00', status: { type: 'Unavailable' } },
    { '@type': 'Event', startDate: '2026-12-03T14:00:00+01:00', endDate: '2026-12-03T16:00:00+01:00', bookingAvailability: { type: 'Unavailable' } },
    { '@type': 'Event', startDate: '2026-12-05T10:00:00+01:00', endDate: '2026-12-05T12:00:00+01:00' },
  ],
  location: {
    '@id': 'https://io.uitdatabank.be/places/6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    '@type': 'Place',
    name: { nl: PLACE.name },
    address: { nl: { addressCountry: 'BE', addressLocality: 'Genk', postalCode: '3600', streetAddress: 'Stalenstraat 32' } },
    geo: { latitude: PLACE.geo.lat, longitude: PLACE.geo.lon },
  },
  organizer: { '@id': 'https://io.uitdatabank.be/organizers/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', '@type': 'Organizer', name: { nl: 'Gidsenkring Genk' } },
  typicalAgeRange: '8-14',
  priceInfo: [{ category: 'base', name: { nl: 'Basistarief' }, price: 6, priceCurrency: 'EUR' }],
  bookingInfo: { url: 'https://tickets.example.org/5f3a' },
  sameAs: ['http://www.uitinvlaanderen.be/agenda/e/mijnwerkerswandeling/0f2b9c7e-5f3a-4c1e-9b2a-6f7e8d9c0a1b'],
  workflowStatus: 'APPROVED',
};

/** The sample site with one UiTdatabank feed, read from `uit-export.json` in the site folder. */
async function withUitFeed(dir: string): Promise<void> {
  await writeFile(join(dir, 'uit-export.json'), JSON.stringify({ member: [uitEvent] }));
  const sitePath = join(dir, 'site.json');
  const site = JSON.parse(await readFile(sitePath, 'utf8')) as Record<string, unknown>;
  site['feeds'] = [{ id: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', file: 'uit-export.json', organisation: 'c-mine', level: 'see-do', themes: ['thinking'] }];
  await writeFile(sitePath, JSON.stringify(site, null, 2));
}

const activities = (page: Page) => page.getByRole('list', { name: /Activiteiten|Activities/ });

test('a UiTdatabank item the hub reads shows in the list in each language, its sheet says where it comes from, how far and how to get there, and marks the cancelled date; it has its marker on the city map', async ({ page, site }) => {
  // Two languages, a long list to scroll, QR codes and a map: more steps than most tests.
  test.slow();
  const { url } = await site(withUitFeed);
  await openExplore(page, url);

  // Tonight's session is cancelled: the week's list gives the next one (tomorrow, full) and a word
  // about tonight's.
  await page.getByRole('button', { name: 'Deze week', exact: true }).tap();
  const row = activities(page).getByRole('listitem').filter({ hasText: TITLE.nl });
  await scrollListTo(page, activities(page), row);
  await expect(row).toContainText('Volzet');
  await expect(row).toContainText('Afgelast: Vandaag · 17:00');
  await expect(row).toContainText(`Buiten de site: ${PLACE.name} · ${distanceKm(SITE_CENTRE, PLACE.geo).toLocaleString('nl')} km hiervandaan`);

  await page.getByRole('group', { name: 'Taal' }).getByRole('button', { name: 'English' }).tap();
  const englishRow = activities(page).getByRole('listitem').filter({ hasText: TITLE.en });
  await scrollListTo(page, activities(page), englishRow);
  // Brussels time on the 24-hour clock, in English too (in UTC it would say 16:00).
  await expect(englishRow).toContainText('Cancelled: Today · 17:00');
  await expect(englishRow).toContainText(`${formatDay(brussels('2026-12-03T14:00'), ZONE, 'en')} · 14:00 · Full`);
  await englishRow.getByRole('button').tap();

  const sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('heading', { name: TITLE.en })).toBeVisible();
  await expect(sheet).toContainText('From UiT in Genk · organised by Gidsenkring Genk');
  await expect(sheet).toContainText(`${PLACE.name}, Stalenstraat 32, 3600 Genk`);
  const travel = travelEstimate(SITE_CENTRE, PLACE.geo);
  await expect(sheet).toContainText(`${travel.km.toLocaleString('en-GB')} km from here (as the crow flies)`);
  await expect(sheet).toContainText(`On foot: about ${travel.walkMinutes} min`);
  await expect(sheet).toContainText(`By bike: about ${travel.cycleMinutes} min`);
  // The dates as the source gave them, in Brussels time, tonight's marked in words.
  const dates = sheet.getByRole('listitem').filter({ hasText: /\d December/ });
  await expect(dates).toHaveCount(3);
  await expect(dates.nth(0)).toContainText(formatDay(brussels('2026-12-02T17:00'), ZONE, 'en'));
  await expect(dates.nth(0)).toContainText('17:00–18:30');
  await expect(dates.nth(0)).toContainText('Cancelled');
  await expect(dates.nth(1)).toContainText(formatDay(brussels('2026-12-03T14:00'), ZONE, 'en'));
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
