import { SessionSettings, type NextPair, type SessionSettingsInput } from '../../shared/contracts/judging';
import type { SessionState } from '../../shared/contracts/ipc';
import { eventIds } from '../../shared/events/ids';
import { OneAtATime } from '../core/concurrency';
import type { Logger } from '../core/logger';
import type { Clock, IdSource, StorePort } from '../core/ports';
import type { Publisher } from '../core/publisher';
import type { CjPort } from '../core/ports';
import { activeJudgements } from '../../shared/judging';
import { pendingHumanChecks } from '../../shared/ai-judge/results';
import { fitSession, nextPairTask } from './session-fit';
import { stallCode } from '../core/stall-code';

export type CreateSessionResult = { outcome: 'created'; sessionId: string } | { outcome: 'rejected'; code: 'TOO_FEW_ESSAYS' | 'UNKNOWN_ESSAY' };

export type AddEssaysResult = { outcome: 'added'; added: number } | { outcome: 'rejected'; code: 'SESSION_STOPPED' };

interface Pair {
  left: string;
  right: string;
}

/** What main holds for one judge in one session. */
interface JudgeDesk {
  /** The pair on the judge's screen. */
  shown?: Pair;
  /** The next pair being computed while the judge reads the shown one. */
  ahead?: Promise<NextPair>;
  /** A judgement is on its way to the store. */
  storing: boolean;
}

/**
 * Judging: sessions, the pairs judges see, their judgements, and the fit.
 * Main keeps the pair on each judge's screen, so a reload shows the same
 * pair, and computes each judge's next pair in the CJ worker while they
 * read the current one. A judgement is stored before the next pair is
 * returned. The fit runs after each judgement, one at a time per session;
 * judgements that arrive meanwhile are taken in by the next run.
 */
export class JudgingService {
  /** Each judge's desk, by session, then judge. */
  private readonly desks = new Map<string, Map<string, JudgeDesk>>();
  private readonly fitting = new OneAtATime();

  constructor(
    private readonly store: StorePort,
    private readonly publisher: Publisher,
    private readonly cj: CjPort,
    private readonly ids: IdSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async createJudge(name: string, correlationId: string): Promise<string> {
    const id = this.ids.uuid();
    await this.publisher.publish({ type: 'JudgeCreated', data: { id, name, createdAt: this.clock.now() }, id: eventIds.judgeCreated(id), correlationId });
    return id;
  }

  async createSession(input: SessionSettingsInput, correlationId: string): Promise<CreateSessionResult> {
    const settings = SessionSettings.parse(input);
    const snapshot = await this.store.batchSnapshot({ batchId: settings.batchId });
    const essayIds = (snapshot?.essays ?? []).filter((e) => e.state === 'spellchecked').map((e) => e.id);
    if (essayIds.length < 2) return { outcome: 'rejected', code: 'TOO_FEW_ESSAYS' };
    if (settings.anchors.some((a) => !essayIds.includes(a.essayId))) return { outcome: 'rejected', code: 'UNKNOWN_ESSAY' };
    const sessionId = this.ids.uuid();
    await this.publisher.publish({
      type: 'CjSessionCreated',
      data: { id: sessionId, ...settings, essayIds, createdAt: this.clock.now() },
      id: eventIds.sessionCreated(sessionId),
      correlationId,
    });
    this.logger.log('info', 'cj session created', { correlationId, sessionId, count: essayIds.length });
    return { outcome: 'created', sessionId };
  }

  /**
   * Adds the batch's essays that are ready (spellchecked) but not in the
   * session: those that were still in intake or spellcheck when it started.
   * From the next pair on, the engine pairs them too; the refit puts them on
   * the scale once they are judged.
   */
  async addReadyEssays(sessionId: string, correlationId: string): Promise<AddEssaysResult> {
    const { session } = await this.state(sessionId);
    if (session.stop) return { outcome: 'rejected', code: 'SESSION_STOPPED' };
    const snapshot = await this.store.batchSnapshot({ batchId: session.batchId });
    const inSession = new Set(session.essayIds);
    const ready = (snapshot?.essays ?? []).filter((e) => e.state === 'spellchecked' && !inSession.has(e.id));
    for (const essay of ready) {
      await this.publisher.publish({
        type: 'CjSessionEssayAdded',
        data: { sessionId, essayId: essay.id },
        id: eventIds.sessionEssayAdded(sessionId, essay.id),
        correlationId,
      });
    }
    if (ready.length) {
      // Look-aheads were computed without the new essays: each judge's next pair is computed afresh.
      for (const desk of this.desks.get(sessionId)?.values() ?? []) desk.ahead = undefined;
      void this.refit(sessionId, correlationId);
    }
    this.logger.log('info', 'cj session essays added', { correlationId, sessionId, count: ready.length });
    return { outcome: 'added', added: ready.length };
  }

  /** The pair on the judge's screen, or a new one. */
  async currentPair(sessionId: string, judgeId: string, correlationId: string): Promise<NextPair> {
    const state = await this.state(sessionId);
    if (state.session.stop) return { outcome: 'none', reason: 'stopped' };
    const desk = this.desk(sessionId, judgeId);
    if (desk.shown) return { outcome: 'pair', ...desk.shown };
    const ready = desk.ahead;
    desk.ahead = undefined;
    let next = ready ? await ready.catch(() => null) : null;
    // Computed again now: no pair ready, a "none" that pairs on screen may have changed, or a pair another judge got meanwhile.
    if (!next || next.outcome === 'none' || this.onOtherScreen(sessionId, judgeId, next)) next = await this.computePair(state, judgeId, null);
    if (next.outcome === 'pair') {
      const pair = { left: next.left, right: next.right };
      desk.shown = pair;
      this.lookAhead(state, judgeId, pair, correlationId);
    } else {
      // No pair left but not stopped: the fit after the last judgement may have failed. Fit again, so the session ends.
      void this.refit(sessionId, correlationId);
    }
    return next;
  }

  /**
   * Stores the judge's choice, then returns their next pair. A choice for a
   * pair that is not the one on the judge's screen (a repeat after a reload,
   * a double send) stores nothing and answers with the screen's pair. A
   * choice for the pair on screen is stored even if the session stopped
   * meanwhile: the judge's work is not thrown away.
   */
  async judge(
    request: { sessionId: string; judgeId: string; left: string; right: string; winner: string; ms: number },
    correlationId: string,
  ): Promise<NextPair> {
    const { sessionId, judgeId } = request;
    const state = await this.state(sessionId);
    const desk = this.desk(sessionId, judgeId);
    const onScreen = desk.shown;
    const matches = onScreen !== undefined && samePair(onScreen, request);
    if (desk.storing || (onScreen && !matches) || (state.session.stop && !matches)) {
      return this.currentPair(sessionId, judgeId, correlationId);
    }
    const essays = new Set(state.session.essayIds);
    if (!essays.has(request.left) || !essays.has(request.right)) throw new Error(`Session ${sessionId} has no such pair`);
    // Off the screen before the store has it: a reload meanwhile is shown the next pair, not this one again.
    desk.storing = true;
    desk.shown = undefined;
    try {
      const id = this.ids.uuid();
      await this.publisher.publish({
        type: 'JudgementRecorded',
        data: { id, ...request, judgedAt: this.clock.now(), undone: false },
        id: eventIds.judgementRecorded(id),
        correlationId,
      });
    } catch (error) {
      if (onScreen) desk.shown = onScreen;
      throw error;
    } finally {
      desk.storing = false;
    }
    void this.refit(sessionId, correlationId);
    return this.currentPair(sessionId, judgeId, correlationId);
  }

  /** Takes back the judge's last judgement in the session and puts its pair back on their screen. */
  async undo(sessionId: string, judgeId: string, correlationId: string): Promise<NextPair> {
    const state = await this.state(sessionId);
    const last = activeJudgements(state.judgements)
      .filter((j) => j.judgeId === judgeId)
      .sort((a, b) => a.judgedAt.localeCompare(b.judgedAt))
      .at(-1);
    if (!last || state.session.stop) return this.currentPair(sessionId, judgeId, correlationId);
    await this.publisher.publish({ type: 'JudgementUndone', data: { sessionId, judgementId: last.id }, id: eventIds.judgementUndone(last.id), correlationId });
    const pair = { left: last.left, right: last.right };
    const desk = this.desk(sessionId, judgeId);
    desk.shown = pair;
    desk.ahead = undefined;
    void this.refit(sessionId, correlationId);
    return { outcome: 'pair', ...pair };
  }

  async overrideGrade(request: { sessionId: string; essayId: string; judgeId: string; grade: string | null }, correlationId: string): Promise<void> {
    const state = await this.state(request.sessionId);
    if (!state.session.essayIds.includes(request.essayId)) throw new Error(`Essay ${request.essayId} is not in session ${request.sessionId}`);
    if (request.grade !== null && !state.session.scale.includes(request.grade)) throw new Error(`${request.grade} is not a grade of the scale`);
    await this.publisher.publish({ type: 'GradeOverridden', data: request, id: eventIds.gradeOverridden(request.sessionId, this.ids.uuid()), correlationId });
  }

  /**
   * Refits the session in the background; calls while a fit runs make it run
   * once more afterwards. A failure is recorded on the session, so the results
   * say they show an older fit instead of showing it silently.
   */
  refit(sessionId: string, correlationId: string): Promise<void> {
    return this.fitting.run(sessionId, () => this.fitOnce(sessionId, correlationId).catch((error: unknown) => this.fitFailed(sessionId, error, correlationId)));
  }

  private async fitFailed(sessionId: string, error: unknown, correlationId: string): Promise<void> {
    const code = stallCode(error);
    this.logger.log('error', 'cj refit failed', { correlationId, sessionId, code, error });
    const data = { sessionId, code };
    const id = eventIds.sessionFitFailed(sessionId, this.ids.uuid());
    // If even this cannot be stored (the disk is full), the log line above is all that can be done.
    await this.publisher.publish({ type: 'CjSessionFitFailed', data, id, correlationId }).catch(() => {});
  }

  /** Resolves when no fit and no look-ahead is running. */
  async idle(): Promise<void> {
    await this.fitting.idle();
    await Promise.allSettled([...this.desks.values()].flatMap((desks) => [...desks.values()].map((desk) => desk.ahead)));
  }

  /** Forgets every screen and look-ahead: the store's sessions are about to be replaced. Call when idle. */
  forget(): void {
    this.desks.clear();
  }

  /** Forgets the screens and look-aheads of a batch's sessions: the batch is about to be deleted. */
  async forgetBatch(batchId: string): Promise<void> {
    await this.idle();
    for (const sessionId of [...this.desks.keys()]) {
      const state = await this.store.sessionState({ sessionId });
      if (!state || state.session.batchId === batchId) this.desks.delete(sessionId);
    }
  }

  private async fitOnce(sessionId: string, correlationId: string): Promise<void> {
    const state = await this.state(sessionId);
    const started = Date.now();
    const fit = await fitSession(this.cj, state.session, state.judgements, state.fit, this.clock.now());
    if (!fit) return void (await this.store.putSessionFit({ sessionId, fit: null }));
    await this.store.putSessionFit({ sessionId, fit });
    this.logger.log('debug', 'cj session refitted', { correlationId, sessionId, count: fit.judgements, ms: Date.now() - started });
    if (fit.verdict.stop && !state.session.stop && (fit.verdict.reason === 'reliability-reached' || fit.verdict.reason === 'budget-spent')) {
      await this.publisher.publish({
        type: 'CjSessionStopped',
        data: { sessionId, reason: fit.verdict.reason, judgements: fit.judgements },
        id: eventIds.sessionStopped(sessionId),
        correlationId,
      });
      this.desks.delete(sessionId);
      this.logger.log('info', 'cj session stopped', { correlationId, sessionId, code: fit.verdict.reason, count: fit.judgements });
    }
  }

  /** Computes the judge's pair after `after` while they read it, from the state the pair on screen came from (a read saved per judgement). */
  private lookAhead(state: SessionState, judgeId: string, after: Pair, correlationId: string): void {
    const sessionId = state.session.id;
    const next = this.computePair(state, judgeId, after);
    next.catch((error: unknown) => this.logger.log('warn', 'cj look-ahead failed', { correlationId, sessionId, error }));
    this.desk(sessionId, judgeId).ahead = next;
  }

  /**
   * A judge's next pair: first a pair the AI judged that people are to check
   * (the session's human-check share), else the engine's, counting every pair
   * judged or on a screen as shown.
   */
  private async computePair(state: SessionState, judgeId: string, assumeShown: Pair | null): Promise<NextPair> {
    const { session, fit } = state;
    const onScreens = [...this.shownPairs(session.id).map(([, pair]) => pair), ...(assumeShown ? [assumeShown] : [])];
    const check = pendingHumanChecks(session, state.judgements).find((pair) => !onScreens.some((shown) => samePair(shown, pair)));
    if (check) return { outcome: 'pair', ...check };
    const judgements = activeJudgements(state.judgements);
    const shown = [
      ...judgements,
      ...this.shownPairs(session.id).map(([id, pair]) => ({ judgeId: id, ...pair })),
      ...(assumeShown ? [{ judgeId, ...assumeShown }] : []),
    ];
    const result = await this.cj.nextPair(nextPairTask(session, fit, judgements, judgeId, shown));
    if (result.outcome === 'pair') return { outcome: 'pair', left: result.left, right: result.right };
    // The budget is spent counting pairs on other judges' screens. If a judge has walked away from one,
    // this judge takes it, so the session can still end; a second judgement of the pair does no harm.
    const waiting = this.shownPairs(session.id).find(([other]) => other !== judgeId)?.[1];
    if (result.reason === 'budget-spent' && waiting && !assumeShown) return { outcome: 'pair', ...waiting };
    return { outcome: 'none', reason: result.reason };
  }

  private onOtherScreen(sessionId: string, judgeId: string, pair: Pair): boolean {
    return this.shownPairs(sessionId).some(([other, shown]) => other !== judgeId && samePair(shown, pair));
  }

  /** The pairs on the session's screens, by judge. */
  private shownPairs(sessionId: string): [string, Pair][] {
    return [...(this.desks.get(sessionId) ?? [])].flatMap(([judgeId, desk]) => (desk.shown ? [[judgeId, desk.shown] as [string, Pair]] : []));
  }

  private desk(sessionId: string, judgeId: string): JudgeDesk {
    let desks = this.desks.get(sessionId);
    if (!desks) this.desks.set(sessionId, (desks = new Map()));
    let desk = desks.get(judgeId);
    if (!desk) desks.set(judgeId, (desk = { storing: false }));
    return desk;
  }

  private async state(sessionId: string): Promise<SessionState> {
    const state = await this.store.sessionState({ sessionId });
    if (!state) throw new Error(`No session ${sessionId}`);
    return state;
  }
}

/** The same two essays, on either side. */
function samePair(a: Pair, b: Pair): boolean {
  return (a.left === b.left && a.right === b.right) || (a.left === b.right && a.right === b.left);
}
