// Staff-created organisations (residents and guests) on the form's side: the checks (shared with the
// hub, core/organisations.ts) and the draft the form sends. The hub writes and audits them; config
// organisations are read-only (a config reload would overwrite any edit), so the screen says where
// to change them instead.
import type { OrganisationDraft } from '../core/organisations';

export { validateOrganisation, type OrganisationDraft } from '../core/organisations';

/** The draft as the hub takes it: name trimmed, empty contact fields and a resident's period left out. */
export function cleanDraft(draft: OrganisationDraft): OrganisationDraft {
  const contact = draft.contact && Object.fromEntries(Object.entries(draft.contact).filter(([, value]) => value !== undefined && value.trim() !== ''));
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    ...(draft.kind === 'guest' && draft.period ? { period: draft.period } : {}),
    ...(contact && Object.keys(contact).length > 0 ? { contact } : {}),
    ...(draft.color ? { color: draft.color } : {}),
  };
}
