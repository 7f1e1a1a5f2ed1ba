import { activitiesWithDates, expect, PHONE, stepTitles, test, titleOf, type InPage } from './follow-fixtures';

test.use(PHONE);

test('after one visit the same path opens with the network cut, map and calendar included', async ({ page, context, follow }) => {
  const site = await follow();
  const ids = activitiesWithDates(site.catalogue).slice(5, 8);
  const url = site.pathUrl(ids.map((id) => ({ kind: 'activity', id })));
  await page.goto(url);
  await expect(page.locator('main[data-page="path"]')).toBeVisible();
  const titles = ids.map((id) => titleOf(site.catalogue, id));
  expect(await stepTitles(page)).toEqual(titles);
  // The service worker has cached the app shell once it is active.
  await page.evaluate(async () => {
    await (globalThis as InPage).navigator.serviceWorker.ready;
  });

  // Really offline: the browser says so, and the server is gone too.
  await context.setOffline(true);
  await site.server.close();

  await page.reload();
  await expect(page.locator('main[data-page="path"]')).toBeVisible();
  expect(await stepTitles(page)).toEqual(titles);

  // Lazy parts were cached with the shell: the map and the calendar file still work.
  await page.getByRole('button', { name: 'Hoe kom ik er?' }).first().tap();
  const plan = page.getByRole('region', { name: /Plattegrond van Regina Mundi-site/ }).locator('img.leaflet-image-layer');
  await expect(plan).toBeVisible();
  await expect.poll(() => plan.evaluate((image: InPage) => image.naturalWidth as number)).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hele pad in mijn agenda' }).tap()]);
  expect(download.suggestedFilename()).toBe('wegwijzer-pad.ics');

  // A fresh tab on the same phone, offline, opening the link from a chat message.
  const other = await context.newPage();
  await other.clock.setFixedTime(Date.parse('2026-03-26T09:00:00Z'));
  await other.goto(url);
  expect(await stepTitles(other)).toEqual(titles);
});
