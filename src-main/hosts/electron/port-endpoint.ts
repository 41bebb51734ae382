import type { Endpoint } from 'comlink';

/** The part of Electron's MessagePortMain that comlink needs; typed here so this adapter stays testable without Electron. */
export interface MainPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}

/** Adapts a main-process message port to comlink's endpoint, and reports when the other side goes away. */
export function portEndpoint(port: MainPort): { endpoint: Endpoint; closed: Promise<void> } {
  const listeners = new Map<EventListenerOrEventListenerObject, (event: { data: unknown }) => void>();
  const endpoint: Endpoint = {
    postMessage: (message: unknown) => port.postMessage(message),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const wrapped = (event: { data: unknown }): void => {
        const data = { data: event.data } as MessageEvent;
        if (typeof listener === 'function') listener(data);
        else listener.handleEvent(data);
      };
      listeners.set(listener, wrapped);
      port.on('message', wrapped);
    },
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const wrapped = listeners.get(listener);
      if (wrapped) port.off('message', wrapped);
      listeners.delete(listener);
    },
    start: () => port.start(),
  };
  const closed = new Promise<void>((resolve) => port.once('close', resolve));
  return { endpoint, closed };
}
