// The badge tables in a hub backup: the issuer keys (private halves included: a restored hub signs
// and verifies as before), the claims and the issued badges. A kiosk backup has no such section. A
// restore adds these rows to the hub's and never removes any (see mergeKeys and mergeBadgeRows).
import type { BackupError, BackupFile } from '../../src-renderer/core/backup';
import type { Sql } from '../db/sql';
import { exportBadgeRows, mergeBadgeRows, type BadgeRows } from './claims';
import { exportKeys, mergeKeys, type BackupKey } from './keys';

export interface BadgeBackup extends BadgeRows {
  keys: BackupKey[];
}

/** A backup file as the hub writes it: the kiosk's format plus the badge section. */
export type HubBackupFile = BackupFile & { badges?: BadgeBackup };

export async function exportBadges(tx: Sql): Promise<BadgeBackup> {
  return { keys: await exportKeys(tx), ...(await exportBadgeRows(tx)) };
}

export async function mergeBadges(tx: Sql, backup: BadgeBackup | undefined, now: number): Promise<void> {
  if (!backup) return;
  await mergeKeys(tx, backup.keys, now);
  await mergeBadgeRows(tx, backup);
}

const NEEDS: Record<keyof BadgeBackup, readonly string[]> = {
  keys: ['did', 'publicJwk', 'privateJwk', 'state', 'createdAt'],
  claims: ['id', 'token', 'achievement_id', 'activity_id', 'session_start', 'opened_by', 'opened_at', 'expires_at', 'max_claims', 'claims'],
  issued: ['id', 'claim_id', 'achievement_id', 'activity_id', 'session_start', 'issued_at', 'key_did', 'status_list', 'status_index'],
};

/** The badge section's shape (absent is fine); problems as the restore's refusal lists them. */
export function validateBadgeBackup(file: unknown): { badges: BadgeBackup | undefined; errors: BackupError[] } {
  const section = (file as { badges?: unknown } | null)?.badges;
  if (section === undefined) return { badges: undefined, errors: [] };
  const errors: BackupError[] = [];
  if (typeof section !== 'object' || section === null) return { badges: undefined, errors: [{ path: 'badges', message: 'The badges section must be an object.' }] };
  for (const [table, fields] of Object.entries(NEEDS)) {
    const rows = (section as Record<string, unknown>)[table];
    if (!Array.isArray(rows)) {
      errors.push({ path: `badges.${table}`, message: `badges.${table} must be a list.` });
      continue;
    }
    rows.forEach((row: unknown, index) => {
      const missing = fields.filter((field) => typeof row !== 'object' || row === null || (row as Record<string, unknown>)[field] === undefined || (row as Record<string, unknown>)[field] === null);
      if (missing.length > 0) errors.push({ path: `badges.${table}[${index}]`, message: `missing ${missing.join(', ')}.` });
    });
  }
  const keys = (section as { keys?: unknown }).keys;
  if (Array.isArray(keys)) {
    keys.forEach((key: { state?: unknown }, index) => {
      if (!['current', 'retired', 'withdrawn'].includes(key?.state as string)) errors.push({ path: `badges.keys[${index}].state`, message: 'state must be current, retired or withdrawn.' });
    });
  }
  return errors.length > 0 ? { badges: undefined, errors: errors.slice(0, 100) } : { badges: section as BadgeBackup, errors };
}
