// Every read the screens make, written once. Plain async functions over a database handle: no
// Svelte here, so they run in tests as they are and inside `liveState(() => query(db, …))` on screens.
import { Dexie } from 'dexie';
import type { LevelId, LocalizedText, PlanPoint } from '../core/model';
import {
  readMeta,
  type ActivityRow,
  type ConfigStatus,
  type KioskDatabase,
  type OccurrenceRow,
  type OccurrenceWindow,
  type OrganisationRow,
  type SpaceRow,
  type StoredSite,
} from './database';

/** One activity as a marker on the site plan. */
export interface ActivityMarker {
  activityId: string;
  title: LocalizedText;
  level: LevelId;
  themes: string[];
  spaceId: string;
  /** For the marker's accessible name: "title — level — space". */
  spaceName: LocalizedText;
  at: PlanPoint;
}

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

/** Markers for every activity held in an on-site space that still exists. Off-site activities have none. */
export async function activityMarkers(db: KioskDatabase): Promise<ActivityMarker[]> {
  const [activities, spaces] = await Promise.all([db.activities.toArray(), db.spaces.toArray()]);
  const spaceById = new Map(spaces.map((s) => [s.id, s]));
  const markers: ActivityMarker[] = [];
  for (const activity of activities) {
    const space = activity.space === undefined ? undefined : spaceById.get(activity.space);
    if (space === undefined) continue;
    markers.push({
      activityId: activity.id,
      title: activity.title,
      level: activity.level,
      themes: activity.themes,
      spaceId: space.id,
      spaceName: space.name,
      at: space.at,
    });
  }
  return markers;
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
