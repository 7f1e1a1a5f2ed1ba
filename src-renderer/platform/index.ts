import type { KioskPreloadApi } from '../core/contract';
import { HubClient, type HubClientOptions } from '../db/hub-client';
import { ElectronPlatform } from './electron';
import type { KioskPlatform } from './types';
import { WebPlatform } from './web';

export type { KioskPlatform } from './types';

declare global {
  interface Window {
    /** Present only under Electron, where the preload script exposes it. */
    kiosk?: KioskPreloadApi;
  }
}

let platform: KioskPlatform | undefined;

/**
 * The host bridge. This is the only place that knows there are two hosts; every screen just
 * receives a KioskPlatform. `client` says how its requests to the hub present this screen (the
 * device's bearer); it counts for the first call only.
 */
export function getPlatform(client: HubClientOptions = {}): KioskPlatform {
  platform ??= window.kiosk ? new ElectronPlatform(window.kiosk, new HubClient(client)) : new WebPlatform(new HubClient(client));
  return platform;
}
