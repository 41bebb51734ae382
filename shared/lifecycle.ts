import type { Essay, EssayState, Phase, ReadinessCounts } from './contracts/domain';
import type { ExportCoverage } from './contracts/main/export';

/**
 * What each essay state means for each phase: waiting for it, finished well,
 * finished badly. A state in none of the three is not the phase's concern (an
 * unpacked archive; an essay that never reached the phase). Main's essay
 * lifecycle decides with it; the renderer shows progress with it.
 */
const PHASE_STATES: Record<Phase, { pending: readonly EssayState[]; succeeded: readonly EssayState[]; failed: readonly EssayState[] }> = {
  intake: {
    pending: ['received', 'extracting'],
    succeeded: ['accepted', 'spellchecking', 'spellchecked', 'spellcheck_failed'],
    failed: ['rejected'],
  },
  spellcheck: {
    pending: ['accepted', 'spellchecking'],
    succeeded: ['spellchecked'],
    failed: ['spellcheck_failed'],
  },
};

export function pendingStates(phase: Phase): readonly EssayState[] {
  return PHASE_STATES[phase].pending;
}

export function isPending(phase: Phase, essay: Pick<Essay, 'state'>): boolean {
  return PHASE_STATES[phase].pending.includes(essay.state);
}

export function hasSucceeded(phase: Phase, essay: Pick<Essay, 'state'>): boolean {
  return PHASE_STATES[phase].succeeded.includes(essay.state);
}

/** Done with every phase of the pipeline it is in (an unpacked archive counts as done). */
export function isSettled(pipeline: readonly Phase[], essay: Pick<Essay, 'state'>): boolean {
  return pipeline.every((phase) => !isPending(phase, essay));
}

/** A phase's readiness by count, over the essays it concerns. */
export function readiness(phase: Phase, essays: readonly Pick<Essay, 'state'>[]): ReadinessCounts {
  const states = PHASE_STATES[phase];
  const counts = { total: 0, pending: 0, succeeded: 0, failed: 0 };
  for (const e of essays) {
    if (states.pending.includes(e.state)) counts.pending++;
    else if (states.succeeded.includes(e.state)) counts.succeeded++;
    else if (states.failed.includes(e.state)) counts.failed++;
    else continue;
    counts.total++;
  }
  return counts;
}

/**
 * How much of a batch an export covers while files are still on their way:
 * the essays that finished every phase, of those not rejected so far (one
 * still being read may yet be rejected; an unpacked archive counts as its
 * entries). Null when nothing is on its way, so the export is whole.
 */
export function exportCoverage(pipeline: readonly Phase[], essays: readonly Pick<Essay, 'state'>[]): ExportCoverage | null {
  const counted = essays.filter((e) => e.state !== 'expanded' && e.state !== 'rejected');
  const done = counted.filter((e) => isSettled(pipeline, e)).length;
  return done === counted.length ? null : { done, total: counted.length };
}
