// Opening the hub's store from where it lives — a PostgreSQL URL or a PGlite folder — with the hub's
// log; shared by the Node host, the CLI's backup and restore, and Electron's embedded hub.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openHubService } from './hub';
import type { HubLog } from './log';
import type { HubService } from './service';

/** Where the store lives: a PostgreSQL URL, or else a PGlite data folder. */
export type StoreLocation = { database: string } | { dataDir: string };

export function openStore(store: StoreLocation, siteDir: string, log: HubLog, version = packageVersion(), now?: () => number): Promise<HubService> {
  // The store logs as (level, message); here every line gets the hub log's 'store' topic.
  const storeLog = (level: keyof HubLog, message: string) => log[level]('store', message);
  return openHubService({ siteDir, ...store, log: storeLog, version, ...(now ? { now } : {}) });
}

/** The version in package.json (the CLI's; Electron passes app.getVersion()). */
export function packageVersion(): string {
  try {
    const root = resolve(import.meta.dirname, '..');
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Which store a location names, for the line the CLI prints; a password never shows. */
export function describeStore(store: StoreLocation): string {
  if ('dataDir' in store) return `PGlite in ${store.dataDir}`;
  try {
    const parsed = new URL(store.database);
    if (parsed.password) parsed.password = '***';
    return `PostgreSQL at ${parsed.href}`;
  } catch {
    return 'PostgreSQL at an unreadable URL';
  }
}
