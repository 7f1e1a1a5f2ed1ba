import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isAllowedPublishName, isSaveFileArgs, MAX_PUBLISH_BYTES, PUBLISH_DIR_NAME, savePublishFile, type PublishFs } from '../../src-main/files';
import { registerIpc, type InvokeHandlers } from '../../src-main/ipc';
import { fakeFrame, silentLog } from './fakes';

describe('isAllowedPublishName', () => {
  it.each(['catalogue.json', 'regina-mundi-site.ics', 'wegwijzer-backup-2026-03-29.json', 'poster_atelier.html', 'A1.ics', 'x.y.json'])('allows %s', (name) => {
    expect(isAllowedPublishName(name)).toBe(true);
  });

  it.each([
    ['an empty name', ''],
    ['a parent folder', '../catalogue.json'],
    ['a sub-folder', 'sub/catalogue.json'],
    ['a Windows path', 'sub\\catalogue.json'],
    ['an absolute path', '/etc/passwd.json'],
    ['a drive letter', 'C:catalogue.json'],
    ['a hidden file', '.catalogue.json'],
    ['a double dot inside', 'a..json'],
    ['another extension', 'run.sh'],
    ['an executable', 'setup.exe'],
    ['a trailing dot', 'catalogue.json.'],
    ['no extension', 'catalogue'],
    ['a bare extension', '.ics'],
    ['spaces', 'my file.ics'],
    ['a NUL byte', 'a\u0000.json'],
    ['a newline', 'a\n.json'],
    ['a reserved device name', 'CON.json'],
    ['a reserved device name with suffix', 'nul.backup.json'],
    ['an over-long name', `${'a'.repeat(200)}.json`],
    ['a non-string', 42],
    ['an upper-case extension trick', 'x.JSON'],
  ])('refuses %s', (_what, name) => {
    expect(isAllowedPublishName(name)).toBe(false);
  });
});

describe('isSaveFileArgs', () => {
  it('accepts a name, text content and a known MIME type', () => {
    expect(isSaveFileArgs(['a.ics', 'BEGIN:VCALENDAR', 'text/calendar'])).toBe(true);
    expect(isSaveFileArgs(['a.ics', '', 'text/calendar;charset=utf-8'])).toBe(true);
    expect(isSaveFileArgs(['c.json', '{}', 'application/json'])).toBe(true);
    expect(isSaveFileArgs(['p.html', '<!doctype html>', 'text/html'])).toBe(true);
  });

  it('refuses wrong arity, types, MIME types and oversized content', () => {
    expect(isSaveFileArgs(['a.ics', 'x'])).toBe(false);
    expect(isSaveFileArgs(['a.ics', 'x', 'text/calendar', 'extra'])).toBe(false);
    expect(isSaveFileArgs(['../a.ics', 'x', 'text/calendar'])).toBe(false);
    expect(isSaveFileArgs(['a.ics', { toString: () => 'x' }, 'text/calendar'])).toBe(false);
    expect(isSaveFileArgs(['a.ics', 'x', 'application/x-msdownload'])).toBe(false);
    expect(isSaveFileArgs(['a.ics', 'x', 7])).toBe(false);
    expect(isSaveFileArgs(['a.json', 'x'.repeat(MAX_PUBLISH_BYTES + 1), 'application/json'])).toBe(false);
    // Within the limit in characters, over it in UTF-8 bytes.
    expect(isSaveFileArgs(['a.json', 'é'.repeat(MAX_PUBLISH_BYTES / 2 + 1), 'application/json'])).toBe(false);
  });
});

describe('savePublishFile', () => {
  let siteDir: string;
  beforeEach(async () => {
    siteDir = await mkdtemp(join(tmpdir(), 'wegwijzer-files-'));
  });
  afterEach(async () => {
    await rm(siteDir, { recursive: true, force: true });
  });

  it('creates publish/ and writes the file there, answering the absolute path', async () => {
    const result = await savePublishFile(siteDir, 'catalogue.json', '{"version":1}');
    expect(result.savedTo).toBe(join(siteDir, PUBLISH_DIR_NAME, 'catalogue.json'));
    expect(await readFile(result.savedTo, 'utf8')).toBe('{"version":1}');
    // No temporary file is left behind.
    expect(await readdir(join(siteDir, PUBLISH_DIR_NAME))).toEqual(['catalogue.json']);
  });

  it('replaces an existing file whole', async () => {
    await savePublishFile(siteDir, 'site.ics', 'old');
    await savePublishFile(siteDir, 'site.ics', 'new – ünïcode ✓');
    expect(await readFile(join(siteDir, PUBLISH_DIR_NAME, 'site.ics'), 'utf8')).toBe('new – ünïcode ✓');
  });

  it('refuses names outside the rules, writing nothing', async () => {
    await writeFile(join(siteDir, 'site.json'), 'keep');
    for (const name of ['../site.json', 'x/../../site.json', '.hidden.json', 'a.exe']) {
      await expect(savePublishFile(siteDir, name, 'evil')).rejects.toThrow(/not a file name/);
    }
    expect(await readFile(join(siteDir, 'site.json'), 'utf8')).toBe('keep');
    expect(await readdir(siteDir)).toEqual(['site.json']);
  });

  it('refuses content over 20 MB', async () => {
    await expect(savePublishFile(siteDir, 'big.json', 'x'.repeat(MAX_PUBLISH_BYTES + 1))).rejects.toThrow(/larger than 20 MB/);
  });

  it('leaves the old file and no temporary file when the rename fails', async () => {
    await savePublishFile(siteDir, 'catalogue.json', 'old');
    const fs = await import('node:fs/promises');
    const failing: PublishFs = {
      mkdir: fs.mkdir,
      writeFile: fs.writeFile,
      rm: fs.rm,
      rename: () => Promise.reject(new Error('disk full')),
    };
    await expect(savePublishFile(siteDir, 'catalogue.json', 'new', failing)).rejects.toThrow('disk full');
    expect(await readFile(join(siteDir, PUBLISH_DIR_NAME, 'catalogue.json'), 'utf8')).toBe('old');
    expect(await readdir(join(siteDir, PUBLISH_DIR_NAME))).toEqual(['catalogue.json']);
  });

  it('writes through a temporary file in the same folder, then renames', async () => {
    const calls: string[] = [];
    const fs: PublishFs = {
      mkdir: async (path) => void calls.push(`mkdir ${path}`),
      writeFile: async (path, _data, options) => void calls.push(`write ${path} ${options.flag}`),
      rename: async (from, to) => void calls.push(`rename ${from} -> ${to}`),
      rm: async () => undefined,
    };
    await savePublishFile('/site', 'a.ics', 'x', fs);
    expect(calls[0]).toBe(`mkdir ${join('/site', 'publish')}`);
    expect(calls[1]).toMatch(/^write \/site\/publish\/\.a\.ics\.[0-9a-f]{12}\.tmp wx$/);
    expect(calls[2]).toMatch(/^rename \/site\/publish\/\.a\.ics\.[0-9a-f]{12}\.tmp -> \/site\/publish\/a\.ics$/);
  });
});

describe('kiosk:file:save over IPC', () => {
  const setup = () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipcMain = { handle: (channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handlers.set(channel, handler) };
    const mainFrame = fakeFrame('app://kiosk/');
    const save = vi.fn(async (name: string) => ({ savedTo: `/site/publish/${name}` }));
    const impl = { 'kiosk:log': vi.fn(), 'kiosk:file:save': save } as unknown as InvokeHandlers;
    const log = silentLog();
    registerIpc(ipcMain as unknown as IpcMain, impl, () => mainFrame, { allowedOrigins: ['app://kiosk'], log });
    const invoke = (frame: unknown, ...args: unknown[]) => Promise.resolve(handlers.get('kiosk:file:save')!({ senderFrame: frame } as IpcMainInvokeEvent, ...args));
    return { invoke, mainFrame, save, log };
  };

  it('saves for the kiosk main frame', async () => {
    const { invoke, mainFrame, save } = setup();
    await expect(invoke(mainFrame, 'catalogue.json', '{}', 'application/json')).resolves.toEqual({ savedTo: '/site/publish/catalogue.json' });
    expect(save).toHaveBeenCalledWith('catalogue.json', '{}', 'application/json');
  });

  it('refuses other senders and bad payloads without calling the handler', async () => {
    const { invoke, mainFrame, save, log } = setup();
    await expect(invoke(fakeFrame('app://kiosk/', mainFrame), 'a.ics', 'x', 'text/calendar')).rejects.toThrow('refused');
    await expect(invoke({ ...mainFrame, url: 'https://evil.example/' }, 'a.ics', 'x', 'text/calendar')).rejects.toThrow('refused');
    await expect(invoke(mainFrame, '../../.bashrc.json', 'x', 'application/json')).rejects.toThrow('refused');
    await expect(invoke(mainFrame, 'a.ics', 'x')).rejects.toThrow('refused');
    expect(save).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(4);
  });
});
