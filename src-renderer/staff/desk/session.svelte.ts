// The desk's sign-in state: who is signed in, the CSRF token the session's writes carry, and the
// calls that make or end a session. The session itself is an HttpOnly cookie the page never sees;
// the hub checks it on every request. Sign-in and setup are read here with their own fetch, since
// their refusals (wrong name or password, locked until, too many tries) are answers to show, not
// failures to retry.
import type { AccountView, SessionResponse, SetupStatusResponse } from '../../core/hub/contract';
import { CSRF_HEADER } from '../../core/hub/contract';
import type { HubClient } from '../../db/hub-client';

export type DeskState = 'loading' | 'signed-out' | 'signed-in';

/** Why a sign-in (or setup) was refused. */
export type SignInRefusal = { kind: 'wrong-credentials' } | { kind: 'locked'; until: number } | { kind: 'rate-limited' } | { kind: 'setup-used' } | { kind: 'invalid'; message: string } | { kind: 'unavailable' };

export class DeskSession {
  #state = $state<DeskState>('loading');
  #account = $state.raw<AccountView | undefined>();
  /** Set when the hub ended the session under us (expired, signed out elsewhere). */
  #expired = $state(false);
  #csrf = '';
  #hub: HubClient | undefined;

  get state(): DeskState {
    return this.#state;
  }
  get account(): AccountView | undefined {
    return this.#account;
  }
  get expired(): boolean {
    return this.#expired;
  }
  get isCoordinator(): boolean {
    return this.#account?.role === 'coordinator';
  }

  /** The headers every request of this session carries (the cookie goes by itself). */
  headers(): Record<string, string> {
    return this.#csrf ? { [CSRF_HEADER]: this.#csrf } : {};
  }

  attach(hub: HubClient): void {
    this.#hub = hub;
  }

  /** The hub answered 401 to some request: the session is gone. */
  lost(code: string): void {
    if (this.#state !== 'signed-in') return;
    if (code === 'signed-out' || code === 'wrong-credentials') {
      this.#expired = true;
      this.#signedOut();
    }
  }

  /** Asks the hub whether this browser is signed in (page load). */
  async check(): Promise<void> {
    try {
      this.#apply(await this.#client().request<SessionResponse>('session'));
    } catch {
      this.#signedOut();
    }
  }

  async setupNeeded(): Promise<boolean> {
    try {
      return (await this.#client().request<SetupStatusResponse>('setupStatus')).needed;
    } catch {
      return false;
    }
  }

  signIn(name: string, password: string): Promise<SignInRefusal | undefined> {
    return this.#post('signIn', { name, password });
  }

  setup(body: { token: string; name: string; displayName: string; password: string }): Promise<SignInRefusal | undefined> {
    return this.#post('setup', body);
  }

  /** Changes the signed-in person's password; the hub answers with the session (mustChangePassword cleared). */
  changePassword(current: string, password: string): Promise<SignInRefusal | undefined> {
    return this.#post('changePassword', { current, password });
  }

  /** Run after a sign-out (the desk forgets its copy of the site's bookings). */
  afterSignOut: (() => Promise<void>) | undefined;

  async signOut(): Promise<void> {
    try {
      await this.#client().request('signOut', { method: 'POST', body: {} });
    } catch {
      // Signed out on this side in any case; the cookie expires on the hub.
    }
    this.#expired = false;
    this.#signedOut();
    await this.afterSignOut?.();
  }

  async #post(route: 'signIn' | 'setup' | 'changePassword', body: object): Promise<SignInRefusal | undefined> {
    let response: Response;
    try {
      response = await fetch(this.#client().url(route), {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', ...this.headers() },
        body: JSON.stringify(body),
      });
    } catch {
      return { kind: 'unavailable' };
    }
    const answer = (await response.json().catch(() => ({}))) as Partial<SessionResponse> & { error?: string; until?: number; message?: string };
    if (response.ok && answer.account && answer.csrfToken) {
      this.#expired = false;
      this.#apply(answer as SessionResponse);
      return undefined;
    }
    if (answer.error === 'locked' && typeof answer.until === 'number') return { kind: 'locked', until: answer.until };
    if (answer.error === 'rate-limited' || (response.status === 429 && answer.error !== 'locked')) return { kind: 'rate-limited' };
    if (response.status === 401) return { kind: 'wrong-credentials' };
    if (route === 'setup' && (response.status === 403 || response.status === 409 || response.status === 410)) return { kind: 'setup-used' };
    if (response.status >= 500) return { kind: 'unavailable' };
    return { kind: 'invalid', message: answer.message ?? `HTTP ${response.status}` };
  }

  #apply(session: SessionResponse): void {
    this.#csrf = session.csrfToken;
    this.#account = session.account;
    this.#state = 'signed-in';
  }

  #signedOut(): void {
    this.#csrf = '';
    this.#account = undefined;
    this.#state = 'signed-out';
  }

  #client(): HubClient {
    if (!this.#hub) throw new Error('DeskSession.attach(hub) comes first.');
    return this.#hub;
  }
}
