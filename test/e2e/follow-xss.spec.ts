import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { editJson, expect, PHONE, publishSample, test, type InPage } from './follow-fixtures';

test.use(PHONE);

// Catalogue text comes from site configs (and later from partners' imports): it must always be
// shown as text. Each string tries a different way into the DOM and, if it got there, would set a flag.
const HOSTILE = {
  title: '<img src=x onerror="window.__pwned=1">Gitaar',
  titleEn: '<script>window.__pwned=1</script>Guitar',
  summary: '"><svg onload="window.__pwned=1"></svg>',
  description: '<iframe src="javascript:window.__pwned=1"></iframe>{@html x}',
  space: '<b onmouseover="window.__pwned=1">Muziek</b>',
  site: '</title><script>window.__pwned=1</script>',
  organisation: '<a href="javascript:window.__pwned=1">klik</a>',
  theme: '<style>body{display:none}</style>Thema',
};

type Json = Record<string, unknown>;

async function hostileSite(siteDir: string): Promise<void> {
  await editJson(join(siteDir, 'site.json'), (site) => {
    site.name = { nl: HOSTILE.site, en: HOSTILE.site };
    const themes = site.themes as Json[];
    (themes[0] as Json).name = { nl: HOSTILE.theme };
  });
  await editJson(join(siteDir, 'spaces.json'), (file) => {
    const space = (file.spaces as Json[]).find((candidate) => candidate.id === 'music-1') as Json;
    space.name = { nl: HOSTILE.space };
  });
  await editJson(join(siteDir, 'organisations.json'), (file) => {
    for (const organisation of file.organisations as Json[]) organisation.name = HOSTILE.organisation;
  });
  await editJson(join(siteDir, 'activities.json'), (file) => {
    for (const activity of file.activities as Json[]) {
      if (activity.space !== 'music-1') continue;
      activity.title = { nl: HOSTILE.title, en: HOSTILE.titleEn };
      activity.summary = { nl: HOSTILE.summary };
      activity.description = { nl: HOSTILE.description };
    }
  });
}

async function assertNothingInjected(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const { document, getComputedStyle, window } = globalThis as InPage;
    return {
      pwned: '__pwned' in window,
      scripts: document.querySelectorAll('body script').length,
      injected: document.querySelectorAll('main img:not(.leaflet-image-layer), main svg:not(.leaflet-zoom-animated), main iframe, main b, main style, main [onerror], main [onload], main [onmouseover], main a[href^="javascript:"]').length,
      bodyShown: getComputedStyle(document.body).display !== 'none',
    };
  });
  expect(found).toEqual({ pwned: false, scripts: 0, injected: 0, bodyShown: true });
}

test('hostile catalogue strings from a site config are shown literally, never run', async ({ page, follow }) => {
  const published = await publishSample(hostileSite);
  try {
    const site = await follow(published);
    const ids = published.catalogue.activities.filter((activity) => activity.space === 'music-1').map((activity) => activity.id);
    expect(ids.length).toBeGreaterThan(0);

    await page.goto(site.pathUrl([...ids.map((id) => ({ kind: 'activity' as const, id })), { kind: 'booking', spaceId: 'music-1', start: Date.parse('2026-04-02T16:00:00Z'), minutes: 60, code: 'K7M2QX' }]));
    await expect(page.locator('main[data-page="path"]')).toBeVisible();
    const step = page.locator('main ol.steps > li').first();
    await expect(step.getByRole('heading', { level: 2 })).toHaveText(HOSTILE.title);
    await expect(step).toContainText(HOSTILE.summary);
    await expect(step).toContainText(HOSTILE.space);
    await expect(step).toContainText(HOSTILE.organisation);
    await expect(page.getByRole('banner')).toContainText(HOSTILE.site);
    await step.getByText('Meer lezen').tap();
    await expect(step).toContainText(HOSTILE.description);
    await step.getByRole('button', { name: 'Hoe kom ik er?' }).tap();
    await expect(page.getByRole('region', { name: /Plattegrond van/ })).toBeVisible();
    await assertNothingInjected(page);

    await page.getByRole('button', { name: 'English' }).tap();
    await expect(step.getByRole('heading', { level: 2 })).toHaveText(HOSTILE.titleEn);
    await assertNothingInjected(page);

    await page.goto(site.activityUrl(ids[0] ?? ''));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOSTILE.titleEn);
    await assertNothingInjected(page);
    expect(await page.title()).toContain(HOSTILE.site);
  } finally {
    await published.cleanup();
  }
});

test('a tampered catalogue.json cannot add links, styles or paths the page would follow', async ({ page, follow }) => {
  const published = await publishSample();
  try {
    const file = join(published.dir, 'catalogue.json');
    const catalogue = JSON.parse(await readFile(file, 'utf8')) as Json;
    for (const organisation of catalogue.organisations as Json[]) organisation.url = 'javascript:window.__pwned=1';
    for (const theme of catalogue.themes as Json[]) theme.color = 'red;background:url(https://evil.example/x.png)';
    const levels = catalogue.levels as Record<string, Json>;
    for (const level of Object.values(levels)) level.color = 'url(https://evil.example/y.png)';
    await writeFile(file, JSON.stringify(catalogue));
    const site = await follow(published);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const id = published.catalogue.activities[0]?.id ?? '';
    await page.goto(site.activityUrl(id));
    await expect(page.locator('main[data-page="activity"]')).toBeVisible();
    await page.getByText('Meer lezen').tap();
    await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
    await assertNothingInjected(page);
    expect(requests.filter((url) => !url.startsWith(site.url))).toEqual([]);

    // A plan "image" that climbs out of the folder makes the catalogue unusable: a friendly error, not a request.
    (catalogue.site as Json).plan = { image: '../../etc/passwd', width: 10, height: 10 };
    await writeFile(file, JSON.stringify(catalogue));
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Het programma kan nu niet geladen worden' })).toBeVisible();
    await writeFile(file, '<html>not json</html>');
    await page.getByRole('button', { name: 'Opnieuw proberen' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Het programma kan nu niet geladen worden' })).toBeVisible();
  } finally {
    await published.cleanup();
  }
});
