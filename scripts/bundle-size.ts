// What a page of a build downloads before it can run: the entry script of its HTML, its
// modulepreloads and everything they import statically, gzip level 9. Chunks reached only by
// import() load later and are counted apart. Shared by `npm run budgets` (which fails on a budget)
// and the benchmark (which prints the figure); the sizes are deterministic, so they belong in CI.
import { readFile, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  /** Path relative to the build's root folder, e.g. `assets/index-abc.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageBundle {
  /** Downloaded before the page runs. */
  initial: ChunkSize[];
  /** Every other .js file of the build's assets folder: loaded on demand, or by another page. */
  lazy: ChunkSize[];
  /** The page's stylesheets. */
  css: ChunkSize[];
}

const STATIC_IMPORT = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

/**
 * Measures the page `html` (a path relative to `root`, e.g. `staff/index.html`) of the build in `root`.
 * Its script and link URLs are relative to the HTML file, as Vite writes them with `base: './'`.
 */
export async function measurePage(root: string, html = 'index.html'): Promise<PageBundle> {
  const text = await readFile(join(root, html), 'utf8');
  const base = posix.dirname(html.split('\\').join('/'));
  const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = text.match(/<(script|link)\b[^>]*>/g) ?? [];
  const local = (path: string | undefined): path is string => path !== undefined && !/^(?:[a-z]+:|\/\/)/i.test(path);
  const entries = tags
    .filter((tag) => (tag.startsWith('<script') && /type="module"/.test(tag)) || /rel="modulepreload"/.test(tag))
    .map((tag) => attribute(tag, tag.startsWith('<script') ? 'src' : 'href'))
    .filter(local)
    .map((path) => fromPage(base, path));
  const stylesheets = tags
    .filter((tag) => /rel="stylesheet"/.test(tag))
    .map((tag) => attribute(tag, 'href'))
    .filter(local)
    .map((path) => fromPage(base, path));

  const initial = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (initial.has(file)) continue;
    initial.add(file);
    const source = await readFile(join(root, file), 'utf8');
    for (const [, path] of source.matchAll(STATIC_IMPORT)) if (path) queue.push(posix.join(posix.dirname(file), path));
  }
  const assetDirs = new Set([...initial].map((file) => posix.dirname(file)));
  const lazyFiles: string[] = [];
  for (const dir of assetDirs) {
    for (const file of await readdir(join(root, dir))) {
      const path = posix.join(dir, file);
      if (file.endsWith('.js') && !initial.has(path)) lazyFiles.push(path);
    }
  }
  const sizes = (files: Iterable<string>) => Promise.all([...files].map((file) => sizeOf(root, file)));
  const [initialSizes, lazy, css] = await Promise.all([sizes(initial), sizes(lazyFiles), sizes(stylesheets)]);
  return { initial: initialSizes, lazy, css };
}

/** Sum of the gzip sizes, in kB (1,024 bytes). */
export function gzipKb(chunks: readonly ChunkSize[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0) / 1024;
}

/** `assets/a.js 12.3, assets/b.js 4.5`: the chunks by gzip size, largest first. */
export function describeChunks(chunks: readonly ChunkSize[]): string {
  return [...chunks]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .map((chunk) => `${chunk.file} ${(chunk.gzipBytes / 1024).toFixed(1)}`)
    .join(', ');
}

export interface Budget {
  /** The app, as a person names it ("kiosk"). */
  app: string;
  /** The build's root folder, relative to the project. */
  root: string;
  /** The page, relative to `root`. */
  html: string;
  /** Initial JS, gzip -9, in kB. */
  maxKb: number;
}

export interface BudgetVerdict {
  budget: Budget;
  initialKb: number;
  over: boolean;
  bundle: PageBundle;
}

/** Measures every budget's page under `projectRoot`; a page that is missing is an error naming how to build it. */
export async function checkBudgets(projectRoot: string, budgets: readonly Budget[]): Promise<BudgetVerdict[]> {
  const verdicts: BudgetVerdict[] = [];
  for (const budget of budgets) {
    let bundle: PageBundle;
    try {
      bundle = await measurePage(join(projectRoot, budget.root), budget.html);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${budget.app}: cannot measure ${posix.join(budget.root, budget.html)} (${reason}). Build first: electron-vite build && npm run build:follow`, { cause: error });
    }
    const initialKb = gzipKb(bundle.initial);
    verdicts.push({ budget, initialKb, over: initialKb > budget.maxKb, bundle });
  }
  return verdicts;
}

/** The table `npm run budgets` prints, one line per app. */
export function formatVerdicts(verdicts: readonly BudgetVerdict[]): string {
  const rows = verdicts.map((verdict) => [
    verdict.budget.app,
    `${verdict.initialKb.toFixed(1)} kB`,
    `≤ ${verdict.budget.maxKb} kB`,
    verdict.over ? 'OVER' : 'within',
    `${verdict.bundle.initial.length} chunks, lazy ${gzipKb(verdict.bundle.lazy).toFixed(1)} kB`,
  ]);
  const header = ['app', 'initial JS (gzip -9)', 'budget', '', 'note'];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd()).join('\n');
}

/** One sentence per app over its budget, naming its size, its budget and its largest chunks. */
export function overBudgetMessages(verdicts: readonly BudgetVerdict[]): string[] {
  return verdicts
    .filter((verdict) => verdict.over)
    .map(
      ({ budget, initialKb, bundle }) =>
        `${budget.app}: initial JS is ${initialKb.toFixed(1)} kB gzip, over its budget of ${budget.maxKb} kB by ${(initialKb - budget.maxKb).toFixed(1)} kB ` +
        `(${posix.join(budget.root, budget.html)}; largest: ${describeChunks(bundle.initial).split(', ').slice(0, 3).join(', ')}). ` +
        'Move what the first screen does not need behind import(), or raise the budget in scripts/bundle-budgets.ts with a reason.',
    );
}

function fromPage(base: string, path: string): string {
  const clean = path.split(/[?#]/)[0] ?? path;
  return clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(base, clean));
}

async function sizeOf(root: string, file: string): Promise<ChunkSize> {
  const content = await readFile(join(root, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}
