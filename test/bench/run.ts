// `npm run bench`: the kiosk's performance figures for the sample site and a generated large site,
// printed as tables and written to bench-results/latest.json. It measures and reports; it never
// fails on a figure (STYLE §11: figures come from a benchmark, not from timed tests).
//
// Environment: BENCH_SITES=sample,large  BENCH_RUNS=5  BENCH_TAPS=60  BENCH_SESSIONS=1000 (hub: see hub.ts)
//              BENCH_THROTTLE=4  BENCH_BUILD=1 (rebuild first)  BENCH_LARGE_DIR=<reuse a folder>
//              BENCH_SESSION_BUDGET_S=360 (per site)  BENCH_PARTS=load,taps,sessions
//              BENCH_OTHERS=0 (skip the booking and follow-up benchmarks)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { silentHubLog } from '../../src-hub/log';
import { startTemplateHub } from '../support/hub-template';
import { generateLargeSite } from '../support/large-site';
import { benchBundle } from './bundle';
import { benchFilterTaps } from './filter-taps';
import { firstLine, launchChromium, type Figure } from './kiosk';
import { benchLoad } from './load';
import { benchMemory } from './memory';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const SAMPLE_SITE = join(ROOT, 'kiosk-config/regina-mundi');
const RESULTS_DIR = join(ROOT, 'bench-results');

const settings = {
  sites: (process.env.BENCH_SITES ?? 'sample,large').split(',').map((site) => site.trim()),
  runs: Math.max(1, Number(process.env.BENCH_RUNS ?? 5)),
  taps: Math.max(1, Number(process.env.BENCH_TAPS ?? 60)),
  sessions: Math.max(11, Number(process.env.BENCH_SESSIONS ?? 1000)),
  throttle: Math.max(1, Number(process.env.BENCH_THROTTLE ?? 4)),
  sessionBudgetSeconds: Math.max(30, Number(process.env.BENCH_SESSION_BUDGET_S ?? 360)),
  parts: (process.env.BENCH_PARTS ?? 'load,taps,sessions').split(',').map((part) => part.trim()),
};

interface SiteReport {
  name: string;
  dir: string;
  description: string;
  figures: Figure[];
  problems: string[];
  notes: string[];
}

async function main(): Promise<void> {
  ensureBuild();
  const chromiumVersion = await browserVersion();
  console.log(`Wegwijzer benchmark — ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, Chromium ${chromiumVersion}`);
  console.log(`CPU throttling ×${settings.throttle} for load and filter figures; none for the memory soak. ${settings.runs} load runs, ${settings.taps} taps, ${settings.sessions} sessions per site.\n`);

  const bundle = await benchBundle(RENDERER_DIR, 160);
  printTable('Bundle (out/renderer)', bundle.figures, []);

  const sites: SiteReport[] = [];
  let largeDir: string | undefined;
  for (const name of settings.sites) {
    if (name === 'sample') sites.push(await benchSite('sample', SAMPLE_SITE, 'kiosk-config/regina-mundi', 1000));
    else if (name === 'large') {
      const { dir, generated } = await largeSite();
      if (generated) largeDir = dir;
      sites.push(await benchSite('large', dir, await describeSite(dir), 1500));
    } else console.warn(`unknown site "${name}" in BENCH_SITES (use sample, large)`);
  }

  const extra = process.env.BENCH_OTHERS === '0' ? { skipped: 'BENCH_OTHERS=0' } : await otherBenchmarks();
  await mkdir(RESULTS_DIR, { recursive: true });
  const result = { generatedAt: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, chromium: chromiumVersion }, settings, bundle, sites, extra };
  await writeFile(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWritten: ${join('bench-results', 'latest.json')}`);
  if (largeDir) await rm(largeDir, { recursive: true, force: true });
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

/** A fresh large site in a temporary folder, or the folder BENCH_LARGE_DIR (generated there if empty). */
async function largeSite(): Promise<{ dir: string; generated: boolean }> {
  const reuse = process.env.BENCH_LARGE_DIR;
  const dir = reuse ?? (await mkdtemp(join(tmpdir(), 'wegwijzer-large-site-')));
  if (!reuse || !existsSync(join(reuse, 'activities.json'))) await generateLargeSite(dir);
  return { dir, generated: !reuse };
}

async function describeSite(dir: string): Promise<string> {
  const list = async (file: string, key: string) => ((JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown[]>)[key] ?? []) as { concurrent?: boolean }[];
  const [spaces, organisations, activities] = await Promise.all([list('spaces.json', 'spaces'), list('organisations.json', 'organisations'), list('activities.json', 'activities')]);
  const concurrent = spaces.filter((space) => space.concurrent).length;
  return `generated in ${dir}: ${activities.length} activities, ${spaces.length} spaces (${concurrent} concurrent), ${organisations.length} organisations`;
}

async function benchSite(name: string, dir: string, description: string, loadTargetMs: number): Promise<SiteReport> {
  console.log(`\n▶ ${name}: ${description}`);
  const server = await startTemplateHub({ rendererDir: RENDERER_DIR, siteDir: dir, port: 0, log: silentHubLog });
  const browser = await launchChromium();
  const report: SiteReport = { name, dir, description, figures: [], problems: [], notes: [] };
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
    const load = !settings.parts.includes('load') ? undefined : await attempt('load → interactive Explore', () => benchLoad(browser, { url: server.url, runs: settings.runs, cpuThrottling: settings.throttle, targetMs: loadTargetMs }));
    if (load) {
      report.figures.push(...load.figures);
      report.problems.push(...load.problems);
    }
    const taps = !settings.parts.includes('taps') ? undefined : await attempt('filter taps', () => benchFilterTaps(browser, { url: server.url, taps: settings.taps, cpuThrottling: settings.throttle, targetMs: 50 }));
    if (taps) {
      report.figures.push(...taps.figures);
      report.notes.push(`filter chips: ${taps.chips}`);
    }
    const idle = await idleOf(dir);
    const memory = !settings.parts.includes('sessions') ? undefined : await attempt('visitor sessions', () => benchMemory(browser, { url: server.url, sessions: settings.sessions, budgetSeconds: settings.sessionBudgetSeconds, idle, targetMb: 2 }));
    if (memory) {
      report.figures.push(...memory.figures);
      report.problems.push(...memory.problems);
      if (memory.secondsPerSession !== null) report.notes.push(`sessions: ${memory.secondsPerSession.toFixed(2)} s each, no CPU throttling, idle reset by fake clock after ${idle.timeoutSeconds} + ${idle.warningSeconds} s`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  printTable(`Site: ${name} — ${description}`, report.figures, [...report.notes, ...report.problems.map((problem) => `not measured / problem: ${problem}`)]);
  return report;
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
    figure.value === null ? '—' : `${format(figure.value)} ${figure.unit === 'count' ? '' : figure.unit}`.trim(),
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
