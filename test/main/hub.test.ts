// Which hub the kiosk uses and which part answers an app:// request: pure decisions, plus the proxy
// to a remote hub driven through a fake fetch.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { chooseHub, parseHubUrl, proxyToHub, remoteTarget, routeAppRequest } from '../../src-main/hub';
import { CSP_HEADER } from '../../src-hub/http/csp';

describe('chooseHub', () => {
  it('is the embedded hub unless one is named', () => {
    expect(chooseHub({ argv: ['electron', '.'], env: {} })).toEqual({ kind: 'embedded' });
    expect(chooseHub({ argv: [], env: { WEGWIJZER_HUB: '  ' } })).toEqual({ kind: 'embedded' });
  });

  it('takes --hub, --hub= and WEGWIJZER_HUB, the argument first', () => {
    expect(chooseHub({ argv: ['wegwijzer', '--hub', 'http://hub.local:5180'], env: {} })).toEqual({ kind: 'remote', base: 'http://hub.local:5180/', from: 'argument' });
    expect(chooseHub({ argv: ['wegwijzer', '--hub=https://hub.example/wegwijzer'], env: { WEGWIJZER_HUB: 'http://other/' } })).toEqual({ kind: 'remote', base: 'https://hub.example/wegwijzer/', from: 'argument' });
    expect(chooseHub({ argv: [], env: { WEGWIJZER_HUB: 'http://10.0.0.2:5180/' } })).toEqual({ kind: 'remote', base: 'http://10.0.0.2:5180/', from: 'environment' });
  });

  it('refuses an unusable address instead of falling back to a second, embedded authority', () => {
    expect(chooseHub({ argv: ['wegwijzer', '--hub'], env: {} })).toMatchObject({ kind: 'invalid', reason: 'not a URL' });
    expect(chooseHub({ argv: ['wegwijzer', '--hub', 'file:///etc/passwd'], env: {} })).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/http/) });
  });
});

describe('parseHubUrl', () => {
  it.each([
    ['http://hub.local:5180', 'http://hub.local:5180/'],
    ['https://HUB.example/', 'https://hub.example/'],
    ['https://hub.example/wegwijzer', 'https://hub.example/wegwijzer/'],
    ['http://[::1]:5180/', 'http://[::1]:5180/'],
  ])('accepts %s as %s', (value, base) => expect(parseHubUrl(value)).toEqual({ ok: true, base }));

  it.each(['hub.local:5180', 'ftp://hub/', 'file:///x', 'javascript:alert(1)', 'app://kiosk/', 'http://user:pw@hub/', 'http://user@hub/', 'http://hub/?x=1', 'http://hub/#x', 'http://hub/?', 'not a url', ''])(
    'refuses %s',
    (value) => expect(parseHubUrl(value).ok).toBe(false),
  );
});

describe('routeAppRequest', () => {
  const REMOTE = 'https://hub.example/w/';

  it('serves the recovery pages from main, whatever the hub', () => {
    expect(routeAppRequest('app://kiosk/recovery.html', null)).toEqual({ kind: 'recovery', page: 'recovery.html' });
    expect(routeAppRequest('app://kiosk/recovery.css?x', REMOTE)).toEqual({ kind: 'recovery', page: 'recovery.css' });
  });

  it('sends everything else to the local hub app when the hub is embedded', () => {
    for (const url of ['app://kiosk/', 'app://kiosk', 'app://kiosk/api/changes?since=0', 'app://kiosk/site/bundle.json', 'app://kiosk/assets/a.js', 'app://kiosk/follow/']) {
      expect(routeAppRequest(url, null), url).toEqual({ kind: 'local' });
    }
  });

  it('with a remote hub: /api/* and /site/* go there, the kiosk build and the log stay here', () => {
    expect(routeAppRequest('app://kiosk/api/changes?since=3&wait=30000', REMOTE)).toEqual({ kind: 'remote', target: 'https://hub.example/w/api/changes?since=3&wait=30000' });
    expect(routeAppRequest('app://kiosk/site/plan%20v2.png', REMOTE)).toEqual({ kind: 'remote', target: 'https://hub.example/w/site/plan%20v2.png' });
    expect(routeAppRequest('app://kiosk/api/log', REMOTE)).toEqual({ kind: 'local' });
    expect(routeAppRequest('app://kiosk/', REMOTE)).toEqual({ kind: 'local' });
    expect(routeAppRequest('app://kiosk/apis', REMOTE)).toEqual({ kind: 'local' });
    expect(routeAppRequest('app://kiosk/follow/catalogue.json', REMOTE)).toEqual({ kind: 'local' });
  });

  it.each(['app://evil/api/health', 'app://kiosk.evil/', 'app://x@kiosk/', 'app://kiosk:1/', 'https://kiosk/', 'file:///etc/passwd', 'app://kiosk/a\\b'])('refuses %s', (url) => {
    expect(routeAppRequest(url, REMOTE)).toEqual({ kind: 'not-found' });
  });
});

describe('remoteTarget', () => {
  const BASE = 'https://hub.example/w/';
  it('keeps every target at the hub and under its path', () => {
    expect(remoteTarget('/api/health', BASE)).toBe('https://hub.example/w/api/health');
    expect(remoteTarget('/api/../../admin', BASE)).toBeNull();
    expect(remoteTarget('/api/%2e%2e/%2e%2e/admin', BASE)).toBeNull();
    expect(remoteTarget('//evil.example/api', BASE)).toBeNull();
    expect(remoteTarget('/\\evil.example', BASE)).toBeNull();
    expect(remoteTarget('/api/health#frag', BASE)).toBe('https://hub.example/w/api/health');
    expect(remoteTarget('api/health', BASE)).toBeNull();
  });
});

describe('proxyToHub', () => {
  it('passes method, body and the content type on, and the answer back with this host’s security headers', async () => {
    const fetch = vi.fn(async (_input: string, _init: RequestInit) =>
      new Response('{"booking":{}}', { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Set-Cookie': 'x=1', 'Content-Security-Policy': "default-src *" } }),
    );
    const request = new Request('app://kiosk/api/bookings', { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: 'a=b', 'X-Kiosk': 'lobby' }, body: '{"a":1}' });
    const response = await proxyToHub(request, 'https://hub.example/api/bookings', fetch);
    const [target, init] = fetch.mock.calls[0]!;
    expect(target).toBe('https://hub.example/api/bookings');
    expect(init.method).toBe('POST');
    expect(new TextDecoder().decode(init.body as ArrayBuffer)).toBe('{"a":1}');
    expect(Object.fromEntries(init.headers as Headers)).toEqual({ 'content-type': 'application/json' });
    expect(init.redirect).toBe('manual');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"booking":{}}');
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('keeps refusals as they are (statuses and Retry-After)', async () => {
    const fetch = async () => new Response('{"error":"rate-limited"}', { status: 429, headers: { 'Retry-After': '5', 'Content-Type': 'application/json' } });
    const response = await proxyToHub(new Request('app://kiosk/api/changes?since=0'), 'https://hub.example/api/changes?since=0', fetch);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('answers 502 "unavailable" when the hub cannot be reached', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const response = await proxyToHub(new Request('app://kiosk/api/health'), 'http://hub.local:5180/api/health', fetch);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: 'unavailable', message: 'The site hub at http://hub.local:5180 cannot be reached (fetch failed).' });
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
  });

  it('passes the kiosk’s abort on, so a long poll ends when the page goes', async () => {
    let seen: AbortSignal | undefined;
    const fetch = (_input: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        seen = init.signal ?? undefined;
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const controller = new AbortController();
    const answer = proxyToHub(new Request('app://kiosk/api/changes?since=0&wait=30000', { signal: controller.signal }), 'http://hub/api/changes', fetch);
    await vi.waitFor(() => expect(seen).toBeDefined());
    controller.abort();
    expect((await answer).status).toBe(502);
    expect(seen?.aborted).toBe(true);
  });
});
