import { z } from 'zod';
import type { ClientApi, Contract } from '../../shared/rpc/contract';
import type { MessageLink } from './renderer-connection';

/**
 * Comlink's call message, as its client sends one for `remote.method(request)`:
 * one top-level name, one plain (RAW) argument. Comlink's other messages
 * (GET, SET, CONSTRUCT, ENDPOINT, RELEASE), longer paths and proxied
 * arguments are what let a page read, replace or pollute main's objects.
 */
const CallMessage = z.object({
  id: z.string(),
  type: z.literal('APPLY'),
  path: z.tuple([z.string()]),
  argumentList: z.tuple([z.object({ type: z.literal('RAW'), value: z.unknown() })]),
});

class Refused extends Error {
  constructor(reason: string) {
    super(`Anropet nekades: ${reason}. / The call was refused: ${reason}.`);
    this.name = 'RefusedCall';
  }
}

/** An error as comlink's client rethrows it: its name and message (no stack, which names main's files). */
function thrown(id: string, error: unknown): unknown {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { id, type: 'HANDLER', name: 'throw', value: { isError: true, value: { name, message } } };
}

/**
 * Answers comlink calls on a link with exactly the contract's methods of
 * `api`: each argument is parsed with the method's request schema before
 * the method runs, so a malformed call never waits at the gate. Nothing
 * else on `api`, its prototype or main is reachable; every other message
 * with an id is answered with an error.
 */
export function dispatchContractCalls<C extends Contract>(contract: C, api: ClientApi<C>, link: MessageLink): void {
  const methods = new Map<string, (request: unknown) => Promise<unknown>>();
  for (const method of Object.keys(contract)) methods.set(method, api[method] as (request: unknown) => Promise<unknown>);

  async function answer(message: z.infer<typeof CallMessage>): Promise<unknown> {
    const [method] = message.path;
    const call = methods.get(method);
    if (!call) throw new Refused(`"${method}" finns inte / "${method}" is not a method`);
    const request = contract[method].request.safeParse(message.argumentList[0].value);
    if (!request.success) throw new Refused(`${method}: ${z.prettifyError(request.error)}`);
    return call(request.data);
  }

  link.listen((data) => {
    const id = (data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return; // Comlink's client ignores answers without an id too.
    const message = CallMessage.safeParse(data);
    const answered = message.success
      ? answer(message.data)
      : Promise.reject(new Refused('bara anrop av appens metoder tas emot / only calls of the app\'s methods are served'));
    answered.then(
      (value) => link.send({ id, type: 'RAW', value }),
      (error: unknown) => link.send(thrown(id, error)),
    );
  });
  link.start?.();
}
