// Electron main process: composition only. Every decision lives in a pure, tested function in the
// module named after it; this file only puts the pieces together in the right order.
import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { APP_ORIGIN } from '../src-renderer/core/contract';
import { chooseSiteDir, createSiteService } from './config';
import { savePublishFile } from './files';
import { registerIpc, sendEvent } from './ipc';
import { installLockdown, lockDownSession } from './lockdown';
import { consoleLogger, createFileLogger, type Logger } from './log';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, registerAppProtocol } from './protocol';
import { installRecovery } from './recovery';
import { readSiteBundle, watchSiteDir } from '../src-hub/site/read';
import { buildMode, createKioskWindow, KIOSK_PARTITION, shouldPreventClose } from './window';

const mode = buildMode({ argv: process.argv, env: process.env, isPackaged: app.isPackaged, devBundle: import.meta.env.DEV });

// Before ready: the scheme must be privileged before any session exists, or IndexedDB is off.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
Menu.setApplicationMenu(null);
app.commandLine.appendSwitch('overscroll-history-navigation', '0');

let kioskWindow: BrowserWindow | null = null;
let quitting = false;
let log: Logger = consoleLogger;
/** Forwards to whichever logger is current: the console before ready, the log file after. */
const mainLog: Logger = {
  info: (topic, message) => log.info(topic, message),
  warn: (topic, message) => log.warn(topic, message),
  error: (topic, message) => log.error(topic, message),
};

// Electron shows a modal error dialog for an uncaught main-process exception; on a kiosk that is a
// broken screen nobody can dismiss. Log it and keep serving.
process.on('uncaughtException', (error) => log.error('main', `uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => log.error('main', `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

if (!app.requestSingleInstanceLock()) {
  // Two kiosks on one profile would fight over the bookings database.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!kioskWindow || kioskWindow.isDestroyed()) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  installLockdown(app, { devOrigin: mode.devOrigin, kiosk: mode.kiosk, log: mainLog });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('main', `start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      app.exit(1);
    });
}

function start(): void {
  log = createFileLogger({ dir: join(app.getPath('userData'), 'logs') });
  const site = createSiteService({
    dir: chooseSiteDir({
      argv: process.argv,
      env: process.env,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      isPackaged: app.isPackaged,
      cwd: process.cwd(),
    }).dir,
    readSiteBundle,
    watchSiteDir,
    log,
  });
  log.info('main', `starting ${app.getVersion()} (${mode.kiosk ? 'kiosk' : 'dev'} build), site folder ${site.dir}`);

  const kioskSession = session.fromPartition(KIOSK_PARTITION);
  for (const ses of [session.defaultSession, kioskSession]) lockDownSession(ses);
  registerAppProtocol(
    kioskSession.protocol,
    createAppProtocolHandler({ rendererDir: join(import.meta.dirname, '../renderer'), getSiteDir: () => site.dir, log }),
  );

  const allowedOrigins = mode.devOrigin ? [APP_ORIGIN, mode.devOrigin] : [APP_ORIGIN];
  registerIpc(
    ipcMain,
    {
      'kiosk:site:get': () => site.get(),
      'kiosk:log': (entry) => log[entry.level]('renderer', `[${entry.topic}] ${entry.message}`),
      // Not staff-gated here: the PIN is checked in the renderer (see files.ts for what is enforced).
      'kiosk:file:save': async (name, content) => {
        const saved = await savePublishFile(site.dir, name, content);
        log.info('files', `saved ${saved.savedTo}`);
        return saved;
      },
    },
    () => (kioskWindow && !kioskWindow.isDestroyed() ? kioskWindow.webContents.mainFrame : null),
    { allowedOrigins, log },
  );

  const win = createKioskWindow(join(import.meta.dirname, '../preload/index.cjs'), mode);
  kioskWindow = win;
  const recovery = installRecovery(app, win.webContents, { appUrl: mode.startUrl, log, isQuitting: () => quitting });
  const stopWatching = site.watch((bundle) => sendEvent(kioskWindow?.webContents, 'kiosk:site:changed', bundle));
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  win.on('close', (event) => {
    if (shouldPreventClose(mode, quitting)) {
      event.preventDefault();
      log.warn('main', 'refused to close the kiosk window; stop the app to close it');
    }
  });
  win.on('closed', () => {
    kioskWindow = null;
    recovery.dispose();
    stopWatching();
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  });

  win.loadURL(mode.startUrl).catch((error: unknown) => log.error('main', `loading ${mode.startUrl} failed: ${String(error)}`));
}
