import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskDatabase } from '../../../src-renderer/db/database';
import { liveState, type LiveState } from '../../../src-renderer/db/live.svelte';
import { listSpaces } from '../../../src-renderer/db/queries';
import { freshDatabase, space } from './fixtures';

const opened: KioskDatabase[] = [];
const roots: (() => void)[] = [];
afterEach(async () => {
  for (const destroy of roots.splice(0)) destroy();
  for (const db of opened.splice(0)) await db.delete();
});

function newDb(): KioskDatabase {
  const db = freshDatabase();
  opened.push(db);
  return db;
}

/** Creates the state the way a component does during init, and returns it with its destroy function. */
function mount<T>(create: () => LiveState<T>): { state: LiveState<T>; destroy: () => void } {
  let state: LiveState<T> | undefined;
  const destroy = $effect.root(() => {
    state = create();
  });
  roots.push(destroy);
  flushSync(); // runs the effect that subscribes
  if (state === undefined) throw new Error('not created');
  return { state, destroy };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Under Vitest's SSR pipeline (the default 'node' environment) Svelte compiles runes for the server,
// where $effect never runs. vitest.config.ts runs *.svelte.test.ts files in the 'runes' project with
// test/support/client-environment.ts; this test says so plainly if that ever changes.
it('runs under the client pipeline, where $effect runs', () => {
  expect(import.meta.env.SSR, 'run in the runes project (test/support/client-environment.ts)').toBe(false);
});

describe('liveState', () => {
  it('loads, follows writes, and stops after destroy', async () => {
    const db = newDb();
    await db.spaces.add({ ...space('hall', 1, 2), source: 'config' });
    const query = vi.fn(() => listSpaces(db).then((rows) => rows.map((s) => s.id)));

    const { state, destroy } = mount(() => liveState(query, []));

    expect(state.isLoading).toBe(true);
    expect(state.current).toEqual([]);
    await vi.waitFor(() => expect(state.isLoading).toBe(false));
    expect(state.current).toEqual(['hall']);
    expect(state.error).toBeUndefined();

    await db.spaces.add({ ...space('studio', 3, 4), source: 'staff' });
    await vi.waitFor(() => expect(state.current).toEqual(['hall', 'studio']));

    destroy();
    const calls = query.mock.calls.length;
    await db.spaces.add({ ...space('annex', 5, 6), source: 'staff' });
    await pause(50);
    expect(state.current).toEqual(['hall', 'studio']);
    expect(query).toHaveBeenCalledTimes(calls);
  });

  it('keeps a real undefined result as a result, not as loading', async () => {
    const db = newDb();
    const { state } = mount(() => liveState(() => db.spaces.get('nowhere')));
    await vi.waitFor(() => expect(state.isLoading).toBe(false));
    expect(state.current).toBeUndefined();
  });

  it('re-subscribes when a reactive input read in deps changes', async () => {
    const db = newDb();
    await db.spaces.bulkAdd([
      { ...space('hall', 1, 2), source: 'config' },
      { ...space('studio', 3, 4), source: 'config' },
    ]);
    const filter = $state({ id: 'hall' });

    const { state } = mount(() =>
      liveState(
        () => db.spaces.get(filter.id).then((s) => s?.id),
        undefined,
        () => filter.id,
      ),
    );
    await vi.waitFor(() => expect(state.current).toBe('hall'));

    filter.id = 'studio';
    flushSync();
    // The old result stays visible while the new subscription loads (Dexie's cache may answer at once).
    expect(state.current).not.toBeUndefined();
    await vi.waitFor(() => expect(state.current).toBe('studio'));
    expect(state.isLoading).toBe(false);
  });

  it('reports a failing query as an error', async () => {
    const db = newDb();
    const { state } = mount(() => liveState(() => db.table('missing').toArray()));
    await vi.waitFor(() => expect(state.error).toBeDefined());
    expect(state.isLoading).toBe(false);
    expect(state.current).toBeUndefined();
  });
});
