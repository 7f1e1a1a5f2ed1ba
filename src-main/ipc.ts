// IPC in one place, the way VS Code's validatedIpcMain does it: only the channels of the typed
// contract are registered, and every call is checked for who sent it and what it carries before a
// handler sees it.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { KioskInvokeChannel, KioskInvokeContract, LogEntry } from '../src-renderer/core/contract';
import { isSaveFileArgs } from './files';
import type { Logger } from './log';
import { originOf } from './origin';

export type InvokeHandlers = {
  [K in KioskInvokeChannel]: (...args: KioskInvokeContract[K]['args']) => KioskInvokeContract[K]['result'] | Promise<KioskInvokeContract[K]['result']>;
};

/** The parts of a WebFrameMain that sender validation reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: unknown;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/**
 * A message is accepted only from the kiosk window's main frame, showing an allowed origin. A
 * frame that navigated away or was destroyed (senderFrame null) is refused, as is any sub-frame.
 */
export function validateSender(frame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined, allowedOrigins: readonly string[]): SenderVerdict {
  if (!frame) return { ok: false, reason: 'no sender frame' };
  if (!mainFrame) return { ok: false, reason: 'no kiosk window' };
  try {
    if (frame.parent !== null) return { ok: false, reason: 'sub-frame' };
    const sameFrame = frame === mainFrame || (frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId);
    if (!sameFrame) return { ok: false, reason: 'not the kiosk window' };
    const origin = originOf(frame.url);
    if (origin === null || !allowedOrigins.includes(origin)) return { ok: false, reason: `origin ${origin ?? 'unknown'}` };
    return { ok: true };
  } catch {
    // Reading a disposed WebFrameMain throws.
    return { ok: false, reason: 'sender frame disposed' };
  }
}

export const LOG_TOPIC_MAX = 40;
export const LOG_MESSAGE_MAX = 2000;
const LOG_LEVELS: readonly string[] = ['info', 'warn', 'error'] satisfies LogEntry['level'][];

/** A log entry from the renderer: exactly level, topic and message, bounded in length. */
export function isLogEntry(value: unknown): value is LogEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  if (keys.length !== 3 || keys[0] !== 'level' || keys[1] !== 'message' || keys[2] !== 'topic') return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.level === 'string' &&
    LOG_LEVELS.includes(entry.level) &&
    typeof entry.topic === 'string' &&
    entry.topic.length > 0 &&
    entry.topic.length <= LOG_TOPIC_MAX &&
    typeof entry.message === 'string' &&
    entry.message.length <= LOG_MESSAGE_MAX
  );
}

/** Payload validators, one per channel; the mapped type makes a missing channel a compile error. */
export const argumentValidators: { [K in KioskInvokeChannel]: (args: readonly unknown[]) => args is KioskInvokeContract[K]['args'] } = {
  'kiosk:log': (args): args is [LogEntry] => args.length === 1 && isLogEntry(args[0]),
  'kiosk:file:save': isSaveFileArgs,
};

export const INVOKE_CHANNELS = Object.keys(argumentValidators) as KioskInvokeChannel[];

export interface IpcOptions {
  allowedOrigins: readonly string[];
  log: Logger;
}

export class IpcRefusedError extends Error {
  constructor(channel: string) {
    super(`${channel}: refused`);
    this.name = 'IpcRefusedError';
  }
}

/** Registers one validated handler per contract channel; nothing else is ever registered. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: InvokeHandlers,
  getMainFrame: () => FrameLike | null | undefined,
  options: IpcOptions,
): void {
  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel] as (...args: unknown[]) => unknown;
    const validArguments = argumentValidators[channel] as (args: readonly unknown[]) => boolean;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const sender = validateSender(event.senderFrame, getMainFrame(), options.allowedOrigins);
      if (!sender.ok) {
        options.log.warn('ipc', `${channel} refused: ${sender.reason}`);
        throw new IpcRefusedError(channel);
      }
      if (!validArguments(args)) {
        options.log.warn('ipc', `${channel} refused: invalid payload`);
        throw new IpcRefusedError(channel);
      }
      return handler(...args);
    });
  }
}
