import { describe, expect, it } from 'vitest';
import { cleanDraft, validateOrganisation } from '../../../src-renderer/staff/organisations';

// The form's side of staff organisations; writing and auditing them is the hub's, tested there.
describe('staff organisations', () => {
  it('validates name, guest period and colour', () => {
    expect(validateOrganisation({ name: 'Koor', kind: 'resident' })).toEqual([]);
    expect(validateOrganisation({ name: ' ', kind: 'resident' })).toEqual(['name']);
    expect(validateOrganisation({ name: 'Gast', kind: 'guest' })).toEqual(['period']);
    expect(validateOrganisation({ name: 'Gast', kind: 'guest', period: { from: '2027-01-01', until: '2026-01-01' } })).toEqual(['period']);
    expect(validateOrganisation({ name: 'Gast', kind: 'guest', period: { from: '2026-01-01', until: '2026-06-30' }, color: 'red' })).toEqual(['color']);
  });

  it('sends a clean draft: trimmed name, no empty contact fields, no period for a resident', () => {
    expect(
      cleanDraft({ name: ' Koor Genk ', kind: 'guest', period: { from: '2026-01-01', until: '2026-06-30' }, contact: { name: 'Els', email: '', phone: '089 00 00 00' }, color: '#aa3300' }),
    ).toEqual({ name: 'Koor Genk', kind: 'guest', period: { from: '2026-01-01', until: '2026-06-30' }, contact: { name: 'Els', phone: '089 00 00 00' }, color: '#aa3300' });
    expect(cleanDraft({ name: 'Koor', kind: 'resident', period: { from: '2026-01-01', until: '2026-06-30' }, contact: { name: ' ', email: '', phone: '' }, color: '' })).toEqual({
      name: 'Koor',
      kind: 'resident',
    });
  });
});
