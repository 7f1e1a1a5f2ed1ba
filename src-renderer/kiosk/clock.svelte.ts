/**
 * The kiosk's sense of "now", ticking on its own so live states ("starts in 5 min") and the
 * now/today windows move with the clock without a reload. Ticks on the minute boundary (plus a
 * little) so labels change when a real clock would.
 */
class Clock {
  #now = $state(Date.now());
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = 0;

  get now(): number {
    return this.#now;
  }

  /** Starts ticking; returns a function that stops this user's interest. */
  start(): () => void {
    if (this.#running++ === 0) {
      this.#now = Date.now();
      this.#schedule();
    }
    return () => {
      if (--this.#running === 0) clearTimeout(this.#timer);
    };
  }

  #schedule(): void {
    const delay = 60_000 - (Date.now() % 60_000) + 50;
    this.#timer = setTimeout(() => {
      this.#now = Date.now();
      this.#schedule();
    }, delay);
  }
}

export const clock = new Clock();
