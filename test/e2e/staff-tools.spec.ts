// Staff tools end to end, in web mode (where saving a file is a browser download): export the site
// calendar and read it back with ical.js; import a partner's small .ics, see the preview, import it
// and find the activity on the visitor's screen. Runs in English, as the e2e template's coordinator.
import ICAL from 'ical.js';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { expect, openExplore, scrollListTo, test } from './fixtures';
import { unlockStaff } from './kiosk-auth';

async function openTools(page: Page, url: string): Promise<void> {
  await openExplore(page, url, 'English');
  await unlockStaff(page, E2E_ACCOUNTS.coordinator);
  await page.getByRole('tab', { name: 'Tools' }).tap();
  await expect(page.getByRole('heading', { name: 'Export calendar' })).toBeVisible();
}

const partnerFeed = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//C-mine//Agenda//EN',
  'BEGIN:VEVENT',
  'UID:glass-workshop@c-mine.example',
  'DTSTAMP:20261101T000000Z',
  'SUMMARY:Glass blowing for beginners',
  'DESCRIPTION:Blow your own glass with the C-mine makers.',
  'DTSTART;TZID=Europe/Brussels:20261203T140000',
  'DTEND;TZID=Europe/Brussels:20261203T160000',
  'RRULE:FREQ=WEEKLY;COUNT=3',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

test('exports the whole site calendar as a valid iCalendar file (a download in web mode)', async ({ page, site }) => {
  const { url } = await site();
  await openTools(page, url);
  const section = page.getByRole('region', { name: 'Export calendar' });
  const downloading = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Save calendar (.ics)' }).tap();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('regina-mundi-site.ics');
  const text = await readFile((await download.path())!, 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Brussels']);
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component, { exceptions: [] }));
  expect(events.length).toBeGreaterThan(50);
  for (const event of events) expect(event.endDate.toUnixTime()).toBeGreaterThan(event.startDate.toUnixTime());
  await expect(section.getByRole('status')).toContainText('Saved: regina-mundi-site.ics');
});

test('imports a partner .ics: malformed first (nothing changes), then a preview, then the activity on the kiosk', async ({ page, site }) => {
  const { url } = await site();
  await openTools(page, url);
  const section = page.getByRole('region', { name: "Import a partner's offer" });
  await section.getByLabel('Partner').selectOption({ label: 'C-mine' });
  const fileInput = section.getByLabel('Choose an iCalendar file (.ics)');

  await fileInput.setInputFiles({ name: 'broken.ics', mimeType: 'text/calendar', buffer: Buffer.from('BEGIN:VCALENDAR\r\nthis is not a property\r\nEND:VCALENDAR\r\n') });
  await expect(section.getByRole('alert')).toContainText('This is not an iCalendar file: line 2');
  await expect(section.getByRole('alert')).toContainText('Nothing was changed.');

  await fileInput.setInputFiles({ name: 'c-mine.ics', mimeType: 'text/calendar', buffer: Buffer.from(partnerFeed) });
  await expect(section.getByText('1 new, 0 updated, 0 unchanged')).toBeVisible();
  await expect(section.getByText('Glass blowing for beginners')).toBeVisible();
  await section.getByRole('button', { name: 'Import', exact: true }).tap();
  await expect(section.getByRole('status')).toContainText('1 activity imported with 3 dates');

  // The same file again is recognised, not duplicated.
  await section.getByLabel('Choose an iCalendar file (.ics)').setInputFiles({ name: 'c-mine.ics', mimeType: 'text/calendar', buffer: Buffer.from(partnerFeed) });
  await expect(section.getByText('0 new, 0 updated, 1 unchanged')).toBeVisible();
  await section.getByRole('button', { name: 'Cancel' }).tap();

  // Locking returns to the attract screen in Dutch, as for the next visitor.
  await page.getByRole('button', { name: 'Lock', exact: true }).tap();
  await page.getByRole('button', { name: /Start/ }).tap();
  await page.getByRole('button', { name: 'Deze week' }).tap();
  const list = page.getByRole('list', { name: 'Activiteiten' });
  const imported = list.getByText('Glass blowing for beginners').first();
  await scrollListTo(page, list, imported);
  await expect(imported).toBeVisible();
});
