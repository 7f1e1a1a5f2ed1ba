// Main-process log: every line goes to the console and to an append-only file in
// userData/logs that is rotated at 1 MB (one previous file kept), so a kiosk that runs for months
// never fills its disk and a technician still finds the last crash.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../src-renderer/core/contract';

export type LogLevel = LogEntry['level'];

export interface Logger {
  info(topic: string, message: string): void;
  warn(topic: string, message: string): void;
  error(topic: string, message: string): void;
}

export const LOG_FILE_NAME = 'main.log';
export const ROTATED_LOG_FILE_NAME = 'main.1.log';
export const MAX_LOG_BYTES = 1024 * 1024;

/** One log line; control characters are escaped so a renderer cannot forge extra lines. */
export function formatLogLine(time: Date, level: LogLevel, topic: string, message: string): string {
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)} [${escapeControls(topic)}] ${escapeControls(message)}\n`;
}

/** True when appending `incomingBytes` to a file of `currentBytes` would pass the limit. */
export function shouldRotate(currentBytes: number, incomingBytes: number, maxBytes = MAX_LOG_BYTES): boolean {
  return currentBytes > 0 && currentBytes + incomingBytes > maxBytes;
}

export interface FileLoggerOptions {
  dir: string;
  maxBytes?: number;
  now?: () => Date;
  /** Defaults to the console; tests pass a spy. */
  echo?: (level: LogLevel, line: string) => void;
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
  const now = options.now ?? (() => new Date());
  const echo = options.echo ?? consoleEcho;
  const file = join(options.dir, LOG_FILE_NAME);
  let fileBroken = false;

  const write = (level: LogLevel, topic: string, message: string) => {
    const line = formatLogLine(now(), level, topic, message);
    echo(level, line.trimEnd());
    if (fileBroken) return;
    try {
      mkdirSync(options.dir, { recursive: true });
      if (shouldRotate(sizeOf(file), Buffer.byteLength(line), maxBytes)) renameSync(file, join(options.dir, ROTATED_LOG_FILE_NAME));
      appendFileSync(file, line);
    } catch (error) {
      // A full or read-only disk must not take the kiosk down; the console still has the lines.
      fileBroken = true;
      echo('error', `log file disabled: ${String(error)}`);
    }
  };
  return {
    info: (topic, message) => write('info', topic, message),
    warn: (topic, message) => write('warn', topic, message),
    error: (topic, message) => write('error', topic, message),
  };
}

/** A logger that only writes to the console, for the moments before userData is known. */
export const consoleLogger: Logger = {
  info: (topic, message) => consoleEcho('info', formatLogLine(new Date(), 'info', topic, message).trimEnd()),
  warn: (topic, message) => consoleEcho('warn', formatLogLine(new Date(), 'warn', topic, message).trimEnd()),
  error: (topic, message) => consoleEcho('error', formatLogLine(new Date(), 'error', topic, message).trimEnd()),
};

function consoleEcho(level: LogLevel, line: string): void {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
