// The Electron build (electron-builder.config.ts) as data: targets, contents and every fuse. The
// Electron binary cannot be downloaded on this repo's machines, so the fuses are flipped in a
// stand-in file that carries a real fuse wire, with the same @electron/fuses code a real build uses.
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import config, { EXECUTABLE_NAME, flipKioskFuses, KIOSK_FUSES } from '../../electron-builder.config';

const ROOT = resolve(import.meta.dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire of a stock Electron 45 binary: RunAsNode on, cookies plain, NODE_OPTIONS and --inspect on, … */
const STOCK_WIRE = '101100011';

const fuseOptions = Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');

describe('electron-builder config', () => {
  it('builds a .deb and an AppImage for Linux x64, and nothing else', () => {
    expect(config.linux?.target).toEqual([
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ]);
    expect(config.mac).toBeUndefined();
    expect(config.win).toBeUndefined();
    expect(config.linux?.executableName).toBe(EXECUTABLE_NAME);
  });

  it('packs only the built app into app.asar, with the sample site beside it', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    expect(config.extraResources).toEqual([{ from: 'kiosk-config', to: 'kiosk-config', filter: ['regina-mundi/**/*', 'schema/**/*'] }]);
  });

  it('rebuilds, downloads and publishes nothing of its own', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
  });

  it('flips the fuses in its own afterPack hook, not with the older copy inside electron-builder', () => {
    expect(config.afterPack).toBe(flipKioskFuses);
    expect(config.electronFuses).toBeUndefined();
  });

  it('is the file electron-builder loads, and passes electron-builder’s own schema', async () => {
    const loaded = await getConfig(ROOT, 'electron-builder.config.ts', null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    expect(loaded.linux?.target).toEqual(config.linux?.target);
  }, 60_000);
});

describe('fuses', () => {
  it.each([
    ['RunAsNode', false],
    ['EnableCookieEncryption', true],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['LoadBrowserProcessSpecificV8Snapshot', false],
    ['GrantFileProtocolExtraPrivileges', false],
    ['WasmTrapHandlers', true],
  ] as const)('%s is %s', (name, value) => {
    expect(KIOSK_FUSES[FuseV1Options[name]]).toBe(value);
  });

  it('decides every fuse @electron/fuses knows, and refuses a binary with one more', () => {
    expect(KIOSK_FUSES.version).toBe(FuseVersion.V1);
    expect(KIOSK_FUSES.strictlyRequireAllFuses).toBe(true);
    for (const option of fuseOptions) expect(typeof KIOSK_FUSES[option], FuseV1Options[option]).toBe('boolean');
  });
});

// File I/O on a busy machine: room enough that no test here depends on speed.
describe('flipKioskFuses (the afterPack hook)', { timeout: 30_000 }, () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A stand-in for the packaged binary: filler, the fuse sentinel, version 1, the wire, filler. */
  async function standIn(wire: string): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'wegwijzer-fuses-'));
    const header = Buffer.from([1, wire.length]);
    await writeFile(join(dir, EXECUTABLE_NAME), Buffer.concat([Buffer.alloc(64 * 1024, 0x7f), Buffer.from(SENTINEL), header, Buffer.from(wire), Buffer.alloc(64 * 1024, 0x7f)]));
    return dir;
  }

  it('flips a stock wire to the kiosk settings, and only the wire', async () => {
    const appOutDir = await standIn(STOCK_WIRE);
    const before = await readFile(join(appOutDir, EXECUTABLE_NAME));
    await flipKioskFuses({ appOutDir, electronPlatformName: 'linux' });
    const wire = await getCurrentFuseWire(join(appOutDir, EXECUTABLE_NAME));
    const states = Object.fromEntries(fuseOptions.map((option) => [FuseV1Options[option], String.fromCharCode(wire[option] ?? 0)]));
    expect(states).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
      WasmTrapHandlers: '1',
    });
    const after = await readFile(join(appOutDir, EXECUTABLE_NAME));
    const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.subarray(0, wireAt)).toEqual(before.subarray(0, wireAt));
    expect(after.subarray(wireAt + STOCK_WIRE.length)).toEqual(before.subarray(wireAt + STOCK_WIRE.length));
  });

  it('refuses an Electron whose wire has a fuse nobody decided yet', async () => {
    const appOutDir = await standIn(`${STOCK_WIRE}1`);
    await expect(flipKioskFuses({ appOutDir, electronPlatformName: 'linux' })).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('refuses a binary without a fuse wire', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wegwijzer-fuses-'));
    await writeFile(join(dir, EXECUTABLE_NAME), Buffer.alloc(1024));
    await expect(flipKioskFuses({ appOutDir: dir, electronPlatformName: 'linux' })).rejects.toThrow(/sentinel/);
  });

  it('packages for Linux only', async () => {
    await expect(flipKioskFuses({ appOutDir: '/nowhere', electronPlatformName: 'win32' })).rejects.toThrow(/Linux only/);
  });
});
