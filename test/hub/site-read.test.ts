import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSiteBundle, resolveSiteAsset, watchSiteDir } from '../../src-hub/site/read';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wegwijzer-read-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('readSiteBundle', () => {
  it('reads the four files as text and marks missing ones as null', async () => {
    await writeFile(join(dir, 'site.json'), '{"id":"x"}');
    await writeFile(join(dir, 'activities.json'), 'not json');
    const bundle = await readSiteBundle(dir);
    expect(bundle.files).toEqual({ 'site.json': '{"id":"x"}', 'spaces.json': null, 'organisations.json': null, 'activities.json': 'not json' });
    expect(bundle.source).toBe(dir.split('/').at(-1));
  });

  it('reports every file as missing when the folder does not exist', async () => {
    const bundle = await readSiteBundle(join(dir, 'nope'));
    expect(Object.values(bundle.files)).toEqual([null, null, null, null]);
  });
});

describe('resolveSiteAsset', () => {
  it('serves plain image names from the folder', () => {
    expect(resolveSiteAsset('/site', 'plan.svg')).toBe('/site/plan.svg');
    expect(resolveSiteAsset('/site', 'plan%20v2.png')).toBeNull();
    expect(resolveSiteAsset('/site', 'Plan_2.PNG')).toBe('/site/Plan_2.PNG');
  });

  it.each(['../secret.svg', '..%2Fsecret.svg', '%2e%2e/x.svg', 'a/b.svg', '.hidden.svg', 'site.json', 'x.svg%00', '%E0%A4%A', '..svg'])(
    'refuses %s',
    (request) => {
      expect(resolveSiteAsset('/site', request)).toBeNull();
    },
  );
});

describe('watchSiteDir', () => {
  it('calls back once after a burst of writes settles', async () => {
    let calls = 0;
    const stop = watchSiteDir(dir, () => calls++, 50);
    await writeFile(join(dir, 'site.json'), '1');
    await writeFile(join(dir, 'site.json'), '12');
    await writeFile(join(dir, 'spaces.json'), '3');
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    expect(calls).toBe(1);
  });

  it('does not throw for a folder that does not exist', () => {
    const stop = watchSiteDir(join(dir, 'missing'), () => undefined);
    expect(stop).toBeTypeOf('function');
    stop();
  });
});
