// deploy/kiosk-pc: the XDG autostart entry and the systemd user unit that run the packaged app on a
// kiosk PC. Checked as text here, and by the system's own validators where the machine has them
// (desktop-file-validate from desktop-file-utils; systemd-analyze from systemd).
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EXECUTABLE_NAME } from '../../electron-builder.config';

const run = promisify(execFile);
const DEPLOY = resolve(import.meta.dirname, '../../deploy/kiosk-pc');
const DESKTOP = join(DEPLOY, 'wegwijzer-autostart.desktop');
const UNIT = join(DEPLOY, 'wegwijzer.service');

async function hasTool(name: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
}

/** `key=value` lines of an ini-style file (comments and sections dropped; the last value wins). */
function keys(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => /^[A-Za-z][\w-]*=/.test(line))
    .map((line): [string, string] => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return new Map(entries);
}

const [desktopValidate, systemdAnalyze] = await Promise.all([hasTool('desktop-file-validate'), hasTool('systemd-analyze')]);
const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('the autostart entry', () => {
  it('starts the user unit (which restarts the kiosk), after handing it the session display', async () => {
    const entry = keys(await readFile(DESKTOP, 'utf8'));
    expect(entry.get('Type')).toBe('Application');
    expect(entry.get('NoDisplay')).toBe('true');
    expect(entry.get('Exec')).toMatch(/^sh -c "systemctl --user import-environment DISPLAY WAYLAND_DISPLAY XAUTHORITY [^"]*; exec systemctl --user start wegwijzer\.service"$/);
  });

  it.skipIf(!desktopValidate)(
    desktopValidate ? 'passes desktop-file-validate' : 'passes desktop-file-validate — SKIPPED: desktop-file-validate is not installed (apt-get install desktop-file-utils)',
    async () => {
      const { stdout, stderr } = await run('desktop-file-validate', [DESKTOP]);
      expect(`${stdout}${stderr}`).toBe('');
    },
    30_000,
  );
});

describe('the systemd user unit', () => {
  it('runs the packaged binary with no debugging or sandbox switches, restarts it, and belongs to the graphical session', async () => {
    const unit = keys(await readFile(UNIT, 'utf8'));
    expect(unit.get('ExecStart')).toBe(`/usr/bin/${EXECUTABLE_NAME}`);
    expect(unit.get('Restart')).toBe('always');
    expect(unit.get('WantedBy')).toBe('graphical-session.target');
    expect(unit.get('PartOf')).toBe('graphical-session.target');
    expect(await readFile(UNIT, 'utf8')).not.toMatch(/--no-sandbox|--inspect|--remote-debugging|--dev\b|ELECTRON_RENDERER_URL|ELECTRON_RUN_AS_NODE|NODE_OPTIONS/);
  });

  it.skipIf(!systemdAnalyze)(
    systemdAnalyze ? 'passes systemd-analyze verify --user' : 'passes systemd-analyze verify --user — SKIPPED: systemd-analyze is not installed (part of systemd)',
    async () => {
      // verify also checks that ExecStart exists: the packaged app is not installed here, so a
      // copy of the unit points at a stand-in executable; every other line is checked as written.
      const dir = await mkdtemp(join(tmpdir(), 'wegwijzer-unit-'));
      scratch.push(dir);
      const standIn = join(dir, EXECUTABLE_NAME);
      await writeFile(standIn, '#!/bin/sh\n');
      await chmod(standIn, 0o755);
      const text = (await readFile(UNIT, 'utf8')).replace(`ExecStart=/usr/bin/${EXECUTABLE_NAME}`, `ExecStart=${standIn}`);
      await writeFile(join(dir, 'wegwijzer.service'), text);
      // systemd-analyze prints a parse problem ("…, ignoring") and still exits 0: any output fails.
      const { stdout, stderr } = await run('systemd-analyze', ['verify', '--user', '--man=no', join(dir, 'wegwijzer.service')], {
        env: { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir, SYSTEMD_LOG_COLOR: '0' },
      });
      expect(`${stdout}${stderr}`).toBe('');
    },
    60_000,
  );
});
