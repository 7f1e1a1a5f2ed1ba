/** One booking attempt's outcome, as the race harness reports it back to the test. */
export type Attempt = { ok: true; code: string } | { ok: false; rule: string; nearest: number };
