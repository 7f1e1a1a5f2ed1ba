import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../src-renderer/db/audit';
import { openKioskDatabase, type KioskDatabase } from '../../../src-renderer/db/database';
import { createOrganisation, updateOrganisation, validateOrganisation } from '../../../src-renderer/kiosk/staff/organisations';

let db: KioskDatabase | undefined;
let counter = 0;
const open = () => (db = openKioskDatabase(`staff-orgs-${Date.now()}-${counter++}`));
afterEach(async () => {
  await db?.delete();
  db = undefined;
});
const by = { staff: 'AB' };

describe('staff organisations', () => {
  it('validates name, guest period and colour', () => {
    expect(validateOrganisation({ name: 'Koor', kind: 'resident' })).toEqual([]);
    expect(validateOrganisation({ name: ' ', kind: 'resident' })).toEqual(['name']);
    expect(validateOrganisation({ name: 'Gast', kind: 'guest' })).toEqual(['period']);
    expect(validateOrganisation({ name: 'Gast', kind: 'guest', period: { from: '2027-01-01', until: '2026-01-01' } })).toEqual(['period']);
    expect(validateOrganisation({ name: 'Gast', kind: 'guest', period: { from: '2026-01-01', until: '2026-06-30' }, color: 'red' })).toEqual(['color']);
  });

  it('creates and changes a staff organisation, auditing both with who, before and after', async () => {
    const store = open();
    const created = await createOrganisation(
      store,
      { name: ' Koor Genk ', kind: 'guest', period: { from: '2026-01-01', until: '2026-06-30' }, contact: { name: 'Els', email: '', phone: '089 00 00 00' }, color: '#aa3300' },
      { now: 1000, by },
    );
    expect(created).toMatchObject({ name: 'Koor Genk', kind: 'guest', source: 'staff', contact: { name: 'Els', phone: '089 00 00 00' }, color: '#aa3300' });
    expect(created.contact).not.toHaveProperty('email');
    const changed = await updateOrganisation(store, created.id, { name: 'Koor Genk', kind: 'resident', color: '#aa3300' }, { now: 2000, by });
    expect(changed.kind).toBe('resident');
    expect(changed).not.toHaveProperty('period');
    const entries = await listAudit(store, { entity: 'organisation' });
    expect(entries.map((e) => [e.action, e.actor, e.at])).toEqual([
      ['changed', 'staff:AB', 2000],
      ['created', 'staff:AB', 1000],
    ]);
    expect(entries[0]?.before).toMatchObject({ kind: 'guest' });
  });

  it('refuses to change an organisation from the site config', async () => {
    const store = open();
    await store.organisations.add({ id: 'thor-park', name: 'Thor Park', kind: 'guest', description: {}, source: 'config' });
    await expect(updateOrganisation(store, 'thor-park', { name: 'X', kind: 'resident' }, { now: 1, by })).rejects.toThrow(/site config/);
    expect(await listAudit(store)).toEqual([]);
  });
});
