import { EventEmitter } from 'node:events';
import * as Comlink from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { appFileFor, APP_URL, crashReloads, isAppUrl } from '../../../src-main/hosts/electron/navigation';
import { productionMenu } from '../../../src-main/hosts/electron/menu';
import { comlinkEndpoint } from '../../../src-main/app/renderer-connection';
import { portLink, type MainPort } from '../../../src-main/hosts/electron/port-endpoint';

// The shell's logic must never need the Electron binary; fail loudly if anything imports it.
vi.mock('electron', () => {
  throw new Error('electron must not be imported by main-process logic');
});

/** Two connected ports with MessagePortMain's event shape. */
function mainPortPair(): [MainPort, MainPort] {
  const make = () => Object.assign(new EventEmitter(), { start() {}, postMessage(_: unknown) {} });
  const a = make();
  const b = make();
  a.postMessage = (data) => setImmediate(() => b.emit('message', { data: structuredClone(data) }));
  b.postMessage = (data) => setImmediate(() => a.emit('message', { data: structuredClone(data) }));
  return [a as unknown as MainPort, b as unknown as MainPort];
}

describe('Electron shell adapters', () => {
  it('carries comlink calls over main-process ports', async () => {
    const [left, right] = mainPortPair();
    Comlink.expose({ double: async (n: number) => n * 2 }, comlinkEndpoint(portLink(left).link));
    const remote = Comlink.wrap<{ double(n: number): Promise<number> }>(comlinkEndpoint(portLink(right).link));
    expect(await remote.double(21)).toBe(42);
  });

  it('reports when the other side closes', async () => {
    const [left] = mainPortPair();
    const { closed } = portLink(left);
    (left as unknown as EventEmitter).emit('close');
    await expect(closed).resolves.toBeUndefined();
  });

  it('allows navigation only to the app itself', () => {
    expect(isAppUrl(`${APP_URL}#/batch/1`, APP_URL)).toBe(true);
    expect(isAppUrl('app://renderer/assets/index.js', APP_URL)).toBe(true);
    expect(isAppUrl('app://evil/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('other://renderer/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP_URL)).toBe(false);
    expect(isAppUrl('https://example.com/', APP_URL)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', APP_URL)).toBe(false);
  });

  it('serves app:// only from the renderer\'s folder, refusing every way out of it', () => {
    const root = join('/opt/HuleEdu/resources/app.asar/out/renderer');
    expect(appFileFor(APP_URL, root)).toBe(join(root, 'index.html'));
    expect(appFileFor('app://renderer/', root)).toBe(join(root, 'index.html'));
    expect(appFileFor('app://renderer/assets/index-1.js?v=2#x', root)).toBe(join(root, 'assets/index-1.js'));
    expect(appFileFor('app://renderer/assets/a%20b.css', root)).toBe(join(root, 'assets/a b.css'));
    // The URL parser already folds literal dot segments, so they stay inside the folder.
    expect(appFileFor('app://renderer/../../../../etc/passwd', root)).toBe(join(root, 'etc/passwd'));
    expect(appFileFor('app://renderer/%2e%2e/%2e%2e/main/index.js', root)).toBe(join(root, 'main/index.js'));
    for (const hostile of [
      'app://renderer/assets/..%2f..%2fmain%2findex.js',
      'app://renderer/..%5c..%5cmain%5cindex.js',
      'app://renderer/%00index.html',
      'app://renderer/%E0%A4%A',
      'app://other/index.html',
      'file:///opt/HuleEdu/resources/app.asar/out/renderer/index.html',
      'not a url',
    ]) {
      expect(appFileFor(hostile, root), hostile).toBeNull();
    }
  });

  it('ships a menu without DevTools or reloads, with editing and quitting', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const roles = JSON.stringify(productionMenu(platform));
      expect(roles, platform).not.toMatch(/toggleDevTools|forceReload|"reload"/i);
      for (const role of ['copy', 'paste', 'undo', 'selectAll', 'quit']) expect(roles, platform).toContain(`"${role}"`);
    }
  });
});

describe('a window that keeps crashing (issue #12)', () => {
  it('is reloaded after a crash, but not a fourth time within a minute; crashes a minute apart always reload', () => {
    const reload = crashReloads();
    expect([0, 1_000, 2_000].map(reload)).toEqual([true, true, true]);
    expect(reload(3_000)).toBe(false);
    const spaced = crashReloads();
    expect([0, 61_000, 122_000, 183_000, 244_000].map(spaced)).toEqual([true, true, true, true, true]);
  });
});
