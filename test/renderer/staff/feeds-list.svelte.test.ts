import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../../src-renderer/core/hub/contract';
import { HubClient, HubError, HubUnavailable, type FetchFn } from '../../../src-renderer/db/hub-client';
import { DeskApi } from '../../../src-renderer/staff/desk/api';
import { FeedsList } from '../../../src-renderer/staff/desk/feeds-list.svelte';

const HUB_URL = 'http://hub.test/';
const by = { staff: 'Carla Coördinator' };

const status = (id: string, overrides: Partial<FeedStatus> = {}): FeedStatus => ({
  feed: { id, kind: 'ical', name: id, url: `https://${id}.example.org/cal.ics`, apiKeyEnv: 'UITDATABANK_API_KEY', refreshMinutes: 60, organisation: 'fablab-genk', level: 'see-do', themes: [], terms: {}, days: 90 },
  source: 'staff',
  state: 'never',
  failures: 0,
  items: 0,
  activities: 0,
  occurrences: 0,
  duplicates: 0,
  problems: [],
  ...overrides,
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A hub that answers by method and path (a promise lets a test hold an answer back), and records what it was sent. */
function fakeHub(route: (method: string, path: string, body: Record<string, unknown> | undefined) => Response | Error | Promise<Response>) {
  const calls: { method: string; path: string; body: Record<string, unknown> | undefined }[] = [];
  const fetch: FetchFn = async (url, init) => {
    const path = new URL(url).pathname;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    calls.push({ method: init.method ?? 'GET', path, body });
    const answer = await route(init.method ?? 'GET', path, body);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const api = new DeskApi({ hub: new HubClient({ baseUrl: HUB_URL, fetch, backoffMs: [] }) });
  return { api, calls };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('FeedsList', () => {
  it('reads every feed, then a read now replaces that feed’s status with the one the hub answers', async () => {
    const read = status('partner', { state: 'ok', lastSuccessAt: 5, lastAttemptAt: 5, items: 12, activities: 3, occurrences: 9 });
    const hub = fakeHub((method, path) => {
      if (method === 'GET' && path === '/api/feeds') return json(200, { feeds: [status('uit', { source: 'config' }), status('partner')] });
      if (method === 'POST' && path === '/api/feeds/partner/refresh') return json(200, { status: read });
      return json(404, { error: 'not-found', message: 'nothing here' });
    });
    const list = new FeedsList(hub.api, () => 1000);
    await list.refresh();
    expect(list.feeds?.map((s) => [s.feed.id, s.state])).toEqual([
      ['uit', 'never'],
      ['partner', 'never'],
    ]);
    expect(list.refreshedAt).toBe(1000);

    await list.readNow('partner', by);
    expect(list.feeds?.map((s) => [s.feed.id, s.state, s.items])).toEqual([
      ['uit', 'never', 0],
      ['partner', 'ok', 12],
    ]);
    const post = hub.calls.find((call) => call.method === 'POST');
    expect(post?.body).toMatchObject({ by });
    expect(typeof post?.body?.['idempotencyKey']).toBe('string');
    expect(list.isReading('partner')).toBe(false);
  });

  it('is busy while a read runs, reads a feed once however often it is pressed, and keeps the failure per feed', async () => {
    const answer = deferred<Response>();
    const hub = fakeHub((method, path) => {
      if (method === 'GET') return json(200, { feeds: [status('a'), status('b')] });
      if (path === '/api/feeds/a/refresh') return answer.promise;
      return json(500, { error: 'internal', message: 'The hub failed to read the feed.' });
    });
    const list = new FeedsList(hub.api);
    await list.refresh();
    const reading = list.readNow('a', by);
    void list.readNow('a', by);
    expect(list.isReading('a')).toBe(true);
    await list.readNow('b', by);
    expect(list.readError('b')).toBeInstanceOf(HubError);
    expect((list.readError('b') as HubError).message).toBe('The hub failed to read the feed.');
    expect(list.readError('a')).toBeUndefined();

    answer.resolve(json(200, { status: status('a', { state: 'ok' }) }));
    await reading;
    expect(list.isReading('a')).toBe(false);
    expect(hub.calls.filter((call) => call.path === '/api/feeds/a/refresh')).toHaveLength(1);
    expect(list.feeds?.find((s) => s.feed.id === 'a')?.state).toBe('ok');
    expect(list.feeds?.find((s) => s.feed.id === 'b')?.state).toBe('never');
  });

  it('drops a list fetched before a read now answered, so an older status never overwrites a newer one', async () => {
    const slowList = deferred<Response>();
    let gets = 0;
    const hub = fakeHub((method) => {
      if (method === 'GET') return ++gets === 1 ? json(200, { feeds: [status('a')] }) : slowList.promise;
      return json(200, { status: status('a', { state: 'ok', items: 4 }) });
    });
    const list = new FeedsList(hub.api);
    await list.refresh();
    const stale = list.refresh();
    await list.readNow('a', by);
    slowList.resolve(json(200, { feeds: [status('a', { state: 'never' })] }));
    await stale;
    expect(list.feeds?.[0]?.state).toBe('ok');
    // The next fetch is newer than the read and is taken.
    gets = 0;
    await list.refresh();
    expect(list.feeds?.[0]?.state).toBe('never');
  });

  it('adds a saved feed, sends a change with its id, and takes a removed one off the list', async () => {
    const hub = fakeHub((method, path, body) => {
      if (method === 'GET') return json(200, { feeds: [status('old')] });
      if (path === '/api/feeds') return json(200, { status: status((body?.['id'] as string | undefined) ?? 'new', { feed: { ...status('x').feed, id: (body?.['id'] as string | undefined) ?? 'new', name: 'Saved' } }) });
      if (path === '/api/feeds/old/remove') return json(200, { ok: true });
      return json(404, { error: 'not-found', message: 'No feed "gone".' });
    });
    const list = new FeedsList(hub.api);
    await list.refresh();
    const draft = { kind: 'ical' as const, name: 'Saved', url: 'https://new.example.org/cal.ics', refreshMinutes: 60, organisation: 'fablab-genk', level: 'see-do' as const, themes: [] };
    await list.save(undefined, draft, by);
    expect(list.feeds?.map((s) => s.feed.id)).toEqual(['old', 'new']);
    await list.save('old', draft, by);
    expect(list.feeds?.map((s) => [s.feed.id, s.feed.name])).toEqual([
      ['old', 'Saved'],
      ['new', 'Saved'],
    ]);
    expect(hub.calls.filter((call) => call.path === '/api/feeds' && call.method === 'POST').map((call) => call.body?.['id'])).toEqual([undefined, 'old']);

    await list.remove('old', by);
    expect(list.feeds?.map((s) => s.feed.id)).toEqual(['new']);
    await expect(list.remove('gone', by)).rejects.toThrow('No feed "gone".');
    expect(list.feeds?.map((s) => s.feed.id)).toEqual(['new']);
  });

  it('keeps the last list while the hub is unreachable, and says since when', async () => {
    let up = true;
    let now = 100;
    const hub = fakeHub(() => (up ? json(200, { feeds: [status('a')] }) : new TypeError('fetch failed')));
    const list = new FeedsList(hub.api, () => now);
    await list.refresh();
    up = false;
    now = 200;
    await list.refresh();
    now = 300;
    await list.refresh();
    expect(list.feeds?.map((s) => s.feed.id)).toEqual(['a']);
    expect(list.unreachableSince).toBe(200);
    expect(list.listError).toBeUndefined();
    up = true;
    await list.refresh();
    expect(list.unreachableSince).toBeUndefined();
  });

  it('keeps a refusal of the list (a hub without feeds yet) for the page to say', async () => {
    const hub = fakeHub(() => json(404, { error: 'not-found', message: 'Feeds are not read by this hub yet.' }));
    const list = new FeedsList(hub.api);
    await list.refresh();
    expect(list.feeds).toBeUndefined();
    expect(list.listError).toBeInstanceOf(HubError);
    expect(list.listError).not.toBeInstanceOf(HubUnavailable);
  });
});
