// The one bridge from Dexie's liveQuery to Svelte runes (the shape of dexie-svelte-query's
// stateQuery): a query result that stays current while the component that made it lives.
import { liveQuery } from 'dexie';
import { untrack } from 'svelte';

export interface LiveState<T> {
  /** The latest result; `initial` until the first one arrives, and kept while a new one loads. */
  readonly current: T | undefined;
  /** True until the first result of the current subscription arrives (or it fails). */
  readonly isLoading: boolean;
  /** The query's last error; cleared by the next result. */
  readonly error: unknown;
}

/**
 * Keeps `query`'s result live: every committed write that touches what the query read runs it
 * again. Create it during component initialisation (or inside `$effect.root`): it subscribes in an
 * `$effect` and unsubscribes when that effect is destroyed.
 *
 * Reactive inputs go in `deps`, not only in `query`. Dexie runs the query on a timer and again
 * after writes, never inside the effect, so Svelte cannot see what the query reads; `deps` is
 * read inside the effect, and when anything it reads changes, the subscription is replaced:
 *
 *   const today = liveState(() => occurrencesBetween(db, view.from, view.to), [], () => [view.from, view.to]);
 *
 * The explicit list was chosen over calling the query once inside the effect to let Svelte track
 * it: that would run every query twice and still miss whatever the query reads after an `await`.
 */
export function liveState<T>(query: () => T | Promise<T>, initial?: T, deps?: () => unknown): LiveState<T> {
  return new LiveQueryState(query, initial, deps);
}

class LiveQueryState<T> implements LiveState<T> {
  // Raw: results are replaced whole, never mutated, and may be large (markers, occurrences).
  #current = $state.raw<T | undefined>(undefined);
  #isLoading = $state(true);
  #error = $state.raw<unknown>(undefined);

  constructor(query: () => T | Promise<T>, initial: T | undefined, deps: (() => unknown) | undefined) {
    this.#current = initial;
    $effect(() => {
      deps?.();
      // Nothing below is a dependency of this effect, whatever the query happens to read.
      return untrack(() => {
        this.#isLoading = true;
        const subscription = liveQuery(rejectingThrows(query)).subscribe({
          next: (value) => {
            this.#current = value;
            this.#error = undefined;
            this.#isLoading = false;
          },
          error: (error: unknown) => {
            this.#error = error;
            this.#isLoading = false;
          },
        });
        return () => subscription.unsubscribe();
      });
    });
  }

  get current(): T | undefined {
    return this.#current;
  }

  get isLoading(): boolean {
    return this.#isLoading;
  }

  get error(): unknown {
    return this.#error;
  }
}

/**
 * Dexie lets a query that throws synchronously (rather than rejecting) escape from its timer as an
 * uncaught error, and the state would then load forever; as a rejection it reaches `error`.
 */
function rejectingThrows<T>(query: () => T | Promise<T>): () => T | Promise<T> {
  return () => {
    try {
      return query();
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
