// The phone's memory of paths it opened: a returning visitor finds them without the QR code. It stays
// on the phone (IndexedDB), holds only what the links themselves hold, and keeps the last ten.
// Loaded lazily (see recent.ts): Dexie is not needed to show a path.
import Dexie, { type EntityTable } from 'dexie';

export interface RecentPath {
  /** The follow-up code, which is also the key: opening the same path again only refreshes it. */
  code: string;
  openedAt: number;
  /** Activity titles in the language of the moment, for the list when the catalogue lacks them. */
  summary: string;
  activityIds: string[];
  /** Booking codes in the path, so that typing one finds its booking again on this phone. */
  bookingCodes: string[];
  itemCount: number;
}

export const RECENT_LIMIT = 10;

class FollowDatabase extends Dexie {
  recent!: EntityTable<RecentPath, 'code'>;

  constructor() {
    super('wegwijzer-follow');
    this.version(1).stores({ recent: '&code, openedAt, *bookingCodes' });
  }
}

let database: FollowDatabase | undefined;

function db(): FollowDatabase {
  database ??= new FollowDatabase();
  return database;
}

/** Remembers a path; `replaces` is the code it was edited from, which the edit supersedes. */
export async function rememberPath(entry: RecentPath, replaces?: string): Promise<void> {
  const table = db().recent;
  await db().transaction('rw', table, async () => {
    if (replaces && replaces !== entry.code) await table.delete(replaces);
    await table.put(entry);
    const surplus = await table.orderBy('openedAt').reverse().offset(RECENT_LIMIT).primaryKeys();
    await table.bulkDelete(surplus);
  });
}

/** Newest first. */
export function recentPaths(): Promise<RecentPath[]> {
  return db().recent.orderBy('openedAt').reverse().toArray();
}

export async function forgetPath(code: string): Promise<void> {
  await db().recent.delete(code);
}

export function findByBookingCode(bookingCode: string): Promise<RecentPath | undefined> {
  return db().recent.where('bookingCodes').equals(bookingCode).first();
}
