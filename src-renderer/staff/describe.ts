// Words for what the staff screens show: who holds a booking, what an audit entry changed. Pure, so
// the audit summaries are tested without a database; translations come in as `t`.
import { instantToLocal } from '../core/schedule';

/** Fields an audit summary shows, in this order; everything else (ids, timestamps of the row) is noise. */
const SHOWN_FIELDS = ['name', 'kind', 'status', 'spaceId', 'start', 'end', 'holder', 'purpose', 'code', 'startTime', 'minutes', 'from', 'until', 'count', 'exceptions', 'period', 'contact', 'color'] as const;
/** Fields that hold instants (epoch ms): shown in site time. */
const INSTANT_FIELDS = new Set<string>(['start', 'end']);

export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

/** One field's value as short text: instants in site time, objects flattened, lists joined. */
export function formatField(field: string, value: unknown, timeZone: string): string {
  if (value === undefined || value === null) return '—';
  if (INSTANT_FIELDS.has(field) && typeof value === 'number') return instantToLocal(value, timeZone).replace('T', ' ');
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => formatField('', item, timeZone)).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.kind === 'visitor' && typeof record.nickname === 'string') return `visitor ${record.nickname}`;
    if (record.kind === 'organisation' && typeof record.id === 'string') return record.id;
    return Object.entries(record)
      .filter(([, inner]) => inner !== undefined && inner !== '')
      .map(([key, inner]) => `${key} ${formatField(key, inner, timeZone)}`)
      .join(', ');
  }
  return String(value);
}

/**
 * What an audit entry changed, field by field: for an update the fields that differ, for a creation
 * or a removal the fields of the one side there is.
 */
export function auditChanges(before: unknown, after: unknown, timeZone: string): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const changes: FieldChange[] = [];
  for (const field of SHOWN_FIELDS) {
    const old = b?.[field];
    const next = a?.[field];
    if (old === undefined && next === undefined) continue;
    if (b && a && JSON.stringify(old) === JSON.stringify(next)) continue;
    changes.push({
      field,
      ...(b ? { before: formatField(field, old, timeZone) } : {}),
      ...(a ? { after: formatField(field, next, timeZone) } : {}),
    });
  }
  return changes;
}

/** The staff label from a stored actor ("staff:AB" → "AB"); other actors as they are. */
export function actorName(actor: string | undefined): string {
  if (actor === undefined) return '—';
  return actor.startsWith('staff:') ? actor.slice('staff:'.length) : actor;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
