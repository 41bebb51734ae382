import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { Id, Language } from '../domain';

export const ExportFormat = z.enum(['csv', 'xlsx', 'json', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/**
 * What an export made while files are still on their way covers: `done`
 * essays of the `total` the batch has so far. Null once nothing is on its way.
 */
export const ExportCoverage = z.object({ done: z.number().int().nonnegative(), total: z.number().int().positive() });
export type ExportCoverage = z.infer<typeof ExportCoverage>;

/** A batch's results as files. */
export const exportApi = {
  /** CSV or Excel, PDF feedback sheets in the given language, or the full JSON backup. */
  exportBatch: {
    request: z.object({ batchId: Id, format: ExportFormat, language: Language.default('sv') }),
    /** `partial`: set when the batch was still importing or spellchecking; the file name says so too. */
    response: z.object({ fileName: z.string().min(1).max(300), bytes: z.instanceof(Uint8Array), partial: ExportCoverage.nullable() }),
  },
} satisfies Contract;
