import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger, formatLogLine, LOG_FILE_NAME, ROTATED_LOG_FILE_NAME, shouldRotate } from '../../src-main/log';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijzer-log-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const T = new Date('2025-03-30T01:30:00.000Z');

describe('formatLogLine', () => {
  it('writes one line with time, level and topic', () => {
    expect(formatLogLine(T, 'warn', 'config', 'missing site.json')).toBe('2025-03-30T01:30:00.000Z WARN  [config] missing site.json\n');
  });
  it('escapes control characters so a renderer cannot forge lines', () => {
    const line = formatLogLine(T, 'info', 'x\ny', 'a\nERROR forged\r\u2028b\u0000');
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('\\u000a');
    expect(line).toContain('\\u2028');
  });
});

describe('shouldRotate', () => {
  it('rotates only when the line would pass the limit of a non-empty file', () => {
    expect(shouldRotate(0, 5000, 1000)).toBe(false);
    expect(shouldRotate(900, 100, 1000)).toBe(false);
    expect(shouldRotate(901, 100, 1000)).toBe(true);
  });
});

describe('createFileLogger', () => {
  it('appends to userData/logs/main.log and echoes to the console', () => {
    const dir = join(tempDir(), 'logs');
    const echo = vi.fn();
    const log = createFileLogger({ dir, now: () => T, echo });
    log.info('main', 'started');
    log.error('recovery', 'renderer gone');
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toBe(`${formatLogLine(T, 'info', 'main', 'started')}${formatLogLine(T, 'error', 'recovery', 'renderer gone')}`);
    expect(echo).toHaveBeenCalledWith('error', expect.stringContaining('renderer gone'));
  });

  it('rotates at the size limit, keeping one previous file', () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, maxBytes: 200, now: () => T, echo: () => undefined });
    for (let i = 0; i < 20; i++) log.info('t', `message number ${i}`);
    expect(statSync(join(dir, LOG_FILE_NAME)).size).toBeLessThanOrEqual(200);
    expect(existsSync(join(dir, ROTATED_LOG_FILE_NAME))).toBe(true);
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toContain('message number 19');
  });

  it('keeps logging to the console when the file cannot be written', () => {
    const root = tempDir();
    const blocker = join(root, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const echo = vi.fn();
    const log = createFileLogger({ dir: join(blocker, 'logs'), echo });
    expect(() => log.warn('t', 'one')).not.toThrow();
    expect(() => log.warn('t', 'two')).not.toThrow();
    expect(echo).toHaveBeenCalledWith('error', expect.stringContaining('log file disabled'));
    expect(echo).toHaveBeenCalledWith('warn', expect.stringContaining('two'));
  });
});
