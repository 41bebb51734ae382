import type { Essay } from '../../shared/contracts/domain';
import type { BatchSnapshot } from '../../shared/contracts/ipc';
import { languageToCheck, type CheckLanguage } from '../../shared/essay-language';
import { eachWithLimit } from '../core/concurrency';
import type { EssayLifecycle } from '../core/essay-lifecycle';
import type { Logger } from '../core/logger';
import type { PhaseRunner } from '../core/orchestrator';
import { PoolUnavailableError, type Clock, type SpellcheckPort, type StorePort } from '../core/ports';

/**
 * The spellcheck phase: each accepted essay's text goes to the spellcheck
 * pool in the essay's language (shared/essay-language.ts) with the batch's
 * word list; the findings are stored, then the essay's state moves on. Essays are independent, so they
 * run in parallel.
 */
export class SpellcheckService implements PhaseRunner {
  readonly phase = 'spellcheck' as const;

  constructor(
    private readonly store: StorePort,
    private readonly lifecycle: EssayLifecycle,
    private readonly spellcheck: SpellcheckPort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly concurrency: number,
  ) {}

  async run(snapshot: BatchSnapshot, essays: Essay[], correlationId: string): Promise<void> {
    const { batch } = snapshot;
    const allowedWords = [...batch.names, ...batch.addedWords];
    await eachWithLimit(essays, this.concurrency, (essay) => this.check(essay, languageToCheck(batch, essay), allowedWords, correlationId));
  }

  private async check(essay: Essay, { language, variant }: CheckLanguage, allowedWords: string[], correlationId: string): Promise<void> {
    await this.lifecycle.startSpellcheck(essay, correlationId);
    const working: Essay = { ...essay, state: 'spellchecking' };
    const text = essay.contentHash ? await this.store.getContent({ hash: essay.contentHash }) : null;
    if (text === null || !essay.contentHash) throw new Error(`The text of essay ${essay.id} is missing from the store`);

    let result;
    try {
      result = await this.spellcheck.check({ text, language, ...(variant ? { variant } : {}), allowedWords });
    } catch (error) {
      // The app's fault: the essay stays pending and is resumed on the next start.
      if (error instanceof PoolUnavailableError) throw error;
      this.logger.log('warn', 'spellcheck failed', { correlationId, essayId: essay.id, error });
      return this.lifecycle.spellcheckFailed(working, correlationId);
    }
    // The corrected text is not kept: views derive it from the findings and the teacher's decisions.
    const { correctedText: _derived, ...findings } = result;
    await this.store.putSpellcheck({ ...findings, essayId: essay.id, contentHash: essay.contentHash, checkedAt: this.clock.now(), ...(variant ? { variant } : {}) });
    await this.lifecycle.spellchecked(working, { findings: result.findings.length }, correlationId);
  }
}
