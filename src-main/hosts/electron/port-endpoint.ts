import type { MessageLink } from '../../app/renderer-connection';

/** The part of Electron's MessagePortMain a link needs; typed here so this adapter stays testable without Electron. */
export interface MainPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}

/** A main-process message port as a message link, and when the other side goes away. */
export function portLink(port: MainPort): { link: MessageLink; closed: Promise<void> } {
  const link: MessageLink = {
    send: (data) => port.postMessage(data),
    listen(listener) {
      const onMessage = (event: { data: unknown }): void => listener(event.data);
      port.on('message', onMessage);
      return () => port.off('message', onMessage);
    },
    start: () => port.start(),
  };
  return { link, closed: new Promise<void>((resolve) => port.once('close', resolve)) };
}
