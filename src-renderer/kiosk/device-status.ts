// Tells the hub which app and config version this screen runs, so the desk can show a screen that
// is behind. At start and every minute while paired; a failure is simply tried at the next minute.
import type { DeviceStatusRequest } from '../core/hub/contract';
import type { KioskStore } from '../db/store';
import { APP_VERSION } from './app-version';

export const STATUS_EVERY_MS = 60_000;

export async function reportStatus(store: KioskStore): Promise<void> {
  const configVersion = await store.configVersion();
  const body: DeviceStatusRequest = { appVersion: APP_VERSION, ...(configVersion === undefined ? {} : { configVersion }) };
  await store.hub.request('deviceStatus', { body }).catch(() => undefined);
}

/** Reports now and every minute; returns the function that stops. */
export function startStatusReports(store: KioskStore, everyMs = STATUS_EVERY_MS): () => void {
  void reportStatus(store);
  const timer = setInterval(() => void reportStatus(store), everyMs);
  return () => clearInterval(timer);
}
