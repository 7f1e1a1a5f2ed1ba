// The hub's log: one line per event on stdout/stderr, which systemd's journal (or the terminal) keeps.
// Electron passes its own file logger, which has the same shape.

export interface HubLog {
  info(topic: string, message: string): void;
  warn(topic: string, message: string): void;
  error(topic: string, message: string): void;
}

/**
 * Control characters (and the JavaScript line separators) as `\uXXXX`, so text that came from a
 * request can never start a forged log line of its own.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatHubLogLine(time: Date, level: keyof HubLog, topic: string, message: string): string {
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)} [${escapeControls(topic)}] ${escapeControls(message)}`;
}

export const consoleHubLog: HubLog = {
  info: (topic, message) => console.log(formatHubLogLine(new Date(), 'info', topic, message)),
  warn: (topic, message) => console.warn(formatHubLogLine(new Date(), 'warn', topic, message)),
  error: (topic, message) => console.error(formatHubLogLine(new Date(), 'error', topic, message)),
};

/** For tests and for a host that wants silence. */
export const silentHubLog: HubLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
