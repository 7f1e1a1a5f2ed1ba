// Text stays text: a site config whose every text field is markup (HTML, script, an image with
// onerror, javascript: URLs) plus a very long text is walked through every screen a visitor and
// staff can reach. Nothing from those strings may become an element, an attribute or a request,
// and the long texts must not push the controls out of reach. Runs in English, as the e2e template's coordinator.
import type { Locator, Page } from '@playwright/test';
import { E2E_ACCOUNTS } from '../support/hub-template';
import { sampleConfig } from './expected';
import { expect, FIXED_NOW, scrollListTo, test, type ServedSite } from './fixtures';
import { attack, LONG_TEXT, makeHostile, MARK, TILE_HOST } from './hostile-site';

/** What the page saw: hostile elements or attributes ever added (even briefly), CSP violations. */
interface Watch {
  added: string[];
  violations: string[];
}

/**
 * Before any page script runs: a MutationObserver that records every element or attribute that
 * can only have come from the hostile strings, and a listener for CSP violations (an injected
 * script or image that the policy stopped would still show up there).
 */
function watchThePage(): void {
  const events = /^on/i;
  const scriptLike = 'script:not([src]), iframe, object, embed, [data-pwned], a[href^="javascript:" i], [src*="pwned"], [href*="pwned"]';
  const watch: Watch = { added: [], violations: [] };
  (window as unknown as { __watch: Watch }).__watch = watch;
  const describe = (element: Element) => element.outerHTML.slice(0, 160);
  const inspect = (element: Element) => {
    for (const found of [element, ...element.querySelectorAll('*')]) {
      if (found.matches(scriptLike) || [...found.attributes].some((attribute) => events.test(attribute.name))) watch.added.push(describe(found));
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element) {
        const name = record.attributeName ?? '';
        if (events.test(name) || name === 'data-pwned') watch.added.push(`${name} on ${describe(record.target)}`);
      }
      for (const node of record.addedNodes) if (node instanceof Element) inspect(node);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('securitypolicyviolation', (event) => watch.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
}

/** Every request the page makes: none may go to a URL written in the config. */
function watchRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  return requests;
}

async function expectNothingInjected(page: Page, requests: readonly string[], where: string): Promise<void> {
  const found = await page.evaluate((tileHost) => {
    const watch = (window as unknown as { __watch: Watch }).__watch;
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      added: watch.added,
      // The kiosk's CSP refuses tile images from other hosts: that is the config's tile layer, not an injection.
      violations: watch.violations.filter((violation) => !violation.includes(tileHost)),
      nowInDom: document.querySelectorAll('[data-pwned], script:not([src]), iframe, a[href^="javascript:" i]').length,
      bodyShown: getComputedStyle(document.body).display !== 'none',
    };
  }, TILE_HOST);
  expect(found, where).toEqual({ pwned: null, added: [], violations: [], nowInDom: 0, bodyShown: true });
  expect(
    requests.filter((url) => url.includes(MARK)),
    where,
  ).toEqual([]);
}

/** A partner's feed whose texts are as hostile as the config: a feed string must stay text too. */
function hostileFeed(): string {
  // iCalendar escapes commas, semicolons and backslashes in text, and folds lines at 75 octets.
  const text = (tag: string) => (attack(tag) + LONG_TEXT).replace(/[\\;,]/g, (character) => `\\${character}`);
  const fold = (line: string) => line.match(/.{1,70}/g)!.join('\r\n ');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hostile//Feed//EN',
    'BEGIN:VEVENT',
    'UID:hostile@feed.example',
    'DTSTAMP:20261101T000000Z',
    fold(`SUMMARY:${text('feed.summary')}`),
    fold(`DESCRIPTION:${text('feed.description')}`),
    fold(`LOCATION:${text('feed.location')}`),
    fold(`URL:javascript:window.__pwned='feed.url'`),
    'DTSTART;TZID=Europe/Brussels:20261203T140000',
    'DTEND;TZID=Europe/Brussels:20261203T160000',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** A control that must stay on screen: wholly in view as it is, and a tap lands on it. */
async function tapInView(control: Locator): Promise<void> {
  await expect(control).toBeInViewport({ ratio: 1 });
  await control.tap();
}

/** A control in a panel that scrolls (the staff tools are long anyway): reachable by scrolling, then as above. */
async function scrollAndTap(control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  await tapInView(control);
}

/**
 * Serves the hostile site, watches the page from its first script on, and opens the attract screen
 * in English at FIXED_NOW. Returns the requests seen so far (and from then on).
 */
async function openHostile(page: Page, site: (prepare: (dir: string) => Promise<void>) => Promise<ServedSite>): Promise<string[]> {
  const { url, dir } = await site(makeHostile);
  // The hostile folder must be a valid config, or these tests would only see the error screen.
  await sampleConfig(dir);
  const requests = watchRequests(page);
  await page.addInitScript(watchThePage);
  await page.clock.install({ time: FIXED_NOW });
  await page.goto(url);
  // About 1.5 MB of config is seeded into the store first: on a busy machine that takes a while.
  await expect(page.getByRole('button', { name: /Start/ })).toBeVisible({ timeout: 60_000 });
  await tapInView(page.getByRole('button', { name: 'English' }));
  await expect(page.getByText('Tap to start')).toBeVisible();
  return requests;
}

async function enterExplore(page: Page): Promise<Locator> {
  await tapInView(page.getByRole('button', { name: /Start/ }));
  const list = page.getByRole('list', { name: 'Activities' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  await tapInView(page.getByRole('button', { name: 'This week', exact: true }));
  return list;
}

async function unlockStaff(page: Page): Promise<void> {
  await tapInView(page.getByRole('button', { name: 'Staff', exact: true }));
  const keypad = page.getByRole('dialog', { name: 'Staff: sign in' });
  await keypad.getByRole('textbox', { name: 'Name' }).fill(E2E_ACCOUNTS.coordinator.name);
  await tapInView(keypad.getByRole('button', { name: 'Next' }));
  for (const digit of E2E_ACCOUNTS.coordinator.pin) await tapInView(keypad.getByRole('button', { name: digit, exact: true }));
  await tapInView(keypad.getByRole('button', { name: 'Unlock' }));
  await expect(page.getByRole('heading', { name: /^Staff · <img data-pwned/ })).toBeVisible();
}

// Each test walks many screens on a machine that may be busy: a generous limit, no timing in the checks.
test.describe.configure({ timeout: 120_000 });

test('visitor screens: attract, explore, the activity sheet, the city map and my path show the hostile texts as text, controls in reach', async ({ page, site }) => {
  const requests = await openHostile(page, site);
  await expectNothingInjected(page, requests, 'attract');

  // Explore: the list and the site plan. The markup is on screen as text.
  const list = await enterExplore(page);
  await expect(list.getByRole('listitem').first()).toContainText('<script data-pwned>');
  await expect(page.getByRole('heading', { level: 1 }).first()).toContainText('<img data-pwned');
  for (const name of ['Book a space', 'Staff', 'English']) await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: /My path/ })).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.activity-marker:visible').first()).toBeVisible();
  await expectNothingInjected(page, requests, 'explore');

  // The activity sheet, from the plan: every control still in reach under a very long title.
  await page.locator('.activity-marker:visible').first().tap();
  let sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('heading', { level: 2 })).toContainText('<img data-pwned');
  await tapInView(sheet.getByRole('button', { name: 'Add to my path' }));
  await expect(sheet.getByRole('button', { name: 'In my path' })).toBeDisabled();
  await expectNothingInjected(page, requests, 'activity sheet');
  await tapInView(sheet.getByRole('button', { name: 'Close' }));

  // The city map: the site's name and the places' names in tooltips, the attribution.
  await tapInView(page.getByRole('button', { name: /In the city/ }));
  const city = page.getByRole('region', { name: 'City map with the places off site' });
  await expect(city.locator('.leaflet-tooltip').first()).toContainText('<img data-pwned');
  await expect(city.locator('.attribution')).toContainText('<script data-pwned>');
  await expectNothingInjected(page, requests, 'city map');
  await city.locator('.activity-marker').first().tap();
  sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('heading', { level: 2 })).toContainText('<img data-pwned');
  await tapInView(sheet.getByRole('button', { name: 'Add to my path' }));
  await tapInView(sheet.getByRole('button', { name: 'Close' }));

  // My path with its QR code.
  await tapInView(page.getByRole('button', { name: /My path\s*2/ }));
  const drawer = page.getByRole('dialog', { name: 'My path' });
  await expect(drawer.getByRole('listitem').first()).toContainText('<img data-pwned');
  await expect(drawer.getByRole('img', { name: 'QR code to your path' })).toBeVisible();
  await expect(drawer.getByRole('button', { name: /^Move .* down$/ }).first()).toBeInViewport({ ratio: 1 });
  await expect(drawer.getByRole('button', { name: /^Remove / }).first()).toBeInViewport({ ratio: 1 });
  await expectNothingInjected(page, requests, 'my path');
  await tapInView(drawer.getByRole('button', { name: 'Close' }));
});

test('booking a space under hostile names: every step and the receipt with its QR code stay text, controls in reach', async ({ page, site }) => {
  const requests = await openHostile(page, site);
  await enterExplore(page);
  await tapInView(page.getByRole('button', { name: 'Book a space' }));
  const booking = page.getByRole('dialog', { name: 'Book a space' });
  const space = booking.locator('button.space').first();
  await expect(space).toContainText('<img data-pwned');
  await tapInView(space);
  await tapInView(booking.getByRole('button', { name: 'Saturday 5 December' }));
  await expect(booking.getByRole('group', { name: 'Choose a time' })).toHaveAttribute('aria-busy', 'false');
  await tapInView(booking.getByRole('group', { name: 'Choose a time' }).getByRole('button').first());
  for (const key of 'Sam') await tapInView(booking.getByRole('button', { name: key, exact: true }));
  await tapInView(booking.getByRole('button', { name: 'Confirm booking' }));
  await expect(booking.getByText('Booked!')).toBeVisible();
  await expect(booking.getByRole('img', { name: 'QR code of your booking' })).toBeVisible();
  await expectNothingInjected(page, requests, 'booking');
  await tapInView(booking.getByRole('button', { name: 'Done' }));
  await expect(page.getByRole('button', { name: /My path\s*1/ })).toBeInViewport({ ratio: 1 });
});

test('staff views and a hostile partner feed: every tab, the import preview and the imported activity stay text, controls in reach', async ({ page, site }) => {
  const requests = await openHostile(page, site);
  await unlockStaff(page);
  const lock = page.getByRole('button', { name: 'Lock', exact: true });
  await expect(lock).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.ec')).toContainText('<img data-pwned');
  await expectNothingInjected(page, requests, 'staff timeline');
  for (const [tab, ready] of [
    ['Organisations', page.getByRole('tabpanel').getByText('<img data-pwned', { exact: false }).first()],
    ['Series', page.getByLabel('Organisation')],
    ['Audit log', page.getByRole('table')],
    ['Tools', page.getByRole('heading', { name: 'Export calendar' })],
  ] as const) {
    await tapInView(page.getByRole('tab', { name: tab }));
    await expect(ready).toBeVisible();
    await expect(lock).toBeInViewport({ ratio: 1 });
    await expectNothingInjected(page, requests, `staff ${tab}`);
  }

  // Still in Tools: a partner's feed with the same kind of texts, previewed and imported.
  const offer = page.getByRole('region', { name: "Import a partner's offer" });
  await offer.getByLabel('Partner').selectOption({ index: 1 });
  await offer.getByLabel('Choose an iCalendar file (.ics)').setInputFiles({ name: 'hostile.ics', mimeType: 'text/calendar', buffer: Buffer.from(hostileFeed()) });
  await expect(offer.getByText('1 new, 0 updated, 0 unchanged')).toBeVisible();
  await expect(offer).toContainText('<img data-pwned src="/pwned/feed.summary.png"');
  await expectNothingInjected(page, requests, 'staff import preview');
  await scrollAndTap(offer.getByRole('button', { name: 'Import', exact: true }));
  await expect(offer.getByRole('status')).toContainText('1 activity imported');
  await expectNothingInjected(page, requests, 'staff import done');

  await tapInView(page.getByRole('tab', { name: 'Timeline' }));
  await tapInView(page.getByRole('button', { name: 'New booking' }));
  const form = page.getByRole('dialog', { name: 'New booking' });
  await expect(form.getByLabel('Space')).toContainText('<img data-pwned');
  await expectNothingInjected(page, requests, 'staff new booking');
  await tapInView(form.getByRole('button', { name: 'Cancel' }));
  await tapInView(lock);
  await expect(page.getByText('Tap to start')).toBeVisible();

  // The imported activity on the visitor's screens: in the list, and its sheet.
  await tapInView(page.getByRole('button', { name: 'English' }));
  const list = await enterExplore(page);
  const imported = list.getByRole('button').filter({ hasText: 'feed.summary' }).first();
  await scrollListTo(page, list, imported);
  await imported.tap();
  const sheet = page.getByRole('dialog');
  await expect(sheet).toContainText('<img data-pwned src="/pwned/feed.description.png"');
  await expectNothingInjected(page, requests, 'imported activity');
  await tapInView(sheet.getByRole('button', { name: 'Close' }));
});
