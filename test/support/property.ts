// The time budget of a property test. Every property test names its run count, and gets this much
// time, far above what its runs need on an idle machine, so that a busy two-core machine running
// other suites alongside never fails it for being slow (vitest's default is 5 s).
export const PROPERTY_TIMEOUT_MS = 120_000;
