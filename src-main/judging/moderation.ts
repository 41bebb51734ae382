import { ImportedJudgementsFile, JudgementsFile, PortableEssay } from '../../shared/contracts/judging';
import type { Essay } from '../../shared/contracts/domain';
import { eventIds } from '../../shared/events/ids';
import { readiness } from '../../shared/lifecycle';
import { detectLanguage } from '../../shared/text/language';
import { duplicateForm, sha256Hex } from '../../shared/text/normalise';
import { maskBatchNames } from '../../shared/pupils/mask';
import type { EssayLifecycle } from '../core/essay-lifecycle';
import type { Clock, StorePort } from '../core/ports';
import type { Publisher } from '../core/publisher';

/** How a class-list name reads in a moderation file's texts (the judging view masks them the same way). */
const NAME_MASK = '[namn]';

export type ImportResult =
  | { outcome: 'imported'; sessionId: string; batchId: string; added: number; alreadyHad: number }
  | { outcome: 'rejected'; code: 'INVALID_FILE' };

/**
 * Moderation between laptops, with no server: a session's judgements go to
 * a file with the session, its judges and its essays' texts; importing one
 * unions the judgements by id. Every import step is an event with a
 * deterministic id, so importing the same file twice changes nothing, and
 * a laptop that has never seen the batch gets it, ready to be spellchecked.
 */
export class Moderation {
  constructor(
    private readonly store: StorePort,
    private readonly publisher: Publisher,
    private readonly lifecycle: EssayLifecycle,
    private readonly clock: Clock,
  ) {}

  async exportSession(sessionId: string): Promise<JudgementsFile> {
    const state = await this.store.sessionState({ sessionId });
    if (!state) throw new Error(`No session ${sessionId}`);
    const snapshot = await this.store.batchSnapshot({ batchId: state.session.batchId });
    if (!snapshot) throw new Error(`No batch ${state.session.batchId}`);
    const inSession = new Set(state.session.essayIds);
    const essays = await Promise.all(
      snapshot.essays
        .filter((e) => inSession.has(e.id))
        .map(async (essay) => {
          const stored = essay.contentHash ? await this.store.getContent({ hash: essay.contentHash }) : null;
          if (stored === null) throw new Error(`The text of essay ${essay.id} is missing`);
          // The class list stays on this laptop: a colleague judges the texts with the names masked, as here.
          const text = maskBatchNames(stored, snapshot.batch.names, NAME_MASK);
          const contentHash = await sha256Hex(text);
          const normalisedHash = await sha256Hex(duplicateForm(text));
          return { essay: { ...portable(essay), contentHash, normalisedHash }, text };
        }),
    );
    const { id, title, className, course, language, createdAt } = snapshot.batch;
    return JudgementsFile.parse({
      format: 'huledu-judgements',
      version: 2,
      exportedAt: this.clock.now(),
      batch: { id, title, className, course, language, createdAt },
      session: state.session,
      judges: state.judges,
      essays,
      judgements: state.judgements,
    });
  }

  async importFile(input: unknown, correlationId: string): Promise<ImportResult> {
    const parsed = ImportedJudgementsFile.safeParse(input);
    if (!parsed.success || !consistent(parsed.data) || !(await textsIntact(parsed.data))) return { outcome: 'rejected', code: 'INVALID_FILE' };
    const file = parsed.data;
    const publish = this.publisher.publish.bind(this.publisher);

    for (const judge of file.judges) await publish({ type: 'JudgeCreated', data: judge, id: eventIds.judgeCreated(judge.id), correlationId });
    await this.ensureEssays(file, correlationId);
    const { stop, ...session } = file.session;
    await publish({ type: 'CjSessionCreated', data: session, id: eventIds.sessionCreated(session.id), correlationId });
    // A session this laptop already had may have taken in essays on the other laptop since.
    const local = new Set((await this.store.sessionState({ sessionId: session.id }))?.session.essayIds);
    for (const essayId of session.essayIds.filter((id) => !local.has(id))) {
      await publish({ type: 'CjSessionEssayAdded', data: { sessionId: session.id, essayId }, id: eventIds.sessionEssayAdded(session.id, essayId), correlationId });
    }

    let added = 0;
    for (const judgement of file.judgements) {
      const status = await publish({ type: 'JudgementRecorded', data: { ...judgement, undone: false }, id: eventIds.judgementRecorded(judgement.id), correlationId });
      if (status === 'applied') added++;
      if (judgement.undone) {
        await publish({ type: 'JudgementUndone', data: { sessionId: session.id, judgementId: judgement.id }, id: eventIds.judgementUndone(judgement.id), correlationId });
      }
    }
    if (stop) {
      const data = { sessionId: session.id, reason: stop.reason, judgements: stop.judgements };
      await publish({ type: 'CjSessionStopped', data, id: eventIds.sessionStopped(session.id), correlationId });
    }
    return { outcome: 'imported', sessionId: session.id, batchId: file.batch.id, added, alreadyHad: file.judgements.length - added };
  }

  /** Creates the batch and the essays this laptop does not have, as intake would have left them. */
  private async ensureEssays(file: ImportedJudgementsFile, correlationId: string): Promise<void> {
    const batchId = file.batch.id;
    const snapshot = await this.store.batchSnapshot({ batchId });
    const publish = this.publisher.publish.bind(this.publisher);
    if (!snapshot) {
      const data = { batchId, ...file.batch, names: [], pipeline: ['intake' as const, 'spellcheck' as const] };
      await publish({ type: 'BatchCreated', data, id: eventIds.batchCreated(batchId), correlationId });
    }
    const known = new Set(snapshot?.essays.map((e) => e.id));
    const missing = file.essays.filter(({ essay }) => !known.has(essay.id));
    for (const { essay, text } of missing) {
      if (!essay.contentHash || !essay.normalisedHash || essay.words === undefined || !essay.format) continue;
      await this.store.putContent({ hash: essay.contentHash, text });
      const { id: essayId, seq, size, contentHash, normalisedHash, words, format, encoding } = essay;
      const fileName = portableEssayName(contentHash);
      const { language: detectedLanguage, confidence: languageConfidence } = detectLanguage(text);
      const accepted = { contentHash, normalisedHash, words, format, encoding, detectedLanguage, languageConfidence };
      await this.lifecycle.receiveAccepted({ essayId, batchId, seq, fileName, size }, accepted, correlationId);
    }
    // Also after an import that stopped halfway: until the intake outcome is recorded, spellcheck does not start.
    if (!snapshot?.outcomes.some((o) => o.phase === 'intake')) {
      // Intake happened on the other laptop; recording it here lets the orchestrator go on to spellcheck.
      const counts = readiness('intake', file.essays.map(() => ({ state: 'accepted' as const })));
      await publish({ type: 'BatchPhaseStarted', data: { batchId, phase: 'intake', run: 1 }, id: eventIds.phaseStarted(batchId, 'intake', 1), correlationId });
      const completed = { batchId, phase: 'intake' as const, run: 1, outcome: 'completed' as const, counts };
      await publish({ type: 'BatchPhaseCompleted', data: completed, id: eventIds.phaseCompleted(batchId, 'intake', 1), correlationId });
    }
  }
}

/** Each essay's text is the one its hash names: a file changed on the way is refused before anything is stored. */
async function textsIntact(file: ImportedJudgementsFile): Promise<boolean> {
  const hashes = await Promise.all(file.essays.map(({ text }) => sha256Hex(text)));
  return file.essays.every(({ essay }, i) => essay.contentHash === hashes[i]);
}

/** What another laptop needs of an essay: not its name, its raw file, where it came from on this disk, or who wrote it. */
function portable(essay: Essay): PortableEssay {
  return PortableEssay.parse({ ...essay, state: 'accepted' });
}

/** How an essay that came in a moderation file is named on this laptop: by its text's hash, which names no one. */
function portableEssayName(contentHash: string): string {
  return `text-${contentHash.slice(0, 8)}`;
}

/** Every judgement and anchor refers to the session's essays, and every essay is in the file. */
function consistent(file: ImportedJudgementsFile): boolean {
  const essays = new Set(file.essays.map((e) => e.essay.id));
  const { session } = file;
  return (
    session.batchId === file.batch.id &&
    session.essayIds.every((id) => essays.has(id)) &&
    session.anchors.every((a) => essays.has(a.essayId)) &&
    file.judgements.every((j) => j.sessionId === session.id && essays.has(j.left) && essays.has(j.right))
  );
}
