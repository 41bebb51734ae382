import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { mainContract } from '../../../shared/contracts/ipc';
import { contractClient } from '../../../shared/rpc/contract';
import { comlinkEndpoint, serveRenderer, type MessageLink } from '../../../src-main/app/renderer-connection';
import type { MainApi } from '../../../src-main/app/services';
import { StoreLink } from '../../../src-main/app/store-link';

/** Two ends of an in-memory channel, cloning each message as a real port does. */
function linkPair(): [MessageLink, MessageLink] {
  const listeners: [Set<(data: unknown) => void>, Set<(data: unknown) => void>] = [new Set(), new Set()];
  const end = (mine: number): MessageLink => ({
    send: (data) => setImmediate(() => listeners[1 - mine].forEach((listener) => listener(structuredClone(data)))),
    listen(listener) {
      listeners[mine].add(listener);
      return () => listeners[mine].delete(listener);
    },
  });
  return [end(0), end(1)];
}

/** A main API whose every method answers with what it was asked, so a test sees exactly what reached it. */
function echoApi(): MainApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(mainContract)) api[method] = async (request) => ({ method, request });
  api.hello = async () => ({ version: '1.0.0', host: 'e2e' });
  return api as unknown as MainApi;
}

/** Serves the API through the real connection code and returns the renderer's end of the main channel. */
function connect(api: MainApi): MessageLink {
  const [rendererMain, mainMain] = linkPair();
  const [, mainStore] = linkPair();
  serveRenderer(api, new StoreLink(), { main: mainMain, store: mainStore, closed: new Promise(() => {}) });
  return rendererMain;
}

/** Sends one raw comlink message and waits for the answer with its id. */
function raw(link: MessageLink, message: Record<string, unknown>): Promise<{ type: string; name?: string; value: unknown }> {
  const id = `raw-${Math.random()}`;
  return new Promise((resolve) => {
    const stop = link.listen((data) => {
      if ((data as { id?: string }).id !== id) return;
      stop();
      resolve(data as { type: string; name?: string; value: unknown });
    });
    link.send({ id, ...message });
  });
}

function isRefusal(answer: { type: string; name?: string }): boolean {
  return answer.type === 'HANDLER' && answer.name === 'throw';
}

describe('the main boundary: the page reaches exactly the contract\'s methods', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('refuses comlink\'s generic get, set, construct, endpoint and release, and every path that is not one contract method', async () => {
    const api = echoApi();
    const importFiles = api.importFiles;
    const link = connect(api);
    const hostile: Record<string, unknown>[] = [
      { type: 'SET', path: ['__proto__', 'polluted'], value: { type: 'RAW', value: 'yes' } },
      { type: 'SET', path: ['importFiles'], value: { type: 'RAW', value: 'replaced' } },
      { type: 'SET', path: ['constructor', 'prototype', 'polluted'], value: { type: 'RAW', value: 'yes' } },
      { type: 'GET', path: ['importFiles'] },
      { type: 'GET', path: ['constructor', 'prototype'] },
      { type: 'GET', path: [] },
      { type: 'APPLY', path: ['constructor', 'prototype'], argumentList: [] },
      { type: 'APPLY', path: ['__proto__', '__defineGetter__'], argumentList: [{ type: 'RAW', value: 'polluted' }] },
      { type: 'APPLY', path: ['constructor'], argumentList: [{ type: 'RAW', value: {} }] },
      { type: 'APPLY', path: ['toString'], argumentList: [] },
      { type: 'APPLY', path: ['__proto__'], argumentList: [] },
      { type: 'APPLY', path: ['hasOwnProperty'], argumentList: [{ type: 'RAW', value: 'hello' }] },
      { type: 'APPLY', path: ['hello', 'call'], argumentList: [{ type: 'RAW', value: {} }] },
      { type: 'APPLY', path: [], argumentList: [] },
      { type: 'CONSTRUCT', path: ['hello'], argumentList: [{ type: 'RAW', value: {} }] },
      { type: 'ENDPOINT' },
      { type: 'RELEASE' },
    ];
    for (const message of hostile) {
      const answer = await raw(link, message);
      expect(isRefusal(answer), JSON.stringify(message)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(api.importFiles).toBe(importFiles);
    // The channel still serves after all that.
    expect(await raw(link, { type: 'APPLY', path: ['hello'], argumentList: [{ type: 'RAW', value: {} }] })).toMatchObject({
      type: 'RAW',
      value: { version: '1.0.0', host: 'e2e' },
    });
  });

  it('parses every argument with the method\'s request schema before the method runs, and takes exactly one', async () => {
    const calls: unknown[] = [];
    const api = echoApi();
    api.restoreBackup = async (request) => (calls.push(request), { outcome: 'restored' });
    const link = connect(api);
    const restore = (argumentList: unknown[]) => raw(link, { type: 'APPLY', path: ['restoreBackup'], argumentList });
    expect(isRefusal(await restore([{ type: 'RAW', value: { text: 42 } }]))).toBe(true);
    expect(isRefusal(await restore([]))).toBe(true);
    expect(isRefusal(await restore([{ type: 'RAW', value: { text: 'a' } }, { type: 'RAW', value: { text: 'b' } }]))).toBe(true);
    // A comlink proxy as an argument would make main wrap a port the page controls.
    expect(isRefusal(await restore([{ type: 'HANDLER', name: 'proxy', value: null }]))).toBe(true);
    expect(calls).toEqual([]);
    expect(await restore([{ type: 'RAW', value: { text: '{}', extra: 'dropped' } }])).toMatchObject({ type: 'RAW', value: { outcome: 'restored' } });
    expect(calls).toEqual([{ text: '{}' }]);
  });

  it('still serves the renderer\'s comlink client, with a handler\'s error as the caller\'s rejection', async () => {
    const api = echoApi();
    api.restoreBackup = async () => {
      throw new Error('Säkerhetskopian kunde inte läsas. / The backup could not be read.');
    };
    const remote = Comlink.wrap<Record<string, (request: unknown) => Promise<unknown>>>(comlinkEndpoint(connect(api)));
    const client = contractClient(mainContract, (method, request) => remote[method](request));
    expect(await client.hello({})).toEqual({ version: '1.0.0', host: 'e2e' });
    await expect(client.restoreBackup({ text: '{}' })).rejects.toThrow('The backup could not be read.');
  });
});
