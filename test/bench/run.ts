// `npm run bench`: the kiosk's performance figures for the sample site and two generated sites
// (large: 2,000 activities; city: 10,000), side by side with a plain Leaflet page on the same data,
// printed as tables (each figure with its target from issue 14 and "within" or "OVER") and written to
// bench-results/latest.json. It measures and reports; it never fails on a figure (STYLE §11: figures
// come from a benchmark, not from timed tests).
//
// Environment (defaults in brackets):
//   BENCH_SITES=sample,large,city      which sites
//   BENCH_PARTS=load,taps,sessions     load: first and warm starts; taps: filter taps, pans, zooms,
//                                      the side-by-side page and the trace; sessions: the heap soak
//   BENCH_RUNS=5                       first/warm start pairs per site
//   BENCH_TAPS=60                      filter taps per time window (per page)
//   BENCH_GESTURES=3                   drag + wheel-zoom rounds per map (0: none)
//   BENCH_PLAIN=1                      0: no plain Leaflet pages (the kiosk alone)
//   BENCH_TRACE_SITES=large            sites whose "This week" tap is traced (and layers counted)
//   BENCH_SESSIONS=1000                visitor sessions in the heap soak, per site
//   BENCH_SESSION_BUDGET_S=360         stop a site's soak after this long (0: never; 1,000 sessions on
//                                      the city site need it, see "seconds per session")
//   BENCH_FIRST_START_TIMEOUT_S=900    how long a first start may take before a part gives up
//   BENCH_THROTTLE=4                   CPU throttling for starts, taps and gestures (not the soak)
//   BENCH_BUILD=1                      rebuild the kiosk first
//   BENCH_LARGE_DIR, BENCH_CITY_DIR    reuse (or generate into) a folder for the large / city site
//   BENCH_OTHERS=0                     skip the booking, follow-up and hub benchmarks (hub: see hub.ts,
//                                      BENCH_SCREENS=200 paired screens for the fan-out figure)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { silentHubLog } from '../../src-hub/log';
import { startTemplateHub } from '../support/hub-template';
import { CITY_SITE, generateLargeSite, type LargeSiteOptions } from '../support/large-site';
import { benchBundle } from './bundle';
import { benchExplore } from './filter-taps';
import { firstLine, launchChromium, type Figure } from './kiosk';
import { benchLoad } from './load';
import { benchMemory } from './memory';
import { plainData } from './plain-leaflet';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const SAMPLE_SITE = join(ROOT, 'kiosk-config/regina-mundi');
const RESULTS_DIR = join(ROOT, 'bench-results');

const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);
const settings = {
  sites: list(process.env.BENCH_SITES ?? 'sample,large,city'),
  runs: Math.max(1, Number(process.env.BENCH_RUNS ?? 5)),
  taps: Math.max(1, Number(process.env.BENCH_TAPS ?? 60)),
  gestures: Math.max(0, Number(process.env.BENCH_GESTURES ?? 3)),
  plain: process.env.BENCH_PLAIN !== '0',
  traceSites: list(process.env.BENCH_TRACE_SITES ?? 'large'),
  sessions: Math.max(11, Number(process.env.BENCH_SESSIONS ?? 1000)),
  throttle: Math.max(1, Number(process.env.BENCH_THROTTLE ?? 4)),
  sessionBudgetSeconds: Number(process.env.BENCH_SESSION_BUDGET_S ?? 360) <= 0 ? 0 : Math.max(30, Number(process.env.BENCH_SESSION_BUDGET_S ?? 360)),
  firstStartTimeoutMs: Math.max(10, Number(process.env.BENCH_FIRST_START_TIMEOUT_S ?? 900)) * 1000,
  parts: list(process.env.BENCH_PARTS ?? 'load,taps,sessions'),
};

/** Targets from issue 14 per site; the city site has none for starts. */
interface SiteTargets {
  tapMs: number;
  firstStartMs?: number;
  warmStartMs?: number;
}
const TARGETS: Record<string, SiteTargets> = {
  sample: { tapMs: 50, firstStartMs: 1000, warmStartMs: 500 },
  large: { tapMs: 50, firstStartMs: 1500, warmStartMs: 1000 },
  city: { tapMs: 100 },
};

interface SiteReport {
  name: string;
  dir: string;
  description: string;
  figures: Figure[];
  problems: string[];
  notes: string[];
  loadAverage: { start: number[]; end: number[] };
}

async function main(): Promise<void> {
  ensureBuild();
  const chromiumVersion = await browserVersion();
  console.log(`Wegwijzer benchmark — ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, Chromium ${chromiumVersion}`);
  console.log(`CPU throttling ×${settings.throttle} for starts, taps and gestures; none for the memory soak. ${settings.runs} start runs, ${settings.taps} taps per time window, ${settings.gestures} gesture rounds, ${settings.sessions} sessions per site${settings.plain ? '; side by side with a plain Leaflet page (canvas, markercluster)' : ''}.\n`);

  const bundle = await benchBundle(RENDERER_DIR, 160);
  printTable('Bundle (out/renderer)', bundle.figures, []);

  const sites: SiteReport[] = [];
  const generatedDirs: string[] = [];
  for (const name of settings.sites) {
    if (name === 'sample') sites.push(await benchSite('sample', SAMPLE_SITE, 'kiosk-config/regina-mundi'));
    else if (name === 'large' || name === 'city') {
      const { dir, generated } = await generatedSite(name === 'city' ? process.env.BENCH_CITY_DIR : process.env.BENCH_LARGE_DIR, name === 'city' ? CITY_SITE : {});
      if (generated) generatedDirs.push(dir);
      sites.push(await benchSite(name, dir, await describeSite(dir)));
    } else console.warn(`unknown site "${name}" in BENCH_SITES (use sample, large, city)`);
  }

  const extra = process.env.BENCH_OTHERS === '0' ? { skipped: 'BENCH_OTHERS=0' } : await otherBenchmarks();
  await mkdir(RESULTS_DIR, { recursive: true });
  const result = { generatedAt: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, chromium: chromiumVersion }, settings, bundle, sites, extra };
  await writeFile(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWritten: ${join('bench-results', 'latest.json')}`);
  for (const dir of generatedDirs) await rm(dir, { recursive: true, force: true });
}

function ensureBuild(): void {
  if (process.env.BENCH_BUILD === '1' || !existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.log('Building the kiosk (npx electron-vite build)…');
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
}

async function browserVersion(): Promise<string> {
  const browser = await launchChromium();
  const version = browser.version();
  await browser.close();
  return version;
}

/** A fresh generated site in a temporary folder, or the folder `reuse` (generated there if empty). */
async function generatedSite(reuse: string | undefined, options: LargeSiteOptions): Promise<{ dir: string; generated: boolean }> {
  const dir = reuse ?? (await mkdtemp(join(tmpdir(), 'wegwijzer-large-site-')));
  if (!reuse || !existsSync(join(reuse, 'activities.json'))) await generateLargeSite(dir, options);
  return { dir, generated: !reuse };
}

async function describeSite(dir: string): Promise<string> {
  const list = async (file: string, key: string) => ((JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown[]>)[key] ?? []) as { concurrent?: boolean }[];
  const [spaces, organisations, activities] = await Promise.all([list('spaces.json', 'spaces'), list('organisations.json', 'organisations'), list('activities.json', 'activities')]);
  const concurrent = spaces.filter((space) => space.concurrent).length;
  return `generated in ${dir}: ${activities.length} activities, ${spaces.length} spaces (${concurrent} concurrent), ${organisations.length} organisations`;
}

async function benchSite(name: string, dir: string, description: string): Promise<SiteReport> {
  const targets = TARGETS[name] ?? { tapMs: 50 };
  const loadAtStart = loadavg();
  console.log(`\n▶ ${name}: ${description}`);
  console.log(`  load average at the start: ${loads(loadAtStart)}`);
  const server = await startTemplateHub({ rendererDir: RENDERER_DIR, siteDir: dir, port: 0, log: silentHubLog });
  const browser = await launchChromium();
  const report: SiteReport = { name, dir, description, figures: [], problems: [], notes: [], loadAverage: { start: loadAtStart, end: [] } };
  const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    const started = performance.now();
    try {
      return await run();
    } catch (error) {
      report.problems.push(`${what}: ${firstLine(error)}`);
      return undefined;
    } finally {
      console.log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  try {
    const load = !settings.parts.includes('load')
      ? undefined
      : await attempt('first and warm starts', () =>
          benchLoad(browser, { url: server.url, runs: settings.runs, cpuThrottling: settings.throttle, firstStartTargetMs: targets.firstStartMs, warmStartTargetMs: targets.warmStartMs, timeoutMs: settings.firstStartTimeoutMs }),
        );
    if (load) {
      report.figures.push(...load.figures);
      report.problems.push(...load.problems);
    }
    if (settings.parts.includes('taps')) {
      const plain = settings.plain ? await attempt('plain Leaflet data (validate + expand in Node)', () => plainData(dir)) : undefined;
      if (plain) report.notes.push(`plain Leaflet page: ${plain.markers.length} on-site markers, the same filter loop (levels, time window), markers only (no list); data prepared in ${Math.round(plain.preparedMs)} ms`);
      const explore = await attempt('filter taps, pans and zooms', () =>
        benchExplore(browser, {
          url: server.url,
          taps: settings.taps,
          cpuThrottling: settings.throttle,
          targetMs: targets.tapMs,
          ...(plain ? { plain } : {}),
          gestures: settings.gestures,
          trace: settings.traceSites.includes(name),
          firstStartTimeoutMs: settings.firstStartTimeoutMs,
        }),
      );
      if (explore) {
        report.figures.push(...explore.figures);
        report.notes.push(...explore.notes);
        report.problems.push(...explore.problems);
      }
    }
    const idle = await idleOf(dir);
    const memory = !settings.parts.includes('sessions')
      ? undefined
      : await attempt('visitor sessions', () => benchMemory(browser, { url: server.url, sessions: settings.sessions, budgetSeconds: settings.sessionBudgetSeconds, idle, targetMb: 2, firstStartTimeoutMs: settings.firstStartTimeoutMs }));
    if (memory) {
      report.figures.push(...memory.figures);
      report.problems.push(...memory.problems);
      if (memory.secondsPerSession !== null) report.notes.push(`sessions: ${memory.secondsPerSession.toFixed(2)} s each, no CPU throttling, idle reset by fake clock after ${idle.timeoutSeconds} + ${idle.warningSeconds} s`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  report.loadAverage.end = loadavg();
  report.notes.push(`load average (1, 5, 15 min) at the start: ${loads(report.loadAverage.start)}; at the end: ${loads(report.loadAverage.end)} (${cpus().length} CPUs)`);
  printTable(`Site: ${name} — ${description}`, report.figures, [...report.notes, ...report.problems.map((problem) => `not measured / problem: ${problem}`)]);
  return report;
}

function loads(values: readonly number[]): string {
  return values.map((value) => value.toFixed(2)).join(', ');
}

async function idleOf(dir: string): Promise<{ timeoutSeconds: number; warningSeconds: number }> {
  const site = JSON.parse(await readFile(join(dir, 'site.json'), 'utf8')) as { idle?: { timeoutSeconds?: number; warningSeconds?: number } };
  return { timeoutSeconds: site.idle?.timeoutSeconds ?? 90, warningSeconds: site.idle?.warningSeconds ?? 20 };
}

/** The booking and follow-up benchmarks other engineers write, if they exist. */
async function otherBenchmarks(): Promise<Record<string, unknown>> {
  const extra: Record<string, unknown> = {};
  for (const [file, exported] of [
    ['booking.ts', 'benchBooking'],
    ['follow.ts', 'benchFollowUp'],
    ['hub.ts', 'benchHub'],
  ] as const) {
    const path = join(import.meta.dirname, file);
    let figures: unknown;
    try {
      if (!existsSync(path)) throw new Error(`test/bench/${file} does not exist yet`);
      const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
      const bench = module[exported];
      if (typeof bench !== 'function') throw new Error(`test/bench/${file} exports no ${exported}()`);
      figures = await (bench as () => unknown)();
      extra[exported] = figures;
    } catch (error) {
      extra[exported] = { available: false, reason: firstLine(error) };
      console.log(`\n${exported}: not available (${firstLine(error)})`);
      continue;
    }
    printTable(`${exported}()`, asFigures(figures), []);
  }
  return extra;
}

/** Their figures may be a Figure[], or any object: printed either way. */
function asFigures(value: unknown): Figure[] {
  if (Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'label' in item)) return value as Figure[];
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([label, item]) => ({ label, value: typeof item === 'number' ? item : null, unit: 'count' as const, ...(typeof item === 'number' ? {} : { note: JSON.stringify(item) }) }));
  }
  return [{ label: 'result', value: typeof value === 'number' ? value : null, unit: 'count', note: JSON.stringify(value) }];
}

function printTable(title: string, figures: readonly Figure[], notes: readonly string[]): void {
  const rows = figures.map((figure) => [
    figure.label,
    figure.value === null ? '—' : figure.unit === '×' ? `${figure.value.toFixed(2)}×` : `${format(figure.value)} ${figure.unit === 'count' ? '' : figure.unit}`.trim(),
    figure.target?.text ?? '',
    figure.target && figure.value !== null ? (figure.value <= figure.target.max ? 'within' : 'OVER') : '',
    figure.note ?? '',
  ]);
  const header = ['figure', 'value', 'target', '', 'note'];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (column === 4 ? 0 : (row[column] ?? '').length))));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 4 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width, column) => '─'.repeat(column === 4 ? 20 : width)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`  · ${note}`);
}

function format(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
