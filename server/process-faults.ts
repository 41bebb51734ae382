import type { Log } from './log';

/**
 * Once the receiver serves, a fault that escapes every handler is logged and
 * the process goes on: each request's own failure is already answered in
 * app.ts, so what reaches here is a stray listener, and one client must not be
 * able to stop the service for every school. Logged by name only, like all errors.
 */
export function logProcessFaults(log: Log): void {
  process.on('unhandledRejection', (error) => log('error', 'unhandled rejection', { error }));
  process.on('uncaughtException', (error) => log('error', 'uncaught exception', { error }));
}
