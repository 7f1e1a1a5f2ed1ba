import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SITE_FILES, type SiteBundle, type SiteFileName } from '../../src-renderer/core/model';

/**
 * Reads the four config files of a site folder as text. A missing file becomes `null` so the
 * renderer's validation can name it; other read errors (permissions) are reported the same way
 * rather than crashing the host.
 */
export async function readSiteBundle(dir: string): Promise<SiteBundle> {
  const entries = await Promise.all(SITE_FILES.map(async (name) => [name, await readTextOrNull(join(dir, name))] as const));
  return { source: basename(dir), files: Object.fromEntries(entries) as Record<SiteFileName, string | null> };
}

async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Calls `onChange` once after a burst of changes in the folder settles. Editors write files in
 * several steps (truncate, write, rename), so reacting to every event would validate half files.
 */
export function watchSiteDir(dir: string, onChange: () => void, debounceMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    // A folder that disappears must not take the host down; the next read reports the missing files.
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined;
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}

const PLAIN_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|webp)$/i;

/**
 * Maps a request for `site/<file>` to a path inside the site folder, or null. Only images with plain
 * file names directly in the folder are served: no sub-folders, no traversal, no hidden files, and
 * never the JSON (the config reaches the renderer through the bundle, not as loose files).
 */
export function resolveSiteAsset(dir: string, requestPath: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (!PLAIN_FILE_NAME.test(name) || name.includes('..')) return null;
  return join(dir, name);
}

/** True when `path` names an existing regular file. */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
