// The recent-paths store, loaded on first use so that Dexie stays out of the first download. Every
// call degrades to "nothing remembered" where IndexedDB is unavailable (some private modes): the
// page must work without it.
import type * as RecentDb from './recent-db';
import type { RecentPath } from './recent-db';

export type { RecentPath } from './recent-db';

type Store = typeof RecentDb;

let store: Promise<Store> | undefined;

function load(): Promise<Store> {
  store ??= import('./recent-db');
  return store;
}

export async function rememberPath(entry: RecentPath, replaces?: string): Promise<void> {
  try {
    await (await load()).rememberPath(entry, replaces);
  } catch {
    // Not remembering is acceptable; failing the page is not.
  }
}

export async function recentPaths(): Promise<RecentPath[]> {
  try {
    return await (await load()).recentPaths();
  } catch {
    return [];
  }
}

export async function forgetPath(code: string): Promise<void> {
  try {
    await (await load()).forgetPath(code);
  } catch {
    // Nothing to forget where nothing could be stored.
  }
}

export async function findByBookingCode(bookingCode: string): Promise<RecentPath | undefined> {
  try {
    return await (await load()).findByBookingCode(bookingCode);
  } catch {
    return undefined;
  }
}
