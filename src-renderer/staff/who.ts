// Who is working, for every staff panel: the lobby hands in the person who unlocked the screen, the
// desk the account of its session. Panels read it from Svelte context, never from one app's
// singleton, so the same panel serves both. Getters, so a change of person reaches the panels.
import { getContext, setContext } from 'svelte';
import type { Role } from '../core/hub/contract';

export interface Who {
  /** As the audit log and the screens show it: "Carla Coördinator". */
  readonly displayName: string;
  readonly role: Role;
  /** Organisation accounts: the organisation they act for. */
  readonly organisationId?: string | undefined;
}

const KEY = Symbol('staff-who');

/** Hands the signed-in person to every panel below (call during component initialisation). */
export function provideWho(who: Who): void {
  setContext(KEY, who);
}

export function useWho(): Who {
  const who = getContext<Who | undefined>(KEY);
  if (!who) throw new Error('useWho() is called outside a staff screen, which provides who is working.');
  return who;
}

/** The actor a write names (the hub records the signed-in person anyway; this is for older hubs and the local copy). */
export function actorOf(who: Who): { staff: string } {
  return { staff: who.displayName };
}
