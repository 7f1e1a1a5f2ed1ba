// Sandboxed preload: only `electron` may be required here; everything else is bundled in.
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from './api';

contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
