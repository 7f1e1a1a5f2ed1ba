// What the race harness page (race.ts) offers the test, shared by both sides.

/** One booking attempt's outcome, as the race harness reports it back to the test. */
export type Attempt = { ok: true; code: string } | { ok: false; rule: string; nearest: number };

declare global {
  interface Window {
    firstFreeSlot(spaceId: string, minutes: number): Promise<{ start: number; end: number }>;
    raceBook(spaceId: string, start: number, end: number, attempts: number): Promise<Attempt[]>;
  }
}
