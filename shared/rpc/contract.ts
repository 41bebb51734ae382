import type { z } from 'zod';

/** One method of a typed channel: it takes one request object and returns one response. */
export interface MethodContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}
export type Contract = Record<string, MethodContract>;

/** The callable shape of a contract, as the calling side sees it. */
export type ClientApi<C extends Contract> = {
  [K in keyof C]: (request: z.input<C[K]['request']>) => Promise<z.output<C[K]['response']>>;
};

/** The shape a contract's implementation has: it receives parsed requests. */
export type ServerApi<C extends Contract> = {
  [K in keyof C]: (request: z.output<C[K]['request']>) => Promise<z.input<C[K]['response']>>;
};

/** Wraps an implementation so that every request is parsed where it arrives. */
export function serveContract<C extends Contract>(contract: C, impl: ServerApi<C>): ClientApi<C> {
  const served = {} as Record<string, (request: unknown) => Promise<unknown>>;
  for (const method of Object.keys(contract)) {
    served[method] = async (request: unknown) =>
      (impl[method] as (r: unknown) => Promise<unknown>)(contract[method].request.parse(request));
  }
  return served as ClientApi<C>;
}

/** Wraps a remote so that every response is parsed where it arrives. */
export function contractClient<C extends Contract>(
  contract: C,
  call: (method: string, request: unknown) => Promise<unknown>,
): ClientApi<C> {
  const client = {} as Record<string, (request: unknown) => Promise<unknown>>;
  for (const method of Object.keys(contract)) {
    client[method] = async (request: unknown) => contract[method].response.parse(await call(method, request));
  }
  return client as ClientApi<C>;
}
