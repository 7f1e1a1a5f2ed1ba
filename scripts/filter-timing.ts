// How long one Explore filter evaluation takes, the plain way (`filterActivities`) and through the
// index (`queryFilterIndex`), on generated large sites: `npx tsx scripts/filter-timing.ts [2000 10000]`.
// A quick look in Node without throttling, not the bench: the bench times whole taps in Chromium.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSiteConfig } from '../src-renderer/core/config';
import { buildFilterIndex, queryFilterIndex } from '../src-renderer/core/filter-index';
import { EMPTY_FILTER, filterActivities, type ActivityFilter } from '../src-renderer/core/filters';
import { SITE_FILES, type SiteBundle } from '../src-renderer/core/model';
import { expandAll } from '../src-renderer/core/schedule';
import { groupInRange, startOfLocalDay } from '../src-renderer/core/timing';
import { generateLargeSite } from '../test/support/large-site';

/** What the kiosk's catalogue holds: today and the eight days after, plus one for DST weeks. */
const HORIZON_DAYS = 9;
const RUNS = 200;

const TAPS: [string, ActivityFilter][] = [
  ['now', { ...EMPTY_FILTER, window: 'now' }],
  ['today', EMPTY_FILTER],
  ['this week', { ...EMPTY_FILTER, window: 'week' }],
  ['week + do-together', { ...EMPTY_FILTER, window: 'week', levels: ['do-together'] }],
  ['week + 2 themes + teens + free', { ...EMPTY_FILTER, window: 'week', themes: ['making', 'food'], ageGroups: ['teens'], freeOnly: true }],
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(run: () => unknown): { p50: number; p95: number } {
  for (let warm = 0; warm < 5; warm++) run();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ms = (value: number): string => value.toFixed(2).padStart(8);

async function measure(activities: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'filter-timing-'));
  try {
    const now = Date.parse('2026-05-12T12:00:00Z');
    await generateLargeSite(dir, { activities, seed: 14, now, spaces: Math.max(200, Math.ceil(activities / 10)), occurrencesTarget: activities * 10 });
    const files = Object.fromEntries(await Promise.all(SITE_FILES.map(async (file) => [file, await readFile(join(dir, file), 'utf8').catch(() => null)])));
    const result = loadSiteConfig({ source: dir, files } as SiteBundle, { now });
    if (!result.ok) throw new Error(`the generated site does not load: ${result.errors.slice(0, 3).map((error) => error.message).join('; ')}`);
    const { config } = result;
    const from = startOfLocalDay(now, config.site.timeZone);
    const occurrences = expandAll(config, from, from + HORIZON_DAYS * 86_400_000);
    const byActivity = groupInRange(occurrences, { from: -Infinity, to: Infinity });
    const clock = { nowMs: now, timeZone: config.site.timeZone };

    const build = time(() => buildFilterIndex(config.activities, byActivity));
    const index = buildFilterIndex(config.activities, byActivity);
    console.log(`\n${config.activities.length} activities, ${occurrences.length} occurrences in ${HORIZON_DAYS} days; index build p50 ${build.p50.toFixed(2)} ms, p95 ${build.p95.toFixed(2)} ms (once per data change)`);
    console.log(`${'tap'.padEnd(32)}${'matches'.padStart(8)}  plain p50  plain p95  index p50  index p95`);
    for (const [name, filter] of TAPS) {
      const plain = time(() => filterActivities(config.activities, byActivity, filter, clock));
      const indexed = time(() => queryFilterIndex(index, filter, clock));
      const count = queryFilterIndex(index, filter, clock).length;
      console.log(`${name.padEnd(32)}${String(count).padStart(8)} ${ms(plain.p50)}   ${ms(plain.p95)}   ${ms(indexed.p50)}   ${ms(indexed.p95)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [2000, 10_000]) await measure(size);
