/**
 * Structured logs, one JSON object per line. The field names are fixed so that
 * nothing personal (file names, essay text, pupil names) has a place to go;
 * errors are reduced to their name and code for the same reason.
 */
export interface LogFields {
  correlationId?: string;
  batchId?: string;
  essayId?: string;
  sessionId?: string;
  phase?: string;
  code?: string;
  count?: number;
  ms?: number;
  error?: unknown;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger never throws into the code that logs: a line that cannot be written is lost, not the caller's work. */
export function createLogger(write: (line: string) => void, minimum: LogLevel = 'info'): Logger {
  return {
    log(level, message, fields = {}) {
      if (ORDER[level] < ORDER[minimum]) return;
      const { error, ...rest } = fields;
      try {
        write(
          JSON.stringify({
            time: new Date().toISOString(),
            level,
            message,
            ...rest,
            ...(error === undefined ? {} : { error: describeError(error) }),
          }),
        );
      } catch {
        // Nowhere left to report it: the log is what failed.
      }
    },
  };
}

export const silentLogger: Logger = { log() {} };

/** An error's kind, without its message: messages often carry file paths. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}
