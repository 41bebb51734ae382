import { z } from 'zod';
import { SyncAck } from '../../shared/contracts/sync';
import type { OutboxError } from '../../shared/contracts/sync-store';

/**
 * What a receiver's answer to a push means for the outbox item. Only a
 * 201 or 200 whose body is an ack for this very idempotency key delivers it;
 * a 4xx other than 408 and 429 is final; everything else is tried again.
 */
export type PushOutcome =
  | { kind: 'delivered'; httpStatus: 200 | 201; ack: SyncAck }
  | { kind: 'retry'; error: OutboxError }
  | { kind: 'rejected'; error: OutboxError };

/** The receiver's bilingual error body (server/README.md); other fields (issues, findings) are not kept. */
const ReceiverError = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{0,59}$/),
    message: z.object({ sv: z.string().min(1).max(1000), en: z.string().min(1).max(1000) }),
  }),
});

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The receiver's own code and message when the body is its error shape, else a code of ours for the status. */
function errorOf(status: number, body: string): OutboxError {
  const parsed = ReceiverError.safeParse(json(body));
  return parsed.success
    ? { code: parsed.data.error.code, httpStatus: status, message: parsed.data.error.message }
    : { code: `HTTP_${status}`, httpStatus: status, message: null };
}

export function classifyResponse(status: number, body: string, idempotencyKey: string): PushOutcome {
  if (status === 200 || status === 201) {
    const ack = SyncAck.safeParse(json(body));
    if (ack.success && ack.data.idempotencyKey.toLowerCase() === idempotencyKey.toLowerCase()) return { kind: 'delivered', httpStatus: status, ack: ack.data };
    return { kind: 'retry', error: { code: 'INVALID_ACK', httpStatus: status, message: null } };
  }
  // A wrong token (401), another school's token (403) or a wrong address (404) is the school's setting to fix,
  // not the item's fault: retry, so the outbox survives until the settings are right.
  if ([401, 403, 404, 408, 429].includes(status) || (status >= 500 && status <= 599)) return { kind: 'retry', error: errorOf(status, body) };
  if (status >= 400 && status <= 499) return { kind: 'rejected', error: errorOf(status, body) };
  // 1xx, other 2xx, 3xx (redirects are not followed: the token must not go elsewhere).
  return { kind: 'retry', error: { code: 'UNEXPECTED_RESPONSE', httpStatus: status >= 100 && status <= 599 ? status : null, message: null } };
}

/** Reads at most `limit` bytes of a response body as UTF-8: an ack or an error body is small. */
export async function readBody(response: Response, limit = 65_536): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= limit) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit));
}
