// Electron main process: composition only. Every decision lives in a pure, tested function in the
// module named after it; this file only puts the pieces together in the right order.
import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, Menu, net, powerSaveBlocker, protocol, session } from 'electron';
import { APP_ORIGIN } from '../src-renderer/core/contract';
import { allowedHostsFor } from '../src-hub/http/guard';
import { startHubServer } from '../src-hub/server';
import { chooseSiteDir } from './config';
import { DEV_HUB_PORT } from './dev-hub';
import { savePublishFile } from './files';
import { chooseHub } from './hub';
import { registerIpc } from './ipc';
import { startKioskHub, type KioskHub } from './kiosk-hub';
import { installLockdown, lockDownSession } from './lockdown';
import { consoleLogger, createFileLogger, type Logger } from './log';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, registerAppProtocol, staffSignedIn, type SeenCredentials } from './protocol';
import { installRecovery } from './recovery';
import { buildMode, createKioskWindow, KIOSK_PARTITION, shouldPreventClose } from './window';

const mode = buildMode({ argv: process.argv, env: process.env, isPackaged: app.isPackaged, devBundle: import.meta.env.DEV });
const hubChoice = chooseHub({ argv: process.argv, env: process.env });

// Before ready: the scheme must be privileged before any session exists, or IndexedDB is off.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
Menu.setApplicationMenu(null);
app.commandLine.appendSwitch('overscroll-history-navigation', '0');

let kioskWindow: BrowserWindow | null = null;
let kioskHub: KioskHub | null = null;
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
  // The embedded store is closed before the process ends, so PGlite leaves its folder clean.
  app.on('will-quit', (event) => {
    const hub = kioskHub;
    if (!hub) return;
    kioskHub = null;
    event.preventDefault();
    hub
      .close()
      .catch((error: unknown) => log.error('hub', `closing the embedded hub failed: ${String(error)}`))
      .finally(() => app.quit());
  });
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
  const siteDir = chooseSiteDir({
    argv: process.argv,
    env: process.env,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    cwd: process.cwd(),
  }).dir;
  log.info('main', `starting ${app.getVersion()} (${mode.kiosk ? 'kiosk' : 'dev'} build), site folder ${siteDir}`);

  const hub = startKioskHub({
    choice: hubChoice,
    siteDir,
    rendererDir: join(import.meta.dirname, '../renderer'),
    followDir: join(import.meta.dirname, '../follow'),
    dataDir: join(app.getPath('userData'), 'hub'),
    version: app.getVersion(),
    log,
  });
  kioskHub = hub;
  if (mode.devOrigin) {
    startHubServer({ host: '127.0.0.1', port: DEV_HUB_PORT, app: hub.app, allowedHosts: allowedHostsFor({ listenHost: '127.0.0.1' }), log }).then(
      (server) => log.info('hub', `dev build: the hub also answers at ${server.url} for the dev server's proxy`),
      (error: unknown) => log.error('hub', `dev build: the hub could not listen on port ${DEV_HUB_PORT}: ${String(error)}`),
    );
  }
  const kioskSession = session.fromPartition(KIOSK_PARTITION);
  for (const ses of [session.defaultSession, kioskSession]) lockDownSession(ses);
  const seen: SeenCredentials = {};
  const appHandler = createAppProtocolHandler({ hubApp: hub.app, remoteHub: hub.remote, fetch: (input, init) => net.fetch(input, init), log, localToken: () => hub.localToken(), seen });
  registerAppProtocol(kioskSession.protocol, appHandler);

  const allowedOrigins = mode.devOrigin ? [APP_ORIGIN, mode.devOrigin] : [APP_ORIGIN];
  registerIpc(
    ipcMain,
    {
      'kiosk:log': (entry) => log[entry.level]('renderer', `[${entry.topic}] ${entry.message}`),
      // Only while staff are signed in on this screen, as the hub judges their lobby session.
      'kiosk:file:save': async (name, content) => {
        if (!(await staffSignedIn(appHandler, seen))) {
          log.warn('files', `refused to save ${name}: no staff member is signed in on this screen`);
          throw new Error('Saving files needs a staff member signed in on this screen; unlock it with your name and PIN.');
        }
        const saved = await savePublishFile(siteDir, name, content);
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
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  });

  win.loadURL(mode.startUrl).catch((error: unknown) => log.error('main', `loading ${mode.startUrl} failed: ${String(error)}`));
}
