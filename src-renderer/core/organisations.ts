// Staff organisations (residents and guests): what a draft must satisfy and the row it becomes.
// Pure, so the staff form and the hub that writes the row apply the same rules.
import type { Organisation } from './model';
import type { OrganisationRow } from './rows';

export interface OrganisationDraft {
  name: string;
  kind: 'resident' | 'guest';
  period?: { from: string; until: string };
  contact?: { name?: string; email?: string; phone?: string };
  color?: string;
}

export type OrganisationProblem = 'name' | 'period' | 'color';

/** What is wrong with a draft, as message keys for the form; empty when it can be saved. */
export function validateOrganisation(draft: OrganisationDraft): OrganisationProblem[] {
  const problems: OrganisationProblem[] = [];
  if (draft.name.trim() === '') problems.push('name');
  if (draft.kind === 'guest') {
    const period = draft.period;
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!period || !date.test(period.from) || !date.test(period.until) || period.until < period.from) problems.push('period');
  }
  if (draft.color !== undefined && !/^#[0-9a-f]{6}$/i.test(draft.color)) problems.push('color');
  return problems;
}

/** The stored row of a draft: trimmed, empty contact fields left out, a period only for guests. */
export function organisationRow(draft: OrganisationDraft, id: string, description: Organisation['description']): OrganisationRow {
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
