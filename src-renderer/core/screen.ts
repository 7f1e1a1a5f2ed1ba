// What a kiosk makes of its own screen settings (ScreenRow, set by a coordinator at the desk) and of
// the device identity it keeps. Pure: the kiosk (kiosk/device.svelte.ts, kiosk/screen.svelte.ts)
// reads storage and the clock and hands them in.
import type { ScreenRow } from './hub/contract';

/** Where a web-mode kiosk keeps its identity (localStorage), as JSON `{"token":"…","screenId":"…"}`. */
export const DEVICE_STORAGE_KEY = 'wegwijzer.device';

export interface DeviceIdentity {
  /** The device token: sent as `Authorization: Bearer <token>`. */
  token: string;
  screenId: string;
}

/** The stored identity, or undefined when there is none or it is damaged (the kiosk then pairs again). */
export function parseDeviceIdentity(text: string | null | undefined): DeviceIdentity | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { token, screenId } = value as Record<string, unknown>;
    if (typeof token !== 'string' || typeof screenId !== 'string' || token === '' || screenId === '') return undefined;
    return { token, screenId };
  } catch {
    return undefined;
  }
}

/** The notice to show now: set, and `from <= now < until`. */
export function activeNotice(screen: Pick<ScreenRow, 'notice'> | undefined, now: number): string | undefined {
  const notice = screen?.notice;
  if (!notice || now < notice.from || now >= notice.until) return undefined;
  return notice.text;
}

/**
 * Whether a reload a coordinator asked for is still to be done: asked after this page was loaded,
 * and not the very request the page already reloaded for. The second check is what stops a loop when
 * the kiosk's clock runs behind the hub's (the new page would otherwise find the request newer again).
 */
export function shouldReload(reloadAt: number | undefined, loadedAt: number, alreadyDone: number | undefined): boolean {
  return reloadAt !== undefined && reloadAt > loadedAt && reloadAt !== alreadyDone;
}
