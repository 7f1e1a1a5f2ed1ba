// The systemd units in deploy/systemd, checked by systemd itself: `systemd-analyze verify` (a unit
// with a typo still "passes" with a warning, so any output at all fails the test) and, for the hub,
// `systemd-analyze security --offline` for the hardening. Skipped, saying so, where systemd-analyze
// is missing (CI installs Debian's systemd package for it).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const UNITS = resolve(import.meta.dirname, '../../deploy/systemd');
const HUB_UNIT = join(UNITS, 'wegwijzer-hub.service');
const KIOSK_UNIT = join(UNITS, 'wegwijzer-kiosk.service');
const ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((path) => existsSync(path));
const CHROMIUM = '/usr/bin/chromium';

if (!ANALYZE) console.warn('deploy-systemd.test.ts: systemd-analyze not found (apt-get install systemd); the systemd unit checks are SKIPPED.');

/** systemd-analyze's complaints, one per line; the exit code alone misses unknown keys. */
async function analyze(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string[] }> {
  try {
    const { stdout, stderr } = await run(ANALYZE!, args, { env: { ...process.env, ...env, SYSTEMD_LOG_COLOR: '0' } });
    return { code: 0, output: `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '') };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`.split('\n').filter((line) => line.trim() !== '') };
  }
}

describe.skipIf(!ANALYZE)('deploy/systemd units', () => {
  let runtimeDir: string;
  beforeAll(async () => {
    // A user manager needs a runtime directory, which a CI container has no session to provide.
    runtimeDir = await mkdtemp(join(tmpdir(), 'wegwijzer-systemd-'));
  });
  afterAll(() => rm(runtimeDir, { recursive: true, force: true }));

  it('wegwijzer-hub.service verifies without a single warning', async () => {
    const result = await analyze(['verify', '--man=no', HUB_UNIT]);
    expect(result.output).toEqual([]);
    expect(result.code).toBe(0);
  }, 60_000);

  it('wegwijzer-kiosk.service verifies as a user unit without a single warning', async () => {
    const result = await analyze(['verify', '--user', '--man=no', KIOSK_UNIT], { XDG_RUNTIME_DIR: runtimeDir });
    // verify also checks that ExecStart's program exists; Chromium is installed for the e2e tests, but
    // where it is not, that one line is all that may be said.
    const expected = existsSync(CHROMIUM) ? [] : [expect.stringContaining(`Command ${CHROMIUM} is not executable`)];
    if (!existsSync(CHROMIUM)) console.warn(`deploy-systemd.test.ts: ${CHROMIUM} is missing; the kiosk unit is verified apart from its ExecStart program.`);
    expect(result.output).toEqual(expected);
    if (expected.length === 0) expect(result.code).toBe(0);
  }, 60_000);

  it('the hub unit is hardened (systemd-analyze security rates it OK or better)', async () => {
    const result = await analyze(['security', '--offline=true', '--no-pager', HUB_UNIT]);
    const exposure = /Overall exposure level for wegwijzer-hub\.service: ([\d.]+)/.exec(result.output.join('\n'));
    expect(exposure, result.output.slice(-5).join('\n')).not.toBeNull();
    expect(Number(exposure![1])).toBeLessThanOrEqual(2.5);
  }, 60_000);

  it('the hub writes only to its data folder and restarts on failure; the kiosk runs in the graphical session', async () => {
    const hub = await readFile(HUB_UNIT, 'utf8');
    for (const line of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/wegwijzer-hub', 'Restart=on-failure', 'User=wegwijzer']) expect(hub).toContain(line);
    const kiosk = await readFile(KIOSK_UNIT, 'utf8');
    for (const line of ['PartOf=graphical-session.target', 'WantedBy=graphical-session.target', '--kiosk', '--app=${WEGWIJZER_HUB_URL}']) expect(kiosk).toContain(line);
  });
});
