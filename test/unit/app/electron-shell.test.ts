import { EventEmitter } from 'node:events';
import * as Comlink from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../../src-main/hosts/electron/navigation';
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
    const app = 'file:///opt/HuleEdu/resources/app/out/renderer/index.html';
    expect(isAppUrl(`${app}#/batch/1`, app)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('https://example.com/', app)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
  });
});
