import type { BrowserContext, Page } from 'playwright-core';
import type { MessageLink, RendererConnection } from '../../../src-main/app/renderer-connection';
import { decodeWire, encodeWire } from './wire';

export type ChannelName = 'main' | 'store';

/** A listener set as a message link's receiving half. */
export function listenOn(listeners: Set<(data: unknown) => void>): MessageLink['listen'] {
  return (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
}

/**
 * The page half of the bridge, in place of the Electron preload: when the app
 * asks to connect, make two MessageChannels, relay one end of each to Node
 * through Playwright bindings, and post the other ends to the app exactly as
 * the preload does. Must be self-contained: Playwright serialises it.
 */
function pageBridge(): void {
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
      return { __bytes: btoa(binary) };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return value;
  };
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === 'object') {
      if ('__bytes' in value) return Uint8Array.from(atob((value as { __bytes: string }).__bytes), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  const w = window as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  window.addEventListener('message', (event) => {
    if (event.source !== window || (event.data as { type?: string })?.type !== 'huledu:connect') return;
    const link = crypto.randomUUID();
    const channels = { main: new MessageChannel(), store: new MessageChannel() };
    for (const [name, channel] of Object.entries(channels)) {
      channel.port1.onmessage = (e) => void w.__huleduSend(link, name, encode(e.data));
    }
    w.__huleduReceive = async (target, name, data) => {
      if (target === link) channels[name as 'main' | 'store'].port1.postMessage(decode(data));
    };
    void w.__huleduConnect(link).then(() =>
      window.postMessage({ type: 'huledu:ports' }, '*', [channels.main.port2, channels.store.port2]),
    );
  });
}

/** Installs the bridge on a browser context; `onConnect` runs for every page load that connects. */
export async function installBridge(context: BrowserContext, onConnect: (connection: RendererConnection) => void): Promise<void> {
  const links = new Map<string, Record<ChannelName, Set<(data: unknown) => void>>>();
  // A page's link ends when the page closes or loads again (and connects anew), as an Electron port does.
  const endCurrent = new Map<Page, () => void>();
  await context.exposeBinding('__huleduConnect', (source, link: string) => {
    const page: Page = source.page;
    const listeners = { main: new Set<(data: unknown) => void>(), store: new Set<(data: unknown) => void>() };
    links.set(link, listeners);
    endCurrent.get(page)?.();
    const closed = new Promise<void>((resolve) => {
      endCurrent.set(page, resolve);
      page.once('close', () => resolve());
    });
    void closed.then(() => links.delete(link));
    const channel = (name: ChannelName): MessageLink => ({
      send: (data) =>
        void page
          .evaluate(([l, n, d]) => (window as unknown as Record<string, (...a: unknown[]) => unknown>).__huleduReceive?.(l, n, d), [link, name, encodeWire(data)] as const)
          .catch(() => {}), // The page went away: a closed port drops messages too.
      listen: listenOn(listeners[name]),
    });
    onConnect({ main: channel('main'), store: channel('store'), closed });
  });
  await context.exposeBinding('__huleduSend', (_source, link: string, name: ChannelName, data: unknown) => {
    for (const listener of links.get(link)?.[name] ?? []) listener(decodeWire(data));
  });
  await context.addInitScript(pageBridge);
}
