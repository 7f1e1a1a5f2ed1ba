// A steady mix of kiosk-like traffic against one hub process for SOAK_MINUTES (default 60): each of
// SOAK_KIOSKS screens follows the change stream, books a slot and cancels some, reads the site bundle,
// the kiosk page and the plan image, and posts a log line now and then. The hub's heap (after a full
// collection), RSS, active handles and open file descriptors are sampled every minute (or more often
// in a short run) and printed as a table, with a verdict on growth. Exits 1 on a crash, on hub error
// lines, or when the heap keeps growing.
//   SOAK_MINUTES=2 npm run soak:steady
import { benchSlot, idempotencyKey } from '../bench/hub-site';
import { provisionOverHttp } from '../support/hub-credentials';
import type { HubSample } from './hub-child';
import { startSoakHub } from './hub';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 60);
const KIOSKS = Number(process.env.SOAK_KIOSKS ?? 12);
// Every minute, but at least 8 samples in a short run.
const SAMPLE_MS = Math.min(60_000, (MINUTES * 60_000) / 8);

const hub = await startSoakHub();
// A paired screen's bearer: what every kiosk shows the hub (issue 9).
const headers = (await provisionOverHttp(hub.url, 'Soak screen')).device;
const deadline = Date.now() + MINUTES * 60_000;
const counts = { requests: 0, booked: 0, cancelled: 0, refused: 0, failed: 0 };
const refusals = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

async function call(path: string, init: RequestInit = {}): Promise<Response | undefined> {
  counts.requests++;
  try {
    const response = await fetch(new URL(path, hub.url), { ...init, headers: { ...headers, ...(init.body ? { 'Content-Type': 'application/json' } : {}) } });
    if (response.status >= 500) counts.failed++;
    return response;
  } catch {
    counts.failed++;
    return undefined;
  }
}

async function follow(): Promise<void> {
  const health = (await (await call('api/health'))?.json()) as { epoch: string; seq: number };
  let since = health.seq;
  while (Date.now() < deadline) {
    const answer = await call(`api/changes?since=${since}&epoch=${encodeURIComponent(health.epoch)}&wait=${Math.min(25_000, Math.max(1, deadline - Date.now()))}`, { signal: AbortSignal.timeout(40_000) });
    const body = answer?.ok ? ((await answer.json()) as { seq: number; reset: boolean }) : undefined;
    if (body && !body.reset) since = body.seq;
    else await sleep(1_000);
  }
}

async function visit(kiosk: number): Promise<void> {
  for (let turn = 0; Date.now() < deadline; turn++) {
    const slot = benchSlot(1 + Math.floor(turn / 33) + kiosk * 20, turn % 33);
    const booking = await call('api/bookings', {
      method: 'POST',
      body: JSON.stringify({ idempotencyKey: idempotencyKey(), spaceId: hub.site.rooms[kiosk % hub.site.rooms.length], ...slot, holder: { kind: 'visitor', nickname: `k${kiosk}t${turn}` }, by: 'kiosk' }),
    });
    if (booking?.status === 201 || booking?.status === 200) {
      counts.booked++;
      const { booking: row } = (await booking.json()) as { booking: { code: string } };
      if (turn % 3 === 0) {
        const cancelled = await call('api/bookings/cancel', { method: 'POST', body: JSON.stringify({ idempotencyKey: idempotencyKey(), code: row.code, by: 'kiosk' }) });
        if (cancelled?.ok) counts.cancelled++;
        await cancelled?.arrayBuffer();
      }
    } else {
      counts.refused++;
      const reason = booking ? `${booking.status} ${(await booking.text()).slice(0, 120)}` : 'no answer';
      refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
    }
    for (const path of ['site/bundle.json', '', 'site/plan.svg']) await (await call(path))?.arrayBuffer();
    if (turn % 5 === 0) await (await call('api/log', { method: 'POST', body: JSON.stringify({ level: 'info', topic: 'soak', message: `kiosk ${kiosk} turn ${turn}` }) }))?.arrayBuffer();
    await sleep(2_000 + Math.random() * 2_000);
  }
}

const started = Date.now();
const samples: (HubSample & { minute: number; requests: number })[] = [];
const takeSample = async () => samples.push({ ...(await hub.sample()), minute: (Date.now() - started) / 60_000, requests: counts.requests });
await takeSample();
const sampler = setInterval(() => void takeSample(), SAMPLE_MS);
await Promise.all(Array.from({ length: KIOSKS }, (_, kiosk) => [follow(), visit(kiosk)]).flat());
clearInterval(sampler);
const alive = hub.alive();
if (alive) await takeSample();
await hub.stop();

console.log(`soak: ${MINUTES} min, ${KIOSKS} kiosks: ${counts.requests} requests, ${counts.booked} booked, ${counts.cancelled} cancelled, ${counts.refused} refused, ${counts.failed} failed (5xx or no answer)`);
for (const [reason, count] of refusals) console.log(`  refused ×${count}: ${reason}`);
console.log('');
console.log('minute | requests | heap MB | rss MB | handles | fds | log warn/error');
for (const sample of samples) {
  console.log(
    `${sample.minute.toFixed(1).padStart(6)} | ${String(sample.requests).padStart(8)} | ${sample.heapUsedMb.toFixed(1).padStart(7)} | ${sample.rssMb.toFixed(0).padStart(6)} | ${String(sample.handles).padStart(7)} | ${String(sample.fds ?? '–').padStart(3)} | ${sample.logs.warn}/${sample.logs.error}`,
  );
}

// Growth: the second half's mean against the first half's, after the first sample (start-up).
const steady = samples.slice(1);
const half = Math.floor(steady.length / 2);
const mean = (list: typeof steady, pick: (sample: HubSample) => number) => list.reduce((sum, sample) => sum + pick(sample), 0) / Math.max(1, list.length);
const growth = (pick: (sample: HubSample) => number) => mean(steady.slice(half), pick) - mean(steady.slice(0, half), pick);
const heapGrowth = growth((sample) => sample.heapUsedMb);
const fdGrowth = growth((sample) => sample.fds ?? 0);
const handleGrowth = growth((sample) => sample.handles);
const heapLimit = Math.max(5, 0.2 * mean(steady.slice(0, half), (sample) => sample.heapUsedMb));
const last = samples.at(-1);
const failures: string[] = [];
if (!alive) failures.push('the hub process died');
if (last && last.logs.error > 0) failures.push(`hub logged ${last.logs.error} error line(s): ${last.lastErrors.join(' | ')}`);
if (counts.failed > 0) failures.push(`${counts.failed} requests failed`);
if (heapGrowth > heapLimit) failures.push(`heap grew ${heapGrowth.toFixed(1)} MB from the first half to the second (limit ${heapLimit.toFixed(1)})`);
if (fdGrowth > 20) failures.push(`file descriptors grew by ${fdGrowth.toFixed(0)}`);
if (handleGrowth > 20) failures.push(`handles grew by ${handleGrowth.toFixed(0)}`);
console.log('');
console.log(`growth, second half against first: heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MB (limit ${heapLimit.toFixed(1)}), fds ${fdGrowth >= 0 ? '+' : ''}${fdGrowth.toFixed(1)}, handles ${handleGrowth >= 0 ? '+' : ''}${handleGrowth.toFixed(1)}`);
console.log(failures.length ? `verdict: FAIL — ${failures.join('; ')}` : 'verdict: no growth beyond noise — PASS');
process.exit(failures.length ? 1 : 0);
