// Saving staff exports. Downloads are blocked in the kiosk session (lockdown: `will-download` is
// prevented), so a file the renderer wants to keep — a calendar, a backup, the follow-up catalogue,
// a poster — comes here and is written into `<site dir>/publish/` and nowhere else. The name is a
// plain file name checked by a pure function; the write is atomic (temporary file, then rename), so
// a power cut leaves the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PUBLISH_DIR_NAME = 'publish';
/** Far above any real export (a year of a large site's calendar is a few MB), low enough to refuse abuse. */
export const MAX_PUBLISH_BYTES = 20 * 1024 * 1024;
export const MAX_PUBLISH_NAME_LENGTH = 120;
/** The MIME types a save may declare; informative only — the extension decides what the file is. */
export const PUBLISH_MIME_TYPES: readonly string[] = ['application/json', 'text/calendar', 'text/html'];

// Letters, digits, dot, dash and underscore; must start with a letter or digit; one of three extensions.
const PUBLISH_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(json|ics|html)$/;
// Names Windows refuses whatever the extension (a site folder may live on a Windows kiosk).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * True for a plain file name the kiosk may publish: no folder part, no "..", no hidden file, no
 * reserved device name, ending in .json, .ics or .html.
 */
export function isAllowedPublishName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length <= MAX_PUBLISH_NAME_LENGTH &&
    PUBLISH_NAME.test(name) &&
    !name.includes('..') &&
    !WINDOWS_RESERVED.test(name)
  );
}

/** The payload of `kiosk:file:save`: an allowed name, text content within the size limit, a known MIME type. */
export function isSaveFileArgs(args: readonly unknown[]): args is [string, string, string] {
  if (args.length !== 3) return false;
  const [name, content, mime] = args;
  if (!isAllowedPublishName(name) || typeof content !== 'string' || typeof mime !== 'string') return false;
  const baseMime = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  // UTF-8 never takes fewer bytes than the string has UTF-16 units, so this refuses a huge payload
  // before it is encoded.
  if (content.length > MAX_PUBLISH_BYTES) return false;
  return PUBLISH_MIME_TYPES.includes(baseMime) && Buffer.byteLength(content, 'utf8') <= MAX_PUBLISH_BYTES;
}

export interface PublishFs {
  mkdir: (path: string, options: { recursive: true }) => Promise<unknown>;
  writeFile: (path: string, data: string, options: { encoding: 'utf8'; flag: 'wx' }) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
  rm: (path: string, options: { force: true }) => Promise<void>;
}

const nodeFs: PublishFs = { mkdir, writeFile, rename, rm };

/**
 * Writes `content` to `<siteDir>/publish/<name>` atomically and returns the absolute path. Throws on
 * a name that is not allowed or content that is too large (the IPC layer has refused those already;
 * this is the second lock on the door).
 */
export async function savePublishFile(siteDir: string, name: string, content: string, fs: PublishFs = nodeFs): Promise<{ savedTo: string }> {
  if (!isAllowedPublishName(name)) throw new Error(`"${String(name).slice(0, 80)}" is not a file name the kiosk may publish.`);
  if (Buffer.byteLength(content, 'utf8') > MAX_PUBLISH_BYTES) throw new Error(`${name} is larger than ${MAX_PUBLISH_BYTES / 1024 / 1024} MB.`);
  const dir = join(siteDir, PUBLISH_DIR_NAME);
  const target = join(dir, name);
  // Hidden, unique and refused if it exists ('wx'): two saves of one name never share a temporary file.
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  return { savedTo: target };
}
