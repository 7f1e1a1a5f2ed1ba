// Which site folder the kiosk serves: an argument, the environment or the embedded sample. The
// embedded hub reads, validates and watches it; main only chooses it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SITE_DIR_NAME, resolveSiteDir, type SiteDirSource } from '../src-hub/site/resolve';

export const KIOSK_CONFIG_DIR_NAME = 'kiosk-config';

export interface SiteDirInputs {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  /** app.getAppPath(): the project root in dev, the app.asar in a packaged build. */
  appPath: string;
  /** process.resourcesPath, where a packaged build keeps kiosk-config as an extra resource. */
  resourcesPath: string | undefined;
  isPackaged: boolean;
  cwd: string;
  exists?: (path: string) => boolean;
}

/**
 * Where the embedded sample may live, best first: a packaged build ships it next to app.asar (so
 * staff can edit it in place), and falls back to a copy inside the app; a dev build uses the repo.
 */
export function defaultSiteDirCandidates(appPath: string, resourcesPath: string | undefined, isPackaged: boolean): string[] {
  const inApp = join(appPath, KIOSK_CONFIG_DIR_NAME, DEFAULT_SITE_DIR_NAME);
  if (!isPackaged || !resourcesPath) return [inApp];
  return [join(resourcesPath, KIOSK_CONFIG_DIR_NAME, DEFAULT_SITE_DIR_NAME), inApp];
}

export function chooseSiteDir(inputs: SiteDirInputs): { dir: string; from: SiteDirSource } {
  const exists = inputs.exists ?? existsSync;
  const candidates = defaultSiteDirCandidates(inputs.appPath, inputs.resourcesPath, inputs.isPackaged);
  const defaultDir = candidates.find((candidate) => exists(candidate)) ?? candidates[candidates.length - 1]!;
  return resolveSiteDir(inputs.argv, inputs.env, defaultDir, inputs.cwd);
}
