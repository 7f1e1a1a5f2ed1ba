// 3,000 change streams (long polls on GET /api/changes?wait=…) held against one real hub process at
// once, from 460 client addresses (127.0.0.0/8 is all loopback on Linux): 400 addresses with 6
// streams each (the per-screen cap) and 60 with 10 (over it). The hub holds at most 500 polls in
// total and 6 per address; everything beyond is a 429 with Retry-After, or — beyond the server's
// connection cap — a refused connection. Meanwhile a probe asks for health and books a slot every
// second: both must keep answering. Prints figures; exits 1 when a check fails.
// A request the server could not read within its request timeout is a 408, also clean.
//   STREAMS=3000 STREAMS_SECONDS=60 npm run soak:streams
import { request } from 'node:http';
import { benchSlot, idempotencyKey } from '../bench/hub-site';
import { provisionOverHttp } from '../support/hub-credentials';
import { startSoakHub } from './hub';

const STREAMS = Number(process.env.STREAMS ?? 3_000);
const SECONDS = Number(process.env.STREAMS_SECONDS ?? 60);
const WAIT_MS = 20_000;

interface Answer {
  status: number;
  body: string;
  retryAfter?: string;
}

function get(url: URL, path: string, headers: Record<string, string>, localAddress?: string, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method, agent: false, ...(localAddress ? { localAddress } : {}), headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += text.length < 1_000_000 ? chunk : ''));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text, ...(res.headers['retry-after'] ? { retryAfter: String(res.headers['retry-after']) } : {}) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(WAIT_MS + 15_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

const hub = await startSoakHub();
const url = new URL(hub.url);
// A paired screen's bearer: what every kiosk shows the hub (issue 9).
const headers = (await provisionOverHttp(hub.url, 'Soak screen')).device;
const health = JSON.parse((await get(url, '/api/health', headers)).body) as { epoch: string; seq: number };
const changesPath = (since: number) => `/api/changes?since=${since}&epoch=${encodeURIComponent(health.epoch)}&wait=${WAIT_MS}`;

// Addresses: 400 × 6 at the cap, then 10 per address over it, until STREAMS.
const streams: { address: string; over: boolean }[] = [];
for (let index = 0; streams.length < STREAMS; index++) {
  const atCap = index < 400;
  const address = `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
  for (let n = 0; n < (atCap ? 6 : 10) && streams.length < STREAMS; n++) streams.push({ address, over: !atCap });
}

const tally = { held: 0, refused429: 0, refused429Over: 0, refused429AtCap: 0, timedOut408: 0, connectionErrors: 0, other: new Map<string, number>() };
let inFlight = 0;
let maxInFlight = 0;
const deadline = Date.now() + SECONDS * 1_000;

async function stream(address: string, over: boolean): Promise<void> {
  // As a screen does: each poll asks for what came after the last answer.
  let since = health.seq;
  while (Date.now() < deadline) {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const answer = await get(url, changesPath(since), headers, address);
      if (answer.status === 200) {
        tally.held++;
        since = (JSON.parse(answer.body) as { seq: number }).seq;
      }
      else if (answer.status === 429) {
        tally.refused429++;
        if (over) tally.refused429Over++;
        else tally.refused429AtCap++;
        if (answer.retryAfter === undefined) tally.other.set('429 without Retry-After', (tally.other.get('429 without Retry-After') ?? 0) + 1);
        await sleep(Number(answer.retryAfter ?? 5) * 1_000);
      } else if (answer.status === 408) {
        // The server's request-timeout guard: a request it could not read in time under the storm is
        // answered and closed, which is the clean refusal a slow client gets.
        tally.timedOut408++;
      } else tally.other.set(String(answer.status), (tally.other.get(String(answer.status)) ?? 0) + 1);
    } catch {
      // Beyond the server's connection cap the socket is closed unanswered: a refusal, not a crash.
      tally.connectionErrors++;
      await sleep(2_000 + Math.random() * 2_000);
    } finally {
      inFlight--;
    }
  }
}

const probes = { health: 0, healthFailed: 0, writes: 0, writesFailed: 0, slowestTries: 0, slowestMs: { health: 0, writes: 0 } };
async function probe(): Promise<void> {
  for (let second = 0; Date.now() < deadline; second++) {
    const slot = benchSlot(30 + Math.floor(second / 33), second % 33);
    const body = JSON.stringify({ idempotencyKey: idempotencyKey(), spaceId: hub.site.rooms[second % hub.site.rooms.length], ...slot, holder: { kind: 'visitor', nickname: `p${second}` }, by: 'kiosk' });
    for (const [kind, call] of [
      ['health', () => get(url, '/api/health', headers)],
      ['writes', () => get(url, '/api/bookings', headers, undefined, 'POST', body)],
    ] as const) {
      let ok = false;
      const started = performance.now();
      // A probe's connection can be among those over the connection cap: it tries again, as a kiosk does.
      for (let tries = 1; tries <= 10 && !ok; tries++) {
        try {
          const answer = await call();
          ok = answer.status === 200 || answer.status === 201;
          probes.slowestTries = Math.max(probes.slowestTries, tries);
        } catch {
          await sleep(300);
        }
      }
      probes.slowestMs[kind] = Math.max(probes.slowestMs[kind], performance.now() - started);
      probes[kind]++;
      if (!ok) probes[kind === 'health' ? 'healthFailed' : 'writesFailed']++;
    }
    await sleep(1_000);
  }
}

const before = await hub.sample();
const samples = [before];
const sampler = setInterval(() => void hub.sample().then((sample) => samples.push(sample)), 10_000);
console.log(`${STREAMS} streams from ${new Set(streams.map((s) => s.address)).size} addresses for ${SECONDS} s against ${hub.url}`);
await Promise.all([...streams.map(({ address, over }) => stream(address, over)), probe()]);
clearInterval(sampler);
const alive = hub.alive();
const after = alive ? await hub.sample() : undefined;
if (after) samples.push(after);
await hub.stop();

const peakHeap = Math.max(...samples.map((s) => s.heapUsedMb));
const peakRss = Math.max(...samples.map((s) => s.rssMb));
const peakFds = Math.max(...samples.map((s) => s.fds ?? 0));
console.log('');
console.log(`answers: ${tally.held} held polls answered 200, ${tally.refused429} refused 429 (${tally.refused429Over} over the per-address cap, ${tally.refused429AtCap} at it: the total cap), ${tally.timedOut408} timed out 408 (the request-timeout guard), ${tally.connectionErrors} connections refused, other: ${JSON.stringify(Object.fromEntries(tally.other))}`);
console.log(`client: at most ${maxInFlight} requests in flight at once`);
console.log(`probes: ${probes.health} health (${probes.healthFailed} failed), ${probes.writes} bookings (${probes.writesFailed} failed), worst ${probes.slowestTries} tries; slowest answer ${(probes.slowestMs.health / 1_000).toFixed(1)} s (health), ${(probes.slowestMs.writes / 1_000).toFixed(1)} s (booking)`);
console.log(`hub: heap ${before.heapUsedMb.toFixed(1)} → peak ${peakHeap.toFixed(1)} → ${after?.heapUsedMb.toFixed(1) ?? '–'} MB; rss peak ${peakRss.toFixed(0)} MB; fds ${before.fds} → peak ${peakFds} → ${after?.fds ?? '–'}; handles ${before.handles} → ${after?.handles ?? '–'}; log errors ${after?.logs.error ?? '–'}`);

const failures: string[] = [];
if (!alive) failures.push('the hub process died');
if (streams.some((s) => s.over) && tally.refused429Over === 0) failures.push('no 429 over the per-address cap');
if (tally.refused429AtCap === 0 && STREAMS > 500 + 60 * 10) failures.push('no 429 from the total cap');
if (tally.other.size > 0) failures.push(`unexpected answers ${JSON.stringify(Object.fromEntries(tally.other))}`);
if (probes.healthFailed + probes.writesFailed > 0) failures.push('a probe got no answer in 10 tries');
if (peakRss > 1_024) failures.push(`rss peaked at ${peakRss.toFixed(0)} MB`);
if (after && after.logs.error > 0) failures.push(`hub logged errors: ${after.lastErrors.join(' | ')}`);
console.log(failures.length ? `FAIL: ${failures.join('; ')}` : 'PASS');
process.exit(failures.length ? 1 : 0);
