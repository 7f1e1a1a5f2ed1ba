// The audit log in words a coordinator reads: who (the person's name), what (a booking in the drum
// room, an organisation by name), and each changed field with its label and its value as shown
// elsewhere (dates in site time, spaces and organisations by name), before → after. Pure; names,
// labels and date formats come in through `AuditWords`.
import { auditChanges } from './describe';

export interface AuditWords {
  timeZone: string;
  /** A space's name, or undefined when the space is unknown (then the id is shown). */
  space: (id: string) => string | undefined;
  organisation: (id: string) => string | undefined;
  /** The field's label ("Begin", "Ruimte"); the field name itself when there is none. */
  field: (field: string) => string;
  /** "12 dec. 2026 18:00" in the reader's language and the site's time zone. */
  dateTime: (ms: number) => string;
  /** The words for the actors that are not a person: 'kiosk', 'system'. */
  actor: (kind: 'kiosk' | 'system') => string;
  /** "Bezoeker An" for a visitor's nickname. */
  visitor: (nickname: string) => string;
}

export interface ReadableChange {
  field: string;
  label: string;
  before?: string;
  after?: string;
}

/** Fields whose value is an instant, a space id or an organisation id. */
const INSTANTS = new Set(['start', 'end']);

/** Who did it: the signed-in person's name the hub recorded, or words for the kiosk and the system. */
export function auditActor(actor: string | undefined, words: Pick<AuditWords, 'actor'>): string {
  if (actor === undefined || actor === '') return '—';
  if (actor === 'kiosk' || actor === 'system') return words.actor(actor);
  const colon = actor.indexOf(':');
  return colon >= 0 ? actor.slice(colon + 1) : actor;
}

/** What the entry is about, by name where there is one: the booking's code, the organisation's name. */
export function auditSubject(entry: { entity: string; entityId?: string | undefined; before?: unknown; after?: unknown }, words: Pick<AuditWords, 'space' | 'organisation'>): string {
  const row = record(entry.after) ?? record(entry.before);
  if (entry.entity === 'organisation') return (typeof row?.name === 'string' ? row.name : undefined) ?? words.organisation(entry.entityId ?? '') ?? entry.entityId ?? '';
  const parts: string[] = [];
  if (typeof row?.code === 'string') parts.push(row.code);
  if (typeof row?.spaceId === 'string') parts.push(words.space(row.spaceId) ?? row.spaceId);
  if (parts.length === 0 && entry.entityId) parts.push(entry.entityId);
  return parts.join(' · ');
}

/** The changed fields, each with its label and readable values. */
export function readableChanges(before: unknown, after: unknown, words: AuditWords): ReadableChange[] {
  const b = record(before);
  const a = record(after);
  return auditChanges(before, after, words.timeZone).map((change) => ({
    field: change.field,
    label: words.field(change.field),
    ...(b ? { before: readableValue(change.field, b[change.field], words) } : {}),
    ...(a ? { after: readableValue(change.field, a[change.field], words) } : {}),
  }));
}

/** One value as a person reads it. */
export function readableValue(field: string, value: unknown, words: AuditWords): string {
  if (value === undefined || value === null || value === '') return '—';
  if (INSTANTS.has(field) && typeof value === 'number') return words.dateTime(value);
  if (field === 'spaceId' && typeof value === 'string') return words.space(value) ?? value;
  if ((field === 'organisationId' || field === 'holderId') && typeof value === 'string') return words.organisation(value) ?? value;
  const object = record(value);
  if (object?.kind === 'visitor' && typeof object.nickname === 'string') return words.visitor(object.nickname);
  if (object?.kind === 'organisation' && typeof object.id === 'string') return words.organisation(object.id) ?? object.id;
  if (field === 'period' && object && typeof object.from === 'string' && typeof object.until === 'string') return `${object.from} – ${object.until}`;
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => readableValue('', item, words)).join(', ');
  if (object) {
    return Object.entries(object)
      .filter(([, inner]) => inner !== undefined && inner !== '')
      .map(([key, inner]) => `${words.field(key)} ${readableValue(key, inner, words)}`)
      .join(', ');
  }
  return String(value);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
