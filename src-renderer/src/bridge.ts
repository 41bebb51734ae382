import * as Comlink from 'comlink';
import { mainContract } from '../../shared/contracts/ipc';
import { createStore } from '../../shared/db/store';
import { contractClient, type ClientApi } from '../../shared/rpc/contract';
import { db } from './db';

export type MainClient = ClientApi<typeof mainContract>;

/**
 * Connects to main. The renderer asks for two message ports (the preload in
 * Electron, the test bridge in the end-to-end test answer the same way):
 * one to call main, one on which main calls this window's store.
 */
export async function connectToMain(): Promise<MainClient> {
  const [mainPort, storePort] = await new Promise<readonly MessagePort[]>((resolve) => {
    const onMessage = (event: MessageEvent): void => {
      if (event.source !== window || (event.data as { type?: string })?.type !== 'huledu:ports') return;
      if (event.ports.length !== 2) return;
      window.removeEventListener('message', onMessage);
      resolve(event.ports);
    };
    window.addEventListener('message', onMessage);
    window.postMessage({ type: 'huledu:connect' }, '*');
  });
  Comlink.expose(createStore(db), storePort);
  const remote = Comlink.wrap<Record<string, (request: unknown) => Promise<unknown>>>(mainPort);
  return contractClient(mainContract, (method, request) => remote[method](request));
}
