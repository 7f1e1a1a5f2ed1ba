// Initial JS of the kiosk, gzip level 9: the entry chunk of out/renderer/index.html, its
// modulepreloads and everything they import statically. Chunks reached only by import() load
// later and are listed apart (every other .js file of the build).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './kiosk';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  initial: ChunkSize[];
  lazy: ChunkSize[];
  css: ChunkSize[];
  figures: Figure[];
}

const STATIC_IMPORT = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

export async function benchBundle(rendererDir: string, targetKb: number): Promise<BundleReport> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const entries = tags
    .filter((tag) => (tag.startsWith('<script') && /type="module"/.test(tag)) || /rel="modulepreload"/.test(tag))
    .map((tag) => attribute(tag, tag.startsWith('<script') ? 'src' : 'href'))
    .filter((path): path is string => path !== undefined);
  const stylesheets = tags.filter((tag) => /rel="stylesheet"/.test(tag)).map((tag) => attribute(tag, 'href')).filter((path): path is string => path !== undefined);

  const initial = new Set<string>();
  const queue = entries.map((path) => normalise(path));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (initial.has(file)) continue;
    initial.add(file);
    const source = await readFile(join(rendererDir, file), 'utf8');
    for (const [, path] of source.matchAll(STATIC_IMPORT)) if (path) queue.push(resolveFrom(file, path));
  }
  const assets = (await readdir(join(rendererDir, 'assets'))).filter((file) => file.endsWith('.js')).map((file) => `assets/${file}`);
  const lazyFiles = assets.filter((file) => !initial.has(file));

  const sizes = (files: Iterable<string>) => Promise.all([...files].map((file) => sizeOf(rendererDir, file)));
  const [initialSizes, lazy, css] = await Promise.all([sizes(initial), sizes(lazyFiles), sizes(stylesheets.map(normalise))]);
  const total = (list: readonly ChunkSize[]) => list.reduce((sum, chunk) => sum + chunk.gzipBytes, 0) / 1024;
  const figures: Figure[] = [
    {
      label: 'initial JS, gzip -9',
      value: total(initialSizes),
      unit: 'kB',
      target: { max: targetKb, text: `≤ ${targetKb} kB` },
      note: initialSizes.map((chunk) => `${chunk.file} ${(chunk.gzipBytes / 1024).toFixed(1)}`).join(', '),
    },
    { label: 'lazy JS chunks, gzip -9', value: total(lazy), unit: 'kB', note: lazy.length === 0 ? 'none' : lazy.map((chunk) => `${chunk.file} ${(chunk.gzipBytes / 1024).toFixed(1)}`).join(', ') },
    { label: 'CSS, gzip -9', value: total(css), unit: 'kB', target: { max: 30, text: '≤ 30 kB' } },
  ];
  return { initial: initialSizes, lazy, css, figures };
}

function normalise(path: string): string {
  return path.replace(/^\.\//, '').replace(/^\//, '');
}

function resolveFrom(file: string, path: string): string {
  const parts = file.split('/').slice(0, -1);
  for (const part of path.split('/')) {
    if (part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

async function sizeOf(rendererDir: string, file: string): Promise<ChunkSize> {
  const content = await readFile(join(rendererDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}
