import { isAbsolute, resolve } from 'node:path';

/** The site served when nothing else is asked for: the embedded Regina Mundi sample. */
export const DEFAULT_SITE_DIR_NAME = 'regina-mundi';

export type SiteDirSource = 'argument' | 'environment' | 'default';

/**
 * Which site folder to serve: `--site <dir>` (or `--site=<dir>`) wins over `WEGWIJZER_SITE`, which
 * wins over the embedded default. Shared by Electron and web mode so both obey the same two knobs.
 */
export function resolveSiteDir(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  defaultDir: string,
  cwd: string = process.cwd(),
): { dir: string; from: SiteDirSource } {
  const fromArgument = siteArgument(argv);
  if (fromArgument) return { dir: absolute(fromArgument, cwd), from: 'argument' };
  const fromEnvironment = env.WEGWIJZER_SITE?.trim();
  if (fromEnvironment) return { dir: absolute(fromEnvironment, cwd), from: 'environment' };
  return { dir: absolute(defaultDir, cwd), from: 'default' };
}

function siteArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--site') {
      const value = argv[i + 1];
      return value && !value.startsWith('--') ? value : undefined;
    }
    if (arg?.startsWith('--site=')) return arg.slice('--site='.length) || undefined;
  }
  return undefined;
}

function absolute(dir: string, cwd: string): string {
  return isAbsolute(dir) ? dir : resolve(cwd, dir);
}
