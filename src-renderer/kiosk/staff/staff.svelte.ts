// Staff mode on this screen: whether it is unlocked, for whom, and the lobby session that proves it.
//
// A person unlocks with their name and PIN, which the hub alone checks (POST /api/lobby/unlock); its
// answer's token is kept here, in memory only, and sent as X-Lobby-Session with the device's bearer.
// A reload therefore locks, which is right. How it locks again, so staff mode never reaches the next visitor:
//  - `lock()` (the Lock button) ends staff mode, tells the hub, and resets the visitor to the attract screen;
//  - no pointer, key or wheel input for the session's idle time locks it (its own timer,
//    independent of the visitor's IdleGuard, which the shell need not show while staff is unlocked);
//  - a visitor reset (the visitor's screen going back to attract) locks it too;
//  - the hub saying the lobby session is over (401 on a staff request) locks it.
import type { AccountView, LobbyUnlockResponse } from '../../core/hub/contract';
import { visitor } from '../visitor.svelte';

export const DEFAULT_IDLE_LOCK_SECONDS = 120;
const IDLE_CHECK_MS = 1000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;
const LOBBY_SESSION_HEADER = 'X-Lobby-Session';

class StaffSession {
  #account = $state.raw<AccountView | undefined>();
  #token: string | undefined;
  #lastInput = 0;
  #idleLockMs = DEFAULT_IDLE_LOCK_SECONDS * 1000;
  #timer: ReturnType<typeof setInterval> | undefined;
  #endOnHub: ((token: string) => void) | undefined;
  readonly #onInput = (): void => {
    this.#lastInput = Date.now();
  };

  constructor() {
    // A module-level watcher: it lives as long as the app and needs no component to host it.
    $effect.root(() => {
      let previous = visitor.screen;
      $effect(() => {
        const screen = visitor.screen;
        if (screen === 'attract' && previous !== 'attract') this.lock();
        previous = screen;
      });
    });
  }

  get unlocked(): boolean {
    return this.#account !== undefined;
  }

  /** Who is working. */
  get account(): AccountView | undefined {
    return this.#account;
  }

  /** Who is working, by name (the hub records the signed-in person itself; this is for the screens). */
  get label(): string {
    return this.#account?.displayName ?? 'Staff';
  }

  /** The header that carries the lobby session, while staff mode is open. */
  headers(): Record<string, string> {
    return this.#token === undefined ? {} : { [LOBBY_SESSION_HEADER]: this.#token };
  }

  /** How a lock is told to the hub (`lobbyLock` with the ending session's token); set once by the App. */
  onLock(end: (token: string) => void): void {
    this.#endOnHub = end;
  }

  /** Opens staff mode with the hub's answer to a right name and PIN. */
  unlock(session: LobbyUnlockResponse, idleLockSeconds = session.idleLockSeconds): void {
    this.#token = session.token;
    this.#idleLockMs = Math.max(10, idleLockSeconds) * 1000;
    this.#lastInput = Date.now();
    this.#account = session.account;
    this.#startIdleTimer();
  }

  /** Ends staff mode and hands the kiosk back to the next visitor, on the attract screen. */
  lock(): void {
    if (!this.unlocked) return;
    const token = this.#token;
    this.#account = undefined;
    this.#token = undefined;
    this.#stopIdleTimer();
    if (token !== undefined) this.#endOnHub?.(token);
    visitor.reset();
  }

  #startIdleTimer(): void {
    this.#stopIdleTimer();
    for (const type of INPUT_EVENTS) window.addEventListener(type, this.#onInput, { capture: true, passive: true });
    this.#timer = setInterval(() => {
      if (Date.now() - this.#lastInput >= this.#idleLockMs) this.lock();
    }, IDLE_CHECK_MS);
  }

  #stopIdleTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const type of INPUT_EVENTS) window.removeEventListener(type, this.#onInput, { capture: true });
  }
}

export const staff = new StaffSession();
