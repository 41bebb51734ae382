import { useEffect, useId, useState } from 'react';
import type { AiFailureReason, AiJudgeProgress } from '../../../shared/contracts/ai-judge';
import type { AiStartProblem } from '../../../shared/contracts/main/ai-judge';
import { localeOf, type StringKey, type UiLanguage } from '../../../shared/i18n';
import { useT } from '../i18n';
import { useUi } from '../state';

/** How often the panel asks main for the AI judge's progress while it is on screen. */
const AI_PROGRESS_POLL_MS = 1000;

/** A run that is done or stopped changes no more: polling ends there. */
function finished(progress: AiJudgeProgress | null): boolean {
  return progress?.status === 'done' || progress?.status === 'stopped';
}

/**
 * The AI judge's progress from main, asked about once a second while the page
 * is visible, until the run is done or stopped. `refresh` asks at once (after
 * the teacher pauses, resumes or stops it).
 */
function useAiProgress(sessionId: string): { progress: AiJudgeProgress | null; unreachable: boolean; refresh: () => void } {
  const main = useUi((s) => s.main);
  const [progress, setProgress] = useState<AiJudgeProgress | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (!main) return;
    let alive = true;
    let asking = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      if (asking || document.visibilityState === 'hidden') return;
      asking = true;
      let done = false;
      try {
        const next = await main.aiJudgeProgress({ sessionId });
        if (!alive) return;
        setProgress(next);
        setUnreachable(false);
        done = finished(next);
      } catch {
        if (alive) setUnreachable(true);
      } finally {
        asking = false;
      }
      if (alive && !done) timer = setTimeout(() => void poll(), AI_PROGRESS_POLL_MS);
    };
    const onVisibility = (): void => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      void poll();
    };
    void poll();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      alive = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [main, sessionId, asked]);

  return { progress, unreachable, refresh: () => setAsked((n) => n + 1) };
}

/** Seconds as a teacher reads a wait: seconds under a minute, whole minutes under an hour, else hours and minutes. */
function formatDuration(seconds: number, t: (key: StringKey, params?: Record<string, string | number>) => string): string {
  if (seconds < 60) return t('ai.progress.seconds', { value: Math.max(1, Math.round(seconds)) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('ai.progress.minutes', { value: minutes });
  return t('ai.progress.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function formatCount(value: number, language: UiLanguage): string {
  return value.toLocaleString(localeOf(language));
}

/**
 * The session's AI judge at work: status, the session's comparisons against
 * its budget (with the AI's share), time left, tokens, calls, failures by
 * reason and pairs given up, and the teacher's controls. A run that paused
 * itself says why, with the way to resume. `onlyWhileActive`: show nothing
 * once it is done or stopped, or before it starts (the results page).
 */
export function AiProgress({ sessionId, onlyWhileActive = false }: { sessionId: string; onlyWhileActive?: boolean }) {
  const t = useT();
  const { main, language } = useUi();
  const headingId = useId();
  const doneId = useId();
  const { progress, unreachable, refresh } = useAiProgress(sessionId);
  const [busy, setBusy] = useState(false);
  const [confirmingStop, setConfirmingStop] = useState(false);
  const [problem, setProblem] = useState<{ key: StringKey } | null>(null);

  if (!progress) {
    return unreachable && !onlyWhileActive ? (
      <section className="ai-progress" data-testid="ai-progress" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('ai.progress.title')}</h2>
        <p role="alert" className="error">
          {t('ai.progress.failed')}
        </p>
      </section>
    ) : null;
  }
  if (onlyWhileActive && progress.status !== 'running' && progress.status !== 'paused') return null;

  const command = async (action: () => Promise<{ outcome: 'started' } | { outcome: 'refused'; problem: AiStartProblem } | { status: unknown }>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await action();
      if ('outcome' in result && result.outcome === 'refused') setProblem({ key: `ai.start.${result.problem}` });
    } catch {
      setProblem({ key: 'ai.progress.actionFailed' });
    } finally {
      setBusy(false);
      setConfirmingStop(false);
      refresh();
    }
  };
  const request = { sessionId };
  const failures = (Object.entries(progress.failures) as [AiFailureReason, number][]).filter(([, count]) => count > 0);
  const failed = failures.reduce((sum, [, count]) => sum + count, 0);
  const { status } = progress;

  return (
    <section className="ai-progress" data-testid="ai-progress" aria-labelledby={headingId} data-status={status}>
      <h2 id={headingId}>{t('ai.progress.title')}</h2>
      <p role="status" data-testid="ai-status">
        {t('ai.progress.status', { status: t(`ai.status.${status}`) })}
      </p>
      {progress.halted && status === 'paused' && (
        <p role="alert" className="error" data-testid="ai-halted" data-reason={progress.halted}>
          {t('ai.progress.halted', { reason: t(`ai.failure.${progress.halted}`) })}
        </p>
      )}
      <progress max={Math.max(1, progress.budget)} value={Math.min(progress.sessionJudgements, progress.budget)} aria-label={t('ai.progress.bar')} aria-describedby={doneId} />
      <p id={doneId} data-testid="ai-done">
        {t('ai.progress.done', { done: formatCount(progress.sessionJudgements, language), budget: formatCount(progress.budget, language), ai: formatCount(progress.judgements, language) })}
      </p>
      <ul className="ai-figures">
        {status === 'running' && (
          <li data-testid="ai-time-left">
            {progress.secondsLeft === null ? t('ai.progress.timeUnknown') : t('ai.progress.timeLeft', { time: formatDuration(progress.secondsLeft, t) })}
          </li>
        )}
        <li data-testid="ai-tokens">{t('ai.progress.tokens', { tokens: formatCount(progress.tokens, language) })}</li>
        <li data-testid="ai-calls">{t('ai.progress.calls', { calls: formatCount(progress.calls, language), inFlight: progress.inFlight })}</li>
        <li data-testid="ai-failures">
          {t('ai.progress.failures', { count: formatCount(failed, language) })}
          {failures.length > 0 && (
            <ul>
              {failures.map(([reason, count]) => (
                <li key={reason} data-reason={reason}>
                  {t('ai.progress.failure', { count: formatCount(count, language), reason: t(`ai.failure.${reason}`) })}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li data-testid="ai-given-up">
          <span className="explained" title={t('ai.progress.givenUpHelp')}>
            {t('ai.progress.givenUp', { count: formatCount(progress.givenUp, language) })}
          </span>
        </li>
      </ul>

      {main && !confirmingStop && (status === 'idle' || status === 'running' || status === 'paused') && (
        <div className="actions">
          {status === 'idle' && (
            <button type="button" className="primary" disabled={busy} onClick={() => void command(() => main.startAiJudge(request))}>
              {t('ai.progress.start')}
            </button>
          )}
          {status === 'running' && (
            <button type="button" disabled={busy} onClick={() => void command(() => main.pauseAiJudge(request))}>
              {t('ai.progress.pause')}
            </button>
          )}
          {status === 'paused' && (
            <button type="button" className="primary" disabled={busy} onClick={() => void command(() => main.resumeAiJudge(request))}>
              {t('ai.progress.resume')}
            </button>
          )}
          {status !== 'idle' && (
            <button type="button" className="danger" disabled={busy} onClick={() => setConfirmingStop(true)}>
              {t('ai.progress.stop')}
            </button>
          )}
        </div>
      )}
      {main && confirmingStop && (
        <div role="alertdialog" aria-labelledby={`${headingId}-stop`} className="confirm ai-stop">
          <p id={`${headingId}-stop`}>{t('ai.progress.stopQuestion', { count: formatCount(progress.judgements, language) })}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void command(() => main.stopAiJudge(request))}>
              {t('ai.progress.stopYes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirmingStop(false)}>
              {t('ai.progress.stopNo')}
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p role="alert" className="error">
          {t(problem.key)}
        </p>
      )}
      {unreachable && (
        <p role="alert" className="error">
          {t('ai.progress.failed')}
        </p>
      )}
    </section>
  );
}
