import { ExtractionResult, ExtractionTask } from '../../shared/contracts/extraction';
import { extract } from './extract';

/** Piscina entry: every task and result is parsed where it crosses the thread boundary. */
export default async function extractionWorker(input: unknown): Promise<ExtractionResult> {
  const task = ExtractionTask.parse(input);
  return ExtractionResult.parse(await extract(task.bytes, task.claimed));
}
