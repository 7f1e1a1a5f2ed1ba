// The kiosk's preload API: one method per contract message, each with a literal channel. The
// renderer never sees ipcRenderer or an IpcRendererEvent.
import type { IpcRenderer } from 'electron';
import type { KioskPreloadApi, LogEntry } from '../../src-renderer/core/contract';

export function createKioskApi(ipc: Pick<IpcRenderer, 'invoke'>): KioskPreloadApi {
  return {
    // Only the three contract fields cross; main validates them again anyway.
    log: (entry: LogEntry) => ipc.invoke('kiosk:log', { level: entry.level, topic: entry.topic, message: entry.message }),
    // Exactly three strings cross; main checks the name, the size and the type again.
    saveFile: (name: string, content: string, mime: string) => ipc.invoke('kiosk:file:save', String(name), String(content), String(mime)),
  };
}
