// Mentors, achievements and playlists defined at the staff desk, written into the site folder's
// site.json. The change is applied to the file as it is now and the WHOLE folder validated with it
// (the same loadSiteConfig the hub and the kiosks use); a change that does not validate is refused
// with the problems and nothing is written. A good one replaces site.json atomically (temporary file,
// then rename), the previous file kept beside it as site.json.bak; the hub's own config path then
// loads it like any other edit of the folder.
import { copyFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSiteConfig } from '../../src-renderer/core/config';
import type { LearningItemResponse, LearningKind, RemoveLearningItemRequest, SaveLearningItemRequest } from '../../src-renderer/core/hub/contract';
import type { ConfigError } from '../../src-renderer/core/model';
import type { StoreContext } from '../db/context';
import type { AuditRecord } from '../db/audit';
import { runWrite, type Intent } from '../db/write';
import { HubRequestError } from '../service';
import { readSiteBundle } from '../site/read';

const ARRAYS: Record<LearningKind, 'mentors' | 'achievements' | 'playlists'> = { mentor: 'mentors', achievement: 'achievements', playlist: 'playlists' };

type Json = Record<string, unknown>;

/** One change of site.json at a time in this process: a second save reads the first one's file. */
let queue: Promise<unknown> = Promise.resolve();

function serialised<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

export function saveLearningItem(ctx: StoreContext, siteDir: string, request: SaveLearningItemRequest): Promise<LearningItemResponse> {
  const id = request.item['id'];
  if (typeof id !== 'string' || id === '') throw new HubRequestError(400, 'bad-request', `The ${request.kind} needs an "id".`);
  return serialised(() =>
    change(ctx, siteDir, { route: 'saveLearningItem', key: request.idempotencyKey, request }, request.kind, (items) => {
      const before = request.replaces === undefined ? undefined : items.find((item) => item['id'] === request.replaces);
      if (request.replaces !== undefined && !before) throw new HubRequestError(404, 'not-found', `site.json has no ${request.kind} "${request.replaces}" to replace.`);
      const next = before ? items.map((item) => (item === before ? request.item : item)) : [...items, request.item];
      return { items: next, audit: { actor: request.by, entity: request.kind, entityId: id, action: before ? 'changed' : 'created', ...(before ? { before } : {}), after: request.item } };
    }),
  );
}

export function removeLearningItem(ctx: StoreContext, siteDir: string, request: RemoveLearningItemRequest): Promise<LearningItemResponse> {
  return serialised(() =>
    change(ctx, siteDir, { route: 'removeLearningItem', key: request.idempotencyKey, request }, request.kind, (items) => {
      const before = items.find((item) => item['id'] === request.id);
      if (!before) throw new HubRequestError(404, 'not-found', `site.json has no ${request.kind} "${request.id}".`);
      return { items: items.filter((item) => item !== before), audit: { actor: request.by, entity: request.kind, entityId: request.id, action: 'removed', before } };
    }),
  );
}

async function change(
  ctx: StoreContext,
  siteDir: string,
  intent: Intent,
  kind: LearningKind,
  apply: (items: Json[]) => { items: Json[]; audit: AuditRecord },
): Promise<LearningItemResponse> {
  return runWrite(ctx, intent, async (_tx, now) => {
    const bundle = await readSiteBundle(siteDir);
    const text = bundle.files['site.json'];
    let site: Json;
    try {
      site = JSON.parse(text ?? '') as Json;
      if (typeof site !== 'object' || site === null || Array.isArray(site)) throw new Error('not an object');
    } catch {
      return refusal([{ file: 'site.json', path: '', message: 'site.json in the site folder is missing or is not a JSON object; fix the file first.' }]);
    }
    const field = ARRAYS[kind];
    const current = Array.isArray(site[field]) ? (site[field] as Json[]) : [];
    const { items, audit } = apply(current);
    const changed = `${JSON.stringify({ ...site, [field]: items }, null, 2)}\n`;
    const result = loadSiteConfig({ ...bundle, files: { ...bundle.files, 'site.json': changed } }, { now });
    if (!result.ok) return refusal(result.errors);
    await replaceFile(join(siteDir, 'site.json'), changed);
    return { response: { ok: true, errors: [] }, audit: [audit] };
  });
}

/** A refusal is answered (and kept for a retry with the same key) without writing anything. */
function refusal(errors: ConfigError[]): { response: LearningItemResponse } {
  return { response: { ok: false, errors } };
}

async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await copyFile(path, `${path}.bak`).catch(() => undefined);
  await rename(temporary, path);
}
