import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, net, protocol, session, type IpcMainEvent } from 'electron';
import { en, sv } from '../../../shared/i18n/strings';
import { practiceEssay, sampleSource } from '../../app/fs-files';
import { serveRenderer } from '../../app/renderer-connection';
import { createServices } from '../../app/services';
import { StoreLink } from '../../app/store-link';
import { folderSafetyCopies } from '../../backups/safety-copies';
import { createLogFile } from '../../core/log-file';
import { createLogger } from '../../core/logger';
import { builtWorkerEntries } from '../../pools/entries.built';
import { appThreads, createPools } from '../../pools';
import { electronSecrets } from '../../secrets/index.electron';
import { productionMenu } from './menu';
import { appFileFor, APP_URL, crashReloads, isAppUrl } from './navigation';
import { portLink } from './port-endpoint';

/**
 * The Electron shell: window, security settings and the port handshake.
 * Everything else is the same services the CLI and the end-to-end test run.
 */

// The dev server's address only in development: a packaged app never loads, or lets through, another host.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? APP_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const resourcesDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');

// Standard and secure, so the page gets an origin of its own ('self' in the CSP) and no file:// reach.
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
if (app.requestSingleInstanceLock()) startApp();
else app.quit();

function startApp(): void {
  app.setAppLogsPath();
  // Written in the background and rotated at 5 MB, three old files kept: a full disk loses log lines, not work.
  const logFile = createLogFile({ dir: app.getPath('logs'), name: 'main.log', maxBytes: 5 * 1024 * 1024, keep: 3 });
  const logger = createLogger(logFile.write);
  const threads = appThreads(availableParallelism(), totalmem());
  const storeLink = new StoreLink();
  const pools = createPools(builtWorkerEntries, threads, logger);
  // Started now, in the background: the teacher's first import finds its workers and the Swedish dictionary loaded.
  void pools.warm(practiceEssay(join(resourcesDir, 'samples')));
  const services = createServices(
    {
      store: storeLink.api,
      ...pools,
      samples: sampleSource(join(resourcesDir, 'samples')),
      logger,
      // The sync token and the school's HMAC key, encrypted by the OS keychain; the connector pushes with Node's fetch.
      secrets: electronSecrets(),
      // Backups download there by default, so the copy a restore makes first sits beside them.
      safetyCopies: folderSafetyCopies(app.getPath('downloads')),
    },
    'electron',
    app.getVersion(),
    threads * 2,
  );

  let mainWindow: BrowserWindow | null = null;
  const reloadAfterCrash = crashReloads();

  function createWindow(): void {
    mainWindow = new BrowserWindow({
      width: 1200,
      height: 800,
      title: 'HuleEdu',
      show: false,
      webPreferences: {
        preload: join(import.meta.dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    mainWindow.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      if (!reloadAfterCrash(Date.now())) {
        logger.log('error', 'the renderer keeps going away; not reloading it', { code: details.reason, count: details.exitCode });
        dialog.showErrorBox('HuleEdu', `${sv['app.rendererGoneAgain']}\n\n${en['app.rendererGoneAgain']}`);
        return app.quit();
      }
      logger.log('warn', 'the renderer went away; reloading it', { code: details.reason, count: details.exitCode });
      // Unfinished work resumes on the page's hello; the teacher is told why the window blinked.
      mainWindow?.reload();
      if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'warning', title: 'HuleEdu', message: sv['app.rendererGone'], detail: en['app.rendererGone'] });
    });
    void mainWindow.loadURL(appUrl);
  }

  /** Only our window's main frame, showing our page, may connect. */
  function isTrustedSender(event: IpcMainEvent): boolean {
    return (
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      event.senderFrame === event.sender.mainFrame &&
      isAppUrl(event.senderFrame.url, appUrl)
    );
  }

  ipcMain.on('huledu:connect', (event) => {
    if (!isTrustedSender(event)) {
      logger.log('warn', 'refused a connection from an untrusted sender');
      return;
    }
    const toMain = new MessageChannelMain();
    const toStore = new MessageChannelMain();
    const main = portLink(toMain.port1);
    const store = portLink(toStore.port1);
    serveRenderer(services.api, storeLink, { main: main.link, store: store.link, closed: store.closed });
    toMain.port1.start();
    toStore.port1.start();
    event.sender.postMessage('huledu:ports', null, [toMain.port2, toStore.port2]);
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (navigation) => {
      if (!isAppUrl(navigation.url, appUrl)) navigation.preventDefault();
    });
    contents.on('will-attach-webview', (attach) => attach.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  void app.whenReady().then(() => {
    // No remote content: every permission request is refused, and no request leaves the machine.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    const devServerHost = devServerUrl ? new URL(devServerUrl).host : null;
    session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
      const url = new URL(details.url);
      const local = url.protocol === 'app:' || url.protocol === 'devtools:' || (devServerHost !== null && url.host === devServerHost);
      callback({ cancel: !local });
    });
    // The renderer's files, and nothing else on disk.
    protocol.handle('app', (request) => {
      const file = appFileFor(request.url, rendererDir);
      return file ? net.fetch(pathToFileURL(file).href) : new Response('Not found', { status: 404 });
    });
    if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(productionMenu(process.platform)));
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  // Quitting mid-batch is safe: unfinished work resumes at the next start.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services.close());
}
