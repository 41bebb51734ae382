import { failureClass, type AiJudgeProgress, type AiOrder, type AiPair, type AiProfile, type AiRunStatus } from '../../shared/contracts/ai-judge';
import type { AiStartProblem } from '../../shared/contracts/main/ai-judge';
import type { Language } from '../../shared/contracts/domain';
import { MAX_JUDGEMENT_MS, type CjSession, type Judgement } from '../../shared/contracts/judging';
import type { SessionState } from '../../shared/contracts/ipc';
import { judgeRequestBody, maskForJudge, readAnswer, type Identifiers } from '../../shared/ai-judge/request';
import { eventIds } from '../../shared/events/ids';
import { activeJudgements, comparisonBudget, median } from '../../shared/judging';
import type { Logger } from '../core/logger';
import { SecretsUnavailableError, type CjPort, type Clock, type IdSource, type SecretStore, type StorePort } from '../core/ports';
import type { Publisher } from '../core/publisher';
import type { JudgingService } from '../judging/judging-service';
import { nextPairTask } from '../judging/session-fit';
import { ChatAborted, type ChatEndpoint, type ChatPort } from './chat-client';
import { aiRetryDelay, HALT_AFTER_GIVE_UPS, type AiJudgeTiming } from './retry-policy';
import { aiKeySecret } from './ai-profiles';

export interface AiJudgeRunnerDeps {
  store: StorePort;
  publisher: Publisher;
  cj: CjPort;
  /** Owns the refit after each judgement and the stopping rule, for people's judgements and the AI's alike. */
  judging: JudgingService;
  secrets: SecretStore;
  chat: ChatPort;
  clock: Clock;
  ids: IdSource;
  random: () => number;
  logger: Logger;
  timing: AiJudgeTiming;
  /** Waits, or rejects with ChatAborted when the signal fires. Default: a timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** What a run holds in memory; everything else is in the store, so a new run after a restart rebuilds it. */
interface ActiveRun {
  controller: AbortController;
  inFlight: number;
  done: Promise<void>;
}

/** Everything one run needs to ask: the endpoint, the prompt's language and assignment, and each essay's masked text. */
interface RunContext {
  session: CjSession;
  judgeId: string;
  endpoint: ChatEndpoint;
  language: Language;
  assignment: string;
  identifiers: Identifiers;
  texts: Map<string, string>;
}

/** The pairs of one run and where each order of each pair stands. */
interface Plan {
  pairs: AiPair[];
  /** `pair/order` with a stored judgement, or given up. */
  settled: Set<string>;
  /** `pair/order` → failed attempts recorded so far: the next attempt is one more. */
  failed: Map<string, number>;
  /** `pair/order` being asked right now. */
  claimed: Set<string>;
  /** Orders given up in a row; a stored answer resets it. */
  givenUpInARow: number;
}

const ORDERS: readonly AiOrder[] = ['ab', 'ba'];
const key = (pair: number, order: AiOrder): string => `${pair}/${order}`;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ChatAborted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ChatAborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The AI judge at work in a session: it asks the engine for the next pair
 * (the same adaptive selection people get), plans it (stored before any
 * call), asks the model about it in both orders, and stores each readable
 * answer as a judgement, acknowledged before its lane asks again. The
 * judging service refits after each one, and its stopping rule ends the
 * session for the AI as for people.
 *
 * Ids make a restart safe: a pair is `session/…/ai/pair/<n>`, a failed call
 * `…/<order>/attempt/<k>/failed`, and an answer's judgement id is derived
 * from session, pair, order and attempt. A call cut off by a crash, a pause
 * or a stop is asked again with the same attempt number, so if its answer
 * had been stored, storing it again is a duplicate.
 */
export class AiJudgeRunner {
  private readonly active = new Map<string, ActiveRun>();
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly deps: AiJudgeRunnerDeps) {
    this.sleep = deps.sleep ?? abortableSleep;
  }

  /** Turns the session's AI judge on (or back on after a pause, or a halt the teacher has fixed). */
  async start(sessionId: string, correlationId: string): Promise<{ outcome: 'started' } | { outcome: 'refused'; problem: AiStartProblem }> {
    const state = await this.deps.store.sessionState({ sessionId });
    const ai = state?.session.ai;
    if (!state || !ai) return { outcome: 'refused', problem: 'NO_AI_JUDGE' };
    if (state.session.stop) return { outcome: 'refused', problem: 'SESSION_STOPPED' };
    // Stopping is the teacher's final word for this session; pausing is the way to come back.
    if ((await this.deps.store.aiJudgeState({ sessionId })).run?.status === 'stopped') return { outcome: 'refused', problem: 'AI_STOPPED' };
    const profile = (await this.deps.store.aiProfiles({})).find((p) => p.id === ai.profileId);
    if (!profile) return { outcome: 'refused', problem: 'PROFILE_MISSING' };
    try {
      await this.deps.secrets.get(aiKeySecret(profile.id));
    } catch (error) {
      if (error instanceof SecretsUnavailableError) return { outcome: 'refused', problem: 'SECRETS_UNAVAILABLE' };
      throw error;
    }
    // The AI judge is a judge of the session, under the profile's name.
    await this.deps.publisher.publish({
      type: 'JudgeCreated',
      data: { id: profile.id, name: profile.name, createdAt: this.deps.clock.now(), kind: 'ai' },
      id: eventIds.judgeCreated(profile.id),
      correlationId,
    });
    await this.setStatus(sessionId, profile.id, 'running', null, correlationId);
    this.launch(sessionId, correlationId);
    this.deps.logger.log('info', 'ai judge started', { correlationId, sessionId });
    return { outcome: 'started' };
  }

  /** Stops sending. Calls in flight are cut off; they are asked again on resume. */
  pause(sessionId: string, correlationId: string): Promise<AiRunStatus | null> {
    return this.halt(sessionId, 'paused', correlationId);
  }

  /** Ends the AI judge in this session for good. Its judgements stay. */
  stop(sessionId: string, correlationId: string): Promise<AiRunStatus | null> {
    return this.halt(sessionId, 'stopped', correlationId);
  }

  /** On start and on every reconnect: runs that were running when the app last closed go on where they were. */
  async resumeRunning(correlationId: string): Promise<void> {
    for (const run of await this.deps.store.aiRuns({ status: 'running' })) this.launch(run.sessionId, correlationId);
  }

  /** Resolves when no run is active. */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active.values()].map((r) => r.done));
  }

  /** Cuts off the runs of a batch's sessions: the batch is about to be deleted. */
  async forgetBatch(batchId: string): Promise<void> {
    for (const [sessionId, run] of [...this.active]) {
      const state = await this.deps.store.sessionState({ sessionId });
      if (state && state.session.batchId !== batchId) continue;
      run.controller.abort();
      await run.done;
    }
  }

  /** Cuts every run off without recording anything: the store keeps them `running`, so the next start resumes them. */
  async shutdown(): Promise<void> {
    for (const run of this.active.values()) run.controller.abort();
    await this.idle();
  }

  async progress(sessionId: string): Promise<AiJudgeProgress> {
    const [state, aiState] = await Promise.all([this.deps.store.sessionState({ sessionId }), this.deps.store.aiJudgeState({ sessionId })]);
    if (!state) throw new Error(`No session ${sessionId}`);
    const judgeId = state.session.ai?.profileId;
    const counted = activeJudgements(state.judgements);
    const own = counted.filter((j) => j.ai && j.judgeId === judgeId);
    const failures = aiState.pairs.flatMap((p) => p.failures);
    const byReason: AiJudgeProgress['failures'] = {};
    for (const f of failures) byReason[f.reason] = (byReason[f.reason] ?? 0) + 1;
    const budget = comparisonBudget(state.session.budgetPerScript, state.session.essayIds.length);
    const status = aiState.run?.status ?? 'idle';
    const active = this.active.get(sessionId);
    const msPerCall = median(own.map((j) => j.ms));
    const left = Math.max(0, budget - counted.length);
    const concurrency = Math.max(1, this.deps.timing.concurrency);
    return {
      status,
      halted: aiState.run?.halted ?? null,
      judgements: own.length,
      sessionJudgements: counted.length,
      budget,
      calls: own.length + failures.length,
      inFlight: active?.inFlight ?? 0,
      failures: byReason,
      givenUp: failures.filter((f) => f.final).length,
      tokens: own.reduce((sum, j) => sum + (j.ai?.tokens ?? 0), 0) + failures.reduce((sum, f) => sum + f.tokens, 0),
      secondsLeft: status === 'running' && msPerCall !== null && left > 0 && !state.session.stop ? Math.round((left * msPerCall) / concurrency / 1000) : null,
    };
  }

  private async halt(sessionId: string, status: 'paused' | 'stopped', correlationId: string): Promise<AiRunStatus | null> {
    const { run } = await this.deps.store.aiJudgeState({ sessionId });
    if (!run) return null;
    // A stopped or finished run stays so; a paused one can still be stopped.
    if (run.status === 'running' || (run.status === 'paused' && status === 'stopped')) await this.setStatus(sessionId, run.judgeId, status, null, correlationId);
    const active = this.active.get(sessionId);
    active?.controller.abort();
    await active?.done;
    this.deps.logger.log('info', `ai judge ${status}`, { correlationId, sessionId });
    return (await this.deps.store.aiJudgeState({ sessionId })).run?.status ?? null;
  }

  private async setStatus(sessionId: string, judgeId: string, status: AiRunStatus, halted: AiPair['failures'][number]['reason'] | null, correlationId: string): Promise<void> {
    await this.deps.publisher.publish({
      type: 'AiRunChanged',
      data: { sessionId, judgeId, status, halted },
      id: eventIds.aiRunChanged(sessionId, this.deps.ids.uuid()),
      correlationId,
    });
  }

  private launch(sessionId: string, correlationId: string): void {
    if (this.active.has(sessionId)) return;
    const run: ActiveRun = { controller: new AbortController(), inFlight: 0, done: Promise.resolve() };
    this.active.set(sessionId, run);
    run.done = this.drive(sessionId, run, correlationId)
      .catch((error: unknown) => this.deps.logger.log('error', 'ai judge run failed', { correlationId, sessionId, error }))
      .finally(() => {
        if (this.active.get(sessionId) === run) this.active.delete(sessionId);
      });
  }

  /** One run: `concurrency` lanes, each asking one pair order at a time until nothing is left or the run is cut off. */
  private async drive(sessionId: string, run: ActiveRun, correlationId: string): Promise<void> {
    const context = await this.context(sessionId);
    if (!context) return;
    const [{ pairs }, state] = await Promise.all([this.deps.store.aiJudgeState({ sessionId }), this.deps.store.sessionState({ sessionId })]);
    const plan: Plan = { pairs, settled: new Set(), failed: new Map(), claimed: new Set(), givenUpInARow: 0 };
    for (const j of state?.judgements ?? []) if (j.ai && j.judgeId === context.judgeId) plan.settled.add(key(j.ai.pair, j.ai.order));
    for (const p of pairs) {
      for (const f of p.failures) {
        plan.failed.set(key(p.pair, f.order), Math.max(plan.failed.get(key(p.pair, f.order)) ?? 0, f.attempt));
        if (f.final) plan.settled.add(key(p.pair, f.order));
      }
    }
    // One planner at a time: two lanes must not plan the same pair number.
    let planning: Promise<unknown> = Promise.resolve();
    const nextAsk = (): Promise<{ pair: AiPair; order: AiOrder } | null> => {
      const next = planning.then(() => this.nextAsk(context, plan, run.controller.signal, correlationId));
      planning = next.catch(() => undefined);
      return next;
    };
    const lane = async (): Promise<void> => {
      for (let ask = await nextAsk(); ask && !run.controller.signal.aborted; ask = await nextAsk()) {
        try {
          await this.askUntilSettled(context, plan, run, ask.pair, ask.order, correlationId);
        } finally {
          plan.claimed.delete(key(ask.pair.pair, ask.order));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.deps.timing.concurrency) }, lane));
    if (run.controller.signal.aborted) return;
    await this.deps.judging.refit(sessionId, correlationId);
    // Nothing left to ask: the session stopped, or its budget is spent.
    await this.setStatus(sessionId, context.judgeId, 'done', null, correlationId);
    this.deps.logger.log('info', 'ai judge done', { correlationId, sessionId, count: plan.settled.size });
  }

  /** The next pair order to ask: one planned and not settled, else a new pair from the engine; null when none is left. */
  private async nextAsk(context: RunContext, plan: Plan, signal: AbortSignal, correlationId: string): Promise<{ pair: AiPair; order: AiOrder } | null> {
    if (signal.aborted) return null;
    for (const pair of plan.pairs) {
      for (const order of ORDERS) {
        const k = key(pair.pair, order);
        if (plan.settled.has(k) || plan.claimed.has(k)) continue;
        plan.claimed.add(k);
        return { pair, order };
      }
    }
    const state = await this.deps.store.sessionState({ sessionId: context.session.id });
    if (!state || state.session.stop || signal.aborted) return null;
    const next = await this.proposePair(state, context.judgeId, plan.pairs);
    if (!next) return null;
    const planned = { sessionId: context.session.id, judgeId: context.judgeId, pair: plan.pairs.length, a: next.left, b: next.right };
    await this.deps.publisher.publish({ type: 'AiPairPlanned', data: planned, id: eventIds.aiPairPlanned(planned.sessionId, planned.pair), correlationId });
    const pair: AiPair = { ...planned, plannedAt: this.deps.clock.now(), failures: [] };
    plan.pairs.push(pair);
    plan.claimed.add(key(pair.pair, 'ab'));
    return { pair, order: 'ab' };
  }

  /**
   * The engine's next pair for the AI judge: the same selector people get,
   * with every planned AI pair counted as shown in both orders (whether
   * answered, in flight or given up), so the budget counts both orders and a
   * failing pair is not proposed again and again.
   */
  private async proposePair(state: SessionState, judgeId: string, pairs: readonly AiPair[]): Promise<{ left: string; right: string } | null> {
    const judgements = activeJudgements(state.judgements);
    const shown = [
      ...judgements.filter((j) => !j.ai),
      ...pairs.flatMap((p) => [
        { judgeId, left: p.a, right: p.b },
        { judgeId, left: p.b, right: p.a },
      ]),
    ];
    const result = await this.deps.cj.nextPair(nextPairTask(state.session, state.fit, judgements, judgeId, shown));
    return result.outcome === 'pair' ? { left: result.left, right: result.right } : null;
  }

  /** Asks one order of a pair until a readable answer is stored, the order is given up, or the run is cut off. */
  private async askUntilSettled(context: RunContext, plan: Plan, run: ActiveRun, pair: AiPair, order: AiOrder, correlationId: string): Promise<void> {
    const { publisher, timing } = this.deps;
    const k = key(pair.pair, order);
    const sessionId = context.session.id;
    const [first, second] = order === 'ab' ? [pair.a, pair.b] : [pair.b, pair.a];
    const body = judgeRequestBody({
      model: context.endpoint.model,
      language: context.language,
      assignment: context.assignment,
      first: await this.textOf(context, first),
      second: await this.textOf(context, second),
    });
    for (let attempt = (plan.failed.get(k) ?? 0) + 1; !run.controller.signal.aborted; attempt++) {
      run.inFlight++;
      let outcome;
      try {
        outcome = await this.deps.chat.complete(context.endpoint, body, { signal: run.controller.signal, timeoutMs: timing.timeoutMs });
      } catch (error) {
        if (error instanceof ChatAborted) return;
        throw error;
      } finally {
        run.inFlight--;
      }
      const answer = outcome.ok ? readAnswer(outcome.content) : null;
      if (answer) {
        const judgement: Judgement = {
          id: eventIds.aiJudgementId(sessionId, pair.pair, order, attempt),
          sessionId,
          judgeId: context.judgeId,
          left: first,
          right: second,
          winner: answer.winner === 'first' ? first : second,
          ms: Math.min(outcome.ms, MAX_JUDGEMENT_MS),
          judgedAt: this.deps.clock.now(),
          undone: false,
          ai: { reason: answer.reason, confidence: answer.confidence, pair: pair.pair, order, attempt, tokens: outcome.tokens },
        };
        await publisher.publish({ type: 'JudgementRecorded', data: judgement, id: eventIds.judgementRecorded(judgement.id), correlationId });
        plan.settled.add(k);
        plan.givenUpInARow = 0;
        void this.deps.judging.refit(sessionId, correlationId);
        return;
      }
      const reason = outcome.ok ? 'unreadable-answer' : outcome.reason;
      const kind = failureClass(reason);
      const final = kind !== 'retry' || attempt >= timing.maxAttempts;
      await publisher.publish({
        type: 'AiAttemptFailed',
        data: { sessionId, pair: pair.pair, order, attempt, reason, tokens: outcome.tokens, final },
        id: eventIds.aiAttemptFailed(sessionId, pair.pair, order, attempt),
        correlationId,
      });
      plan.failed.set(k, attempt);
      this.deps.logger.log('info', 'ai judge call failed', { correlationId, sessionId, code: reason, count: attempt });
      if (kind === 'halt' || (final && ++plan.givenUpInARow >= HALT_AFTER_GIVE_UPS)) {
        // A set-up problem, or the server failing pair after pair: pause with the reason, for the teacher to see.
        await this.setStatus(sessionId, context.judgeId, 'paused', reason, correlationId);
        run.controller.abort();
        return;
      }
      if (final) {
        plan.settled.add(k);
        return;
      }
      try {
        await this.sleep(aiRetryDelay(attempt, outcome.ok ? null : outcome.retryAfterMs, this.deps.random, timing), run.controller.signal);
      } catch (error) {
        if (error instanceof ChatAborted) return;
        throw error;
      }
    }
  }

  /** What a run needs from the store and the secret store; null when the session or its profile is gone. */
  private async context(sessionId: string): Promise<RunContext | null> {
    const state = await this.deps.store.sessionState({ sessionId });
    const ai = state?.session.ai;
    if (!state || !ai) return null;
    const profile: AiProfile | undefined = (await this.deps.store.aiProfiles({})).find((p) => p.id === ai.profileId);
    const snapshot = await this.deps.store.batchSnapshot({ batchId: state.session.batchId });
    if (!profile || !snapshot) return null;
    const apiKey = await this.deps.secrets.get(aiKeySecret(profile.id));
    return {
      session: state.session,
      judgeId: profile.id,
      endpoint: { baseUrl: profile.baseUrl, model: profile.model, apiKey: apiKey || null },
      language: snapshot.batch.language,
      assignment: ai.assignment,
      identifiers: { names: snapshot.batch.names, className: snapshot.batch.className },
      texts: new Map(),
    };
  }

  /** The essay's original text, masked; read once per run. */
  private async textOf(context: RunContext, essayId: string): Promise<string> {
    const known = context.texts.get(essayId);
    if (known !== undefined) return known;
    const snapshot = await this.deps.store.batchSnapshot({ batchId: context.session.batchId });
    const hash = snapshot?.essays.find((e) => e.id === essayId)?.contentHash;
    const text = hash ? await this.deps.store.getContent({ hash }) : null;
    if (text === null) throw new Error(`Essay ${essayId} has no text`);
    const masked = maskForJudge(text, context.identifiers, context.language);
    context.texts.set(essayId, masked);
    return masked;
  }
}
