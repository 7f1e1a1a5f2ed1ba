// A PGlite data folder with the hub's migrations applied, made once and copied for every test that
// needs a hub: a first PGlite start runs initdb (seconds, more on a busy machine), a copy takes
// milliseconds. The template holds no site config, so each hub starts with exactly its own folder
// (a stored config would otherwise stand in for a broken one).
import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentHubLog } from '../../src-hub/log';
import { startHub, type RunningHub, type StartHubOptions } from '../../src-hub/start';
import { openStore } from '../../src-hub/store';

/** Where global-setup tells the test workers the template is. */
export const HUB_TEMPLATE_ENV = 'WEGWIJZER_E2E_HUB_TEMPLATE';

/** Makes a template data folder in a new temporary folder and returns its path. */
export async function createHubTemplate(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'wegwijzer-hub-template-'));
  const dataDir = join(root, 'data');
  const service = await openStore({ dataDir }, join(root, 'no-site'), silentHubLog);
  await service.close();
  return dataDir;
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
