import type { Batch, Essay, Language } from '../../shared/contracts/domain';
import type { BatchLanguageChoice } from '../../shared/contracts/main/batches';
import { checkChanges, languageToCheck } from '../../shared/essay-language';
import type { EssayLifecycle } from '../core/essay-lifecycle';
import { InputError } from '../core/input-error';
import type { BatchOrchestrator } from '../core/orchestrator';
import type { IdSource, StorePort } from '../core/ports';

/**
 * The teacher's language choices: a batch's, and one essay's. Each is a new
 * fact with a fresh event id; the essays whose check it changes go back to
 * spellcheck in their next round, in the same event. The command runs while
 * the batch is still, so no check in flight can finish in the old language
 * after it; the caller then moves the batch on.
 */
export class BatchLanguage {
  constructor(
    private readonly store: StorePort,
    private readonly orchestrator: BatchOrchestrator,
    private readonly lifecycle: EssayLifecycle,
    private readonly ids: IdSource,
  ) {}

  /** Returns how many essays are checked again. */
  changeBatch(batchId: string, choice: BatchLanguageChoice, correlationId: string): Promise<number> {
    return this.orchestrator.whileStill(batchId, async () => {
      const { batch, essays } = await this.snapshot(batchId);
      const after: Batch = { ...batch, ...choice };
      const recheck = essays.filter((e) => isChecked(e) && checkChanges(languageToCheck(batch, e), languageToCheck(after, e)));
      await this.lifecycle.changeBatchLanguage({ batchId, ...choice }, recheck, this.ids.uuid(), correlationId);
      return recheck.length;
    });
  }

  /** Returns whether the essay is checked again. Null lets the essay follow the batch again. */
  changeEssay(batchId: string, essayId: string, language: Language | null, correlationId: string): Promise<boolean> {
    return this.orchestrator.whileStill(batchId, async () => {
      const { batch, essays } = await this.snapshot(batchId);
      const essay = essays.find((e) => e.id === essayId);
      if (!essay) throw new InputError(`Uppsatsen finns inte i batchen / The essay is not in the batch (${essayId})`);
      const chosen = { ...essay, chosenLanguage: language ?? undefined };
      const recheck = isChecked(essay) && checkChanges(languageToCheck(batch, essay), languageToCheck(batch, chosen));
      await this.lifecycle.changeEssayLanguage(essay, language, recheck, this.ids.uuid(), correlationId);
      return recheck;
    });
  }

  private async snapshot(batchId: string) {
    const snapshot = await this.store.batchSnapshot({ batchId });
    if (!snapshot) throw new InputError(`Batchen finns inte / No such batch (${batchId})`);
    return snapshot;
  }
}

/** An essay spellcheck has finished with; one still waiting is checked in the new language anyway. */
function isChecked(essay: Essay): boolean {
  return essay.state === 'spellchecked' || essay.state === 'spellcheck_failed';
}
