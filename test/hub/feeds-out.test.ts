// Feeds out on the real store, on both engines: the iCal feeds (whole site, per space, organisation
// and level) read back with ical.js across the spring DST change, the activity pages and their
// schema.org JSON-LD expanded with jsonld.js, and the follow-up catalogue that follows the store
// without a publish step.
import { rm } from 'node:fs/promises';
import ICAL from 'ical.js';
import jsonld from 'jsonld';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSP_HEADER } from '../../src-hub/http/csp';
import type { Catalogue } from '../../src-renderer/core/catalogue';
import { at, NOW } from '../renderer/core/booking/fixtures';
import { describeEngines, TEST_TIMEOUT } from './harness';
import { appFor, configChanged, feedRows, feedsSite, HOSTILE, STORED_FEED_ROWS, importedId, importLibrary, libraryIcs, rewriteSite, storeRows } from './feeds-out-site';
import { makeFolders, type Folders } from './http-fakes';

let folders: Folders;
beforeAll(async () => {
  folders = await makeFolders();
});
afterAll(() => rm(folders.root, { recursive: true, force: true }));

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface ReadEvent {
  uid: string;
  start: number;
  end: number;
  /** Wall-clock start in the event's own zone, "HH:mm". */
  wallClock: string;
  summary: string;
  status: string | null;
  url: string | null;
}

/** Parses a feed the way a calendar does: its own VTIMEZONE registered, then every event's instants. */
function readCalendar(text: string): { name: string; events: ReadEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  const zones = calendar.getAllSubcomponents('vtimezone');
  expect(zones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Brussels']);
  for (const zone of zones) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    expect(component.getFirstPropertyValue('dtstamp'), 'DTSTAMP').toBeTruthy();
    return {
      uid: event.uid,
      start: event.startDate.toUnixTime() * 1000,
      end: event.endDate.toUnixTime() * 1000,
      wallClock: `${String(event.startDate.hour).padStart(2, '0')}:${String(event.startDate.minute).padStart(2, '0')}`,
      summary: event.summary,
      status: component.getFirstPropertyValue('status') as string | null,
      url: component.getFirstPropertyValue('url') as string | null,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

/** Every Saturday 10:00 Brussels time in [from, to), computed apart from the hub: the band's sessions. */
function bandStarts(from: number, to: number): number[] {
  const starts: number[] = [];
  for (let day = new Date('2026-01-03T12:00:00Z'); day.getTime() < to + DAY; day = new Date(day.getTime() + 7 * DAY)) {
    const start = at(`${day.toISOString().slice(0, 10)}T10:00`);
    if (start + 2 * HOUR > from && start < to) starts.push(start);
  }
  return starts;
}

/** An offline document loader: "https://schema.org" resolves to a local context that maps every term into schema.org. */
const schemaOrgContext = { '@context': { '@vocab': 'https://schema.org/' } };
const documentLoader = async (url: string) => {
  if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`the test loads no documents but schema.org's context, not ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: schemaOrgContext };
};

/** Every property and type of an expanded document: schema.org IRIs or JSON-LD keywords only. */
function termsOf(value: unknown, terms: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) termsOf(item, terms);
  else if (value && typeof value === 'object') {
    for (const [name, field] of Object.entries(value)) {
      if (name === '@type') for (const type of [field].flat()) terms.add(String(type));
      else if (!name.startsWith('@')) terms.add(name);
      if (name !== '@value') termsOf(field, terms);
    }
  }
  return terms;
}

function ldOf(html: string): unknown {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]![1]!) as unknown;
}

describeEngines('feeds out', (harness) => {
  it('publishes the programme as iCal feeds that keep wall-clock times across DST, per space, organisation and level', { timeout: TEST_TIMEOUT }, async () => {
    const test = await harness.open({ change: feedsSite, hub: STORED_FEED_ROWS });
    const { hub, sql, clock, siteDir } = test;
    await importLibrary(hub);
    await storeRows(sql, clock.now, feedRows());
    const app = appFor(hub, siteDir, folders, () => clock.now);

    const response = await app.request('/feeds/site.ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d{3}/);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    const text = await response.text();
    const site = readCalendar(text);
    expect(site.name).toBe('Testsite');

    // The band: every Saturday 10:00 from 30 days back to 180 ahead, at 10:00 on both sides of 29 March.
    const from = NOW - 30 * DAY;
    const to = NOW + 180 * DAY;
    const band = site.events.filter((event) => event.summary === 'Band');
    expect(band.map((event) => event.start)).toEqual(bandStarts(from, to));
    expect(new Set(band.map((event) => event.wallClock))).toEqual(new Set(['10:00']));
    const before = band.find((event) => event.start === at('2026-03-28T10:00'));
    const after = band.find((event) => event.start === at('2026-04-04T10:00'));
    expect(before && new Date(before.start).toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(after && new Date(after.start).toISOString()).toBe('2026-04-04T08:00:00.000Z');
    expect(band.every((event) => event.end - event.start === 2 * HOUR)).toBe(true);
    expect(before?.url).toBe('http://localhost/activity/band');

    // The imported story hour: exactly its stored sessions; the feed item with its cancelled session marked.
    const storyId = await importedId(sql, 'Voorleesuur');
    const stored = (await sql.query<{ start_ms: number; end_ms: number }>('SELECT start_ms, end_ms FROM occurrences WHERE activity_id = $1 ORDER BY start_ms', [storyId])).rows;
    expect(site.events.filter((event) => event.summary === 'Voorleesuur').map((event) => [event.start, event.end])).toEqual(stored.map((row) => [row.start_ms, row.end_ms]));
    expect(stored.map((row) => new Date(row.start_ms).toISOString())).toEqual(['2026-03-28T13:00:00.000Z', '2026-04-04T12:00:00.000Z', '2026-04-11T12:00:00.000Z']);
    const walks = site.events.filter((event) => event.summary === 'Stadswandeling');
    expect(walks.map((event) => [event.start, event.status])).toEqual([
      [at('2026-03-27T10:00'), null],
      [at('2026-04-03T10:00'), 'CANCELLED'],
    ]);
    // Stable UIDs: the same sessions read again have the same ids, all distinct.
    expect(new Set(site.events.map((event) => event.uid)).size).toBe(site.events.length);
    expect(readCalendar(await (await app.request('/feeds/site.ics')).text()).events.map((event) => event.uid)).toEqual(site.events.map((event) => event.uid));
    const unchanged = await app.request('/feeds/site.ics', { headers: { 'If-None-Match': etag! } });
    expect(unchanged.status).toBe(304);

    const space = readCalendar(await (await app.request('/feeds/spaces/practice-2.ics')).text());
    expect(space.name).toBe('Testsite — Oefenruimte');
    expect(space.events.map((event) => event.uid)).toEqual(band.map((event) => event.uid));
    const library = readCalendar(await (await app.request('/feeds/organisations/bib.ics')).text());
    expect(library.name).toBe('Testsite — Bib');
    expect(new Set(library.events.map((event) => event.summary))).toEqual(new Set([HOSTILE, 'Voorleesuur', 'Quiz', 'Stadswandeling']));
    const level = readCalendar(await (await app.request('/feeds/levels/do-together.ics')).text());
    expect(level.events.map((event) => event.summary)).toEqual(['Koor']);

    for (const [path, message] of [
      ['/feeds/spaces/nowhere.ics', 'no space "nowhere"'],
      ['/feeds/organisations/nobody.ics', 'no organisation "nobody"'],
      ['/feeds/levels/expert.ics', 'no level "expert"'],
      ['/feeds/spaces/practice-2.txt', '/feeds/spaces/<id>.ics'],
    ] as const) {
      const missing = await app.request(path);
      expect(missing.status, path).toBe(404);
      expect(await missing.text(), path).toContain(message);
    }

    // A session moved in the config: the feed follows the reload, the old session is gone.
    const { configVersion } = await hub.position();
    await rewriteSite(siteDir, (files) => {
      const choir = (files.activities['activities'] as { id: string; schedule: unknown }[]).find((activity) => activity.id === 'choir')!;
      choir.schedule = [{ start: '2026-03-26T19:00', end: '2026-03-26T21:00' }];
    });
    await configChanged(hub, configVersion);
    const moved = readCalendar(await (await app.request('/feeds/levels/do-together.ics')).text());
    expect(moved.events.map((event) => event.start)).toEqual([at('2026-03-26T19:00')]);
  });

  it('serves a page per activity with schema.org JSON-LD that expands to schema.org terms, every text escaped', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, sql, clock, siteDir } = await harness.open({ change: feedsSite, hub: STORED_FEED_ROWS });
    await storeRows(sql, clock.now, feedRows());
    const app = appFor(hub, siteDir, folders, () => clock.now);

    const response = await app.request('/activity/reading');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(response.headers.get('etag')).toBeTruthy();
    const html = await response.text();
    expect(html).toContain('<html lang="nl">');
    // The hostile title never closes the block or opens a tag: escaped in the text, \u003c in the JSON.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('alert(1)</script>');
    expect(html).toContain('<h1>Lezen &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;samen&quot; &lt;!--</h1>');
    expect(html).toContain('Samen lezen &lt;b&gt;vet&lt;/b&gt;');
    expect(html).toContain('href="https://example.org/#a/reading"');
    expect(html).toContain('<dt>Prijs</dt>');

    const ld = ldOf(html) as Record<string, unknown>;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'EventSeries',
      name: { '@value': HOSTILE, '@language': 'nl' },
      url: 'http://localhost/activity/reading',
      typicalAgeRange: '6-12',
      offers: { '@type': 'Offer', price: 3, priceCurrency: 'EUR' },
      location: { '@type': 'Place', name: 'Bib Genk', address: { '@type': 'PostalAddress', streetAddress: 'Stadsplein 1' }, geo: { '@type': 'GeoCoordinates', latitude: 50.96, longitude: 5.5 } },
      organizer: { '@type': 'Organization', name: 'Bib' },
    });
    const subEvents = ld['subEvent'] as { startDate: string; endDate: string; eventStatus: string }[];
    // Four Wednesdays from 25 March: 14:00 on both sides of the change, with the offset that holds then.
    expect(subEvents.map((event) => event.startDate)).toEqual(['2026-03-25T14:00:00+01:00', '2026-04-01T14:00:00+02:00', '2026-04-08T14:00:00+02:00', '2026-04-15T14:00:00+02:00']);
    expect(subEvents.every((event) => event.eventStatus === 'https://schema.org/EventScheduled')).toBe(true);

    const expanded = await jsonld.expand(ld as jsonld.JsonLdDocument, { documentLoader: documentLoader as never });
    const terms = termsOf(expanded);
    for (const term of ['https://schema.org/EventSeries', 'https://schema.org/Event', 'https://schema.org/name', 'https://schema.org/startDate', 'https://schema.org/location', 'https://schema.org/geo', 'https://schema.org/offers', 'https://schema.org/subEvent']) expect(terms).toContain(term);
    for (const term of terms) expect(term, term).toMatch(/^https:\/\/schema\.org\/[A-Za-z]+$/);
    const name = (expanded[0] as Record<string, { '@value': string; '@language': string }[]>)['https://schema.org/name'];
    expect(name).toEqual([{ '@value': HOSTILE, '@language': 'nl' }]);

    // One session on site: an Event at the site's address, in the space.
    const choir = ldOf(await (await app.request('/activity/choir')).text()) as Record<string, unknown>;
    expect(choir).toMatchObject({
      '@type': 'Event',
      startDate: '2026-03-26T18:00:00+01:00',
      endDate: '2026-03-26T20:00:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      location: { name: 'Oefenruimte, Testsite', address: { streetAddress: 'Vennestraat 1, 3600 Genk', postalCode: '3600' }, geo: { latitude: 50.97, longitude: 5.49 } },
      offers: { price: 0, priceCurrency: 'EUR' },
    });
    expect(termsOf(await jsonld.expand(choir as jsonld.JsonLdDocument, { documentLoader: documentLoader as never }))).toContain('https://schema.org/Event');

    // A feed item is shown, its source linked, but not republished as data.
    const walk = await (await app.request('/activity/uit-3f2a9c')).text();
    expect(walk).toContain('Stadswandeling');
    expect(walk).toContain('(Geannuleerd)');
    expect(walk).toContain('<link rel="canonical" href="https://www.uitinvlaanderen.be/agenda/e/x">');
    expect(walk).not.toContain('application/ld+json');

    const missing = await app.request('/activity/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('no activity "nothing-here"');
  });

  it('keeps the follow-up catalogue current with staff, imported and feed activities, without a publish step', { timeout: TEST_TIMEOUT }, async () => {
    const { hub, sql, clock, siteDir } = await harness.open({ change: feedsSite, hub: STORED_FEED_ROWS });
    const app = appFor(hub, siteDir, folders, () => clock.now);
    const read = async () => (await (await app.request('/follow/catalogue.json')).json()) as Catalogue;

    const first = await read();
    expect(first.activities.map((activity) => activity.id).sort()).toEqual(['band', 'choir', 'reading']);

    await importLibrary(hub);
    await storeRows(sql, clock.now, feedRows());
    const second = await read();
    const story = await importedId(sql, 'Voorleesuur');
    const ids = second.activities.map((activity) => activity.id);
    expect(ids).toEqual(expect.arrayContaining(['band', 'choir', 'reading', story, 'uit-3f2a9c']));
    const index = (id: string) => second.activities.findIndex((activity) => activity.id === id);
    const startsOf = (catalogue: Catalogue, activityIndex: number) => catalogue.occurrences.filter(([i]) => i === activityIndex).map(([, minutes]) => minutes * 60_000);
    expect(startsOf(second, index(story))).toEqual([at('2026-03-28T14:00'), at('2026-04-04T14:00'), at('2026-04-11T14:00')]);
    // The feed item's cancelled session is listed marked as cancelled, as the kiosk shows it.
    expect(second.occurrences.filter(([i]) => i === index('uit-3f2a9c')).map(([, minutes, , mark]) => [minutes * 60_000, mark])).toEqual([
      [at('2026-03-27T10:00'), undefined],
      [at('2026-04-03T10:00'), 'cancelled'],
    ]);

    // The partner takes the quiz off its calendar: the next read of the catalogue no longer has it.
    const quiz = await importedId(sql, 'Quiz');
    expect(ids).toContain(quiz);
    await importLibrary(hub, false);
    expect((await read()).activities.map((activity) => activity.id)).not.toContain(quiz);
  });

  it('publishes what a real feed read brought in: in the catalogue, the iCal feeds and the pages, never republished as OpenActive', { timeout: TEST_TIMEOUT }, async () => {
    const agenda = libraryIcs(false).replaceAll('story@bib', 'walk@city').replace('Voorleesuur', 'Stadswandeling');
    const { hub, sql, clock, siteDir } = await harness.open({
      change: (files) => {
        feedsSite(files);
        files.site['feeds'] = [{ id: 'agenda', kind: 'ical', name: 'Stadsagenda', url: 'https://agenda.example.org/genk.ics', organisation: 'bib', themes: ['relaxation'] }];
      },
      hub: { feeds: { autoStart: false, fetchText: async () => ({ kind: 'fresh', text: agenda }) } },
    });
    const app = appFor(hub, siteDir, folders, () => clock.now);
    // Built once before the read: the read's commit must make the hub build it again.
    await app.request('/follow/catalogue.json');
    await hub.readFeeds();
    const { rows } = await sql.query<{ id: string }>("SELECT id FROM activities WHERE source = 'feed'");
    expect(rows).toHaveLength(1);
    const walk = rows[0]!.id;

    const catalogue = (await (await app.request('/follow/catalogue.json')).json()) as Catalogue;
    expect(catalogue.activities.map((activity) => activity.id)).toContain(walk);
    const library = readCalendar(await (await app.request('/feeds/organisations/bib.ics')).text());
    expect(library.events.filter((event) => event.summary === 'Stadswandeling').map((event) => event.start)).toEqual([at('2026-03-28T14:00'), at('2026-04-04T14:00'), at('2026-04-11T14:00')]);
    const page = await app.request(`/activity/${walk}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('application/ld+json');
    const series = (await (await app.request('/openactive/session-series')).json()) as { items: { id: string }[] };
    expect(series.items.map((item) => item.id).sort()).toEqual(['band', 'choir', 'reading']);
  });
});
