// Feeds in, on both engines: the hub reads a partner's iCal URL from a loopback server on schedule,
// stores its events as feed rows, keeps the last good copy when the feed fails or returns garbage
// (and says why), shows an event two feeds both carry once, and lets staff add, read and remove a
// feed of their own.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActivityRow, OccurrenceRow } from '../../src-renderer/core/rows';
import { at } from '../renderer/core/booking/fixtures';
import { describeEngines, key, TEST_TIMEOUT, type TestHub } from './harness';

type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/** A loopback server whose answer per path the test sets; it counts requests and keeps their headers. */
class Feeds {
  readonly answers = new Map<string, Answer>();
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
  #server: Server | undefined;
  readonly #hanging = new Set<ServerResponse>();

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push({ path, headers: request.headers });
      const answer = this.answers.get(path) ?? { status: 404, body: 'not here' };
      if (answer === 'hang') {
        this.#hanging.add(response);
        return;
      }
      const etag = answer.headers?.['ETag'];
      if (etag && request.headers['if-none-match'] === etag) {
        response.writeHead(304, { ETag: etag }).end();
        return;
      }
      response.writeHead(answer.status, { 'Content-Type': 'text/calendar; charset=utf-8', ...answer.headers }).end(answer.body ?? '');
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}${path}`;
  }

  async stop(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

const feeds = new Feeds();
beforeAll(() => feeds.start());
afterAll(() => feeds.stop());

/** An iCalendar text with one event per entry, in Europe/Brussels wall-clock time. */
function calendar(events: { uid: string; summary: string; start: string; end: string; location?: string }[]): string {
  const stamp = (local: string) => local.replaceAll('-', '').replace(':', '') + '00';
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//feeds//EN',
    ...events.flatMap((event) => [
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      'DTSTAMP:20260301T000000Z',
      `DTSTART;TZID=Europe/Brussels:${stamp(event.start)}`,
      `DTEND;TZID=Europe/Brussels:${stamp(event.end)}`,
      `SUMMARY:${event.summary}`,
      ...(event.location ? [`LOCATION:${event.location}`] : []),
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const READING = calendar([
  { uid: 'reading-1@bib', summary: 'Voorleesuur', start: '2026-03-25T14:00', end: '2026-03-25T15:00' },
  { uid: 'reading-2@bib', summary: 'Poëzieavond', start: '2026-03-27T19:30', end: '2026-03-27T21:00' },
]);

async function feedRows(sql: TestHub['sql']): Promise<{ activities: ActivityRow[]; occurrences: OccurrenceRow[] }> {
  const activities = await sql.query<{ row: ActivityRow }>("SELECT row FROM activities WHERE source = 'feed' ORDER BY id");
  const occurrences = await sql.query<{ row: OccurrenceRow }>("SELECT row FROM occurrences WHERE source = 'feed' ORDER BY start_ms");
  return { activities: activities.rows.map((row) => row.row), occurrences: occurrences.rows.map((row) => row.row) };
}

let path = 0;
/** A fresh path per test: the server is shared by the file's tests. */
function freshPath(name: string): string {
  path += 1;
  return `/${path}/${name}`;
}

function withFeeds(list: Record<string, unknown>[]) {
  return (files: { site: Record<string, unknown> }) => {
    files.site['feeds'] = list;
  };
}

describeEngines('hub feeds in', (harness) => {
  it('reads an iCal URL into feed rows with their origin, and asks again with the ETag it got', { timeout: TEST_TIMEOUT }, async () => {
    const url = freshPath('bib.ics');
    feeds.answers.set(url, { status: 200, body: READING, headers: { ETag: '"v1"' } });
    const { hub, sql, clock } = await harness.open({ change: withFeeds([{ id: 'bib-agenda', kind: 'ical', name: 'Bib Genk agenda', url: feeds.url(url), organisation: 'bib', themes: ['relaxation'] }]), hub: { feeds: { autoStart: false } } });

    await hub.readFeeds();
    const rows = await feedRows(sql);
    expect(rows.activities.map((row) => row.title['nl'])).toEqual(expect.arrayContaining(['Voorleesuur', 'Poëzieavond']));
    for (const activity of rows.activities) {
      expect(activity.id).toMatch(/^bib-agenda-[0-9a-f]{16}$/);
      expect(activity.organiser).toBe('bib');
      expect(activity.origin).toMatchObject({ feed: 'bib-agenda', kind: 'ical', name: 'Bib Genk agenda' });
      expect(activity.themes).toEqual(['relaxation']);
    }
    expect(rows.occurrences.map((row) => row.start)).toEqual([at('2026-03-25T14:00'), at('2026-03-27T19:30')]);

    const [status] = (await hub.listFeeds()).feeds;
    expect(status).toMatchObject({ source: 'config', state: 'ok', items: 2, activities: 2, occurrences: 2, duplicates: 0, failures: 0 });

    // Not due yet: nothing is fetched. Due again (past the hour and its jitter): a conditional request, answered 304.
    const before = feeds.requests.filter((request) => request.path === url).length;
    await hub.readFeeds();
    expect(feeds.requests.filter((request) => request.path === url).length).toBe(before);
    clock.now += 70 * 60_000; // past the refresh interval and its ±10% jitter
    await hub.readFeeds();
    const last = feeds.requests.filter((request) => request.path === url).at(-1);
    expect(last?.headers['if-none-match']).toBe('"v1"');
    expect(await feedRows(sql)).toEqual(rows);
  });

  it('keeps the last good copy when the feed fails or answers garbage, and says why', { timeout: TEST_TIMEOUT }, async () => {
    const url = freshPath('bib.ics');
    feeds.answers.set(url, { status: 200, body: READING });
    const opened = await harness.open({ change: withFeeds([{ id: 'bib', kind: 'ical', name: 'Bib', url: feeds.url(url), organisation: 'bib' }]), hub: { feeds: { autoStart: false } } });
    const { hub, sql } = opened;
    await hub.readFeeds();
    const good = await feedRows(sql);
    expect(good.activities).toHaveLength(2);

    for (const [answer, reason] of [
      [{ status: 500, body: 'oops' }, /500/],
      [{ status: 200, body: '<html>Moved to our new website</html>' }, /not a calendar/i],
      [{ status: 200, body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n' }, /never closed|not a calendar/i],
    ] as const) {
      feeds.answers.set(url, answer);
      opened.clock.now += 60_000;
      const { status } = await hub.refreshFeed('bib', { idempotencyKey: key(), by: { staff: 'An' } });
      expect(status.state).toBe('failing');
      expect(status.error).toMatch(reason);
      // What the screens show is the last good copy, unchanged.
      expect(await feedRows(sql)).toEqual(good);
      expect(status.activities).toBe(2);
    }
    const failing = (await hub.listFeeds()).feeds[0]!;
    expect(failing.failures).toBe(3);
    expect(failing.lastSuccessAt).toBeLessThan(failing.lastAttemptAt!);
    // Backing off: the next attempt is later than the next regular refresh would have been after a success.
    expect(failing.nextAttemptAt).toBeGreaterThan(failing.lastAttemptAt!);

    // The feed recovers: the failure count resets and the new offer replaces the old one.
    feeds.answers.set(url, { status: 200, body: calendar([{ uid: 'reading-1@bib', summary: 'Voorleesuur (nieuw uur)', start: '2026-03-25T15:00', end: '2026-03-25T16:00' }]) });
    const { status } = await hub.refreshFeed('bib', { idempotencyKey: key(), by: { staff: 'An' } });
    expect(status).toMatchObject({ state: 'ok', failures: 0, activities: 1 });
    expect(status.error).toBeUndefined();
    const after = await feedRows(sql);
    expect(after.activities.map((row) => row.title['nl'])).toEqual(['Voorleesuur (nieuw uur)']);
    expect(after.occurrences.map((row) => row.start)).toEqual([at('2026-03-25T15:00')]);
  });

  it('shows an event two feeds both carry once, the first feed winning, and counts the duplicate', { timeout: TEST_TIMEOUT }, async () => {
    const first = freshPath('bib.ics');
    const second = freshPath('city.ics');
    feeds.answers.set(first, { status: 200, body: READING });
    feeds.answers.set(
      second,
      {
        status: 200,
        body: calendar([
          // The same reading hour, as the city's agenda writes it.
          { uid: 'city-991', summary: 'VOORLEESUUR', start: '2026-03-25T14:00', end: '2026-03-25T15:30' },
          { uid: 'city-992', summary: 'Stadswandeling', start: '2026-03-28T10:00', end: '2026-03-28T12:00' },
        ]),
      },
    );
    const { hub, sql } = await harness.open({
      change: withFeeds([
        { id: 'bib', kind: 'ical', name: 'Bib', url: feeds.url(first), organisation: 'bib' },
        { id: 'city', kind: 'ical', name: 'City agenda', url: feeds.url(second), organisation: 'bib' },
      ]),
      hub: { feeds: { autoStart: false } },
    });
    await hub.readFeeds();
    const rows = await feedRows(sql);
    expect(rows.activities.map((row) => `${row.origin?.feed}:${row.title['nl']}`).sort()).toEqual(['bib:Poëzieavond', 'bib:Voorleesuur', 'city:Stadswandeling']);
    const statuses = (await hub.listFeeds()).feeds;
    expect(statuses.map((status) => [status.feed.id, status.activities, status.duplicates])).toEqual([
      ['bib', 2, 0],
      ['city', 1, 1],
    ]);
  });

  it('lets a coordinator add a feed, read it now, and remove it with every row it brought', { timeout: TEST_TIMEOUT }, async () => {
    const url = freshPath('club.ics');
    feeds.answers.set(url, { status: 200, body: READING });
    const { hub, sql } = await harness.open({ hub: { feeds: { autoStart: false } } });
    const draft = { kind: 'ical' as const, name: 'Choir club agenda', url: feeds.url(url), refreshMinutes: 30, organisation: 'choir-club', level: 'do-together' as const, themes: ['relaxation'] };

    // Bad input is refused with the field it concerns; nothing is stored.
    await expect(hub.saveFeed({ idempotencyKey: key(), draft: { ...draft, organisation: 'nobody', themes: ['no-such-theme'] }, by: { staff: 'An' } })).rejects.toMatchObject({
      status: 400,
      errors: [
        { path: 'draft.organisation', message: expect.stringMatching(/nobody/) },
        { path: 'draft.themes', message: expect.stringMatching(/no-such-theme/) },
      ],
    });
    expect((await hub.listFeeds()).feeds).toEqual([]);

    const { status: saved } = await hub.saveFeed({ idempotencyKey: key(), draft, by: { staff: 'An' } });
    expect(saved).toMatchObject({ source: 'staff', state: 'never', feed: { id: 'choir-club-agenda', refreshMinutes: 30, level: 'do-together' } });
    const { status: read } = await hub.refreshFeed(saved.feed.id, { idempotencyKey: key(), by: { staff: 'An' } });
    expect(read).toMatchObject({ state: 'ok', activities: 2 });
    expect((await feedRows(sql)).activities.every((row) => row.level === 'do-together' && row.organiser === 'choir-club')).toBe(true);

    await hub.removeFeed(saved.feed.id, { idempotencyKey: key(), by: { staff: 'An' } });
    expect((await hub.listFeeds()).feeds).toEqual([]);
    expect(await feedRows(sql)).toEqual({ activities: [], occurrences: [] });
    const audit = await sql.query<{ action: string }>("SELECT row->>'action' AS action FROM audit_log WHERE entity = 'feed' ORDER BY seq");
    expect(audit.rows.map((row) => row.action)).toEqual(['added', 'removed']);
  });

  it('refuses to change or remove a feed of site.json at the desk, and names an unknown feed', { timeout: TEST_TIMEOUT }, async () => {
    const { hub } = await harness.open({ change: withFeeds([{ id: 'bib', kind: 'ical', name: 'Bib', url: 'https://example.org/bib.ics', organisation: 'bib' }]), hub: { feeds: { autoStart: false } } });
    await expect(hub.removeFeed('bib', { idempotencyKey: key(), by: { staff: 'An' } })).rejects.toThrow(/site\.json/);
    await expect(hub.refreshFeed('nope', { idempotencyKey: key(), by: { staff: 'An' } })).rejects.toMatchObject({ status: 404 });
    expect((await hub.listFeeds()).feeds.map((status) => [status.feed.id, status.source, status.state])).toEqual([['bib', 'config', 'never']]);
  });

  it('leaves feed rows out of a backup and rebuilds them from the last good copy after a restore', { timeout: TEST_TIMEOUT }, async () => {
    const url = freshPath('bib.ics');
    feeds.answers.set(url, { status: 200, body: READING });
    const { hub, sql } = await harness.open({ change: withFeeds([{ id: 'bib', kind: 'ical', name: 'Bib', url: feeds.url(url), organisation: 'bib' }]), hub: { feeds: { autoStart: false } } });
    await hub.readFeeds();
    const rows = await feedRows(sql);
    const backup = await hub.exportBackup();
    expect(backup.data.activities.filter((row) => row.source === 'feed')).toEqual([]);
    // The feed is down when the backup comes back: its rows return from the copy the hub kept.
    feeds.answers.set(url, { status: 500 });
    await hub.restoreBackup({ idempotencyKey: key(), backup, by: { staff: 'An' } });
    expect(await feedRows(sql)).toEqual(rows);
  });
});
