/**
 * The main-side services in a process of their own, so a test can kill them
 * with SIGKILL. The parent relays each page connection over Node IPC.
 */
import type { SyncTiming } from '../../../src-main/core/ports';
import { fileSecrets } from '../../../src-main/secrets/index.file';
import type { MessageLink } from '../../../src-main/app/renderer-connection';
import { listenOn, type ChannelName } from './bridge';
import { startMainHost } from './main-host';

type Message =
  | { type: 'connect'; link: string }
  | { type: 'closed'; link: string }
  | { type: 'message'; link: string; channel: ChannelName; data: unknown };

// The sync kill test keeps the secrets in a temp file, so they outlive a killed main, and retries fast.
const host = startMainHost(1, {
  ...(process.env.HULEDU_E2E_SECRETS ? { secrets: fileSecrets(process.env.HULEDU_E2E_SECRETS) } : {}),
  ...(process.env.HULEDU_E2E_SYNC_TIMING ? { syncTiming: JSON.parse(process.env.HULEDU_E2E_SYNC_TIMING) as Partial<SyncTiming> } : {}),
});
const links = new Map<string, { listeners: Record<ChannelName, Set<(data: unknown) => void>>; close: () => void }>();

process.on('message', (message: Message) => {
  if (message.type === 'connect') {
    const listeners = { main: new Set<(data: unknown) => void>(), store: new Set<(data: unknown) => void>() };
    let close!: () => void;
    const closed = new Promise<void>((resolve) => (close = resolve));
    links.set(message.link, { listeners, close });
    const channel = (name: ChannelName): MessageLink => ({
      send: (data) => process.send?.({ type: 'message', link: message.link, channel: name, data }),
      listen: listenOn(listeners[name]),
    });
    host.connect({ main: channel('main'), store: channel('store'), closed });
  } else if (message.type === 'closed') {
    links.get(message.link)?.close();
  } else {
    for (const listener of links.get(message.link)?.listeners[message.channel] ?? []) listener(message.data);
  }
});
process.send?.({ type: 'ready' });
