// The issue's "done when", at the hub: a site that names its postal code and two partners' feeds —
// the city's UiTdatabank search and a sports club's OpenActive RPDE feed, both served on loopback from
// the shared examples (../shared/uitdatabank, ../shared/openactive; read there, never copied) — gets
// the neighbourhood's offer as feed rows without anyone typing it in. Then the faults: a feed that
// answers garbage, grows past the size limit, or does not answer in time never changes those rows,
// and staff see why; an RPDE feed's deleted item and a moved session arrive on the next read.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActivityRow, OccurrenceRow } from '../../src-renderer/core/rows';
import { instantToLocal } from '../../src-renderer/core/schedule';
import { makeFetchText } from '../../src-hub/feeds/policy';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { describeEngines, key, TEST_TIMEOUT, type TestHub } from './harness';

const SHARED = resolve(import.meta.dirname, '../../../shared');
const present = existsSync(resolve(SHARED, 'uitdatabank')) && existsSync(resolve(SHARED, 'openactive'));
if (!present) console.warn(`feeds-sources.test.ts: skipped, no shared examples at ${SHARED} (the shared folder sits beside the repository)`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const read = (path: string): Json => JSON.parse(readFileSync(resolve(SHARED, path), 'utf8')) as Json;

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server?.close());

const local = (ms: number) => instantToLocal(ms, 'Europe/Brussels');

async function feedRows(sql: TestHub['sql']): Promise<{ activities: ActivityRow[]; occurrences: OccurrenceRow[] }> {
  const activities = await sql.query<{ row: ActivityRow }>("SELECT row FROM activities WHERE source = 'feed' ORDER BY id");
  const occurrences = await sql.query<{ row: OccurrenceRow }>("SELECT row FROM occurrences WHERE source = 'feed' ORDER BY start_ms, id");
  return { activities: activities.rows.map((row) => row.row), occurrences: occurrences.rows.map((row) => row.row) };
}

let prefix = 0;

/** The UiT Search API on loopback: one page with the event examples and the place example. */
function serveUit(): { base: string; page: string } {
  prefix += 1;
  const events = read('uitdatabank/event-with-read-example.json')['examples'] as Json[];
  const places = read('uitdatabank/place-with-read-example.json')['examples'] as Json[];
  const page = JSON.stringify({ '@context': 'http://www.w3.org/ns/hydra/context.jsonld', '@type': 'PagedCollection', itemsPerPage: 50, totalItems: events.length + places.length, member: [...events, ...places] });
  const path = `/${prefix}/uit/events/`;
  server.route(path, { body: page, contentType: 'application/ld+json' });
  return { base: server.url(`/${prefix}/uit`), page: path };
}

/** A session of the OpenActive example, moved to `start` (local offset +01:00, before the DST change). */
function session(id: string, start: string, end: string, extra: Json = {}): Json {
  const example = (read('openactive/scheduledsession-split_example_1.json')['items'] as Json[])[0]!;
  const data: Json = { ...structuredClone(example['data'] as Json), '@id': `https://example.org/sessions/${id}`, startDate: start, endDate: end, ...extra };
  delete data['duration'];
  return { state: 'updated', kind: 'ScheduledSession', id, modified: 1000, data };
}

/** The OpenActive example's SessionSeries, with its @id the sessions point at. */
function series(): { item: Json; id: string } {
  const item = structuredClone((read('openactive/sessionseries-split_example_1.json')['items'] as Json[])[0]!);
  return { item: { ...item, modified: 900 }, id: item['data']['@id'] as string };
}

function rpde(items: Json[], next: string): string {
  return JSON.stringify({ next: server.url(next), items, license: 'https://creativecommons.org/licenses/by/4.0/' });
}

function withSite(feeds: Json[]) {
  return (files: { site: Json; organisations: Json }) => {
    files.site['postalCode'] = '3600';
    files.site['feeds'] = feeds;
    (files.organisations['organisations'] as Json[]).push(
      { id: 'city-genk', name: 'Stad Genk', kind: 'partner', description: { nl: 'UiT in Genk' }, place: { name: 'Stadhuis', address: 'Stadsplein 1, 3600 Genk', geo: { lat: 50.965, lon: 5.5 } } },
      { id: 'sportclub', name: 'Sportclub', kind: 'partner', description: { nl: 'Sport' }, place: { name: 'Sporthal', address: 'Sportlaan 1, 3600 Genk', geo: { lat: 50.97, lon: 5.49 } } },
    );
  };
}

describeEngines('hub feeds from UiTdatabank and OpenActive', (harness) => {
  it.runIf(present)('shows the neighbourhood offer from a UiT search on the site\'s postal code and a club\'s RPDE feed, sessions in Brussels time, a cancelled one marked', { timeout: TEST_TIMEOUT }, async () => {
    const uit = serveUit();
    prefix += 1;
    const oa = `/${prefix}/oa`;
    const { item: seriesItem, id: seriesId } = series();
    server.route(`${oa}?page=1`, { body: rpde([seriesItem], `${oa}?page=2`), contentType: 'application/json' });
    server.route(`${oa}?page=2`, {
      body: rpde(
        [
          session('s1', '2026-03-25T19:00:00+01:00', '2026-03-25T20:00:00+01:00', { superEvent: seriesId }),
          session('s2', '2026-03-27T19:00:00+01:00', '2026-03-27T20:00:00+01:00', { superEvent: seriesId, eventStatus: 'https://schema.org/EventCancelled' }),
        ],
        `${oa}?page=3`,
      ),
      contentType: 'application/json',
    });
    server.route(`${oa}?page=3`, { body: rpde([], `${oa}?page=3`), contentType: 'application/json' });

    const { hub, sql } = await harness.open({
      change: withSite([
        { id: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', url: uit.base, organisation: 'city-genk' },
        { id: 'sportclub', kind: 'openactive', name: 'Sportclub Genk', url: server.url(`${oa}?page=1`), organisation: 'sportclub', themes: ['relaxation'] },
      ]),
      hub: { feeds: { autoStart: false, env: { UITDATABANK_API_KEY: 'test-key-123' } } },
    });
    await hub.readFeeds();

    // The Search API was asked for the site's postal code, with the key in a header and never in the URL.
    const [asked] = server.requests(uit.page);
    expect(new URL(asked!.url, server.origin).searchParams.get('postalCode')).toBe('3600');
    expect(asked!.url).not.toContain('test-key-123');
    expect(asked!.headers['x-api-key']).toBe('test-key-123');

    const rows = await feedRows(sql);
    const byFeed = (feed: string) => rows.activities.filter((row) => row.origin?.feed === feed);
    // UiT: the yoga course of the examples runs in this window (Tuesday evenings around the DST change).
    const yoga = byFeed('uit-genk').find((row) => Object.values(row.title).some((title) => /yoga/i.test(title ?? '')));
    expect(yoga, 'the yoga course from UiT').toBeDefined();
    expect(yoga!.organiser).toBe('city-genk');
    expect(yoga!.place?.geo).toBeDefined();
    const yogaStarts = rows.occurrences.filter((row) => row.activityId === yoga!.id).map((row) => local(row.start).slice(11));
    expect(yogaStarts.length).toBeGreaterThan(0);
    expect(new Set(yogaStarts).size).toBe(1); // the same wall-clock hour on both sides of 29 March
    // OpenActive: one activity for the series, its two sessions at 19:00 Brussels time, the second cancelled.
    const [club] = byFeed('sportclub');
    expect(club).toMatchObject({ organiser: 'sportclub', themes: ['relaxation'], origin: { kind: 'openactive', name: 'Sportclub Genk' } });
    const clubSessions = rows.occurrences.filter((row) => row.activityId === club!.id);
    expect(clubSessions.map((row) => [local(row.start), row.status])).toEqual([
      ['2026-03-25T19:00', undefined],
      ['2026-03-27T19:00', 'cancelled'],
    ]);

    const statuses = (await hub.listFeeds()).feeds;
    expect(statuses.map((status) => [status.feed.id, status.state])).toEqual([
      ['uit-genk', 'ok'],
      ['sportclub', 'ok'],
    ]);

    // The club deletes the second session and moves the first one an hour later.
    server.route(`${oa}?page=3`, {
      body: rpde(
        [
          session('s1', '2026-03-25T20:00:00+01:00', '2026-03-25T21:00:00+01:00', { superEvent: seriesId }),
          { state: 'deleted', kind: 'ScheduledSession', id: 's2', modified: 2000 },
        ].map((item) => ({ ...item, modified: 2000 })),
        `${oa}?page=4`,
      ),
      contentType: 'application/json',
    });
    server.route(`${oa}?page=4`, { body: rpde([], `${oa}?page=4`), contentType: 'application/json' });
    await hub.refreshFeed('sportclub', { idempotencyKey: key(), by: { staff: 'An' } });
    // Continued from where it stopped: page 1 was not asked again.
    expect(server.count(`${oa}?page=1`)).toBe(1);
    const after = (await feedRows(sql)).occurrences.filter((row) => row.activityId === club!.id);
    expect(after.map((row) => local(row.start))).toEqual(['2026-03-25T20:00']);
  });

  it.runIf(present)('keeps what a feed showed when it answers garbage, grows past the limit or does not answer, and says why', { timeout: TEST_TIMEOUT }, async () => {
    const uit = serveUit();
    const { hub, sql } = await harness.open({
      change: withSite([{ id: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', url: uit.base, organisation: 'city-genk' }]),
      hub: { feeds: { autoStart: false, env: { UITDATABANK_API_KEY: 'k' }, fetchText: makeFetchText({ timeoutMs: 5_000, maxBytes: 2 * 1024 * 1024 }) } },
    });
    await hub.readFeeds();
    const good = await feedRows(sql);
    expect(good.activities.length).toBeGreaterThan(0);

    const cases = [
      [{ body: '{"member": [', contentType: 'application/json' }, /not JSON/i],
      [{ body: JSON.stringify({ member: [{ '@id': 'https://example.org/something', name: 'x' }] }), contentType: 'application/json' }, /not UiTdatabank/i],
      [{ huge: 3 * 1024 * 1024, contentType: 'application/json' }, /larger than/i],
      [{ hang: 'headers' as const }, /did not answer/i],
      [{ status: 401 }, /401/],
    ] as const;
    for (const [answer, reason] of cases) {
      server.route(uit.page, answer);
      const { status } = await hub.refreshFeed('uit-genk', { idempotencyKey: key(), by: { staff: 'An' } });
      expect(status.state, String(reason)).toBe('failing');
      expect(status.error).toMatch(reason);
      expect(await feedRows(sql)).toEqual(good);
    }
  });

  it('disables a UiT feed without its API key, saying which variable to set, and fetches nothing', { timeout: TEST_TIMEOUT }, async () => {
    prefix += 1;
    const path = `/${prefix}/uit/events/`;
    const { hub } = await harness.open({
      change: withSite([{ id: 'uit-genk', kind: 'uitdatabank', name: 'UiT in Genk', url: server.url(`/${prefix}/uit`), organisation: 'city-genk', apiKeyEnv: 'GENK_UIT_KEY' }]),
      hub: { feeds: { autoStart: false, env: {} } },
    });
    await hub.readFeeds();
    const [status] = (await hub.listFeeds()).feeds;
    expect(status).toMatchObject({ state: 'disabled', error: expect.stringMatching(/GENK_UIT_KEY/) });
    expect(server.count(path)).toBe(0);
  });
});
