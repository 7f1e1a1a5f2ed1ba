// Packaging for kiosk PCs: a Linux .deb and an AppImage (`npm run package`). The settings that
// matter for security are plain data exported from here, so test/main/packaging.test.ts asserts
// them without an Electron binary (which cannot be downloaded on the build machines of this repo).
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext, Configuration } from 'electron-builder';

/** The installed command, also the binary whose fuses are flipped. */
export const EXECUTABLE_NAME = 'wegwijzer';

/**
 * Electron's fuses, flipped in the packaged binary. Every fuse is decided (strictlyRequireAllFuses):
 * an Electron upgrade that adds one fails the packaging until someone decides it here.
 * The fuses come from this repo's own @electron/fuses, not electron-builder's bundled older copy.
 */
export const KIOSK_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the kiosk binary into a plain Node.js with the kiosk's rights.
  [FuseV1Options.RunAsNode]: false,
  // The kiosk keeps no cookies of its own; encrypted at rest anyway, should a page ever set one.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (--require a script) and --inspect would each let anyone with a shell run code in
  // main. Playwright's _electron.launch needs --inspect: test a separate unfused build if ever needed.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Checks app.asar against the hash in the binary. Electron implements it on macOS and Windows only:
  // on Linux the fuse is set and has no effect (README, "Install on a kiosk PC").
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar, never a loose app/ folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The kiosk is served from app://kiosk, never from file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default; WebAssembly bounds checks stay fast and safe.
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies FuseV1Config;

/** The afterPack hook: flips KIOSK_FUSES in the packaged Linux binary, then reads them back. */
export async function flipKioskFuses(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName'>): Promise<void> {
  if (context.electronPlatformName !== 'linux') throw new Error(`Wegwijzer packages for Linux only, not ${context.electronPlatformName}.`);
  const binary = join(context.appOutDir, EXECUTABLE_NAME);
  await flipFuses(binary, KIOSK_FUSES);
  const wire = await getCurrentFuseWire(binary);
  for (const option of Object.values(FuseV1Options).filter((value) => typeof value === 'number')) {
    const wanted = KIOSK_FUSES[option] ? '1' : '0';
    const actual = wire[option] === undefined ? undefined : String.fromCharCode(wire[option]);
    if (actual !== wanted) throw new Error(`Fuse ${FuseV1Options[option]} reads ${actual ?? 'nothing'} after flipping, expected ${wanted}.`);
  }
}

const config: Configuration = {
  appId: 'org.wegwijzer.kiosk',
  productName: 'Wegwijzer',
  directories: { output: 'dist', buildResources: 'build' },
  // electron-vite bundles main and preload completely; the renderer is static files.
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'],
  // The embedded sample site sits next to app.asar, where staff can edit it (src-main/config.ts).
  extraResources: [{ from: 'kiosk-config', to: 'kiosk-config', filter: ['regina-mundi/**/*', 'schema/**/*'] }],
  asar: true,
  // No native modules: nothing to rebuild, and no Electron headers to download.
  npmRebuild: false,
  // Kiosks are updated by their administrator's package manager, never by the app itself.
  publish: null,
  afterPack: flipKioskFuses,
  linux: {
    target: [
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ],
    executableName: EXECUTABLE_NAME,
    category: 'Education',
    synopsis: 'Touchscreen signpost kiosk for learning sites',
    description: 'Wegwijzer shows what happens on a learning site now and next, books practice rooms and hands visitors a QR code to continue on their phone.',
    maintainer: 'Wegwijzer <kiosk@wegwijzer.example.org>',
    artifactName: '${name}-${version}-${arch}.${ext}',
  },
  // The .deb (the one for kiosk PCs) installs to /opt/Wegwijzer with /usr/bin/wegwijzer, makes
  // chrome-sandbox setuid where user namespaces are off, and adds an AppArmor profile on Ubuntu 24+,
  // so Chromium's sandbox works everywhere without --no-sandbox.
};

export default config;
