import { storeContract } from '../../shared/contracts/ipc';
import type { StoreApi } from '../../shared/db/store';
import { contractClient } from '../../shared/rpc/contract';

class Disconnected extends Error {}

interface Link {
  call(method: string, request: unknown): Promise<unknown>;
  closed: Promise<void>;
  /** Rejects with Disconnected when the link closes; calls race against it. */
  lost: Promise<never>;
}

/**
 * Main's view of a store that lives in another process and may come and go
 * (a renderer reload, a crash, a reconnect). Calls wait for a store; a call
 * cut off by a disconnect is sent again to the next store. That is safe
 * because every store operation is idempotent: events by id, content and
 * files by hash, and the rest are reads.
 */
export class StoreLink {
  private link: Link | null = null;
  private waiting: Array<(link: Link) => void> = [];
  private closeCurrent: (() => void) | null = null;

  /** The store as main's services use it; responses are parsed where they arrive. */
  readonly api: StoreApi = contractClient(storeContract, (method, request) => this.call(method, request));

  /** Attaches a newly connected store. The previous one, if any, counts as disconnected. */
  attach(call: (method: string, request: unknown) => Promise<unknown>, closed: Promise<void>): void {
    this.closeCurrent?.();
    let close!: () => void;
    const replaced = new Promise<void>((resolve) => (close = resolve));
    const ended = Promise.race([closed, replaced]);
    const lost = ended.then((): never => {
      throw new Disconnected();
    });
    lost.catch(() => {}); // Handled by whichever call is racing it.
    const link: Link = { call, closed: ended, lost };
    this.link = link;
    this.closeCurrent = close;
    void link.closed.then(() => {
      if (this.link === link) this.link = null;
    });
    for (const resolve of this.waiting.splice(0)) resolve(link);
  }

  private async current(): Promise<Link> {
    return this.link ?? new Promise<Link>((resolve) => this.waiting.push(resolve));
  }

  private async call(method: string, request: unknown): Promise<unknown> {
    for (;;) {
      const link = await this.current();
      try {
        return await Promise.race([link.call(method, request), link.lost]);
      } catch (error) {
        if (!(error instanceof Disconnected)) throw error;
      }
    }
  }
}
