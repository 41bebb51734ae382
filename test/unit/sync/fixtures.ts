import { randomBytes, randomUUID } from 'node:crypto';
import type { SyncPayload } from '../../../shared/contracts/sync';

export const pseudonym = (): string => randomBytes(32).toString('hex');

/** A payload as the anonymiser makes them: pseudonyms, a uuid key, plausible measures. */
export function payload(schoolId = 'skola-1', over: Partial<SyncPayload> = {}, pupils = 6): SyncPayload {
  return {
    schemaVersion: 1,
    kind: 'batch-results',
    idempotencyKey: randomUUID(),
    schoolId,
    appVersion: 'test',
    generatedAt: '2026-11-24T10:00:00.000Z',
    batch: pseudonym(),
    course: 'Svenska 1',
    assignment: 'Argumenterande text',
    term: 'HT2026',
    language: 'sv',
    gradeScale: ['F', 'E', 'D', 'C', 'B', 'A'],
    reliability: 0.8,
    ssr: 0.85,
    pupils: Array.from({ length: pupils }, (_, i) => ({
      pupil: pseudonym(),
      words: 300 + i,
      findingsPer100: 2 + i / 10,
      theta: i - 2.5,
      se: 0.5,
      grade: 'EDCBAA'[i % 6],
      gradeSource: 'model' as const,
    })),
    ...over,
  };
}
