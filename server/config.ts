import { z } from 'zod';

/** The receiver's settings, from the environment. The database comes from DATABASE_URL, else pg's own PG* variables. */
export const ServerConfig = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Requests per minute per school token (a token bucket of this size). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /**
   * Requests per minute per client address, checked before the token is: every
   * unauthenticated request costs a database lookup. Generous, since a school's
   * desktops may share one address.
   */
  IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Behind a reverse proxy: the client address is the last X-Forwarded-For entry, the one the proxy added. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** The whole request, body included, must arrive within this. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
}).refine((c) => c.HEADERS_TIMEOUT_MS <= c.REQUEST_TIMEOUT_MS, {
  path: ['HEADERS_TIMEOUT_MS'],
  message: 'must not exceed REQUEST_TIMEOUT_MS',
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const parsed = ServerConfig.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
