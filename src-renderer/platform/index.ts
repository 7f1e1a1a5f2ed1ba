import type { KioskPreloadApi } from '../core/contract';
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
 * receives a KioskPlatform.
 */
export function getPlatform(): KioskPlatform {
  platform ??= window.kiosk ? new ElectronPlatform(window.kiosk) : new WebPlatform();
  return platform;
}
