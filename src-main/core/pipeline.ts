import type { Phase, PhaseOutcomeRecord } from '../../shared/contracts/domain';

export interface PhaseDefinition<P extends string = Phase> {
  dependsOn: readonly P[];
}

/** The phases and what each needs first. */
export const phaseDefinitions: Readonly<Record<Phase, PhaseDefinition>> = {
  intake: { dependsOn: [] },
  spellcheck: { dependsOn: ['intake'] },
};

/**
 * Expands a requested pipeline with every dependency, in an order where each
 * phase comes after what it depends on.
 */
export function resolvePipeline<P extends string>(
  requested: readonly P[],
  definitions: Readonly<Record<P, PhaseDefinition<P>>>,
): P[] {
  const ordered: P[] = [];
  const visiting = new Set<P>();
  const visit = (phase: P, path: P[]): void => {
    if (ordered.includes(phase)) return;
    if (!(phase in definitions)) throw new Error(`Unknown phase "${phase}"`);
    if (visiting.has(phase)) throw new Error(`Phase dependency cycle: ${[...path, phase].join(' → ')}`);
    visiting.add(phase);
    for (const dependency of definitions[phase].dependsOn) visit(dependency, [...path, phase]);
    visiting.delete(phase);
    ordered.push(phase);
  };
  for (const phase of requested) visit(phase, []);
  return ordered;
}

export interface PhaseProgress {
  /** Essays waiting for this phase. */
  pending: number;
  /** A run was started and not yet completed (for example, before a crash). */
  running: boolean;
  /** The outcome of the phase's latest finished run, if any. */
  lastOutcome?: PhaseOutcomeRecord['outcome'];
}

/**
 * The batch orchestrator's decision: the first phase in the resolved pipeline
 * with work waiting. Finished phases are skipped; a failed phase stops the
 * phases after it.
 */
export function nextPhase<P extends string>(resolved: readonly P[], progress: (phase: P) => PhaseProgress): P | null {
  for (const phase of resolved) {
    const p = progress(phase);
    if (p.pending > 0 || p.running) return phase;
    if (p.lastOutcome === undefined || p.lastOutcome === 'failed') return null;
  }
  return null;
}
