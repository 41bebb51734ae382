import * as Comlink from 'comlink';
import type { Endpoint } from 'comlink';
import { createServices, type Services } from '../../../src-main/app/services';
import { sampleSource } from '../../../src-main/app/fs-files';
import { StoreLink } from '../../../src-main/app/store-link';
import { createLogger } from '../../../src-main/core/logger';
import type { Ports } from '../../../src-main/core/ports';
import { repoPath } from '../../../src-main/hosts/cli/compose';
import { createCjPool } from '../../../src-main/pools/cj-pool';
import { createExtractionPool } from '../../../src-main/pools/extraction-pool';
import { createSpellcheckPool } from '../../../src-main/pools/spellcheck-pool';
import type { Channel, PageConnection } from './bridge';

/** A comlink endpoint over one bridge channel. */
function channelEndpoint(channel: Channel): Endpoint {
  const listeners = new Set<EventListenerOrEventListenerObject>();
  channel.onMessage((data) => {
    for (const listener of listeners) {
      const event = { data } as MessageEvent;
      if (typeof listener === 'function') listener(event);
      else listener.handleEvent(event);
    }
  });
  return {
    postMessage: (message: unknown) => channel.send(message),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => listeners.add(listener),
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => listeners.delete(listener),
  };
}

export interface MainHost {
  services: Services;
  /** Structured log lines, to check that nothing personal is logged. */
  logs: string[];
  connect(connection: PageConnection): void;
  close(): Promise<void>;
}

/**
 * The end-to-end host's composition root: the real main-side services, with
 * the store reached over the test bridge instead of Electron IPC.
 */
export function startMainHost(threads = 2, sync: Pick<Ports, 'secrets' | 'syncTiming'> = {}): MainHost {
  const logs: string[] = [];
  const logger = createLogger((line) => logs.push(line), 'debug');
  const storeLink = new StoreLink();
  const services = createServices(
    {
      store: storeLink.api,
      extraction: createExtractionPool(repoPath('src-workers/extraction/worker.ts'), threads, logger),
      spellcheck: createSpellcheckPool(repoPath('src-workers/spellcheck/worker.ts'), threads, logger),
      cj: createCjPool(repoPath('src-workers/cj/worker.ts'), threads, logger),
      samples: sampleSource(repoPath('resources/samples')),
      logger,
      // The sync tests' secret store (memory, or a temp file that outlives a killed main) and faster retries.
      ...sync,
    },
    'e2e',
    'e2e',
    4,
  );
  return {
    services,
    logs,
    connect(connection) {
      Comlink.expose(services.api, channelEndpoint(connection.main));
      const store = Comlink.wrap<Record<string, (request: unknown) => Promise<unknown>>>(channelEndpoint(connection.store));
      storeLink.attach((method, request) => store[method](request), connection.closed);
    },
    close: () => services.close(),
  };
}
