// `GET /api/changes?since&epoch&config&wait`: the change stream as a long poll. Anything new (a change
// after `since`, another epoch, another config version) is answered at once; otherwise the request
// waits for the store to say something happened, at most `wait` ms, and stops waiting the moment the
// client goes away. A plain request/response, so it works the same over HTTP and over app://.
import * as v from 'valibot';
import { ChangesQuerySchema, type ChangesResponse } from '../../src-renderer/core/hub/contract';
import type { HubService } from '../service';
import { badRequest, HttpRefusal, validationRefusal } from './errors';
import type { ConcurrencyLimit } from './limits';

export type ChangesQuery = v.InferOutput<typeof ChangesQuerySchema>;

export function parseChangesQuery(params: URLSearchParams): ChangesQuery {
  const record: Record<string, string> = {};
  for (const [key, value] of params) {
    if (Object.hasOwn(record, key)) throw badRequest(`The query names "${key}" twice; give it once.`);
    record[key] = value;
  }
  const parsed = v.safeParse(ChangesQuerySchema, record);
  if (!parsed.success) throw validationRefusal('The changes query', parsed.issues);
  return parsed.output;
}

export async function answerChanges(
  service: HubService,
  query: ChangesQuery,
  wait: { client: string; limit: ConcurrencyLimit; signal: AbortSignal },
): Promise<ChangesResponse> {
  const first = await service.changesSince(query.since, query.epoch);
  const somethingNew = first.reset || first.changes.length > 0 || (query.config !== undefined && query.config !== first.configVersion);
  if (somethingNew || !query.wait) return first;

  const release = wait.limit.tryAcquire(wait.client);
  if (!release) {
    throw new HttpRefusal(429, { error: 'rate-limited', message: 'Too many open change requests from this screen; try again shortly.' }, { 'Retry-After': '5' });
  }
  try {
    await service.waitForChange(query.since, query.config ?? first.configVersion, query.wait, wait.signal);
  } finally {
    release();
  }
  // The client went away (the answer goes nowhere) or the hub is shutting down (nothing new is
  // known): either way the first answer does, and the store is spared the query.
  if (wait.signal.aborted) return first;
  return service.changesSince(query.since, query.epoch);
}
