// Staff mode: whether the kiosk is unlocked, by whom, and the keypad lockout that guards it.
//
// How it locks again, so staff mode never reaches the next visitor:
//  - `lock()` (the Lock button) ends staff mode and resets the visitor to the attract screen;
//  - no pointer, key or wheel input for the site's `staff.idleLockSeconds` locks it (its own timer,
//    independent of the visitor's IdleGuard, which the shell need not show while staff is unlocked);
//  - a visitor reset (the visitor's screen going back to attract) locks it too, so an idle reset
//    from anywhere can never leave staff mode open. Calling `staff.lock()` there directly is fine too.
// The lockout (wrong PINs) is kept in the kiosk's store (store.loadLockout), so reloading the page
// does not reset it.
import { visitor } from '../visitor.svelte';

/** The label the audit log records when staff give none. */
export const DEFAULT_STAFF_LABEL = 'Staff';
export const DEFAULT_IDLE_LOCK_SECONDS = 120;
const IDLE_CHECK_MS = 1000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

class StaffSession {
  #unlocked = $state(false);
  #label = $state(DEFAULT_STAFF_LABEL);
  #lastInput = 0;
  #idleLockMs = DEFAULT_IDLE_LOCK_SECONDS * 1000;
  #timer: ReturnType<typeof setInterval> | undefined;
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
    return this.#unlocked;
  }

  /** Who is working, as the audit log records it. */
  get label(): string {
    return this.#label;
  }

  /** Opens staff mode (after a right PIN); it locks again after `idleLockSeconds` without input. */
  unlock(label: string = DEFAULT_STAFF_LABEL, idleLockSeconds: number = DEFAULT_IDLE_LOCK_SECONDS): void {
    this.#label = cleanLabel(label);
    this.#idleLockMs = Math.max(10, idleLockSeconds) * 1000;
    this.#lastInput = Date.now();
    this.#unlocked = true;
    this.#startIdleTimer();
  }

  /** Staff may type their initials after unlocking, so the audit log says who. */
  setLabel(label: string): void {
    if (this.#unlocked) this.#label = cleanLabel(label);
  }

  /** Ends staff mode and hands the kiosk back to the next visitor, on the attract screen. */
  lock(): void {
    if (!this.#unlocked) return;
    this.#unlocked = false;
    this.#label = DEFAULT_STAFF_LABEL;
    this.#stopIdleTimer();
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

/** Trimmed, at most 40 characters; empty means the default label. */
function cleanLabel(label: string): string {
  const clean = label.trim().slice(0, 40);
  return clean === '' ? DEFAULT_STAFF_LABEL : clean;
}

export const staff = new StaffSession();
