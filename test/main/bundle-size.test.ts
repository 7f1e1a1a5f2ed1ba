import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudgets, formatVerdicts, measurePage, overBudgetMessages } from '../../scripts/bundle-size';

// A build as Vite writes one: a kiosk page and a staff page sharing chunks, a lazy chunk, a second build.
const FILES: Record<string, string> = {
  'app/index.html':
    '<script type="module" crossorigin src="./assets/entry.js"></script><link rel="modulepreload" crossorigin href="./assets/shared.js"><link rel="stylesheet" href="./assets/app.css">',
  'app/staff/index.html': '<script type="module" crossorigin src="../assets/staff.js"></script>',
  'app/assets/entry.js': `import{a as b}from"./shared.js";import"./map.js";const l=()=>import("./lazy.js");export{b,l};${'x'.repeat(2000)}`,
  'app/assets/shared.js': `export const a=1;${'s'.repeat(500)}`,
  'app/assets/map.js': `export*from"./shared.js";${'m'.repeat(300)}`,
  'app/assets/lazy.js': `export const z=2;${'z'.repeat(5000)}`,
  'app/assets/staff.js': `import"./shared.js";${'t'.repeat(100)}`,
  'app/assets/app.css': 'body{margin:0}',
  'follow/index.html': '<script type="module" src="./assets/index.js"></script>',
  'follow/assets/index.js': Array.from({ length: 4000 }, (_, i) => `v${i}=${(i * 7919) % 104729};`).join(''),
};

let root: string;
const gz = (file: string) => gzipSync(Buffer.from(FILES[file] ?? ''), { level: 9 }).length;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wegwijzer-bundle-size-'));
  for (const [file, content] of Object.entries(FILES)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), content);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('measurePage', () => {
  it('counts the entry, its modulepreloads and their static imports, not what import() loads', async () => {
    const page = await measurePage(join(root, 'app'));
    expect(page.initial.map((chunk) => chunk.file).sort()).toEqual(['assets/entry.js', 'assets/map.js', 'assets/shared.js']);
    expect(page.lazy.map((chunk) => chunk.file).sort()).toEqual(['assets/lazy.js', 'assets/staff.js']);
    expect(page.css.map((chunk) => chunk.file)).toEqual(['assets/app.css']);
    const entry = page.initial.find((chunk) => chunk.file === 'assets/entry.js');
    expect(entry).toEqual({ file: 'assets/entry.js', bytes: FILES['app/assets/entry.js']?.length, gzipBytes: gz('app/assets/entry.js') });
  });

  it('resolves the URLs of a page in a subfolder against that folder', async () => {
    const page = await measurePage(join(root, 'app'), 'staff/index.html');
    expect(page.initial.map((chunk) => chunk.file).sort()).toEqual(['assets/shared.js', 'assets/staff.js']);
  });
});

describe('checkBudgets', () => {
  const budgets = [
    { app: 'kiosk', root: 'app', html: 'index.html', maxKb: 160 },
    { app: 'follow-up', root: 'follow', html: 'index.html', maxKb: 1 },
  ];

  it('sums the gzip sizes per app and marks the one over its budget', async () => {
    const verdicts = await checkBudgets(root, budgets);
    const kiosk = (gz('app/assets/entry.js') + gz('app/assets/shared.js') + gz('app/assets/map.js')) / 1024;
    expect(verdicts.map((verdict) => [verdict.budget.app, verdict.over])).toEqual([
      ['kiosk', false],
      ['follow-up', true],
    ]);
    expect(verdicts[0]?.initialKb).toBeCloseTo(kiosk, 6);
    expect(verdicts[1]?.initialKb).toBeGreaterThan(1);
    expect(formatVerdicts(verdicts)).toMatch(/follow-up\s+[\d.]+ kB\s+≤ 1 kB\s+OVER/);
  });

  it('names the app, its size and its budget when one is over, and nothing when all are within', async () => {
    const verdicts = await checkBudgets(root, budgets);
    const messages = overBudgetMessages(verdicts);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^follow-up: initial JS is [\d.]+ kB gzip, over its budget of 1 kB/);
    expect(messages[0]).toContain('assets/index.js');
    expect(overBudgetMessages(await checkBudgets(root, budgets.slice(0, 1)))).toEqual([]);
  });

  it('says how to build when a page is missing', async () => {
    await expect(checkBudgets(root, [{ app: 'staff desk', root: 'nowhere', html: 'index.html', maxKb: 250 }])).rejects.toThrow(/staff desk: cannot measure nowhere\/index.html .*Build first/);
  });
});
