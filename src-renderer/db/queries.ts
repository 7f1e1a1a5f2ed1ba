// Every read the screens make, written once. Plain async functions over a database handle: no
// Svelte here, so they run in tests as they are and inside `liveState(() => query(db, …))` on screens.
import { Dexie } from 'dexie';
import {
  readMeta,
  type ActivityRow,
  type AuditEntry,
  type ConfigStatus,
  type KioskDatabase,
  type OccurrenceRow,
  type OccurrenceWindow,
  type OrganisationRow,
  type SeriesRow,
  type SpaceRow,
  type StoredSite,
} from './database';

export interface SiteMeta extends StoredSite {
  configHash: string;
  configLoadedAt: number;
  occurrenceWindow?: OccurrenceWindow;
}

export function listActivities(db: KioskDatabase): Promise<ActivityRow[]> {
  return db.activities.toArray();
}

export function listSpaces(db: KioskDatabase): Promise<SpaceRow[]> {
  return db.spaces.toArray();
}

export function listOrganisations(db: KioskDatabase): Promise<OrganisationRow[]> {
  return db.organisations.toArray();
}

/**
 * Occurrences overlapping [from, to), by start. Read through the start index up to `to` and
 * filtered on end, so one that began before `from` and is still running counts as "now"; only
 * the short past kept in the table (from yesterday) is scanned for that.
 */
export function occurrencesBetween(db: KioskDatabase, from: number, to: number): Promise<OccurrenceRow[]> {
  return db.occurrences
    .where('start')
    .below(to)
    .filter((o) => o.end > from)
    .toArray();
}

/** Occurrences in one space overlapping [from, to), by start: a space's timeline. */
export function occurrencesInSpace(db: KioskDatabase, spaceId: string, from: number, to: number): Promise<OccurrenceRow[]> {
  return db.occurrences
    .where('[spaceId+start]')
    .between([spaceId, Dexie.minKey], [spaceId, to], true, false)
    .filter((o) => o.end > from)
    .toArray();
}

/** The last accepted site with when and what was loaded, or undefined before the first good load. */
export async function getSiteMeta(db: KioskDatabase): Promise<SiteMeta | undefined> {
  const [site, configHash, configLoadedAt, occurrenceWindow] = await Promise.all([
    readMeta(db, 'site'),
    readMeta(db, 'configHash'),
    readMeta(db, 'configLoadedAt'),
    readMeta(db, 'occurrenceWindow'),
  ]);
  if (site === undefined || configHash === undefined || configLoadedAt === undefined) return undefined;
  return { ...site, configHash, configLoadedAt, occurrenceWindow };
}

/** The result of the last config load, good or bad; undefined before any load. */
export function getConfigStatus(db: KioskDatabase): Promise<ConfigStatus | undefined> {
  return readMeta(db, 'configStatus');
}

/** Occurrences of the given activities, whenever they are. */
export function occurrencesOfActivities(db: KioskDatabase, activityIds: readonly string[]): Promise<OccurrenceRow[]> {
  return activityIds.length === 0 ? Promise.resolve([]) : db.occurrences.where('activityId').anyOf([...activityIds]).toArray();
}

export function listSeries(db: KioskDatabase): Promise<SeriesRow[]> {
  return db.series.toArray();
}

/** The newest audit entries first; `entity`/`entityId` narrow it to one kind or one record. */
export async function listAudit(db: KioskDatabase, options: { limit?: number; entity?: string; entityId?: string } = {}): Promise<AuditEntry[]> {
  const { limit = 100, entity, entityId } = options;
  let collection = entity === undefined ? db.auditLog.orderBy('seq').reverse() : db.auditLog.where('entity').equals(entity).reverse();
  if (entityId !== undefined) collection = collection.filter((entry) => entry.entityId === entityId);
  // Within one entity the index returns ties by primary key, so reversed it is newest first too.
  return collection.limit(limit).toArray();
}
