import type { z } from 'zod';
import type { ExtractionRejectionCode } from '../../shared/contracts/extraction';

export type ExtractionCode = z.infer<typeof ExtractionRejectionCode>;

/** Thrown by format readers when a file is refused for a reason the teacher should see. */
export class Rejected extends Error {
  constructor(
    readonly code: ExtractionCode,
    detail: string = code,
  ) {
    super(detail);
  }
}
