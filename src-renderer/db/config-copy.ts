// What a start asks of the kiosk's config copy before anything is seeded: is it current, which site
// does it hold, and the record of a refused load. Apart from db/seed.ts, which writes the copy and is
// loaded only when a config has to be stored, so an ordinary start does not download it.
import type { ConfigError } from '../core/model';
import { metaRow, readMeta, type KioskDatabase, type StoredSite } from './database';

export const DEFAULT_WINDOW_DAYS = 60;
export const DAY_MS = 86_400_000;
/** A restart reseeds once fewer than this many days of the window are left ahead. */
export const WINDOW_SLACK_DAYS = 7;

/**
 * True when the store already holds exactly these files, validated and seeded, with occurrences
 * far enough ahead: a restart then shows the map at once instead of validating again (validation
 * expands a year of schedules to find clashes, the slowest step of a start).
 */
export async function isBundleCurrent(db: KioskDatabase, hash: string, now: number, windowDays = DEFAULT_WINDOW_DAYS): Promise<boolean> {
  const [storedHash, status, window, site] = await Promise.all([readMeta(db, 'bundleHash'), readMeta(db, 'configStatus'), readMeta(db, 'occurrenceWindow'), readMeta(db, 'site')]);
  return (
    storedHash === hash &&
    status?.ok === true &&
    window !== undefined &&
    window.to >= now + (windowDays - WINDOW_SLACK_DAYS) * DAY_MS &&
    // A copy stored before playlists existed (issue 12) lacks them: store the same files again.
    site?.playlists !== undefined
  );
}

/**
 * Records a rejected config. Only the status changes: the kiosk keeps serving the last good data,
 * and staff see what is wrong.
 */
export async function recordConfigFailure(db: KioskDatabase, errors: ConfigError[], now: number): Promise<void> {
  await db.meta.put(metaRow('configStatus', { ok: false, errors, warnings: [], at: now }));
}

/** The site the kiosk last accepted, or undefined on a first run (nothing ever loaded). */
export function loadLastGoodSite(db: KioskDatabase): Promise<StoredSite | undefined> {
  return readMeta(db, 'site');
}
