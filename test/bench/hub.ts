// Hub benchmark: the site hub as kiosks use it, over HTTP, as a separate process.
// - booking round trip (client → hub → commit → answer), p50/p95, on PGlite and on PostgreSQL;
// - a change made by one kiosk seen by another kiosk's long poll, p95;
// - load: 20 kiosks + 5 staff clients, 50 booking attempts a second for 60 s on PostgreSQL, racing for
//   a small pool of slots — latency, the hub's RSS, and a check that no space is ever over-booked;
// - many screens (issue 14): 200 paired screens, each from its own loopback address, long-poll the
//   change stream; one client books; the time until each screen's poll answers with the booking
//   (fan-out p50/p95/max), and the hub's RSS and CPU time while it does;
// - hub start on a warm PGlite folder: until the kiosk's files are served, and until the API answers.
// Run alone: `npx tsx test/bench/hub.ts` (BENCH_LOAD_SECONDS=60, BENCH_LOAD_RATE=50, BENCH_ROUND_TRIPS=300,
// BENCH_SCREENS=200, BENCH_FANOUTS=20).
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BackupFile } from '../../src-renderer/core/backup';
import type { ChangesResponse, HealthResponse } from '../../src-renderer/core/hub/contract';
import type { BookingRow } from '../../src-renderer/core/rows';
import { credentialsFor, provisionOverHttp, TEST_COORDINATOR, type HubCredentials } from '../support/hub-credentials';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { postgresAvailable, startPostgres } from '../support/postgres';
import { benchSlot, idempotencyKey, writeBenchSite, type BenchSite } from './hub-site';
import type { Figure } from './kiosk';
import { max, percentile } from './stats';

const settings = {
  roundTrips: Number(process.env.BENCH_ROUND_TRIPS ?? 300),
  visibility: Number(process.env.BENCH_VISIBILITY ?? 60),
  loadSeconds: Number(process.env.BENCH_LOAD_SECONDS ?? 60),
  loadRate: Number(process.env.BENCH_LOAD_RATE ?? 50),
  starts: Number(process.env.BENCH_STARTS ?? 5),
  screens: Number(process.env.BENCH_SCREENS ?? 200),
  fanouts: Number(process.env.BENCH_FANOUTS ?? 20),
};

export async function benchHub(): Promise<Figure[]> {
  const work = await mkdtemp(join(tmpdir(), 'wegwijzer-hub-bench-'));
  const figures: Figure[] = [];
  try {
    const site = await writeBenchSite(join(work, 'site'));
    const data = join(work, 'pglite');

    console.log('  hub on PGlite: round trips, visibility');
    let hub = await startHubProcess({ siteDir: site.dir, dataDir: data });
    try {
      await signInFor(hub);
      figures.push(...(await signIns(hub)));
      figures.push(...(await roundTrips(hub, site, 'PGlite', 25)));
      figures.push(...(await visibility(hub, site, 'PGlite')));
      if (settings.screens > 0) figures.push(...(await manyScreens(hub, site, 'PGlite')));
    } finally {
      await hub.stop();
    }

    console.log('  hub on PGlite: warm starts');
    figures.push(...(await warmStarts(site, data)));

    if (!postgresAvailable()) {
      figures.push({ label: 'PostgreSQL figures', value: null, unit: 'ms', note: 'skipped: no PostgreSQL server binaries (apt-get install postgresql)' });
      return figures;
    }
    const postgres = await startPostgres({ durable: true });
    try {
      console.log('  hub on PostgreSQL: round trips, visibility, load');
      hub = await startHubProcess({ siteDir: site.dir, database: await postgres.createDatabase('bench') });
      try {
        await signInFor(hub);
        figures.push(...(await roundTrips(hub, site, 'PostgreSQL', 15)));
        figures.push(...(await visibility(hub, site, 'PostgreSQL')));
        figures.push(...(await load(hub, site)));
      } finally {
        await hub.stop();
      }
    } finally {
      await postgres.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return figures;
}

/** The credentials of the hub being measured: a coordinator and a paired screen, made over HTTP at its start. */
let credentials: HubCredentials | undefined;

async function signInFor(hub: HubProcess): Promise<void> {
  credentials = await provisionOverHttp(hub.url, 'Bench screen');
}

function auth(kind: 'device' | 'staff' = 'device'): Record<string, string> {
  if (!credentials) throw new Error('signInFor(hub) first');
  return credentials[kind];
}

async function postJson(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...credentialsFor(body, credentials!) }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

/**
 * A desk sign-in (argon2id verification, about 19 MiB and two passes by design) and an authenticated
 * request's extra cost: the same health-like read with and without a device token.
 */
async function signIns(hub: HubProcess): Promise<Figure[]> {
  const signIn: number[] = [];
  for (let index = 0; index < Math.max(5, Math.round(settings.visibility / 4)); index++) {
    const started = performance.now();
    const response = await fetch(`${hub.url}api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: TEST_COORDINATOR.name, password: TEST_COORDINATOR.password }) });
    await response.text();
    signIn.push(performance.now() - started);
  }
  const device: number[] = [];
  for (let index = 0; index < 50; index++) {
    const started = performance.now();
    await (await fetch(`${hub.url}api/device`, { headers: auth() })).text();
    device.push(performance.now() - started);
  }
  const note = `${signIn.length} sign-ins, 50 device reads`;
  return [
    { label: 'desk sign-in p50 (argon2id verify, PGlite)', value: percentile(signIn, 50), unit: 'ms', note },
    { label: 'desk sign-in p95 (argon2id verify, PGlite)', value: percentile(signIn, 95), unit: 'ms', target: { max: 500, text: '≤ 500 ms' }, note },
    { label: 'screen request with its token p95 (GET /api/device)', value: percentile(device, 95), unit: 'ms', target: { max: 15, text: '≤ 15 ms' }, note },
  ];
}

function booking(site: BenchSite, spaceIndex: number, day: number, slot: number, by: 'kiosk' | { staff: string } = 'kiosk'): Record<string, unknown> {
  const spaces = [...site.rooms, ...site.halls];
  const { start, end } = benchSlot(day, slot);
  return {
    idempotencyKey: idempotencyKey(),
    spaceId: spaces[spaceIndex % spaces.length],
    start,
    end,
    // One nickname per booking: the fair-use limit (booking.maxActivePerVisitor) would refuse a shared one after two.
    holder: { kind: 'visitor', nickname: `Bench ${spaceIndex}-${day}-${slot}` },
    by,
  };
}

/** Sequential bookings of distinct free slots: what one tap on "Book" costs end to end. */
async function roundTrips(hub: HubProcess, site: BenchSite, store: string, targetMs: number): Promise<Figure[]> {
  const samples: number[] = [];
  let refused = 0;
  for (let index = 0; index < settings.roundTrips + 20; index++) {
    const body = booking(site, index % site.rooms.length, 100 + Math.floor(index / 33 / site.rooms.length), index % 33);
    const started = performance.now();
    const { status } = await postJson(`${hub.url}api/bookings`, body);
    const elapsed = performance.now() - started;
    if (status !== 201 && status !== 200) refused++;
    if (index >= 20) samples.push(elapsed);
  }
  const note = `${samples.length} bookings after 20 warm-up${refused > 0 ? `, ${refused} refused` : ''}`;
  return [
    { label: `booking round trip p50 (${store})`, value: percentile(samples, 50), unit: 'ms', note },
    { label: `booking round trip p95 (${store})`, value: percentile(samples, 95), unit: 'ms', target: { max: targetMs, text: `≤ ${targetMs} ms` }, note },
  ];
}

/** Kiosk B long-polls; kiosk A books; the time until B's poll answers with A's booking. */
async function visibility(hub: HubProcess, site: BenchSite, store: string): Promise<Figure[]> {
  const health = (await (await fetch(`${hub.url}api/health`)).json()) as HealthResponse;
  let since = health.seq;
  const samples: number[] = [];
  for (let index = 0; index < settings.visibility; index++) {
    const poll = fetch(`${hub.url}api/changes?since=${since}&epoch=${health.epoch}&wait=20000`, { headers: auth() }).then(async (response) => ({ at: performance.now(), body: (await response.json()) as ChangesResponse }));
    // Give the poll time to reach the hub and wait there, so what is measured is the push, not the request.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    const answer = await postJson(`${hub.url}api/bookings`, booking(site, index, 200 + Math.floor(index / 33), index % 33));
    const bookingId = (answer.json as { booking?: BookingRow }).booking?.id;
    let seen = await poll;
    // A poll can answer with an earlier change first; follow on until the booking arrives.
    while (!seen.body.reset && !seen.body.changes.some((change) => change.table === 'bookings' && change.key === bookingId)) {
      since = seen.body.seq;
      seen = await fetch(`${hub.url}api/changes?since=${since}&epoch=${health.epoch}&wait=20000`, { headers: auth() }).then(async (response) => ({ at: performance.now(), body: (await response.json()) as ChangesResponse }));
    }
    samples.push(seen.at - started);
    since = seen.body.seq;
  }
  return [
    { label: `change seen by another kiosk p50 (${store})`, value: percentile(samples, 50), unit: 'ms', note: `${samples.length} bookings, long poll` },
    { label: `change seen by another kiosk p95 (${store})`, value: percentile(samples, 95), unit: 'ms', target: { max: 1000, text: '≤ 1,000 ms' }, note: `${samples.length} bookings, long poll` },
  ];
}

/**
 * 25 clients (20 kiosks that also follow the change stream, 5 staff clients) send 50 booking attempts a
 * second in total at a pool of 60 slots in 10 rooms and 5 halls, so most attempts race and lose.
 */
async function load(hub: HubProcess, site: BenchSite): Promise<Figure[]> {
  const health = (await (await fetch(`${hub.url}api/health`)).json()) as HealthResponse;
  const stop = new AbortController();
  // Every long poll of the 20 followers listens on this one signal.
  setMaxListeners(0, stop.signal);
  const followers = Array.from({ length: 20 }, () => follow(hub.url, health, stop.signal));
  const latencies: number[] = [];
  const outcomes = { booked: 0, refused: 0, failed: 0 };
  const rss: number[] = [];
  const sampler = setInterval(() => {
    const value = hub.rssMb();
    if (value !== null) rss.push(value);
  }, 500);
  const total = settings.loadSeconds * settings.loadRate;
  const interval = 1000 / settings.loadRate;
  const started = performance.now();
  const attempts: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const client = index % 25;
    const hall = index % 3 === 0;
    const spaceIndex = hall ? site.rooms.length + (index % 5) : index % 10;
    const body = booking(site, spaceIndex, 300 + (index % 2), Math.floor(index / 7) % 2, client >= 20 ? { staff: `staff-${client - 19}` } : 'kiosk');
    attempts.push(
      (async () => {
        const begin = performance.now();
        try {
          const { status } = await postJson(`${hub.url}api/bookings`, body);
          latencies.push(performance.now() - begin);
          if (status === 201 || status === 200) outcomes.booked++;
          else outcomes.refused++;
        } catch {
          outcomes.failed++;
        }
      })(),
    );
  }
  await Promise.all(attempts);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  stop.abort();
  await Promise.allSettled(followers);

  const overbooked = await overbookedSpaces(hub, site);
  const note = `${total} attempts in ${seconds.toFixed(0)} s from 25 clients: ${outcomes.booked} booked, ${outcomes.refused} refused, ${outcomes.failed} failed`;
  return [
    { label: 'load: booking attempt p50 (PostgreSQL)', value: percentile(latencies, 50), unit: 'ms', note },
    { label: 'load: booking attempt p95 (PostgreSQL)', value: percentile(latencies, 95), unit: 'ms', target: { max: 100, text: '≤ 100 ms' }, note },
    { label: 'load: double bookings found afterwards', value: overbooked, unit: 'count', target: { max: 0, text: '0' }, note: 'every confirmed booking checked against its space capacity' },
    { label: 'load: hub RSS, peak', value: max(rss), unit: 'MB', target: { max: 300, text: '≤ 300 MB' }, note: `${rss.length} samples` },
  ];
}

/** Pairs one more screen the way a coordinator does at the desk: start pairing, claim the code, poll. */
async function pairScreen(base: string, name: string): Promise<Record<string, string>> {
  if (!credentials) throw new Error('signInFor(hub) first');
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(new URL(path, base), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const pairing = (await (await post('api/pairing', {})).json()) as { pairingId: string; code: string };
  const claimed = await post('api/pairing/claim', { idempotencyKey: idempotencyKey(), code: pairing.code, name }, credentials.staff);
  if (!claimed.ok) throw new Error(`claim failed: ${claimed.status} ${await claimed.text()}`);
  const polled = (await (await post('api/pairing/poll', { pairingId: pairing.pairingId })).json()) as { status: string; token?: string };
  if (!polled.token) throw new Error(`pairing did not complete: ${polled.status}`);
  return { Authorization: `Bearer ${polled.token}` };
}

/**
 * One long poll from the loopback address `from` (the hub limits open polls per address, and a site's
 * screens each have their own): resolves with the answer and the moment it arrived.
 */
function longPoll(base: string, path: string, headers: Record<string, string>, from: string): Promise<{ at: number; body: ChangesResponse }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, base), { headers, localAddress: from, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const at = performance.now();
        try {
          if (response.statusCode !== 200) throw new Error(`long poll answered ${response.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`);
          resolve({ at, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChangesResponse });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** The hub process's CPU time so far (user + system), ms, from /proc; null elsewhere. */
function cpuMs(hub: HubProcess): number | null {
  try {
    const fields = readFileSync(`/proc/${hub.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After "pid (comm) ": state is field 0, utime field 11, stime field 12, in clock ticks (100 a second).
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return null;
  }
}

/**
 * `settings.screens` paired screens, each on its own loopback address, long-poll the changes; a
 * client books; every screen's poll must answer with that booking. The fan-out latency is booking
 * sent → a screen's answer arrived, over all screens and `settings.fanouts` bookings.
 */
async function manyScreens(hub: HubProcess, site: BenchSite, store: string): Promise<Figure[]> {
  const count = settings.screens;
  const screens: Record<string, string>[] = [];
  const pairedAt = performance.now();
  for (let index = 0; index < count; index++) screens.push(await pairScreen(hub.url, `Bench screen ${index + 1}`));
  const pairingSeconds = (performance.now() - pairedAt) / 1000;
  const address = (index: number) => `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
  const health = (await (await fetch(`${hub.url}api/health`)).json()) as HealthResponse;
  let since = health.seq;
  const latencies: number[] = [];
  const rss: number[] = [];
  let missed = 0;
  const cpuBefore = cpuMs(hub);
  const started = performance.now();
  for (let round = 0; round < settings.fanouts; round++) {
    const polls = screens.map((headers, index) => longPoll(hub.url, `api/changes?since=${since}&epoch=${health.epoch}&wait=20000`, headers, address(index)));
    // Let every poll reach the hub and wait there: the figure is the push, not the request.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = performance.now();
    const answer = await postJson(`${hub.url}api/bookings`, booking(site, round, 250 + Math.floor(round / 33), round % 33));
    const bookingId = (answer.json as { booking?: BookingRow }).booking?.id;
    const answers = await Promise.all(polls);
    for (const { at, body } of answers) {
      if (body.reset || body.changes.some((change) => change.table === 'bookings' && change.key === bookingId)) latencies.push(at - sent);
      else missed++;
    }
    since = Math.max(...answers.map((seen) => seen.body.seq));
    const value = hub.rssMb();
    if (value !== null) rss.push(value);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(hub);
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const note = `${count} screens × ${settings.fanouts} bookings${missed > 0 ? `, ${missed} answers without the booking` : ''}`;
  return [
    { label: `${count} screens: booking seen by every screen, p50 (${store})`, value: percentile(latencies, 50), unit: 'ms', note },
    { label: `${count} screens: booking seen by every screen, p95 (${store})`, value: percentile(latencies, 95), unit: 'ms', target: { max: 1000, text: '≤ 1,000 ms' }, note: `${note}; target as for one other kiosk (issue 14 sets none)` },
    { label: `${count} screens: booking seen by every screen, max (${store})`, value: max(latencies), unit: 'ms', note },
    { label: `${count} screens: hub RSS, peak (${store})`, value: max(rss), unit: 'MB', target: { max: 300, text: '≤ 300 MB' }, note: `${rss.length} samples, one per booking; target as under load (issue 14 sets none)` },
    { label: `${count} screens: hub CPU time per booking fanned out (${store})`, value: cpu === null ? null : cpu / settings.fanouts, unit: 'ms', note: cpu === null ? 'no /proc' : `${Math.round(cpu)} ms CPU in ${seconds.toFixed(0)} s (${Math.round((cpu / 1000 / seconds) * 100)}% of one core), incl. ${count} polls re-sent per booking` },
    { label: `${count} screens: pairing them all`, value: pairingSeconds, unit: 's', note: 'pairing, claim, poll per screen, one after another' },
  ];
}

async function follow(url: string, health: HealthResponse, signal: AbortSignal): Promise<void> {
  let since = health.seq;
  while (!signal.aborted) {
    try {
      const response = await fetch(`${url}api/changes?since=${since}&epoch=${health.epoch}&wait=20000`, { signal, headers: auth() });
      const body = (await response.json()) as ChangesResponse;
      since = body.seq;
    } catch {
      return;
    }
  }
}

/** Confirmed bookings that exceed their space's capacity at any moment, from the hub's own backup. */
async function overbookedSpaces(hub: HubProcess, site: BenchSite): Promise<number> {
  const backup = (await (await fetch(`${hub.url}api/backup`, { headers: auth('staff') })).json()) as BackupFile;
  const capacity = (spaceId: string) => (site.halls.includes(spaceId) ? 4 : 1);
  const bySpace = new Map<string, BookingRow[]>();
  for (const row of backup.data.bookings) {
    if (row.status !== 'confirmed') continue;
    bySpace.set(row.spaceId, [...(bySpace.get(row.spaceId) ?? []), row]);
  }
  let overbooked = 0;
  for (const [spaceId, rows] of bySpace) {
    for (const row of rows) {
      const overlapping = rows.filter((other) => other.start < row.end && other.end > row.start).length;
      if (overlapping > capacity(spaceId)) overbooked++;
    }
  }
  return overbooked;
}

/** Restarts on a warm data folder: the kiosk's files are served before the store is open. */
async function warmStarts(site: BenchSite, data: string): Promise<Figure[]> {
  const files: number[] = [];
  const api: number[] = [];
  for (let run = 0; run < settings.starts; run++) {
    const hub = await startHubProcess({ siteDir: site.dir, dataDir: data, waitForApi: false });
    try {
      files.push(hub.listeningAfterMs);
      const ready = await hub.waitForApi();
      api.push(ready);
    } finally {
      await hub.stop();
    }
  }
  const note = `${settings.starts} starts, median of spawn → first answer`;
  return [
    { label: 'hub start (warm PGlite): kiosk files served', value: percentile(files, 50), unit: 'ms', note },
    { label: 'hub start (warm PGlite): API ready', value: percentile(api, 50), unit: 'ms', target: { max: 3000, text: '≤ 3,000 ms' }, note },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchHub().then(
    (figures) => console.table(figures.map(({ label, value, unit, note }) => ({ label, value: value === null ? '—' : `${value.toFixed(1)} ${unit}`, note: note ?? '' }))),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
