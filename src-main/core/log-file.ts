import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface LogFileOptions {
  dir: string;
  /** The current file's name; older files are `<name>.1` (newest) to `<name>.<keep>`. */
  name: string;
  /** The current file is rotated before a write would take it past this size. */
  maxBytes: number;
  /** How many rotated files are kept beside the current one. */
  keep: number;
}

export interface LogFile {
  write(line: string): void;
  /** Resolves once every line written so far is on disk, or was dropped. */
  flushed(): Promise<void>;
}

/**
 * A log file written in the background, with size-based rotation. Writing
 * never blocks and never throws: a full disk or a missing folder drops the
 * lines (logging must not break the code that logs), and the next line that
 * reaches the disk says how many were lost.
 */
export function createLogFile({ dir, name, maxBytes, keep }: LogFileOptions): LogFile {
  const current = join(dir, name);
  let pending: string[] = [];
  let size: number | undefined;
  let dropped = 0;
  let chain: Promise<void> = Promise.resolve();

  async function rotate(): Promise<void> {
    for (let n = keep; n >= 1; n--) {
      const from = n === 1 ? current : `${current}.${n - 1}`;
      await rename(from, `${current}.${n}`).catch(() => undefined);
    }
    size = 0;
  }

  async function drain(): Promise<void> {
    const lines = pending;
    pending = [];
    if (!lines.length) return;
    if (dropped) lines.unshift(JSON.stringify({ time: new Date().toISOString(), level: 'warn', message: 'log lines dropped', count: dropped }));
    const chunk = lines.map((l) => l + '\n').join('');
    const bytes = Buffer.byteLength(chunk);
    try {
      if (size === undefined) {
        await mkdir(dir, { recursive: true });
        size = await stat(current).then((s) => s.size, () => 0);
      }
      if (size > 0 && size + bytes > maxBytes) await rotate();
      await appendFile(current, chunk);
      size = (size ?? 0) + bytes;
      dropped = 0;
    } catch {
      // The disk is full or the folder is gone: count what is lost, and look at the file again next time.
      dropped += lines.length - (dropped ? 1 : 0);
      size = undefined;
    }
  }

  return {
    write(line) {
      pending.push(line);
      if (pending.length === 1) chain = chain.then(drain);
    },
    flushed: () => chain,
  };
}
