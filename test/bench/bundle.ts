// Initial JS of the kiosk, gzip level 9: the entry chunk of out/renderer/index.html, its
// modulepreloads and everything they import statically (scripts/bundle-size.ts, shared with
// `npm run budgets`, which fails the tests on it). Chunks reached only by import() load later and
// are listed apart (every other .js file of the build).
import { gzipKb, measurePage, type ChunkSize } from '../../scripts/bundle-size';
import type { Figure } from './kiosk';

export type { ChunkSize } from '../../scripts/bundle-size';

export interface BundleReport {
  initial: ChunkSize[];
  lazy: ChunkSize[];
  css: ChunkSize[];
  figures: Figure[];
}

export async function benchBundle(rendererDir: string, targetKb: number): Promise<BundleReport> {
  const { initial, lazy, css } = await measurePage(rendererDir, 'index.html');
  const list = (chunks: readonly ChunkSize[]) => chunks.map((chunk) => `${chunk.file} ${(chunk.gzipBytes / 1024).toFixed(1)}`).join(', ');
  const figures: Figure[] = [
    { label: 'initial JS, gzip -9', value: gzipKb(initial), unit: 'kB', target: { max: targetKb, text: `≤ ${targetKb} kB` }, note: list(initial) },
    { label: 'lazy JS chunks, gzip -9', value: gzipKb(lazy), unit: 'kB', note: lazy.length === 0 ? 'none' : list(lazy) },
    { label: 'CSS, gzip -9', value: gzipKb(css), unit: 'kB', target: { max: 30, text: '≤ 30 kB' } },
  ];
  return { initial, lazy, css, figures };
}
