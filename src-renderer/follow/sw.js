/* global self, caches */
// The follow-up page's service worker: after one visit the page opens again without a network (in a
// basement, abroad, on a flaky phone). Hand-written and small on purpose; the build (a plugin in
// vite.follow.config.ts) fills in BUILD_ID and the PRECACHE list and emits it as an unhashed sw.js.
//
// - install: cache the whole app shell (every built file, lazy chunks included, so the map and "add
//   to calendar" also work offline), plus the catalogue and the plan it names, best effort.
// - fetch: hashed assets/ are immutable → cache first. Everything else (the page, catalogue.json, the
//   plan, the manifest) may change on republish without a new build → network first, the cached copy
//   when the network fails or stalls.
// - activate: drop caches of older builds.
// Only same-origin GETs inside the scope are touched; the worker makes no request of its own elsewhere.
const BUILD_ID = '__BUILD_ID__';
const PRECACHE = ['__PRECACHE__'];
const CACHE = `wegwijzer-follow-${BUILD_ID}`;
const CATALOGUE = 'catalogue.json';
const PLAN_IMAGE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|webp)$/i;
// A phone on one bar of signal should not stare at a blank screen while a copy sits in the cache.
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('wegwijzer-follow-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);

  if (request.mode === 'navigate') {
    // Every navigation inside the scope is the one-page app; the fragment never reaches us anyway.
    if (path === '' || path === 'index.html') event.respondWith(networkFirst(request, './'));
    return;
  }
  if (path.startsWith('assets/')) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request, request));
});

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(['./', ...PRECACHE]);
  try {
    const response = await fetch(CATALOGUE, { cache: 'no-cache' });
    if (!response.ok) return;
    await cache.put(CATALOGUE, response.clone());
    const image = (await response.json())?.site?.plan?.image;
    if (typeof image === 'string' && PLAN_IMAGE.test(image)) await cache.add(image);
  } catch {
    // The shell is cached; the catalogue will be cached by the page's own first fetch.
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch {
    const cached = await cache.match(cacheKey, { ignoreSearch: true });
    return cached ?? Response.error();
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
