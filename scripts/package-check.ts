// `npm run package:check`: runs the real electron-builder with electron-builder.config.ts into an
// unpacked Linux folder, with a stand-in for the Electron binary (which cannot be downloaded on this
// repo's machines): a small file that carries a stock Electron fuse wire. It shows that
// electron-builder loads the config, that the afterPack hook finds the packaged binary and flips
// every fuse, and that app.asar and the sample site land where main looks for them. It does not
// make a .deb or an AppImage (those need tools electron-builder downloads) and runs nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { EXECUTABLE_NAME, KIOSK_FUSES } from '../electron-builder.config';

const root = resolve(import.meta.dirname, '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_WIRE = '101100011';

function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE)]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.alloc(4096, 0x7f), Buffer.from(SENTINEL), wire, Buffer.alloc(4096, 0x7f)]), { mode: 0o755 });
  writeFileSync(join(dir, 'chrome-sandbox'), '', { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
}

async function main(): Promise<number> {
  if (!existsSync(join(root, 'out/main/index.js'))) {
    console.error('out/ is missing: run `npx electron-vite build` first (npm run package:check does).');
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'wegwijzer-package-check-'));
  const problems: string[] = [];
  try {
    const dist = join(work, 'electron');
    const output = join(work, 'out');
    standInElectron(dist);
    execFileSync(
      join(root, 'node_modules/.bin/electron-builder'),
      ['--linux', 'dir', '--x64', '--config', 'electron-builder.config.ts', `-c.electronDist=${dist}`, `-c.directories.output=${output}`, '--publish', 'never'],
      { cwd: root, stdio: 'inherit' },
    );
    const appDir = join(output, 'linux-unpacked');
    const wire = await getCurrentFuseWire(join(appDir, EXECUTABLE_NAME));
    for (const option of Object.values(FuseV1Options).filter((value) => typeof value === 'number')) {
      const wanted = KIOSK_FUSES[option] ? '1' : '0';
      const actual = String.fromCharCode(wire[option] ?? 0);
      console.log(`fuse ${FuseV1Options[option]}: ${actual === '1' ? 'on' : 'off'}`);
      if (actual !== wanted) problems.push(`fuse ${FuseV1Options[option]} is ${actual}, expected ${wanted}`);
    }
    const files = new Set(listPackage(join(appDir, 'resources/app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/')));
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      if (!files.has(file)) problems.push(`app.asar lacks ${file}`);
    }
    for (const file of ['site.json', 'spaces.json', 'organisations.json', 'activities.json', 'plan.svg']) {
      if (!existsSync(join(appDir, 'resources/kiosk-config/regina-mundi', file))) problems.push(`resources/kiosk-config/regina-mundi/${file} is missing`);
    }
    if (existsSync(join(appDir, 'resources/app'))) problems.push('a loose resources/app folder sits beside app.asar');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const problem of problems) console.error(`package check: ${problem}`);
  console.log(problems.length === 0 ? 'package check passed: config loaded, fuses flipped, app.asar and the sample site in place.' : 'package check FAILED');
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
