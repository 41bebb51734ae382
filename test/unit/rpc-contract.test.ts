import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contractClient, serveContract } from '../../shared/rpc/contract';

const contract = {
  add: { request: z.object({ a: z.number(), b: z.number() }), response: z.object({ sum: z.number() }) },
};

describe('typed channels', () => {
  it('parses every request where it arrives', async () => {
    const served = serveContract(contract, { add: async ({ a, b }) => ({ sum: a + b }) });
    expect(await served.add({ a: 1, b: 2 })).toEqual({ sum: 3 });
    await expect(served.add({ a: 1, b: '2' } as never)).rejects.toThrow(z.ZodError);
  });

  it('parses every response where it arrives', async () => {
    const client = contractClient(contract, async () => ({ sum: 'three' }));
    await expect(client.add({ a: 1, b: 2 })).rejects.toThrow(z.ZodError);
  });
});
