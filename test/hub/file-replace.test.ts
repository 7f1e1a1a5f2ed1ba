// Issue 15, "one failed file read kills the web server": served files are replaced 100 times each
// while GETs run against a real hub server — the plan image in the site folder and a hashed asset of
// the renderer build, each by rename-over (an atomic save), truncate-and-rewrite (a non-atomic save)
// and delete-then-write (a rebuild of out/renderer). The server must never fall over, and no answer
// may be torn beyond what the platform allows. Precisely, every answer is one of:
// - 200 whose body is the file as it stood at one instant: all of the old or the new version, or —
//   only while a non-atomic writer is at work, whose intermediate states the file system shows to
//   anyone — a prefix of the version being written (the empty file included). Never bytes of two
//   versions in one body, never more bytes than the version has, and Content-Length = body length;
// - 404 "Not found" (text/plain) — only while the file is really gone (delete-then-write);
// - 503 with Retry-After — only when the file changed during every read the server tried.
// Rename-over must give 200 with a complete version, every time.
import { rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src-hub/start';
import { fakeService, makeFolders, silentLog, type Folders } from './http-fakes';

const REPLACEMENTS = 100;
const READERS = 6;
// Two versions of different lengths, each one byte value throughout: a body mixing them is visible.
// Larger than one 512 KiB read, so a body could be read in parts on either side of a rewrite.
const OLD = Buffer.alloc(640 * 1024, 'A');
const NEW = Buffer.alloc(896 * 1024, 'B');

type Mode = 'rename-over' | 'truncate-rewrite' | 'delete-then-write';

let folders: Folders;
let hub: RunningHub;
let log: ReturnType<typeof silentLog>;

beforeAll(async () => {
  folders = await makeFolders({ 'site.json': '{"id":"t"}' });
  log = silentLog();
  hub = await startHub({ siteDir: folders.site, store: { dataDir: '/nowhere' }, rendererDir: folders.renderer, followDir: folders.follow, port: 0, log, open: async () => fakeService() });
  await hub.ready;
});
afterAll(async () => {
  await hub?.close();
  await rm(folders.root, { recursive: true, force: true });
});

async function replace(path: string, content: Buffer, mode: Mode): Promise<void> {
  if (mode === 'rename-over') {
    const next = `${path}.next`;
    await writeFile(next, content);
    await rename(next, path);
  } else if (mode === 'truncate-rewrite') {
    await writeFile(path, content);
  } else {
    await unlink(path).catch(() => undefined);
    await writeFile(path, content);
  }
}

interface Tally {
  complete: number;
  partial: number;
  missing: number;
  busy: number;
  problems: string[];
}

/** Judges one answer by the rules at the top of this file. */
async function judge(response: Response, mode: Mode, tally: Tally): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status === 200) {
    const length = Number(response.headers.get('content-length') ?? body.length);
    if (length !== body.length) tally.problems.push(`Content-Length ${length} for ${body.length} bytes`);
    if (body.equals(OLD) || body.equals(NEW)) return void tally.complete++;
    const byte = body[0];
    const oneVersion = body.every((value) => value === byte);
    const limit = byte === 0x41 ? OLD.length : NEW.length;
    if (mode !== 'rename-over' && (body.length === 0 || (oneVersion && body.length < limit))) return void tally.partial++;
    tally.problems.push(`${mode}: torn 200 body of ${body.length} bytes (${oneVersion ? 'one version' : 'two versions mixed'})`);
  } else if (response.status === 404 && mode === 'delete-then-write') {
    if (body.toString() !== 'Not found' || !response.headers.get('content-type')?.startsWith('text/plain')) tally.problems.push(`unclean 404: ${body.toString().slice(0, 80)}`);
    tally.missing++;
  } else if (response.status === 503 && response.headers.get('retry-after')) {
    tally.busy++;
  } else {
    tally.problems.push(`${mode}: status ${response.status} ${body.toString().slice(0, 80)}`);
  }
}

async function hammer(url: string, path: string, mode: Mode): Promise<Tally> {
  await replace(path, OLD, 'rename-over');
  const tally: Tally = { complete: 0, partial: 0, missing: 0, busy: 0, problems: [] };
  let writing = true;
  const readers = Array.from({ length: READERS }, async () => {
    // Each reader goes on until the writer is done, and at least a few times after it.
    for (let after = 0; writing || after < 3; after += writing ? 0 : 1) {
      try {
        await judge(await fetch(url, { headers: { 'Cache-Control': 'no-cache' } }), mode, tally);
      } catch (error) {
        tally.problems.push(`${mode}: request failed: ${String(error)}`);
      }
    }
  });
  for (let index = 0; index < REPLACEMENTS; index++) {
    await replace(path, index % 2 === 0 ? NEW : OLD, mode);
    await new Promise((resolve) => setImmediate(resolve));
  }
  writing = false;
  await Promise.all(readers);
  return tally;
}

describe(`served files replaced ${REPLACEMENTS} times while ${READERS} clients read them`, () => {
  const files = [
    { name: 'the plan image (site folder)', url: 'site/plan.svg', path: () => join(folders.site, 'plan.svg') },
    { name: 'a renderer asset (out/renderer)', url: 'assets/app-123.js', path: () => join(folders.renderer, 'assets', 'app-123.js') },
  ];
  for (const file of files) {
    for (const mode of ['rename-over', 'truncate-rewrite', 'delete-then-write'] as const) {
      it(`${file.name} by ${mode}: every answer whole or clean, the server up`, async () => {
        const tally = await hammer(new URL(file.url, hub.url).href, file.path(), mode);
        expect(tally.problems.slice(0, 5)).toEqual([]);
        expect(tally.complete).toBeGreaterThan(0);
        if (mode === 'rename-over') expect(tally.partial + tally.missing + tally.busy).toBe(0);
        // Still serving: the file, and the API beside it.
        expect((await fetch(new URL(file.url, hub.url))).status).toBe(200);
        expect((await fetch(new URL('api/health', hub.url))).status).toBe(200);
        expect(log.error).not.toHaveBeenCalled();
      }, 120_000);
    }
  }
});
