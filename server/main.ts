import { SyncPayload } from '../shared/contracts/sync';
import { createApp } from './app';
import { loadConfig } from './config';
import { createPool, setSchoolToken } from './db';
import { createLog } from './log';
import { migrate } from './migrate';
import { logProcessFaults } from './process-faults';
import { newToken } from './tokens';

const USAGE = `usage: tsx server/main.ts [serve]          apply pending migrations, then serve
       tsx server/main.ts migrate          apply pending migrations
       tsx server/main.ts token SCHOOL_ID  create the school, or replace its token; prints the new token once`;

const config = loadConfig(process.env);
const log = createLog((line) => process.stdout.write(`${line}\n`), Date.now);
const pool = createPool(config.DATABASE_URL, (error) => log('error', 'idle database connection failed', { error }));
const [command = 'serve', ...args] = process.argv.slice(2);

if (command === 'migrate' && args.length === 0) {
  log('info', 'migrated', { applied: await migrate(pool) });
  await pool.end();
} else if (command === 'token' && args.length === 1) {
  const schoolId = SyncPayload.shape.schoolId.safeParse(args[0]);
  if (!schoolId.success) {
    process.stderr.write('SCHOOL_ID: 1 to 64 of A-Z a-z 0-9 . _ -\n');
    process.exit(2);
  }
  const token = newToken();
  await migrate(pool);
  await setSchoolToken(pool, schoolId.data, token);
  await pool.end();
  // The only place a token is ever shown; only its hash is stored.
  process.stdout.write(`${token}\n`);
} else if (command === 'serve' && args.length === 0) {
  try {
    log('info', 'migrated', { applied: await migrate(pool) });
  } catch (error) {
    // Fatal: nothing can be served without the schema. Logged by name, like every error; no stack on stderr.
    log('error', 'startup failed', { error });
    process.exit(1);
  }
  const server = createApp({
    pool,
    now: Date.now,
    log,
    config: {
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      ipRateLimitPerMinute: config.IP_RATE_LIMIT_PER_MINUTE,
      trustProxy: config.TRUST_PROXY,
      requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    },
  });
  // Fatal before listening (the port is taken, say); once listening, faults are logged by logProcessFaults.
  const failStartup = (error: Error) => {
    log('error', 'startup failed', { error });
    process.exit(1);
  };
  server.once('error', failStartup);
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    server.off('error', failStartup);
    logProcessFaults(log);
    log('info', 'listening', { host: config.HOST, port: typeof address === 'object' && address ? address.port : config.PORT });
  });
  const stop = () => {
    log('info', 'stopping');
    server.close(() => void pool.end());
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
