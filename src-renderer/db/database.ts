// The one Dexie module: row types, schema versions, migrations and the app-wide instance.
// Every table, index and version lives here, so a schema change is a diff in one file.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { BackupFile } from '../core/backup';
import type { Achievement, ConfigError, Level, LevelId, Mentor, Playlist, Site, Theme } from '../core/model';
import type { ActivityRow, AuditEntry, BookingRow, OccurrenceRow, OrganisationRow, SeriesRow, SpaceRow } from '../core/rows';
import type { ScreenRow, SyncTable } from '../core/hub/contract';

// The row shapes are shared with the site hub, which holds the same rows in PostgreSQL.
export { occurrenceId } from '../core/rows';
export type { ActivityRow, AuditEntry, BookingHolder, BookingRow, OccurrenceRow, OrganisationRow, RowSource, SeriesRow, SpaceRow } from '../core/rows';

/** The validated site as the kiosk last accepted it: everything but the table rows. */
export interface StoredSite {
  site: Site;
  levels: Record<LevelId, Level>;
  themes: Theme[];
  /**
   * The learning ecosystem (issue 12), kept with the site so playlists and badges work offline. Absent in
   * a copy stored before it: such a copy is not current (`isBundleCurrent`), so the next start stores it again.
   */
  mentors?: Mentor[];
  achievements?: Achievement[];
  playlists?: Playlist[];
}

/** The result of the last config load, shown to staff. `ok: false` means the kiosk serves older data. */
export interface ConfigStatus {
  ok: boolean;
  errors: ConfigError[];
  warnings: ConfigError[];
  at: number;
}

/** A lost copy the kiosk noticed and rebuilt from the hub, for staff to read. */
export interface CopyNotice {
  /** How the copy was lost: gone (deleted or cleared), another one in its place, or not readable at all. */
  reason: 'missing' | 'replaced' | 'unreadable';
  noticedAt: number;
  restoredAt: number;
  /** Rows the hub's snapshot put back, per table. */
  restored: Record<SyncTable, number>;
}

export interface OccurrenceWindow {
  from: number;
  to: number;
}

/** Every meta key with the type of its value: the meta table is a typed key/value store. */
export interface MetaValues {
  site: StoredSite;
  configHash: string;
  /** Hash of the raw site files the stored config came from: an unchanged folder skips validation. */
  bundleHash: string;
  configLoadedAt: number;
  configStatus: ConfigStatus;
  occurrenceWindow: OccurrenceWindow;
  /** The hub database life this copy follows (see HubPosition.epoch); another epoch means a fresh snapshot. */
  hubEpoch: string;
  /** The last change of the hub applied to this copy: the change stream resumes after it. */
  hubSeq: number;
  /**
   * What a kiosk of the version before the hub had stored itself (its bookings, series, staff and
   * imported rows), kept as a backup file when the first snapshot replaced them, so nothing is lost
   * if nobody made a backup before upgrading: it can still be restored into the hub.
   */
  preHubBackup: BackupFile;
  /**
   * A random id written when this copy was made (or rebuilt), and kept in memory by the page that
   * wrote it: a copy without it, or with another, was deleted, cleared or replaced under the kiosk.
   */
  copySentinel: string;
  /** What the last rebuild of a lost copy restored, kept until staff have seen it. */
  copyNotice: CopyNotice;
  /**
   * The id of a seed written in stages (db/seed.ts seedInStages) while it runs. Each stage checks it
   * is still there: a wipe, a reload or another seed in between ends the run instead of completing a torn copy.
   */
  seeding: string;
}
export type MetaKey = keyof MetaValues;
export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];


/**
 * Schema history. A version stays declared for as long as any kiosk in the field could still hold
 * the version before it: Dexie runs the `upgrade()` of every declared version above the installed
 * one, in order, and a version that is no longer declared simply never migrates its data. (Since
 * Dexie 3 a version *without* an upgrade could be dropped — Dexie diffs against the installed
 * schema — but v1 stays as the record of the first shipped schema and the migration test opens it.)
 * Never change a shipped version's stores; add a new version instead. Dexie's native version is n × 10.
 */
export const SCHEMA_V1 = {
  spaces: '&id, source',
  organisations: '&id, kind, source',
  activities: '&id, level, *themes, space, organiser, source',
  occurrences: '&id, start, activityId, source',
  bookings: '&id, [spaceId+start], status, code',
  auditLog: '++seq, at, entity',
  meta: '&key',
} as const;

/** v2: occurrences carry their space, so a space's day is one compound-index range. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  occurrences: '&id, [spaceId+start], start, activityId, source',
} as const;

/**
 * v3: staff series. Bookings gain a `seriesId` index (an occurrence of a series); the new `series`
 * table holds the rules. No data moves: existing bookings simply have no series.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  bookings: '&id, [spaceId+start], status, code, seriesId',
  series: '&id, spaceId, organisationId',
} as const;

/** v4: the site's screens (issue 9), mirrored from the hub; each kiosk reads its own settings from it. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  screens: '&id',
} as const;

export class KioskDatabase extends Dexie {
  spaces!: EntityTable<SpaceRow, 'id'>;
  organisations!: EntityTable<OrganisationRow, 'id'>;
  activities!: EntityTable<ActivityRow, 'id'>;
  occurrences!: EntityTable<OccurrenceRow, 'id'>;
  bookings!: EntityTable<BookingRow, 'id'>;
  series!: EntityTable<SeriesRow, 'id'>;
  auditLog!: EntityTable<AuditEntry, 'seq'>;
  screens!: EntityTable<ScreenRow, 'id'>;
  // Not an EntityTable: its insert type would Omit() over the MetaRow union and lose the key/value pairing.
  meta!: Table<MetaRow, MetaKey>;

  constructor(name: string) {
    // 'strict' makes Chrome (121+ defaults to 'relaxed') report a commit only once it is flushed,
    // so a power cut right after "booked" does not lose the booking.
    super(name, { chromeTransactionDurability: 'strict' });

    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // v1 occurrences had no spaceId; take it from their activity. Off-site activities keep none
        // and so stay out of the [spaceId+start] index, which is what a space's timeline wants.
        const spaceOf = new Map<string, string | undefined>();
        await tx.table<ActivityRow, string>('activities').each((a) => spaceOf.set(a.id, a.space));
        await tx
          .table<OccurrenceRow, string>('occurrences')
          .toCollection()
          .modify((o) => {
            const spaceId = spaceOf.get(o.activityId);
            if (spaceId !== undefined) o.spaceId = spaceId;
          });
      });
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
  }
}

/** A database handle; Dexie opens it on first use (or explicitly with `db.open()`). */
export function openKioskDatabase(name = 'wegwijzer'): KioskDatabase {
  return new KioskDatabase(name);
}

export async function readMeta<K extends MetaKey>(db: KioskDatabase, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

/** Builds a correctly paired meta row, so `db.meta.put(metaRow('configHash', 42))` fails to compile. */
export function metaRow<K extends MetaKey>(key: K, value: MetaValues[K]): MetaRow {
  return { key, value } as MetaRow;
}
