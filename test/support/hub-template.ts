// A PGlite data folder with the hub's migrations applied, made once and copied for every test that
// needs a hub: a first PGlite start runs initdb (seconds, more on a busy machine), a copy takes
// milliseconds. The template holds no site config, so each hub starts with exactly its own folder
// (a stored config would otherwise stand in for a broken one).
import { rmSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentHubLog } from '../../src-hub/log';
import { startHub, type RunningHub, type StartHubOptions } from '../../src-hub/start';
import { openPglite } from '../../src-hub/db/sql';
import { openStore } from '../../src-hub/store';
import { provision, TEST_COORDINATOR } from './hub-credentials';

const SAMPLE_SITE = join(import.meta.dirname, '../../kiosk-config/regina-mundi');

/** Where global-setup tells the test workers the template is. */
export const HUB_TEMPLATE_ENV = 'WEGWIJZER_E2E_HUB_TEMPLATE';

/** The accounts every template holds (issue 9): a coordinator and the repair café's representative. */
export const E2E_ACCOUNTS = {
  coordinator: { name: TEST_COORDINATOR.name, password: TEST_COORDINATOR.password, pin: TEST_COORDINATOR.pin, displayName: TEST_COORDINATOR.displayName },
  organisation: { name: 'repair', password: 'repair-cafe-pass-1', pin: '1357', displayName: 'Rik Repair', organisationId: 'repair-cafe-genk' },
} as const;

/** The screen every template has paired: what a kiosk page keeps in localStorage `wegwijzer.device`. */
export interface TemplateDevice {
  token: string;
  screenId: string;
}

/**
 * Makes a template data folder in a new temporary folder and returns its path. It holds the
 * migrations, the two E2E_ACCOUNTS (their passwords already their own) and one paired screen "Lobby",
 * whose token is written beside the folder (templateDevice reads it).
 */
export async function createHubTemplate(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'wegwijzer-hub-template-'));
  const dataDir = join(root, 'data');
  // The sample site, so the organisation account can name the repair café.
  const service = await openStore({ dataDir }, SAMPLE_SITE, silentHubLog);
  let device: TemplateDevice;
  try {
    const credentials = await provision(service, 'Lobby');
    device = { token: credentials.deviceToken, screenId: credentials.screenId };
    const coordinator = (await service.access.accounts.list())[0]!;
    const { organisation } = E2E_ACCOUNTS;
    await service.access.accounts.save(
      { idempotencyKey: 'template-organisation-account', name: organisation.name, displayName: organisation.displayName, role: 'organisation', organisationId: organisation.organisationId, password: organisation.password, pin: organisation.pin },
      { id: coordinator.id, name: coordinator.name, displayName: coordinator.displayName, role: 'coordinator', mustChangePassword: false },
    );
    await service.access.accounts.save(
      { idempotencyKey: 'template-coordinator-pin', id: coordinator.id, name: coordinator.name, displayName: coordinator.displayName, role: 'coordinator', pin: TEST_COORDINATOR.pin },
      { id: coordinator.id, name: coordinator.name, displayName: coordinator.displayName, role: 'coordinator', mustChangePassword: false },
    );
  } finally {
    await service.close();
  }
  // Accounts a coordinator makes must choose their own password at first sign-in; the tests' have.
  const sql = await openPglite(dataDir);
  try {
    await sql.query('UPDATE accounts SET must_change_password = false');
    // The template must not carry the sample's config: each hub starts with exactly its own folder.
    await sql.query("DELETE FROM hub_meta WHERE key NOT IN ('epoch')");
  } finally {
    await sql.close();
  }
  await writeFile(join(root, 'device.json'), JSON.stringify(device));
  return dataDir;
}

/** The paired screen of the run's template. */
export async function templateDevice(): Promise<TemplateDevice> {
  return JSON.parse(await readFile(join(await hubTemplate(), '..', 'device.json'), 'utf8')) as TemplateDevice;
}

let lazyTemplate: Promise<string> | undefined;

/** The run's template (from global-setup), or — when a test runs without it — one made once per process. */
export function hubTemplate(): Promise<string> {
  const fromSetup = process.env[HUB_TEMPLATE_ENV];
  if (fromSetup) return Promise.resolve(fromSetup);
  lazyTemplate ??= createHubTemplate().then((template) => {
    process.once('exit', () => rmSync(join(template, '..'), { recursive: true, force: true }));
    return template;
  });
  return lazyTemplate;
}

/** A fresh data folder for one hub: a copy of the template at `dataDir`. */
export async function copyHubTemplate(dataDir: string): Promise<void> {
  await cp(await hubTemplate(), dataDir, { recursive: true });
}

export async function removeHubTemplate(dataDir: string): Promise<void> {
  await rm(join(dataDir, '..'), { recursive: true, force: true });
}

/**
 * A hub on a fresh copy of the template, its store open; `close()` also removes its data. For a bench
 * or a script that needs one hub for a while (the e2e fixture manages its own, to stop and restart it).
 */
export async function startTemplateHub(options: Omit<StartHubOptions, 'store'>): Promise<RunningHub> {
  const work = await mkdtemp(join(tmpdir(), 'wegwijzer-hub-'));
  const dataDir = join(work, 'data');
  await copyHubTemplate(dataDir);
  const hub = await startHub({ ...options, store: { dataDir } });
  await hub.ready;
  return {
    ...hub,
    async close() {
      await hub.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
