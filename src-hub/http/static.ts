// Files from a folder (the renderer build, the follow-up build, the site folder's images), served so
// that nothing outside the folder can ever be reached: the URL path is checked segment by segment,
// the file is resolved with realpath (a symlink that leads out is refused like a missing file), opened
// without following a last-moment symlink, and read whole — there is no stream left to fail halfway —
// and only as it stood at one moment (a file rewritten during the read is read again).
import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import { contentTypeFor } from '../site/mime';
import { securityHeaders } from './security';

/** Hashed build output never changes under its name; everything else is checked on every load. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * The file a URL path names below `root`, or null. `urlPath` is the raw (percent-encoded) path below
 * the mount point; '' means index.html. Refused: `.`/`..` and hidden segments (also encoded), empty
 * segments, backslashes, colons (drive letters), NUL and other control characters.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  const raw = urlPath === '' ? ['index.html'] : urlPath.split('/');
  const segments: string[] = [];
  for (const part of raw) {
    const segment = decodeSegment(part);
    if (segment === null || !isPlainSegment(segment)) return null;
    segments.push(segment);
  }
  const path = join(root, ...segments);
  return isInside(root, path) ? path : null;
}

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function isPlainSegment(segment: string): boolean {
  if (segment === '' || segment.startsWith('.')) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[/\\:\u0000-\u001f\u007f]/.test(segment);
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/**
 * Answers the file at `path` (already resolved inside `root`), or null when it is missing, not a
 * regular file, or really lives outside `root`. A validator (ETag from size and modification time)
 * lets a revalidating browser get a 304 instead of the whole plan image again.
 */
export async function serveFile(root: string, path: string, cacheControl: string, ifNoneMatch: string | null = null): Promise<Response | null> {
  let realRoot: string;
  let real: string;
  try {
    [realRoot, real] = await Promise.all([realpath(root), realpath(path)]);
  } catch {
    return null;
  }
  if (!isInside(realRoot, real)) return null;
  let handle;
  try {
    // O_NOFOLLOW: a file swapped for a symlink after the realpath check is refused, not followed.
    handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const first = await handle.stat({ bigint: true });
    if (!first.isFile()) return null;
    const etag = `W/"${first.size.toString(36)}-${(first.mtimeNs / 1_000_000n).toString(36)}"`;
    const headers = { ...securityHeaders(), 'Content-Type': contentTypeFor(extname(path)), 'Cache-Control': cacheControl, ETag: etag };
    if (ifNoneMatch !== null && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
    const body = await readUnchanged(handle);
    if (body === undefined) {
      return new Response('The file is being replaced; try again.', { status: 503, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '1' } });
    }
    return new Response(body.bytes, { status: 200, headers: { ...headers, ETag: body.etag } });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const STABLE_READ_TRIES = 5;

/**
 * The file's bytes as they stood at one moment. A file rewritten in place while it is read (a
 * non-atomic save of the plan image) would otherwise give a body that starts with the old version
 * and ends with the new: a read is kept only when size and modification time are the same before
 * and after it. Undefined when the file changed during every try.
 */
async function readUnchanged(handle: FileHandle): Promise<{ bytes: Uint8Array<ArrayBuffer>; etag: string } | undefined> {
  for (let tries = 0; tries < STABLE_READ_TRIES; tries++) {
    const before = await handle.stat({ bigint: true });
    const bytes = new Uint8Array(Number(before.size));
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const after = await handle.stat({ bigint: true });
    if (filled === bytes.length && after.size === before.size && after.mtimeNs === before.mtimeNs) {
      return { bytes, etag: `W/"${before.size.toString(36)}-${(before.mtimeNs / 1_000_000n).toString(36)}"` };
    }
  }
  return undefined;
}
