import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { Id, Language } from '../domain';

export const ExportFormat = z.enum(['csv', 'xlsx', 'json', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** A batch's results as files. */
export const exportApi = {
  /** CSV or Excel, PDF feedback sheets in the given language, or the full JSON backup. */
  exportBatch: {
    request: z.object({ batchId: Id, format: ExportFormat, language: Language.default('sv') }),
    response: z.object({ fileName: z.string().min(1).max(300), bytes: z.instanceof(Uint8Array) }),
  },
} satisfies Contract;
