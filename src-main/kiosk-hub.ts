// The hub behind app://: the hub app main serves the kiosk through, and — unless a remote hub is
// chosen — the store it opens in userData. The app answers at once (the kiosk's files and config are
// served while PGlite opens; the API says 503 meanwhile), exactly as the Node host does.
import type { Hono } from 'hono';
import { dirname, join } from 'node:path';
import { createHubApp } from '../src-hub/http/app';
import { TileService } from '../src-hub/tiles/tiles';
import type { HubService } from '../src-hub/service';
import { openStore, type StoreLocation } from '../src-hub/store';
import type { HubChoice } from './hub';
import type { Logger } from './log';

export interface KioskHubOptions {
  choice: HubChoice;
  siteDir: string;
  rendererDir: string;
  followDir: string;
  /** The embedded store's PGlite folder (userData/hub). */
  dataDir: string;
  version: string;
  log: Logger;
  open?: (store: StoreLocation, siteDir: string, log: Logger, version: string) => Promise<HubService>;
}

export interface KioskHub {
  app: Hono;
  /** The remote hub's base URL for the protocol handler, or null. */
  remote: string | null;
  /**
   * The device token of this machine's own screen with the embedded hub (undefined before the store
   * is open, and with a remote hub, where the kiosk pairs like any other screen).
   */
  localToken(): string | undefined;
  /** Resolves once the embedded store is open (or failed to: then it is logged); at once for a remote hub. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function startKioskHub(options: KioskHubOptions): KioskHub {
  const { choice, log } = options;
  let service: HubService | undefined;
  let localToken: string | undefined;
  let closed = false;
  // The embedded hub keeps the city map's tiles beside its store; with a remote hub, that hub serves them.
  const tiles = new TileService({ cacheDir: join(dirname(options.dataDir), 'tile-cache'), siteDir: () => options.siteDir, version: options.version, log });
  const app = createHubApp({ service: () => service, rendererDir: options.rendererDir, followDir: options.followDir, siteDir: () => options.siteDir, log, tiles });

  let ready = Promise.resolve();
  if (choice.kind === 'embedded') {
    const open = options.open ?? openStore;
    ready = open({ dataDir: options.dataDir }, options.siteDir, log, options.version).then(
      async (opened) => {
        if (closed) return opened.close();
        // The screen of this machine is paired with its own hub by construction.
        localToken = (await opened.access.screens.localScreen('This screen')).token;
        const setup = await opened.access.accounts.prepareSetup(process.env['WEGWIJZER_SETUP_TOKEN']);
        if (setup) log.warn('hub', 'No staff account exists yet: run the hub with `npm run hub` to open the staff desk and create the first coordinator.');
        service = opened;
        log.info('hub', `embedded hub ready (PGlite in ${options.dataDir})`);
      },
      (error: unknown) => log.error('hub', `the embedded hub could not open its store in ${options.dataDir}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
  } else if (choice.kind === 'remote') {
    log.info('hub', `using the site hub at ${choice.base} (from the ${choice.from})`);
  } else {
    // No embedded hub in its place: a second authority would split the site's bookings.
    log.error('hub', `the hub address "${choice.value}" is refused (${choice.reason}); bookings are unavailable until --hub or WEGWIJZER_HUB is fixed`);
  }

  return {
    app,
    remote: choice.kind === 'remote' ? choice.base : null,
    localToken: () => localToken,
    ready,
    async close() {
      closed = true;
      await ready;
      const opened = service;
      service = undefined;
      await Promise.all([opened?.close(), tiles.close()]);
    },
  };
}
