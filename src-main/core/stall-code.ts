import type { BatchStallCode } from '../../shared/contracts/domain';

/** DISK_FULL for a full disk (ENOSPC) or a full IndexedDB (QuotaExceededError), however deep it is wrapped; else WORK_FAILED. */
export function stallCode(error: unknown): BatchStallCode {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 10; depth++) {
    const { name, code, cause, inner } = e as { name?: unknown; code?: unknown; cause?: unknown; inner?: unknown };
    if (code === 'ENOSPC' || name === 'QuotaExceededError') return 'DISK_FULL';
    // Dexie wraps the browser's error in `inner`; Node and our own errors use `cause`.
    e = inner ?? cause;
  }
  return 'WORK_FAILED';
}
