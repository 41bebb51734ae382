import type { Essay, Rejection } from '../../shared/contracts/domain';
import type { ExtractionResult } from '../../shared/contracts/extraction';
import type { BatchSnapshot } from '../../shared/contracts/ipc';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import { intakeLimits } from '../../shared/contracts/limits';
import { baseName, claimedFormat, isJunkPath, isLockFileName } from '../../shared/files';
import { eventIds, archiveEntryId } from '../../shared/events/ids';
import type { Pupil, PupilMatch } from '../../shared/contracts/pupils';
import { matchPupil, settleDuplicates } from '../../shared/pupils/match';
import { detectLanguage } from '../../shared/text/language';
import { sha256Hex } from '../../shared/text/normalise';
import { isPending } from '../../shared/lifecycle';
import type { EssayLifecycle } from '../core/essay-lifecycle';
import type { Logger } from '../core/logger';
import type { ReceivedItem } from '../core/essay-lifecycle';
import { EssayBlockedError, type PhaseRunner } from '../core/orchestrator';
import { PoolUnavailableError, type ExtractionPort, type IdSource, type StorePort } from '../core/ports';
import { inOrder } from '../core/concurrency';

/**
 * What one intake run knows as it decides, in receipt order: the texts taken
 * in so far (for duplicates) and, when the batch has a class list, its pupils
 * and who each essay so far was matched to (two essays on one pupil go to review).
 */
interface RunContext {
  known: Map<string, Essay>;
  pupils: readonly Pupil[] | null;
  matches: Map<string, PupilMatch>;
}

/** What intake decided for one essay, before it is committed in order. */
type Prepared = { essay: Essay; result: ExtractionResult } | { essay: Essay; rejection: Rejection };

/**
 * Intake: receives the teacher's files, sends them to the extraction pool,
 * validates the texts and finds duplicates. It never writes the database: it
 * stores raw files and texts through the store port and changes essay state
 * through the essay lifecycle.
 */
export class IntakeService implements PhaseRunner {
  readonly phase = 'intake' as const;
  /**
   * Raw bytes of files received in this process, so a normal run need not read
   * them back from the store, with how many essays still need them: identical
   * files (an archive's copies of one entry) share one stored blob.
   */
  private readonly received = new Map<string, { bytes: Uint8Array<ArrayBuffer>; users: number }>();
  private readonly receiving = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: StorePort,
    private readonly lifecycle: EssayLifecycle,
    private readonly extraction: ExtractionPort,
    private readonly ids: IdSource,
    private readonly logger: Logger,
    private readonly concurrency: number,
  ) {}

  /**
   * Records the files as received essays of the batch, in the order given.
   * Returns when every file is stored; processing continues in the orchestrator.
   */
  async receive(batchId: string, files: readonly IncomingFile[], correlationId: string): Promise<string[]> {
    // One receipt at a time per batch, so sequence numbers never collide.
    const previous = this.receiving.get(batchId) ?? Promise.resolve();
    const current = previous.catch(() => {}).then(() => this.receiveNow(batchId, files, correlationId));
    this.receiving.set(batchId, current);
    try {
      return await current;
    } finally {
      if (this.receiving.get(batchId) === current) this.receiving.delete(batchId);
    }
  }

  private async receiveNow(batchId: string, files: readonly IncomingFile[], correlationId: string): Promise<string[]> {
    let seq = (await this.snapshot(batchId)).batch.nextSeq;
    const ids: string[] = [];
    for (const file of files) {
      if (isJunkPath(file.relativePath ?? file.name)) continue;
      const essayId = this.ids.uuid();
      await this.receiveOne({ essayId, batchId, seq: seq++, file }, correlationId);
      ids.push(essayId);
    }
    this.logger.log('info', 'files received', { correlationId, batchId, count: ids.length });
    return ids;
  }

  private async receiveOne(
    target: { essayId: string; batchId: string; seq: number; file: IncomingFile },
    correlationId: string,
  ): Promise<void> {
    const { file } = target;
    const blobHash = file.bytes ? await this.keep(file.bytes) : undefined;
    const received = {
      essayId: target.essayId,
      batchId: target.batchId,
      seq: target.seq,
      fileName: baseName(file.name),
      ...(file.relativePath ? { relativePath: file.relativePath } : {}),
      size: file.size,
      ...(blobHash ? { blobHash } : {}),
    };
    if (file.unreadable) await this.lifecycle.receiveRejected(received, { code: file.unreadable }, correlationId);
    else await this.lifecycle.receive(received, correlationId);
  }

  /**
   * Stores a raw file and keeps its bytes at hand; returns its hash. `stored`
   * names the blobs this step has already written, so that identical entries
   * of one archive are written once.
   */
  private async keep(bytes: Uint8Array<ArrayBuffer>, stored?: Set<string>): Promise<string> {
    const hash = await sha256Hex(bytes);
    if (!stored?.has(hash)) await this.store.putBlob({ hash, bytes });
    stored?.add(hash);
    const kept = this.received.get(hash);
    if (kept) kept.users++;
    else this.received.set(hash, { bytes, users: 1 });
    return hash;
  }

  /** One essay is done with a raw file's bytes; the last one lets them go. */
  private release(hash: string): void {
    const kept = this.received.get(hash);
    if (kept && --kept.users === 0) this.received.delete(hash);
  }

  /** Forgets the bytes it keeps in memory: the store's files are about to be replaced. Call when idle. */
  forget(): void {
    this.received.clear();
  }

  /** Forgets these files' bytes: their batch is being deleted. Call while the batch is still. */
  forgetFiles(blobHashes: Iterable<string>): void {
    for (const hash of blobHashes) this.received.delete(hash);
  }

  async run(snapshot: BatchSnapshot, essays: Essay[], correlationId: string): Promise<void> {
    const known = new Map<string, Essay>();
    const matches = new Map<string, PupilMatch>();
    // Every essay that passed intake, whatever phase it has reached since.
    for (const e of snapshot.essays) {
      if (e.normalisedHash) known.set(e.normalisedHash, e);
      if (e.pupilMatch) matches.set(e.id, e.pupilMatch);
    }
    const { classListId } = snapshot.batch;
    const pupils = classListId ? ((await this.store.classList({ classListId }))?.pupils ?? []) : null;
    await this.process(essays, { known, pupils, matches }, correlationId);
  }

  private async process(essays: readonly Essay[], context: RunContext, correlationId: string): Promise<void> {
    const ordered = [...essays].sort((a, b) => a.seq - b.seq);
    await inOrder(
      ordered,
      this.concurrency,
      (essay) => this.prepare(essay, correlationId).catch(blockedAt(essay)),
      (essay, prepared) => this.commit(prepared, context, correlationId).catch(blockedAt(essay)),
    );
  }

  /**
   * The teacher removes the file a stalled batch stopped at: it is rejected
   * (REMOVED_BY_TEACHER), with the entries of it that still wait, so the rest
   * can go on. False when it no longer waits for intake. Call while the batch is still.
   */
  async removeBlocking(batchId: string, essayId: string, correlationId: string): Promise<boolean> {
    const { essays } = await this.snapshot(batchId);
    const blocking = essays.find((e) => e.id === essayId);
    if (!blocking || !isPending('intake', blocking)) return false;
    const waitingEntries = essays.filter((e) => e.parentId === essayId && isPending('intake', e));
    for (const essay of [blocking, ...waitingEntries]) await this.lifecycle.reject(essay, { code: 'REMOVED_BY_TEACHER' }, {}, correlationId);
    return true;
  }

  /** Checks what can be checked without reading, then extracts in the pool. */
  private async prepare(essay: Essay, correlationId: string): Promise<Prepared> {
    if (isLockFileName(essay.relativePath ?? essay.fileName)) return { essay, rejection: { code: 'LOCK_FILE' } };
    if (essay.size > intakeLimits.maxFileBytes || !essay.blobHash) return { essay, rejection: { code: 'FILE_TOO_LARGE' } };

    await this.lifecycle.startIntake(essay, correlationId);
    const current: Essay = { ...essay, state: 'extracting' };
    const bytes = this.received.get(essay.blobHash)?.bytes ?? (await this.store.getBlob({ hash: essay.blobHash }));
    if (!bytes) throw new Error(`The raw file of essay ${essay.id} is missing from the store`);
    try {
      return { essay: current, result: await this.extraction.extract(bytes, claimedFormat(essay.fileName)) };
    } catch (error) {
      // The app's fault: the essay stays pending and is resumed on the next start.
      if (error instanceof PoolUnavailableError) throw error;
      // A crash, a timeout or a reader's exception on this file fails this file only.
      this.logger.log('warn', 'extraction failed', { correlationId, essayId: essay.id, error });
      return { essay: current, rejection: { code: 'CORRUPT_FILE' } };
    }
  }

  private async commit(prepared: Prepared, context: RunContext, correlationId: string): Promise<void> {
    const { essay } = prepared;
    if (essay.blobHash) this.release(essay.blobHash);
    if ('rejection' in prepared) return this.lifecycle.reject(essay, prepared.rejection, {}, correlationId);

    const { result } = prepared;
    switch (result.kind) {
      case 'rejected':
        return this.lifecycle.reject(essay, { code: result.code }, { format: result.format }, correlationId);
      case 'archive':
        return this.expand(essay, result.entries, context, correlationId);
      case 'text': {
        const rejection = validate(result, context.known);
        const details = { format: result.format, words: result.words };
        if (rejection) return this.lifecycle.reject(essay, rejection, details, correlationId);
        await this.store.putContent({ hash: result.contentHash, text: result.text });
        // Recorded once, as the text is taken in: the spellcheck and the views read it from the essay.
        const detected = detectLanguage(result.text);
        await this.lifecycle.accept(
          essay,
          {
            contentHash: result.contentHash,
            normalisedHash: result.normalisedHash,
            words: result.words,
            format: result.format,
            ...(result.encoding ? { encoding: result.encoding } : {}),
            detectedLanguage: detected.language,
            languageConfidence: detected.confidence,
          },
          correlationId,
          this.matchPupil(essay, result, context, correlationId),
        );
        context.known.set(result.normalisedHash, essay);
      }
    }
  }

  /**
   * An archive's entries become essays placed right after it, with ids derived
   * from the archive's, so that redoing an interrupted expansion finds the
   * same essays instead of making new ones.
   */
  private async expand(
    archive: Essay,
    entries: Extract<ExtractionResult, { kind: 'archive' }>['entries'],
    context: RunContext,
    correlationId: string,
  ): Promise<void> {
    if (archive.parentId) {
      // An archive inside an archive is not unpacked (the extraction engine refuses it first; this is the last guard).
      return this.lifecycle.reject(archive, { code: 'NESTED_ARCHIVE' }, {}, correlationId);
    }
    const childId = (i: number): string => archiveEntryId(archive.id, i);
    const stored = new Map((await this.snapshot(archive.batchId)).essays.map((e) => [e.id, e]));
    const items: ReceivedItem[] = [];
    const blobs = new Set<string>();
    for (const [i, entry] of entries.entries()) {
      const essayId = childId(i);
      const before = stored.get(essayId);
      if (before && !isPending('intake', before)) continue;
      const bytes = 'bytes' in entry ? entry.bytes : null;
      const received = {
        essayId,
        batchId: archive.batchId,
        seq: archive.seq + (i + 1) / (entries.length + 1),
        fileName: baseName(entry.path),
        relativePath: entry.path,
        parentId: archive.id,
        size: entry.size,
        ...(bytes ? { blobHash: await this.keep(bytes, blobs) } : {}),
      };
      const rejection = 'rejected' in entry ? { code: entry.rejected } : undefined;
      items.push({ received, ...(rejection ? { rejection } : {}), ...(before ? { alreadyReceived: true } : {}) });
    }
    // One transaction for all entries: thousands of tiny entries would otherwise cost a transaction each.
    await this.lifecycle.receiveAll(items, correlationId);
    await this.lifecycle.expand(archive, entries.length, correlationId);
    this.logger.log('info', 'archive expanded', { correlationId, essayId: archive.id, count: entries.length });
    const children = (await this.snapshot(archive.batchId)).essays.filter((e) => e.parentId === archive.id && isPending('intake', e));
    await this.process(children, context, correlationId);
  }

  /**
   * Who wrote an accepted essay, as events stored with its acceptance: its
   * match, and any earlier essay that was matched to the same pupil, now set
   * to review with it. Nothing when the batch has no class list.
   */
  private matchPupil(essay: Essay, result: Extract<ExtractionResult, { kind: 'text' }>, context: RunContext, correlationId: string) {
    if (!context.pupils) return [];
    const input = { text: result.text, fileName: essay.relativePath ?? essay.fileName, ...(result.author ? { author: result.author } : {}) };
    const before = context.matches;
    const settled = settleDuplicates(new Map([...before, [essay.id, matchPupil(input, context.pupils)]]));
    const changed = [...settled].filter(([id, match]) => id === essay.id || before.get(id)?.status !== match.status);
    context.matches = settled;
    return changed.map(([essayId, match]) => ({
      type: 'EssayPupilMatched' as const,
      data: { essayId, match },
      id: eventIds.essayPupilMatched(essayId, essayId === essay.id ? 'intake' : `duplicate-of/${essay.id}`),
      correlationId,
    }));
  }

  private async snapshot(batchId: string): Promise<BatchSnapshot> {
    const snapshot = await this.store.batchSnapshot({ batchId });
    if (!snapshot) throw new Error(`No batch ${batchId}`);
    return snapshot;
  }
}

/** Names the essay a failure happened on, unless it is the app's own (no pool) or already named (an archive's entry). */
const blockedAt =
  (essay: Essay) =>
  (error: unknown): never => {
    if (error instanceof EssayBlockedError || error instanceof PoolUnavailableError) throw error;
    throw new EssayBlockedError(essay.id, error);
  };

function validate(
  result: Extract<ExtractionResult, { kind: 'text' }>,
  known: ReadonlyMap<string, Essay>,
): Rejection | null {
  if (result.words === 0) return { code: 'EMPTY_CONTENT' };
  if (result.words < intakeLimits.minWords) return { code: 'CONTENT_TOO_SHORT' };
  if (result.words > intakeLimits.maxWords) return { code: 'CONTENT_TOO_LONG' };
  const original = known.get(result.normalisedHash);
  return original ? { code: 'DUPLICATE_CONTENT', duplicateOf: original.id } : null;
}

