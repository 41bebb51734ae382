/**
 * JSON-line logs. The fields are fixed so that no token, payload value or
 * query value has a place to go; errors are reduced to their name and code.
 */
export interface LogFields {
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  code?: string;
  schoolId?: string;
  ms?: number;
  applied?: string[];
  host?: string;
  port?: number;
  error?: unknown;
}

export type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: LogFields) => void;

export function createLog(write: (line: string) => void, now: () => number): Log {
  return (level, msg, { error, ...fields } = {}) =>
    write(
      JSON.stringify({
        time: new Date(now()).toISOString(),
        level,
        msg,
        ...fields,
        ...(error === undefined ? {} : { error: describeError(error) }),
      }),
    );
}

/** An error's kind without its message: database messages can quote the values they refused. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}
