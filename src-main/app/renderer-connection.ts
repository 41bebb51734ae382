import * as Comlink from 'comlink';
import type { Endpoint } from 'comlink';
import { mainContract } from '../../shared/contracts/ipc';
import { dispatchContractCalls } from './contract-dispatcher';
import type { MainApi } from './services';
import type { StoreLink } from './store-link';

/** One direction of a message channel to the renderer, whatever carries it (Electron's ports, the test bridge). */
export interface MessageLink {
  send(data: unknown): void;
  /** Calls the listener with each message's data; returns a function that stops it. */
  listen(listener: (data: unknown) => void): () => void;
  start?(): void;
}

/** A connected renderer: a link on which it calls main, one on which main calls its store, and when it goes away. */
export interface RendererConnection {
  main: MessageLink;
  store: MessageLink;
  closed: Promise<void>;
}

/** Adapts a message link to comlink's endpoint. */
export function comlinkEndpoint(link: MessageLink): Endpoint {
  const stops = new Map<EventListenerOrEventListenerObject, () => void>();
  return {
    postMessage: (message: unknown) => link.send(message),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const deliver = (data: unknown): void => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      stops.set(listener, link.listen(deliver));
    },
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      stops.get(listener)?.();
      stops.delete(listener);
    },
    ...(link.start ? { start: () => link.start?.() } : {}),
  };
}

/**
 * Serves main's API to a renderer and attaches the renderer's store, the same
 * way in every host. The page reaches only the contract's methods, never the
 * API object itself (see contract-dispatcher.ts).
 */
export function serveRenderer(api: MainApi, storeLink: StoreLink, connection: RendererConnection): void {
  dispatchContractCalls(mainContract, api, connection.main);
  const store = Comlink.wrap<Record<string, (request: unknown) => Promise<unknown>>>(comlinkEndpoint(connection.store));
  storeLink.attach((method, request) => store[method](request), connection.closed);
}
