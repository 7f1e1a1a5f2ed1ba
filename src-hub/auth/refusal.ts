// A request refused for who is asking rather than for what it asks: not signed in (401), not allowed
// (403), held back after wrong passwords (429). The HTTP layer answers it as it stands.
import type { HubErrorBody } from '../../src-renderer/core/hub/contract';

export class AccessRefused extends Error {
  override readonly name = 'AccessRefused';
  constructor(
    readonly status: 401 | 403 | 409 | 429,
    readonly body: HubErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export const signedOut = (message = 'Sign in first: this needs a staff account.'): AccessRefused => new AccessRefused(401, { error: 'signed-out', message });
export const notPaired = (message = 'This screen is not paired with the hub (or its pairing was revoked). Pair it again from the staff desk.'): AccessRefused =>
  new AccessRefused(401, { error: 'not-paired', message });
export const forbidden = (message: string): AccessRefused => new AccessRefused(403, { error: 'forbidden', message });
export const wrongCredentials = (message = 'Wrong name or password.'): AccessRefused => new AccessRefused(401, { error: 'wrong-credentials', message });

/** Held back until `until`: the answer says when, and Retry-After says it to machines. */
export function lockedUntil(until: number, now: number, what: string): AccessRefused {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  return new AccessRefused(429, { error: 'locked', message: `${what} is locked after too many wrong tries; try again in ${describeWait(seconds)}.`, until }, { 'Retry-After': String(seconds) });
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
