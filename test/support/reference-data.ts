import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The reference data beside the repository (never copied into it); override with HULEDU_DATA. */
export const referenceDataDir = resolve(process.env.HULEDU_DATA ?? join(import.meta.dirname, '../../../shared/data'));

/** A path in the reference data; throws a clear error when it is absent, so no check passes silently. */
export function referenceData(relative: string): string {
  const path = join(referenceDataDir, relative);
  if (!existsSync(path)) {
    throw new Error(`Reference data missing: ${path}. These checks need ../shared/data (see its README), or set HULEDU_DATA.`);
  }
  return path;
}
