// How long the hub spends on a big UiTdatabank copy: reading N events (the shared yoga-course example,
// a periodic event with weekly opening hours, cloned N times at N places) and merging two feeds that
// both hold them (every item of the second is a duplicate). `npx tsx scripts/feed-timing.ts [2000]`.
// A quick look in Node, not a test: the figures go in the note. Needs ../shared/uitdatabank.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mergeFeedReads } from '../src-hub/feeds/merge';
import { DEFAULT_LEVELS, DEFAULT_THEMES } from '../src-renderer/core/config/defaults';
import type { FeedReadContext } from '../src-renderer/core/feeds/types';
import { readUitdatabank } from '../src-renderer/core/feeds/uitdatabank';
import type { FeedConfig, Organisation } from '../src-renderer/core/model';
import { localDateTimeToInstant } from '../src-renderer/core/schedule';

const SHARED = resolve(import.meta.dirname, '../../shared/uitdatabank/event-with-read-example.json');
if (!existsSync(SHARED)) {
  console.log(`feed-timing: skipped, no UiTdatabank examples at ${SHARED}`);
  process.exit(0);
}
const count = Number(process.argv[2] ?? 2000);
const yoga = (JSON.parse(readFileSync(SHARED, 'utf8')) as { examples: Record<string, unknown>[] }).examples[1]!;
const members = Array.from({ length: count }, (_, i) => ({
  ...structuredClone(yoga),
  '@id': String(yoga['@id']).replace(/[0-9a-f]{6}$/, i.toString(16).padStart(6, '0')),
  name: { nl: `Yoga ${i}` },
  location: { ...(structuredClone(yoga['location']) as object), name: { nl: 'Zaal' }, address: { nl: { streetAddress: 'Stadsplein 1', postalCode: '3600', addressLocality: 'Genk', addressCountry: 'BE' } }, geo: { latitude: 50.96 + i / 1e5, longitude: 5.5 } },
}));
const feed: FeedConfig = { id: 'uit', kind: 'uitdatabank', name: 'UiT', url: 'https://search.uitdatabank.be', apiKeyEnv: 'UITDATABANK_API_KEY', refreshMinutes: 60, organisation: 'city', level: 'see-do', themes: [], terms: {}, days: 90 };
const organisation: Organisation = { id: 'city', name: 'City', kind: 'partner', description: {} };
const ctx: FeedReadContext = { feed, organisation, timeZone: 'Europe/Brussels', defaultLocale: 'nl', levels: DEFAULT_LEVELS, themes: DEFAULT_THEMES, from: localDateTimeToInstant('2026-03-23T00:00', 'Europe/Brussels'), days: 90 };
const text = JSON.stringify({ member: members });
for (let run = 1; run <= 3; run++) {
  let started = performance.now();
  const read = readUitdatabank(text, ctx);
  const readMs = performance.now() - started;
  started = performance.now();
  const merged = mergeFeedReads([{ feed, read }, { feed: { ...feed, id: 'copy' }, read }], []);
  const mergeMs = performance.now() - started;
  const sessions = read.activities.reduce((sum, item) => sum + item.occurrences.length, 0);
  console.log(
    `run ${run}: ${(text.length / 1e6).toFixed(1)} MB, ${read.activities.length} activities with ${sessions} sessions read in ${readMs.toFixed(0)} ms; two copies merged in ${mergeMs.toFixed(0)} ms (${merged.counts.get('copy')?.duplicates ?? 0} duplicates)`,
  );
}
