// Backup files: their format and the checks a restore runs before it replaces anything. Pure, so the
// hub (which restores into PostgreSQL) and the kiosk's copy read the same rules.
import { validateSeries, type SeriesDefinition } from './booking/series';
import { isBookingCode } from './path-code';
import { HUB_ROW_SOURCES, type ActivityRow, type AuditEntry, type BookingRow, type OccurrenceRow, type OrganisationRow, type SeriesRow, type SpaceRow } from './rows';

/** A runtime setting in a backup (the kiosk's meta table): key and value. */
export interface BackupMetaRow {
  key: string;
  value: unknown;
}

export const BACKUP_FORMAT = 'wegwijzer-backup';
export const BACKUP_VERSION = 1;

/** Meta keys the config load writes: derived, so never part of a backup. */
const DERIVED_META: ReadonlySet<string> = new Set<string>(['site', 'configHash', 'bundleHash', 'configLoadedAt', 'configStatus', 'occurrenceWindow']);

export interface BackupData {
  bookings: BookingRow[];
  series: SeriesRow[];
  /** Staff, imported and feed rows only. */
  spaces: SpaceRow[];
  organisations: OrganisationRow[];
  activities: ActivityRow[];
  occurrences: OccurrenceRow[];
  auditLog: AuditEntry[];
  /** Runtime settings; derived config keys left out. */
  meta: BackupMetaRow[];
}

export type BackupTable = keyof BackupData;
export const BACKUP_TABLES: readonly BackupTable[] = ['bookings', 'series', 'spaces', 'organisations', 'activities', 'occurrences', 'auditLog', 'meta'];

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** The database schema version that wrote it. */
  schemaVersion: number;
  exportedAt: number;
  counts: Record<BackupTable, number>;
  data: BackupData;
}

/** One problem in a backup file: where (a JSON path) and what. */
export interface BackupError {
  path: string;
  message: string;
}

export type RestoreResult = { ok: true; counts: Record<BackupTable, number> } | { ok: false; errors: BackupError[] };

const MAX_ERRORS = 100;

export type Shape = { ok: true; file: BackupFile } | { ok: false; errors: BackupError[] };

/** Checks a parsed backup file on its own: shape, versions, unique ids and codes. */
export function validateBackupShape(json: unknown, schemaVersion: number): Shape {
  const errors: BackupError[] = [];
  const fail = (path: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path, message });
  };
  if (!isObject(json)) return { ok: false, errors: [{ path: '', message: 'This is not a Wegwijzer backup: expected a JSON object.' }] };
  if (json['format'] !== BACKUP_FORMAT) fail('format', `This is not a Wegwijzer backup (format should be "${BACKUP_FORMAT}").`);
  if (json['version'] !== BACKUP_VERSION) fail('version', `Backup format version ${String(json['version'])} is not supported; this kiosk reads version ${BACKUP_VERSION}.`);
  const fileSchema = json['schemaVersion'];
  if (typeof fileSchema !== 'number' || !Number.isInteger(fileSchema) || fileSchema < 1) fail('schemaVersion', 'schemaVersion must be a whole number.');
  else if (fileSchema > schemaVersion) fail('schemaVersion', `The backup was made by a newer Wegwijzer (database version ${fileSchema}); this one has version ${schemaVersion}. Update the kiosk first.`);
  if (!isFiniteNumber(json['exportedAt'])) fail('exportedAt', 'exportedAt must be a time (epoch milliseconds).');
  const data = json['data'];
  const counts = json['counts'];
  if (!isObject(data)) fail('data', 'The backup has no data section.');
  if (!isObject(counts)) fail('counts', 'The backup has no counts section.');
  if (!isObject(data) || !isObject(counts)) return { ok: false, errors };

  for (const table of BACKUP_TABLES) {
    const rows = data[table];
    if (!Array.isArray(rows)) {
      fail(`data.${table}`, `data.${table} must be a list.`);
      continue;
    }
    if (counts[table] !== rows.length) fail(`counts.${table}`, `counts.${table} says ${String(counts[table])} but data.${table} holds ${rows.length} rows: the file is incomplete or was edited.`);
    const ids = new Map<unknown, number>();
    rows.forEach((row: unknown, index) => {
      const path = `data.${table}[${index}]`;
      if (!isObject(row)) return fail(path, 'must be an object.');
      for (const message of ROW_CHECKS[table](row)) fail(path, message);
      const key = table === 'auditLog' ? row['seq'] : table === 'meta' ? row['key'] : row['id'];
      const first = ids.get(key);
      if (first !== undefined) fail(path, `duplicate ${table === 'auditLog' ? 'seq' : table === 'meta' ? 'key' : 'id'} ${JSON.stringify(key)} (also at data.${table}[${first}]).`);
      else ids.set(key, index);
    });
  }
  if (errors.length === 0) {
    const codes = new Map<string, number>();
    (data['bookings'] as BookingRow[]).forEach((booking, index) => {
      if (booking.status !== 'confirmed') return;
      const first = codes.get(booking.code);
      if (first !== undefined) fail(`data.bookings[${index}].code`, `code ${booking.code} is also used by confirmed booking data.bookings[${first}].`);
      else codes.set(booking.code, index);
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, file: json as unknown as BackupFile };
}

const ROW_CHECKS: Record<BackupTable, (row: Record<string, unknown>) => string[]> = {
  bookings: (row) => {
    const problems = [...needStrings(row, ['id', 'spaceId'])];
    if (!isFiniteNumber(row['start']) || !isFiniteNumber(row['end']) || row['end'] <= row['start']) problems.push('start and end must be times with end after start.');
    const holder = row['holder'];
    const holderOk = isObject(holder) && ((holder['kind'] === 'visitor' && typeof holder['nickname'] === 'string') || (holder['kind'] === 'organisation' && typeof holder['id'] === 'string'));
    if (!holderOk) problems.push('holder must be a visitor with a nickname or an organisation with an id.');
    if (!['kiosk', 'staff', 'import'].includes(row['source'] as string)) problems.push('source must be kiosk, staff or import.');
    if (!['confirmed', 'cancelled'].includes(row['status'] as string)) problems.push('status must be confirmed or cancelled.');
    if (typeof row['code'] !== 'string' || !isBookingCode(row['code'])) problems.push(`code ${JSON.stringify(row['code'])} is not a booking code.`);
    if (!isFiniteNumber(row['createdAt']) || !isFiniteNumber(row['updatedAt'])) problems.push('createdAt and updatedAt must be times.');
    if (row['purpose'] !== undefined && typeof row['purpose'] !== 'string') problems.push('purpose must be text.');
    if (row['seriesId'] !== undefined && typeof row['seriesId'] !== 'string') problems.push('seriesId must be text.');
    if (row['activityId'] !== undefined && typeof row['activityId'] !== 'string') problems.push('activityId must be text.');
    return problems;
  },
  series: (row) => {
    const problems = needStrings(row, ['id', 'spaceId', 'organisationId', 'startTime', 'from']);
    if (!isFiniteNumber(row['createdAt']) || !isFiniteNumber(row['updatedAt'])) problems.push('createdAt and updatedAt must be times.');
    if (!isObject(row['pattern']) || !Array.isArray(row['exceptions'])) return [...problems, 'a series needs a pattern and a list of exceptions.'];
    if (problems.length > 0) return problems;
    try {
      return validateSeries(row as unknown as SeriesDefinition);
    } catch {
      return ['the series pattern is not one this kiosk understands.'];
    }
  },
  spaces: (row) => [...needStrings(row, ['id', 'kind']), ...needRuntimeSource(row), ...(isObject(row['name']) ? [] : ['name must be a text per language.'])],
  organisations: (row) => [...needStrings(row, ['id', 'name', 'kind']), ...needRuntimeSource(row)],
  activities: (row) => [...needStrings(row, ['id', 'organiser']), ...needRuntimeSource(row), ...(Array.isArray(row['schedule']) ? [] : ['schedule must be a list.'])],
  occurrences: (row) => {
    const problems = [...needStrings(row, ['id', 'activityId']), ...needRuntimeSource(row)];
    if (row['spaceId'] !== undefined && typeof row['spaceId'] !== 'string') problems.push('spaceId must be text.');
    if (!isFiniteNumber(row['start']) || !isFiniteNumber(row['end']) || row['end'] <= row['start']) problems.push('start and end must be times with end after start.');
    return problems;
  },
  auditLog: (row) => {
    const problems = needStrings(row, ['entity', 'action']);
    if (typeof row['seq'] !== 'number' || !Number.isInteger(row['seq']) || row['seq'] < 1) problems.push('seq must be a positive whole number.');
    if (!isFiniteNumber(row['at'])) problems.push('at must be a time.');
    return problems;
  },
  meta: (row) => {
    if (typeof row['key'] !== 'string') return ['key must be text.'];
    if (DERIVED_META.has(row['key'])) return [`meta "${row['key']}" comes from the site config and cannot be restored.`];
    return 'value' in row ? [] : ['a meta row needs a value.'];
  },
};

/** Checks that every reference resolves against the backup plus the config rows that stay, and that no space is over-booked. */
export function validateBackupReferences(data: BackupData, configSpaces: SpaceRow[], configOrganisations: ReadonlySet<string>, configActivities: ReadonlySet<string>): BackupError[] {
  const errors: BackupError[] = [];
  const fail = (path: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path, message });
  };
  const spaces = new Map<string, SpaceRow>(configSpaces.map((space) => [space.id, space]));
  for (const space of data.spaces) spaces.set(space.id, space);
  const organisations = new Set([...configOrganisations, ...data.organisations.map((o) => o.id)]);
  const activities = new Set([...configActivities, ...data.activities.map((a) => a.id)]);
  const series = new Set(data.series.map((s) => s.id));

  data.series.forEach((row, index) => {
    if (!spaces.has(row.spaceId)) fail(`data.series[${index}].spaceId`, `space "${row.spaceId}" does not exist on this kiosk or in the backup.`);
    if (!organisations.has(row.organisationId)) fail(`data.series[${index}].organisationId`, `organisation "${row.organisationId}" does not exist on this kiosk or in the backup.`);
  });
  data.occurrences.forEach((row, index) => {
    if (!activities.has(row.activityId)) fail(`data.occurrences[${index}].activityId`, `activity "${row.activityId}" does not exist on this kiosk or in the backup.`);
    if (row.spaceId !== undefined && !spaces.has(row.spaceId)) fail(`data.occurrences[${index}].spaceId`, `space "${row.spaceId}" does not exist on this kiosk or in the backup.`);
  });
  const confirmedBySpace = new Map<string, { booking: BookingRow; index: number }[]>();
  data.bookings.forEach((booking, index) => {
    const path = `data.bookings[${index}]`;
    // A place reservation (issue 11) holds a place on a session, not its room: no room to check or count.
    if (booking.activityId !== undefined) {
      if (booking.spaceId !== '' && !spaces.has(booking.spaceId)) fail(`${path}.spaceId`, `space "${booking.spaceId}" does not exist on this kiosk or in the backup.`);
      return;
    }
    if (!spaces.has(booking.spaceId)) fail(`${path}.spaceId`, `space "${booking.spaceId}" does not exist on this kiosk or in the backup.`);
    if (booking.seriesId !== undefined && !series.has(booking.seriesId)) fail(`${path}.seriesId`, `series "${booking.seriesId}" is not in the backup.`);
    if (booking.holder.kind === 'organisation' && !organisations.has(booking.holder.id)) fail(`${path}.holder`, `organisation "${booking.holder.id}" does not exist on this kiosk or in the backup.`);
    if (booking.status !== 'confirmed') return;
    const list = confirmedBySpace.get(booking.spaceId) ?? [];
    list.push({ booking, index });
    confirmedBySpace.set(booking.spaceId, list);
  });
  for (const [spaceId, list] of confirmedBySpace) {
    const capacity = spaces.get(spaceId)?.booking?.capacity ?? 1;
    list.sort((a, b) => a.booking.start - b.booking.start);
    // A sweep by start: `running` holds the bookings still running at each start, a handful at most.
    let running: { booking: BookingRow; index: number }[] = [];
    for (const entry of list) {
      running = running.filter((other) => other.booking.end > entry.booking.start);
      if (running.length >= capacity) {
        const others = running.map((other) => `data.bookings[${other.index}]`).join(', ');
        fail(`data.bookings[${entry.index}]`, `confirmed booking ${entry.booking.code} overlaps ${others} in space "${spaceId}" (room for ${capacity}).`);
      }
      running.push(entry);
    }
  }
  return errors;
}

function needStrings(row: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((field) => typeof row[field] !== 'string' || row[field] === '').map((field) => `${field} must be non-empty text.`);
}

/**
 * The hub leaves feed rows out of its backups: after a restore they come back from each feed's last
 * good copy. A file that holds some anyway (edited by hand, or from a build that kept them) is not
 * refused for it: the feeds' rebuild after the restore replaces them.
 */
function needRuntimeSource(row: Record<string, unknown>): string[] {
  return HUB_ROW_SOURCES.some((source) => source === row['source']) ? [] : ['source must be staff, import or feed (config rows come from the config folder, not from a backup).'];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
