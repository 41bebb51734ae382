import type { z } from 'zod';
import { serveContract, type ClientApi, type Contract } from '../../shared/rpc/contract';
import type { IdSource } from '../core/ports';
import type { Gate } from './gate';

/** What every handler is given besides its request: the id that ties its work, events and logs together. */
export interface Call {
  correlationId: string;
}

/** A feature's implementation of its contract slice: parsed requests in, responses out. */
export type Handlers<C extends Contract> = {
  [K in keyof C]: (request: z.output<C[K]['request']>, call: Call) => Promise<z.input<C[K]['response']>>;
};

/**
 * Serves a contract from the features' handlers: every request is parsed on
 * arrival and gets a correlation id of its own. Ordinary calls pass through
 * the gate side by side; the `exclusive` ones run alone.
 */
export function serveHandlers<C extends Contract>(
  contract: C,
  handlers: Handlers<C>,
  options: { ids: IdSource; gate: Gate; exclusive: readonly (keyof C)[] },
): ClientApi<C> {
  const impl = {} as Record<keyof C, (request: unknown) => Promise<unknown>>;
  for (const method of Object.keys(contract) as (keyof C)[]) {
    const handler = handlers[method] as (request: unknown, call: Call) => Promise<unknown>;
    const pass = options.exclusive.includes(method) ? options.gate.exclusive.bind(options.gate) : options.gate.run.bind(options.gate);
    impl[method] = (request) => pass(() => handler(request, { correlationId: options.ids.uuid() }));
  }
  return serveContract(contract, impl as never);
}
