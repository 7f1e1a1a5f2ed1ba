// The hub's feed fetching (src-hub/feeds/fetch.ts), its back-off (backoff.ts) and its page walker
// (pages.ts), against a real HTTP server on loopback (test/support/feed-server.ts). No assertion here
// depends on speed: timeouts are asserted by their outcome against a server that never finishes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_REDIRECTS,
  MAX_RETRY_AFTER_MS,
  fetchFeed,
  formatBytes,
  formatDuration,
  parseRetryAfter,
  type FetchOutcome,
} from '../../src-hub/feeds/fetch';
import { FIRST_RETRY_MS, MAX_BACKOFF_MS, nextAttemptAt, type BackoffState } from '../../src-hub/feeds/backoff';
import { walkPages, type PageStep } from '../../src-hub/feeds/pages';
import { DEFAULT_LAST_MODIFIED, INVALID_JSON, etagOf, startFeedServer, type FeedServer } from '../support/feed-server';

vi.setConfig({ testTimeout: 30_000 });

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(() => server.close());

const CALENDAR = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//feed//EN\r\nEND:VCALENDAR\r\n';

function expectFailed(outcome: FetchOutcome, reason: string) {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('failed');
  if (outcome.kind !== 'failed') throw new Error('unreachable');
  expect(outcome.reason, outcome.message).toBe(reason);
  return outcome;
}

function expectFresh(outcome: FetchOutcome) {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('fresh');
  if (outcome.kind !== 'fresh') throw new Error('unreachable');
  return outcome;
}

describe('fetchFeed: a good read', () => {
  it('returns the body with its validators, and names Wegwijzer in the User-Agent', async () => {
    server.route('/agenda.ics', { body: CALENDAR, contentType: 'text/calendar; charset=utf-8' });
    const fresh = expectFresh(await fetchFeed(server.url('/agenda.ics')));
    expect(fresh).toEqual({
      kind: 'fresh',
      body: CALENDAR,
      etag: etagOf(CALENDAR),
      lastModified: DEFAULT_LAST_MODIFIED,
      contentType: 'text/calendar; charset=utf-8',
      bytes: Buffer.byteLength(CALENDAR),
      status: 200,
      url: server.url('/agenda.ics'),
    });
    const [request] = server.requests('/agenda.ics');
    expect(request?.headers['user-agent']).toMatch(/Wegwijzer/);
    expect(request?.headers['accept']).toBe('*/*');
    expect(request?.headers['if-none-match']).toBeUndefined();
    expect(request?.headers['if-modified-since']).toBeUndefined();
  });

  it('sends the caller\'s headers, Accept and User-Agent', async () => {
    server.route('/events', { body: '{}', contentType: 'application/ld+json' });
    await fetchFeed(server.url('/events?q=3600'), { headers: { 'x-api-key': 'k-123' }, accept: 'application/ld+json', userAgent: 'Wegwijzer-hub/9 (site De Brug)' });
    const [request] = server.requests('/events');
    expect(request?.url).toBe('/events?q=3600');
    expect(request?.headers['x-api-key']).toBe('k-123');
    expect(request?.headers['accept']).toBe('application/ld+json');
    expect(request?.headers['user-agent']).toBe('Wegwijzer-hub/9 (site De Brug)');
  });

  it('exports its defaults: 20 s and 10 MB', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(20_000);
    expect(DEFAULT_MAX_BYTES).toBe(10 * 1024 * 1024);
  });

  it('hands invalid JSON over as text: judging the content is the reader\'s job', async () => {
    server.route('/feed.json', { body: INVALID_JSON, contentType: 'application/json' });
    const fresh = expectFresh(await fetchFeed(server.url('/feed.json')));
    expect(fresh.body).toBe(INVALID_JSON);
    expect(() => JSON.parse(fresh.body)).toThrow(SyntaxError);
  });

  it('reads a slow trickle to the end when it finishes in time', async () => {
    const body = 'abcdefghij'.repeat(5);
    server.route('/slow', { body, trickle: { bytes: 10, intervalMs: 5 } });
    expect(expectFresh(await fetchFeed(server.url('/slow'))).body).toBe(body);
  });

  it('answers in turn when a route lists several answers (a failing server that recovers)', async () => {
    server.route('/flaky', [{ status: 500 }, { body: 'ok' }]);
    expectFailed(await fetchFeed(server.url('/flaky')), 'http');
    expect(expectFresh(await fetchFeed(server.url('/flaky'))).body).toBe('ok');
    expect(expectFresh(await fetchFeed(server.url('/flaky'))).body).toBe('ok');
    expect(server.count('/flaky')).toBe(3);
  });
});

describe('fetchFeed: conditional requests', () => {
  it('sends If-None-Match with the ETag and gets not-modified on a 304', async () => {
    server.route('/agenda.ics', { body: CALENDAR, lastModified: null });
    const first = expectFresh(await fetchFeed(server.url('/agenda.ics')));
    expect(first.lastModified).toBeUndefined();
    const second = await fetchFeed(server.url('/agenda.ics'), { etag: first.etag });
    expect(second).toEqual({ kind: 'not-modified' });
    expect(server.requests('/agenda.ics')[1]?.headers['if-none-match']).toBe(first.etag);
  });

  it('sends If-Modified-Since with Last-Modified and gets not-modified on a 304', async () => {
    server.route('/agenda.ics', { body: CALENDAR, etag: null });
    const first = expectFresh(await fetchFeed(server.url('/agenda.ics')));
    expect(first.etag).toBeUndefined();
    expect(await fetchFeed(server.url('/agenda.ics'), { lastModified: first.lastModified })).toEqual({ kind: 'not-modified' });
    expect(server.requests('/agenda.ics')[1]?.headers['if-modified-since']).toBe(DEFAULT_LAST_MODIFIED);
  });

  it('gets the new body when the feed changed since the copy the validators name', async () => {
    server.route('/agenda.ics', { body: CALENDAR });
    const first = expectFresh(await fetchFeed(server.url('/agenda.ics')));
    const changed = CALENDAR.replace('test//feed', 'test//feed 2');
    server.route('/agenda.ics', { body: changed, lastModified: 'Tue, 01 Dec 2026 09:00:00 GMT' });
    const second = expectFresh(await fetchFeed(server.url('/agenda.ics'), { etag: first.etag, lastModified: first.lastModified }));
    expect(second.body).toBe(changed);
    expect(second.etag).toBe(etagOf(changed));
    expect(second.etag).not.toBe(first.etag);
  });
});

describe('fetchFeed: time and size limits', () => {
  it('gives up on a server that never answers', async () => {
    server.route('/hang', { hang: 'headers' });
    const failed = expectFailed(await fetchFeed(server.url('/hang'), { timeoutMs: 150 }), 'timeout');
    expect(failed.message).toBe('The feed did not answer within 150 ms.');
  });

  it('gives up on a body that stalls after the headers', async () => {
    server.route('/stall', { body: 'x'.repeat(10_000), hang: 'body' });
    expectFailed(await fetchFeed(server.url('/stall'), { timeoutMs: 150 }), 'timeout');
  });

  it('gives up on a trickle that would never finish: the deadline covers the whole body', async () => {
    server.route('/trickle', { body: 'x'.repeat(100_000), trickle: { bytes: 10, intervalMs: 20 } });
    expectFailed(await fetchFeed(server.url('/trickle'), { timeoutMs: 300 }), 'timeout');
  });

  it('ends a fetch that never settles through its signal (an injected fetch, as the hub\'s tests may pass)', async () => {
    const stuck: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const failed = expectFailed(await fetchFeed('https://feeds.example/x', { fetch: stuck, timeoutMs: 50 }), 'timeout');
    expect(failed.message).toBe('The feed did not answer within 50 ms.');
    expect(formatDuration(DEFAULT_TIMEOUT_MS)).toBe('20 s');
  });

  it('ends a stalled body even when the fetch implementation does not watch the signal itself', async () => {
    const deaf: typeof fetch = async () =>
      new Response(new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('BEGIN:VCALENDAR')) }));
    expectFailed(await fetchFeed('https://feeds.example/agenda.ics', { fetch: deaf, timeoutMs: 100 }), 'timeout');
  });

  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    // The server claims 20 MB, sends a little and stalls: reading would end in a timeout, not too-large.
    server.route('/claims-big', { body: 'small', contentLength: 20 * 1024 * 1024 });
    const failed = expectFailed(await fetchFeed(server.url('/claims-big'), { maxBytes: 1024 * 1024, timeoutMs: 15_000 }), 'too-large');
    expect(failed.message).toBe('The feed is larger than 1 MB (it says 20 MB); ask its owner for a smaller query, or raise the limit.');
  });

  it('stops a streamed body without Content-Length as soon as it passes the limit', async () => {
    server.route('/huge', { huge: 50 * 1024 * 1024 });
    const failed = expectFailed(await fetchFeed(server.url('/huge'), { maxBytes: 256 * 1024, timeoutMs: 15_000 }), 'too-large');
    expect(failed.message).toBe('The feed is larger than 256 KB; ask its owner for a smaller query, or raise the limit.');
    expect(server.count('/huge')).toBe(1);
  });

  it('takes a body of exactly the limit, and refuses one byte more', async () => {
    server.route('/exact', { body: 'y'.repeat(1000), contentLength: null });
    expect(expectFresh(await fetchFeed(server.url('/exact'), { maxBytes: 1000 })).bytes).toBe(1000);
    expectFailed(await fetchFeed(server.url('/exact'), { maxBytes: 999 }), 'too-large');
  });
});

describe('fetchFeed: HTTP failures', () => {
  it.each([
    [404, 'The server answered 404 Not Found: check the URL.'],
    [410, 'The server answered 410 Gone: check the URL.'],
    [500, 'The server answered 500 Internal Server Error: the problem is on the feed\'s side; the hub tries again later.'],
    [400, 'The server answered 400 Bad Request: the server did not accept the request; check the URL and the feed\'s query.'],
  ])('%i: says what to do', async (status, message) => {
    server.route('/x', { status, body: 'nope' });
    const failed = expectFailed(await fetchFeed(server.url('/x')), 'http');
    expect(failed.status).toBe(status);
    expect(failed.message).toBe(message);
    expect(failed.retryAfterMs).toBeUndefined();
  });

  it('401 names the API key variable when the caller gives it', async () => {
    server.route('/search', { status: 401 });
    const failed = expectFailed(await fetchFeed(server.url('/search'), { apiKeyEnv: 'UITDATABANK_API_KEY' }), 'http');
    expect(failed.message).toBe('The server answered 401 Unauthorized: the API key is missing or wrong (set UITDATABANK_API_KEY on the hub).');
  });

  it('429 passes Retry-After in seconds on', async () => {
    server.route('/busy', { status: 429, retryAfter: 120 });
    const failed = expectFailed(await fetchFeed(server.url('/busy')), 'http');
    expect(failed).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(failed.message).toBe('The server answered 429 Too Many Requests: the hub reads the feed too often for the server; it asked to wait 2 min before trying again.');
  });

  it('503 passes Retry-After as an HTTP date on', async () => {
    const at = new Date(Date.now() + 60 * 60 * 1000);
    server.route('/down', { status: 503, retryAfter: at.toUTCString() });
    const failed = expectFailed(await fetchFeed(server.url('/down')), 'http');
    expect(failed.status).toBe(503);
    // The date has whole seconds and the clock moves on: somewhere in the last minute before it.
    expect(failed.retryAfterMs).toBeGreaterThan(59 * 60 * 1000);
    expect(failed.retryAfterMs).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it('429 without Retry-After, and a 404 with one, carry no retryAfterMs', async () => {
    server.route('/busy', { status: 429 });
    server.route('/gone', { status: 404, retryAfter: 60 });
    expect(expectFailed(await fetchFeed(server.url('/busy')), 'http').retryAfterMs).toBeUndefined();
    expect(expectFailed(await fetchFeed(server.url('/gone')), 'http').retryAfterMs).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 02 Dec 2026 12:05:00 GMT', 300_000],
    ['Wed, 02 Dec 2026 11:00:00 GMT', 0],
    ['99999999', MAX_RETRY_AFTER_MS],
    ['Sat, 02 Jan 2027 12:00:00 GMT', MAX_RETRY_AFTER_MS],
  ])('%j → %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
  it.each([[null], [undefined], [''], ['-5'], ['1.5'], ['soon'], ['2026-12-02']])('%j → undefined', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('fetchFeed: redirects', () => {
  it(`follows up to ${MAX_REDIRECTS} redirects and reports where the body came from`, async () => {
    server.route('/final.ics', { body: CALENDAR });
    server.redirectChain('/start', '/final.ics', MAX_REDIRECTS, 301);
    const fresh = expectFresh(await fetchFeed(server.url('/start'), { etag: '"old"' }));
    expect(fresh.body).toBe(CALENDAR);
    expect(fresh.url).toBe(server.url('/final.ics'));
    // The conditional header travels along: the validator belongs to the final resource.
    expect(server.requests('/final.ics')[0]?.headers['if-none-match']).toBe('"old"');
  });

  it('gives up after one redirect more than that', async () => {
    server.route('/final.ics', { body: CALENDAR });
    server.redirectChain('/start', '/final.ics', MAX_REDIRECTS + 1);
    const failed = expectFailed(await fetchFeed(server.url('/start')), 'refused');
    expect(failed.message).toMatch(/redirected more than 5 times/);
    expect(server.count('/final.ics')).toBe(0);
  });

  it('stops a redirect loop', async () => {
    server.route('/a', { redirect: '/b' });
    server.route('/b', { redirect: '/a' });
    expectFailed(await fetchFeed(server.url('/a')), 'refused');
    expect(server.count('/a') + server.count('/b')).toBe(MAX_REDIRECTS + 1);
  });

  it('resolves a relative Location', async () => {
    server.route('/feeds/new/agenda.ics', { body: CALENDAR });
    server.route('/feeds/old/agenda.ics', { redirect: '../new/agenda.ics', status: 308 });
    expect(expectFresh(await fetchFeed(server.url('/feeds/old/agenda.ics'))).url).toBe(server.url('/feeds/new/agenda.ics'));
  });

  it('never follows a redirect to anything but http(s)', async () => {
    server.route('/sneaky', { redirect: 'file:///etc/passwd' });
    const failed = expectFailed(await fetchFeed(server.url('/sneaky')), 'refused');
    expect(failed.message).toBe('The feed redirected to file:///etc/passwd, which is not an http:// or https:// address; the hub reads feeds only over HTTP(S).');
  });

  it('a redirect without Location is an HTTP failure', async () => {
    server.route('/nowhere', { status: 302 });
    const failed = expectFailed(await fetchFeed(server.url('/nowhere')), 'http');
    expect(failed.status).toBe(302);
    expect(failed.message).toMatch(/without saying where the feed moved to/);
  });

  it('keeps the caller\'s headers on the feed\'s own origin and drops them on another', async () => {
    const other = await startFeedServer();
    try {
      other.route('/elsewhere', { body: 'moved' });
      server.route('/here', { redirect: '/there' });
      server.route('/there', { redirect: other.url('/elsewhere') });
      const fresh = expectFresh(await fetchFeed(server.url('/here'), { headers: { 'x-api-key': 'secret' } }));
      expect(fresh.body).toBe('moved');
      expect(server.requests('/there')[0]?.headers['x-api-key']).toBe('secret');
      expect(other.requests('/elsewhere')[0]?.headers['x-api-key']).toBeUndefined();
      expect(other.requests('/elsewhere')[0]?.headers['user-agent']).toMatch(/Wegwijzer/);
    } finally {
      await other.close();
    }
  });
});

describe('fetchFeed: addresses it refuses', () => {
  it.each([
    ['not a url?apiKey=secret', /^The feed's address is not a valid URL/],
    ['ftp://feeds.example/agenda.ics', /not an http:\/\/ or https:\/\/ address/],
    ['file:///etc/passwd', /not an http:\/\/ or https:\/\/ address/],
    ['https://user:pw@feeds.example/agenda.ics', /user name or password/],
  ])('%s', async (url, message) => {
    const neverCalled = vi.fn<typeof fetch>();
    const failed = expectFailed(await fetchFeed(url, { fetch: neverCalled }), 'refused');
    expect(failed.message).toMatch(message);
    expect(failed.message).not.toMatch(/secret|pw@/);
    expect(neverCalled).not.toHaveBeenCalled();
  });
});

describe('fetchFeed: network failures', () => {
  it('a server that hangs up without answering', async () => {
    server.route('/drop', { drop: true });
    const failed = expectFailed(await fetchFeed(server.url('/drop')), 'network');
    expect(failed.message).toMatch(/^The server 127\.0\.0\.1:\d+ closed the connection without answering/);
  });

  it('a port nobody listens on', async () => {
    const gone = await startFeedServer();
    const url = gone.url('/agenda.ics');
    await gone.close();
    const failed = expectFailed(await fetchFeed(url), 'network');
    expect(failed.message).toMatch(/refused the connection: check the URL and its port/);
  });

  it.each([
    ['ENOTFOUND', 'The host name feeds.invalid was not found: check the URL, and that the hub can reach the internet.'],
    ['UND_ERR_CONNECT_TIMEOUT', 'Could not connect to feeds.invalid in time: check the URL, and that no firewall stands between the hub and the server.'],
    ['ENETUNREACH', 'The hub has no route to feeds.invalid: check the hub\'s network connection.'],
    ['CERT_HAS_EXPIRED', 'The secure connection to feeds.invalid failed (CERT_HAS_EXPIRED): its certificate is not valid for that name or not trusted. Tell the feed\'s owner.'],
  ])('%s, as Node\'s fetch reports it', async (code, message) => {
    const failing: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error(`${code} feeds.invalid`), { code }) }));
    const failed = expectFailed(await fetchFeed('https://feeds.invalid/agenda.ics', { fetch: failing }), 'network');
    expect(failed.message).toBe(message);
  });

  it('a refusal from every address of a host (Node reports an AggregateError)', async () => {
    const refusedAll: typeof fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:8080'), { code: 'ECONNREFUSED' })]) }));
    const failed = expectFailed(await fetchFeed('http://localhost:8080/agenda.ics', { fetch: refusedAll }), 'network');
    expect(failed.message).toMatch(/^The server localhost:8080 refused the connection/);
  });

  it('a connection that breaks off in the middle of the body', async () => {
    server.route('/cut', (_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('x'.repeat(100), () => response.socket?.destroy());
    });
    const failed = expectFailed(await fetchFeed(server.url('/cut')), 'network');
    expect(failed.message).toMatch(/broke off before the whole feed arrived/);
  });

  it('close() ends an answer that hangs, so nothing is left waiting', async () => {
    server.route('/hang', { hang: 'headers' });
    const pending = fetchFeed(server.url('/hang'), { timeoutMs: 15_000 });
    await vi.waitFor(() => expect(server.count('/hang')).toBe(1), { timeout: 10_000 });
    await server.close();
    expectFailed(await pending, 'network');
  });
});

describe('fetchFeed: the caller cancels', () => {
  it('rejects with the caller\'s reason instead of reporting a failed read', async () => {
    server.route('/hang', { hang: 'headers' });
    const controller = new AbortController();
    const pending = fetchFeed(server.url('/hang'), { signal: controller.signal, timeoutMs: 15_000 });
    await vi.waitFor(() => expect(server.count('/hang')).toBe(1), { timeout: 10_000 });
    controller.abort(new Error('hub shutting down'));
    await expect(pending).rejects.toThrow('hub shutting down');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const neverCalled = vi.fn<typeof fetch>();
    await expect(fetchFeed('https://feeds.example/x', { signal: AbortSignal.abort(new Error('stop')), fetch: neverCalled })).rejects.toThrow('stop');
    expect(neverCalled).not.toHaveBeenCalled();
  });
});

describe('fetchFeed: decoding', () => {
  it('decodes the charset the Content-Type names', async () => {
    server.route('/latin1', { body: Buffer.from('Café à Genk', 'latin1'), contentType: 'text/plain; charset=ISO-8859-1' });
    expect(expectFresh(await fetchFeed(server.url('/latin1'))).body).toBe('Café à Genk');
  });

  it('reads UTF-8 when no charset is named, and drops a byte order mark', async () => {
    server.route('/bom', { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ça va — İyi')]), contentType: 'application/json' });
    expect(expectFresh(await fetchFeed(server.url('/bom'))).body).toBe('Ça va — İyi');
  });

  it('falls back to UTF-8 for a charset it does not know', async () => {
    server.route('/odd', { body: 'Zoë', contentType: 'text/calendar; charset="x-made-up"' });
    expect(expectFresh(await fetchFeed(server.url('/odd'))).body).toBe('Zoë');
  });

  it('refuses bytes that are not valid in the charset', async () => {
    server.route('/broken', { body: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x21]), contentType: 'text/calendar' });
    const failed = expectFailed(await fetchFeed(server.url('/broken')), 'encoding');
    expect(failed.message).toMatch(/^The feed is not valid UTF-8 text/);
  });
});

describe('formatting for messages', () => {
  it.each([
    [250, '250 ms'],
    [1500, '1.5 s'],
    [20_000, '20 s'],
    [120_000, '2 min'],
    [3_600_000, '1 h'],
    [9_000_000, '2 h 30 min'],
  ])('formatDuration(%i) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  it.each([
    [900, '900 bytes'],
    [256 * 1024, '256 KB'],
    [10 * 1024 * 1024, '10 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
  ])('formatBytes(%i) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('nextAttemptAt: the back-off policy', () => {
  const at = Date.parse('2026-12-02T12:00:00Z');
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const noJitter = () => 0.5;
  const cases: [string, Omit<BackoffState, 'lastAttemptAt'>, number][] = [
    ['after a good read: one refresh interval', { failures: 0, refreshMinutes: 60 }, 60 * MIN],
    ['first failure: 1 minute', { failures: 1, refreshMinutes: 60 }, 1 * MIN],
    ['second: 2 minutes', { failures: 2, refreshMinutes: 60 }, 2 * MIN],
    ['third: 4 minutes', { failures: 3, refreshMinutes: 60 }, 4 * MIN],
    ['eighth: 128 minutes, under the cap of 4 intervals', { failures: 8, refreshMinutes: 60 }, 128 * MIN],
    ['ninth: capped at 4 refresh intervals', { failures: 9, refreshMinutes: 60 }, 4 * HOUR],
    ['a 15-minute feed is retried at least hourly', { failures: 10, refreshMinutes: 15 }, HOUR],
    ['a daily feed: capped at a day, not 4 days', { failures: 20, refreshMinutes: 24 * 60 }, MAX_BACKOFF_MS],
    ['a 1-minute feed: capped at 4 minutes', { failures: 6, refreshMinutes: 1 }, 4 * MIN],
    ['thousands of failures: still the cap, not Infinity', { failures: 5000, refreshMinutes: 60 }, 4 * HOUR],
    ['Retry-After longer than the back-off wins', { failures: 1, refreshMinutes: 60, retryAfterMs: 2 * HOUR }, 2 * HOUR],
    ['Retry-After wins past the cap', { failures: 12, refreshMinutes: 60, retryAfterMs: 10 * HOUR }, 10 * HOUR],
    ['Retry-After shorter than the back-off: the back-off', { failures: 4, refreshMinutes: 60, retryAfterMs: 30_000 }, 8 * MIN],
  ];
  it.each(cases)('%s', (_name, state, wait) => {
    expect(nextAttemptAt({ ...state, lastAttemptAt: at }, noJitter) - at).toBe(wait);
  });

  it.each([
    ['lowest draw: 10% sooner', 0, 54 * MIN],
    ['highest draw: 10% later', 1 - Number.EPSILON, 66 * MIN],
    ['a quarter: 5% sooner', 0.25, 57 * MIN],
  ])('jitter, %s', (_name, draw, wait) => {
    expect(nextAttemptAt({ failures: 0, lastAttemptAt: at, refreshMinutes: 60 }, () => draw) - at).toBe(wait);
  });

  it('jitter spreads the back-off too, but never under Retry-After', () => {
    expect(nextAttemptAt({ failures: 1, lastAttemptAt: at, refreshMinutes: 60 }, () => 0) - at).toBe(0.9 * FIRST_RETRY_MS);
    expect(nextAttemptAt({ failures: 1, lastAttemptAt: at, refreshMinutes: 60, retryAfterMs: 5 * MIN }, () => 0) - at).toBe(5 * MIN);
  });

  it('stays within ±10% for any draw', () => {
    for (let draw = 0; draw < 1; draw += 0.01) {
      const wait = nextAttemptAt({ failures: 3, lastAttemptAt: at, refreshMinutes: 60 }, () => draw) - at;
      expect(wait).toBeGreaterThanOrEqual(0.9 * 4 * MIN);
      expect(wait).toBeLessThanOrEqual(1.1 * 4 * MIN);
    }
  });
});

describe('walkPages', () => {
  /** An in-memory paged feed: url → page. */
  function feed(pages: Record<string, PageStep>) {
    const read: string[] = [];
    const fetchPage = async (url: string) => {
      read.push(url);
      const page = pages[url];
      if (!page) throw new Error(`no page ${url}`);
      return page;
    };
    return { read, fetchPage };
  }
  const A = 'https://feeds.example/rpde';
  const B = 'https://feeds.example/rpde?afterTimestamp=2&afterId=b';
  const C = 'https://feeds.example/rpde?afterTimestamp=3&afterId=c';

  it('walks to RPDE\'s last page (no items, next = itself) and keeps it as the cursor', async () => {
    const { read, fetchPage } = feed({ [A]: { itemCount: 2, next: B }, [B]: { itemCount: 1, next: C }, [C]: { itemCount: 0, next: C } });
    const result = await walkPages(A, fetchPage, { maxPages: 10 });
    expect(read).toEqual([A, B, C]);
    expect(result).toMatchObject({ cursor: C, complete: true, stop: 'last-page' });
    expect(result.pages.map((page) => page.itemCount)).toEqual([2, 1, 0]);
  });

  it('stops at maxPages with the cursor to continue from, and continues from it', async () => {
    const { read, fetchPage } = feed({ [A]: { itemCount: 2, next: B }, [B]: { itemCount: 1, next: C }, [C]: { itemCount: 0, next: C } });
    const first = await walkPages(A, fetchPage, { maxPages: 2 });
    expect(first).toMatchObject({ cursor: C, complete: false, stop: 'max-pages' });
    expect(read).toEqual([A, B]);
    const second = await walkPages(first.cursor, fetchPage, { maxPages: 2 });
    expect(second).toMatchObject({ cursor: C, complete: true, stop: 'last-page' });
    expect(read).toEqual([A, B, C]);
  });

  it('reads a page whose next is itself but which had items once more, then stops instead of looping', async () => {
    const { read, fetchPage } = feed({ [A]: { itemCount: 3, next: A } });
    const result = await walkPages(A, fetchPage, { maxPages: 100 });
    expect(read).toEqual([A, A]);
    expect(result).toMatchObject({ cursor: A, complete: false, stop: 'repeat' });
  });

  it('ends normally when the re-read of such a page comes back empty', async () => {
    let reads = 0;
    const result = await walkPages(A, async () => ({ itemCount: reads++ === 0 ? 3 : 0, next: A }), { maxPages: 100 });
    expect(reads).toBe(2);
    expect(result).toMatchObject({ cursor: A, complete: true, stop: 'last-page' });
  });

  it('stops a cycle between pages', async () => {
    const { read, fetchPage } = feed({ [A]: { itemCount: 1, next: B }, [B]: { itemCount: 1, next: A } });
    const result = await walkPages(A, fetchPage, { maxPages: 100 });
    expect(read).toEqual([A, B, A]);
    expect(result.stop).toBe('repeat');
    expect(result.complete).toBe(false);
  });

  it('resolves a relative next against the page it came from', async () => {
    const { read, fetchPage } = feed({ [A]: { itemCount: 1, next: '/rpde?afterTimestamp=2&afterId=b' }, [B]: { itemCount: 0, next: B } });
    expect((await walkPages(A, fetchPage, { maxPages: 5 })).complete).toBe(true);
    expect(read).toEqual([A, B]);
  });

  it('ends at a page without next', async () => {
    const { fetchPage } = feed({ [A]: { itemCount: 4 } });
    expect(await walkPages(A, fetchPage, { maxPages: 5 })).toMatchObject({ cursor: A, complete: true, stop: 'last-page' });
  });

  it('keeps the pages read before a failure and the failed page as cursor', async () => {
    const { fetchPage } = feed({ [A]: { itemCount: 2, next: B } });
    const result = await walkPages(A, fetchPage, { maxPages: 5 });
    expect(result).toMatchObject({ cursor: B, complete: false, stop: 'error' });
    expect(result.pages).toHaveLength(1);
    expect(String(result.error)).toMatch(/no page/);
  });

  it('takes the caller\'s own rule for the last page', async () => {
    const { read, fetchPage } = feed({ [A]: { itemCount: 5, next: B }, [B]: { itemCount: 2, next: C } });
    const result = await walkPages(A, fetchPage, { maxPages: 5, isLastPage: (page) => page.itemCount < 5 });
    expect(read).toEqual([A, B]);
    expect(result).toMatchObject({ cursor: B, complete: true });
  });

  it('walks an RPDE feed on the loopback server with fetchFeed', async () => {
    const page = (items: { id: string; modified: number }[], next: string) => JSON.stringify({ items, next, license: 'https://creativecommons.org/licenses/by/4.0/' });
    server.route('/rpde', { body: page([{ id: 'a', modified: 1 }, { id: 'b', modified: 2 }], '/rpde?afterTimestamp=2&afterId=b'), contentType: 'application/json' });
    server.route('/rpde?afterTimestamp=2&afterId=b', { body: page([{ id: 'c', modified: 3 }], '/rpde?afterTimestamp=3&afterId=c'), contentType: 'application/json' });
    server.route('/rpde?afterTimestamp=3&afterId=c', { body: page([], '/rpde?afterTimestamp=3&afterId=c'), contentType: 'application/json' });
    const ids: string[] = [];
    const result = await walkPages(
      server.url('/rpde'),
      async (url) => {
        const outcome = await fetchFeed(url, { accept: 'application/json' });
        if (outcome.kind !== 'fresh') throw new Error(outcome.kind === 'failed' ? outcome.message : 'unexpected 304');
        const body = JSON.parse(outcome.body) as { items: { id: string }[]; next: string };
        ids.push(...body.items.map((item) => item.id));
        return { next: body.next, itemCount: body.items.length };
      },
      { maxPages: 10 },
    );
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(result).toMatchObject({ cursor: server.url('/rpde?afterTimestamp=3&afterId=c'), complete: true });
    expect(server.count('/rpde')).toBe(3);
    expect(server.count('/rpde?afterTimestamp=3&afterId=c')).toBe(1);
  });
});
