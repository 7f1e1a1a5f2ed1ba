// Staff-created organisations (residents and guests): one write module, so every change is audited in
// the same transaction (invariant I9). Config organisations are read-only: a config reload would
// overwrite any edit, so the screen says where to change them instead.
import type { Organisation } from '../../core/model';
import { audit } from '../../db/audit';
import { newId } from '../../db/bookings';
import type { KioskDatabase, OrganisationRow } from '../../db/database';

export interface OrganisationDraft {
  name: string;
  kind: 'resident' | 'guest';
  period?: { from: string; until: string };
  contact?: { name?: string; email?: string; phone?: string };
  color?: string;
}

/** What is wrong with a draft, as message keys for the form; empty when it can be saved. */
export function validateOrganisation(draft: OrganisationDraft): ('name' | 'period' | 'color')[] {
  const problems: ('name' | 'period' | 'color')[] = [];
  if (draft.name.trim() === '') problems.push('name');
  if (draft.kind === 'guest') {
    const period = draft.period;
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!period || !date.test(period.from) || !date.test(period.until) || period.until < period.from) problems.push('period');
  }
  if (draft.color !== undefined && !/^#[0-9a-f]{6}$/i.test(draft.color)) problems.push('color');
  return problems;
}

function rowOf(draft: OrganisationDraft, id: string, description: Organisation['description']): OrganisationRow {
  const contact = draft.contact && Object.fromEntries(Object.entries(draft.contact).filter(([, value]) => value !== undefined && value.trim() !== ''));
  return {
    id,
    name: draft.name.trim(),
    kind: draft.kind,
    description,
    ...(draft.kind === 'guest' && draft.period ? { period: draft.period } : {}),
    ...(contact && Object.keys(contact).length > 0 ? { contact } : {}),
    ...(draft.color ? { color: draft.color } : {}),
    source: 'staff',
  };
}

/** Creates a staff organisation (source 'staff', so config reloads leave it alone). */
export async function createOrganisation(db: KioskDatabase, draft: OrganisationDraft, options: { now: number; by: { staff: string } }): Promise<OrganisationRow> {
  const row = rowOf(draft, newId('org'), {});
  return db.transaction('rw', [db.organisations, db.auditLog], async () => {
    await db.organisations.add(row);
    await audit(db, { actor: options.by, entity: 'organisation', entityId: row.id, action: 'created', after: row, at: options.now });
    return row;
  });
}

/** Changes a staff organisation; config ones are refused. */
export async function updateOrganisation(db: KioskDatabase, id: string, draft: OrganisationDraft, options: { now: number; by: { staff: string } }): Promise<OrganisationRow> {
  return db.transaction('rw', [db.organisations, db.auditLog], async () => {
    const before = await db.organisations.get(id);
    if (!before) throw new Error(`There is no organisation "${id}".`);
    if (before.source !== 'staff') throw new Error(`Organisation "${id}" comes from the site config; change it there.`);
    const after = rowOf(draft, id, before.description);
    await db.organisations.put(after);
    await audit(db, { actor: options.by, entity: 'organisation', entityId: id, action: 'changed', before, after, at: options.now });
    return after;
  });
}
