import AxeBuilder from '@axe-core/playwright';
import ICAL from 'ical.js';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import type { Catalogue } from '../../src-renderer/core/catalogue';
import { encodeFollowUpCode } from '../../src-renderer/core/path-code';
import { activitiesWithDates, DST_CHANGE, expect, PHONE, PHONE_NOW, stepTitles, test, titleOf, type InPage } from './follow-fixtures';

test.use(PHONE);

interface CalendarEvent {
  uid: string;
  summary: string;
  start: number;
  end: number;
  tzid: string | null;
}

/** Parses a downloaded .ics the way a calendar app would: with the file's own VTIMEZONE. */
async function readCalendar(download: Download): Promise<{ text: string; events: CalendarEvent[] }> {
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toUnixTime() * 1000,
      end: event.endDate.toUnixTime() * 1000,
      tzid: (component.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null,
    };
  });
  return { text, events };
}

/** The next `count` dates of an activity after the phone's clock, as the catalogue lists them. */
function nextDates(catalogue: Catalogue, id: string, count = 3): { start: number; end: number }[] {
  const index = catalogue.activities.findIndex((activity) => activity.id === id);
  return catalogue.occurrences
    .filter(([activity, start, minutes]) => activity === index && (start + minutes) * 60_000 > PHONE_NOW)
    .slice(0, count)
    .map(([, start, minutes]) => ({ start: start * 60_000, end: (start + minutes) * 60_000 }));
}

function brusselsTime(ms: number): string {
  return new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' }).format(ms);
}

async function openPath(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('main[data-page="path"]')).toBeVisible();
}

test('a path URL made by the kiosk codec shows the same activities in the same order', async ({ page, follow }) => {
  const site = await follow();
  const ids = activitiesWithDates(site.catalogue).filter((_, index) => index % 7 === 3).slice(0, 5);
  expect(ids).toHaveLength(5);
  await openPath(page, site.pathUrl(ids.map((id) => ({ kind: 'activity', id }))));

  await expect(page.getByRole('heading', { level: 1, name: 'Mijn pad' })).toBeVisible();
  expect(await stepTitles(page)).toEqual(ids.map((id) => titleOf(site.catalogue, id)));
  await expect(page.getByText('5 activiteiten op Regina Mundi-site')).toBeVisible();
  // Each step shows its next dates, place and level.
  const first = page.locator('main ol.steps > li').first();
  await expect(first.getByRole('heading', { name: 'Volgende keren' })).toBeVisible();
  await expect(first.getByText(/Zien doen|Samen doen|Zelf doen/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wat kan je hierna doen?' })).toBeVisible();

  // No Web Share on this Chromium: the link goes to the clipboard instead.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Delen' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Link gekopieerd' })).toBeVisible();
  expect(await page.evaluate(() => (globalThis as InPage).navigator.clipboard.readText() as Promise<string>)).toBe(page.url());
});

test('speaks the browser language first and switches language on one tap', async ({ browser, follow }) => {
  const site = await follow();
  const [id] = activitiesWithDates(site.catalogue);
  const context = await browser.newContext({ ...PHONE, locale: 'fr-BE' });
  const page = await context.newPage();
  await page.clock.setFixedTime(PHONE_NOW);
  await openPath(page, site.pathUrl([{ kind: 'activity', id: id ?? '' }]));
  await expect(page.getByRole('heading', { level: 1, name: 'Mon parcours' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'My path' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const activity = site.catalogue.activities.find((candidate) => candidate.id === id);
  expect(await stepTitles(page)).toEqual([activity?.title.en ?? activity?.title.nl]);
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

  // The choice stays on this phone for the next visit.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'My path' })).toBeVisible();
  await page.getByRole('button', { name: 'Türkçe' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Yolum' })).toBeVisible();
  await context.close();
});

test('the whole path downloads as an .ics that ical.js reads back at the right times across the DST change', async ({ page, follow }) => {
  const site = await follow();
  // Weekly activities whose next three dates fall on both sides of Sunday 29 March.
  const ids = activitiesWithDates(site.catalogue, 3)
    .filter((id) => {
      const dates = nextDates(site.catalogue, id);
      return dates.some((date) => date.start < DST_CHANGE) && dates.some((date) => date.start > DST_CHANGE);
    })
    .slice(0, 3);
  expect(ids).toHaveLength(3);
  const booking = { kind: 'booking', spaceId: 'music-1', start: Date.parse('2026-03-30T16:30:00Z'), minutes: 90, code: 'K7M2QX' } as const;
  await openPath(page, site.pathUrl([...ids.map((id) => ({ kind: 'activity' as const, id })), booking]));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hele pad in mijn agenda' }).tap()]);
  expect(download.suggestedFilename()).toBe('wegwijzer-pad.ics');
  const { text, events } = await readCalendar(download);
  expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels');

  const expected = [
    ...ids.flatMap((id) => nextDates(site.catalogue, id).map((date) => ({ summary: titleOf(site.catalogue, id), ...date }))),
    { summary: 'Boeking Oefenlokaal muziek 1 (piano) (K7M2QX)', start: booking.start, end: booking.start + 90 * 60_000 },
  ].sort((a, b) => a.start - b.start || a.summary.localeCompare(b.summary));
  const actual = events.map(({ summary, start, end }) => ({ summary, start, end })).sort((a, b) => a.start - b.start || a.summary.localeCompare(b.summary));
  expect(actual).toEqual(expected);
  expect(events.every((event) => event.tzid === 'Europe/Brussels')).toBe(true);
  // A weekly session keeps its wall-clock time in Genk while its UTC time moves by an hour.
  for (const id of ids) {
    const dates = nextDates(site.catalogue, id);
    const before = dates.find((date) => date.start < DST_CHANGE);
    const after = dates.find((date) => date.start > DST_CHANGE);
    if (before && after && brusselsTime(before.start) === brusselsTime(after.start)) {
      expect(((after.start - before.start) / 3_600_000) % 24).toBe(23);
    }
  }
});

test('editing the path updates the URL, and reloading that URL shows the edited path', async ({ page, follow }) => {
  const site = await follow();
  const ids = activitiesWithDates(site.catalogue).slice(10, 14);
  await openPath(page, site.pathUrl(ids.map((id) => ({ kind: 'activity', id }))));
  const firstUrl = page.url();

  await page.getByRole('button', { name: 'Pad aanpassen' }).tap();
  await page.getByRole('button', { name: `${titleOf(site.catalogue, ids[1] ?? '')} weghalen` }).tap();
  await page.getByRole('button', { name: `${titleOf(site.catalogue, ids[3] ?? '')} naar boven` }).tap();
  const suggestion = page.getByRole('button', { name: /toevoegen aan mijn pad$/ }).first();
  const suggestionLabel = (await suggestion.getAttribute('aria-label')) ?? '';
  await suggestion.tap();

  const added = suggestionLabel.replace(/ toevoegen aan mijn pad$/, '');
  const edited = [titleOf(site.catalogue, ids[0] ?? ''), titleOf(site.catalogue, ids[3] ?? ''), titleOf(site.catalogue, ids[2] ?? ''), added];
  await expect.poll(() => stepTitles(page)).toEqual(edited);
  expect(page.url()).not.toBe(firstUrl);
  // Still in edit mode after the edits: the page did not start over.
  await expect(page.getByRole('button', { name: 'Klaar met aanpassen' })).toBeVisible();

  await page.reload();
  await expect(page.locator('main[data-page="path"]')).toBeVisible();
  expect(await stepTitles(page)).toEqual(edited);

  // Removing everything leaves no path: the page goes home, where the edited path is remembered once.
  await page.getByRole('button', { name: 'Pad aanpassen' }).tap();
  for (const title of edited) await page.getByRole('button', { name: `${title} weghalen` }).tap();
  await expect(page.locator('main[data-page="home"]')).toBeVisible();
});

test('an activity poster URL shows the activity and adds it to my path', async ({ page, follow }) => {
  const site = await follow();
  const [first, second] = activitiesWithDates(site.catalogue).slice(20, 22);
  await page.goto(site.activityUrl(first ?? ''));
  await expect(page.locator('main[data-page="activity"]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: titleOf(site.catalogue, first ?? '') })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Volgende keren' })).toBeVisible();

  await page.getByRole('button', { name: 'Toevoegen aan mijn pad' }).tap();
  await expect(page.locator('main[data-page="path"]')).toBeVisible();
  expect(await stepTitles(page)).toEqual([titleOf(site.catalogue, first ?? '')]);

  // A second poster extends the same path.
  await page.goto(site.activityUrl(second ?? ''));
  await page.getByRole('button', { name: 'Toevoegen aan mijn pad' }).tap();
  await expect.poll(() => stepTitles(page)).toEqual([titleOf(site.catalogue, first ?? ''), titleOf(site.catalogue, second ?? '')]);
  await page.goto(site.activityUrl(second ?? ''));
  await expect(page.getByText('Staat in je pad')).toBeVisible();
});

test('a booking URL shows space, date, time and code, how to cancel, and adds it to the calendar', async ({ page, follow }) => {
  const site = await follow();
  const start = Date.parse('2026-04-02T16:00:00Z'); // Thursday 2 April, 18:00 in Genk (summer time)
  await openPath(page, site.pathUrl([{ kind: 'booking', spaceId: 'music-1', start, minutes: 60, code: 'K7M2QX' }]));

  await expect(page.getByRole('heading', { level: 1, name: 'Je boeking' })).toBeVisible();
  const card = page.getByRole('article', { name: 'Boeking: Oefenlokaal muziek 1 (piano)' });
  await expect(card).toContainText('donderdag 2 april 2026');
  await expect(card).toContainText('18:00–19:00');
  await expect(card).toContainText('K7M 2QX');
  await expect(card).toContainText('Annuleer je boeking aan de wegwijzer met deze code');
  await expect(page.getByRole('heading', { name: 'Wat kan je hierna doen?' })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'In mijn agenda' }).tap()]);
  const { events } = await readCalendar(download);
  expect(events).toEqual([expect.objectContaining({ start, end: start + 3_600_000, tzid: 'Europe/Brussels' })]);

  // The booking code alone finds the booking again on this phone.
  await page.goto(site.url);
  await page.getByLabel('Typ je code').fill('k7m-2qx');
  await page.getByRole('button', { name: 'Openen' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Je boeking' })).toBeVisible();
});

test('a place on an activity\'s session shows the activity, session, code, how to cancel, and adds it to the calendar', async ({ page, follow }) => {
  const site = await follow();
  const start = Date.parse('2026-04-01T11:30:00Z'); // Wednesday 1 April, 13:30 in Genk (summer time)
  await openPath(page, site.pathUrl([{ kind: 'place', activityId: 'academy-drawing', start, minutes: 180, code: 'K7M2QX' }]));

  const card = page.getByRole('article', { name: 'Plaats: Tekenen en schilderen bij de academie' });
  await expect(card).toContainText('woensdag 1 april 2026');
  await expect(card).toContainText('13:30–16:30');
  await expect(card).toContainText('Atelier beeld');
  await expect(card).toContainText('K7M 2QX');
  await expect(card).toContainText('Annuleer je plaats aan de wegwijzer met deze code');

  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'In mijn agenda' }).tap()]);
  const { events } = await readCalendar(download);
  expect(events).toEqual([expect.objectContaining({ summary: 'Tekenen en schilderen bij de academie (plaats K7M2QX)', start, end: start + 180 * 60_000, tzid: 'Europe/Brussels' })]);
});

test('ids that are not in the catalogue read as "no longer listed", never as an error', async ({ page, follow }) => {
  const site = await follow();
  await page.goto(site.activityUrl('retired-workshop'));
  await expect(page.locator('main[data-page="unknown-activity"]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Niet meer op het programma' })).toBeVisible();

  const [known] = activitiesWithDates(site.catalogue);
  await openPath(page, site.pathUrl([{ kind: 'activity', id: 'retired-workshop' }, { kind: 'activity', id: known ?? '' }]));
  expect(await stepTitles(page)).toEqual(['Niet meer op het programma', titleOf(site.catalogue, known ?? '')]);
});

test('a damaged code gets the friendly page with a field to type the code', async ({ page, follow }) => {
  const site = await follow();
  const [id] = activitiesWithDates(site.catalogue);
  const code = encodeFollowUpCode([{ kind: 'activity', id: id ?? '' }]);
  const damaged = `${code.slice(0, 4)}${code[4] === 'A' ? 'B' : 'A'}${code.slice(5)}`;
  await page.goto(`${site.url}#${damaged}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deze code konden we niet lezen' })).toBeVisible();

  await page.getByLabel('Typ je code').fill('ABC123');
  await page.getByRole('button', { name: 'Openen' }).tap();
  await expect(page.getByRole('alert')).toContainText('Boekingscode ABC123 staat nog niet op deze telefoon');
  await page.getByLabel('Typ je code').fill('nonsense');
  await page.getByRole('button', { name: 'Openen' }).tap();
  await expect(page.getByRole('alert')).toContainText('Deze code kennen we niet');

  // Typed with the spaces a person copies along, the intact code opens the path.
  await page.getByLabel('Typ je code').fill(` ${code.slice(0, 5)} ${code.slice(5)} `);
  await page.getByRole('button', { name: 'Openen' }).tap();
  await expect(page.locator('main[data-page="path"]')).toBeVisible();
  expect(await stepTitles(page)).toEqual([titleOf(site.catalogue, id ?? '')]);
});

test('the phone remembers opened paths, newest first, and forgets one on request', async ({ page, follow }) => {
  const site = await follow();
  const [a, b, c] = activitiesWithDates(site.catalogue).slice(30, 33);
  await openPath(page, site.pathUrl([{ kind: 'activity', id: a ?? '' }]));
  await openPath(page, site.pathUrl([{ kind: 'activity', id: b ?? '' }, { kind: 'activity', id: c ?? '' }]));

  await page.goto(site.url);
  const recent = page.getByRole('region', { name: 'Eerder geopend op deze telefoon' }).getByRole('listitem');
  await expect(recent).toHaveCount(2);
  await expect(recent.first()).toContainText(`${titleOf(site.catalogue, b ?? '')} · ${titleOf(site.catalogue, c ?? '')}`);
  await expect(recent.first()).toContainText('2 stappen');

  await recent.nth(1).getByRole('link').tap();
  expect(await stepTitles(page)).toEqual([titleOf(site.catalogue, a ?? '')]);
  await page.goBack();
  await page.getByRole('button', { name: `${titleOf(site.catalogue, a ?? '')} vergeten op deze telefoon` }).tap();
  await expect(recent).toHaveCount(1);
});

test('directions load the map only when asked, highlight the space, and nothing leaves the site', async ({ page, follow }) => {
  const site = await follow();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const onSite = site.catalogue.activities.find((activity) => activity.space === 'music-1' || (activity.space && !activity.place));
  await openPath(page, site.pathUrl([{ kind: 'activity', id: onSite?.id ?? '' }]));
  expect(requests.some((url) => /PlanMap/.test(url))).toBe(false);

  await page.getByRole('button', { name: 'Hoe kom ik er?' }).tap();
  const map = page.getByRole('region', { name: /^Plattegrond van Regina Mundi-site, .+ is aangeduid$/ });
  await expect(map).toBeVisible();
  await expect(map.locator('img.leaflet-image-layer')).toHaveAttribute('src', './plan.svg');
  await expect(map.locator('path.leaflet-interactive').first()).toBeVisible();
  expect(requests.some((url) => /PlanMap/.test(url))).toBe(true);
  await expect(page.getByRole('link', { name: 'Open in je kaart-app' })).toHaveAttribute('href', /^geo:50\.965,5\.5\?q=/);
  await expect(page.getByRole('link', { name: 'Bekijk op OpenStreetMap' })).toHaveAttribute('href', /^https:\/\/www\.openstreetmap\.org\/\?mlat=50\.965&mlon=5\.5/);

  expect(requests.filter((url) => !url.startsWith(site.url) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  expect(await page.context().cookies()).toEqual([]);
});

test('the path page passes an axe WCAG 2 AA scan', async ({ page, follow }) => {
  const site = await follow();
  const ids = activitiesWithDates(site.catalogue).slice(0, 2);
  await openPath(page, site.pathUrl([...ids.map((id) => ({ kind: 'activity' as const, id })), { kind: 'booking', spaceId: 'music-1', start: Date.parse('2026-04-02T16:00:00Z'), minutes: 60, code: 'K7M2QX' }]));
  await page.getByRole('button', { name: 'Pad aanpassen' }).tap();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});
