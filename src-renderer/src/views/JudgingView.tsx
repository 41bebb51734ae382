import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { MAX_JUDGEMENT_MS, type NextPair, type TextView } from '../../../shared/contracts/judging';
import { judgingState, judgingText } from '../../../shared/db/judging-queries';
import { db } from '../db';
import { formatNumber } from '../../../shared/i18n';
import { activeJudgements, comparisonBudget, sessionTextView } from '../../../shared/judging';
import { AiProgress } from '../components/AiProgress';
import { useT } from '../i18n';
import { humanJudges, judgeLabel, personJudging } from '../judges';
import { useUi } from '../state';

/**
 * Two essays side by side; the judge picks the better with ← or →, and can
 * undo. Main stores each judgement before it answers with the next pair,
 * which it has computed while the judge was reading.
 */
export function JudgingView({ sessionId }: { sessionId: string }) {
  const t = useT();
  const { main, judgeId: savedJudge, setJudge, language } = useUi();
  const view = useLiveQuery(() => judgingState(db, sessionId), [sessionId]);
  /** The judge's own choice of text; until they make one, the session's. */
  const [textChoice, setTextView] = useState<TextView | null>(null);
  const textView = textChoice ?? (view ? sessionTextView(view.session) : null);
  const [pair, setPair] = useState<NextPair | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const shownAt = useRef(0);

  const judgeId = view ? personJudging(view.judges, view.session.judgeIds, savedJudge) : null;
  const stopped = Boolean(view?.session.stop);
  // With no pair to give, ask again whenever a judgement lands or is undone (another judge may free a pair), or essays are added.
  const retryKey = pair?.outcome === 'none' && view ? `${activeJudgements(view.judgements).length}|${view.session.essayIds.length}` : null;

  useEffect(() => {
    if (!main || !judgeId) return;
    let current = true;
    void main.currentPair({ sessionId, judgeId }).then((next) => current && setPair(next));
    return () => {
      current = false;
    };
  }, [main, sessionId, judgeId, stopped, retryKey]);

  const mask = t('judging.hiddenName');
  const texts = useLiveQuery(
    async () =>
      pair?.outcome === 'pair' && textView
        ? { key: `${pair.left}|${pair.right}`, left: await judgingText(db, pair.left, textView, mask), right: await judgingText(db, pair.right, textView, mask) }
        : null,
    [pair, textView, mask],
  );
  const shownKey = texts?.key;
  useLayoutEffect(() => {
    // The time a judgement took runs from when its pair is on screen.
    if (shownKey) shownAt.current = performance.now();
  }, [shownKey]);

  const choose = useCallback(
    async (side: 'left' | 'right') => {
      if (!main || !judgeId || busy || pair?.outcome !== 'pair' || shownKey !== `${pair.left}|${pair.right}`) return;
      setBusy(true);
      try {
        const ms = Math.min(MAX_JUDGEMENT_MS, Math.round(performance.now() - shownAt.current));
        setPair(await main.judge({ sessionId, judgeId, left: pair.left, right: pair.right, winner: pair[side], ms }));
        setFailed(false);
      } catch {
        setFailed(true);
      } finally {
        setBusy(false);
      }
    },
    [main, judgeId, busy, pair, shownKey, sessionId],
  );

  const undo = useCallback(async () => {
    if (!main || !judgeId || busy) return;
    setBusy(true);
    try {
      setPair(await main.undo({ sessionId, judgeId }));
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }, [main, judgeId, busy, sessionId]);

  // Attached before the pair is painted, so a key pressed the moment the texts appear is not lost to the previous pair's handler.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const typing = event.target instanceof Element && event.target.closest('input, select, textarea');
      if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowLeft') void choose('left');
      else if (event.key === 'ArrowRight') void choose('right');
      else if (event.key === 'Backspace') void undo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [choose, undo]);

  if (!view) return null;
  const { session, fit } = view;
  const active = activeJudgements(view.judgements);
  const judgedBy = [...new Set([...session.judgeIds, ...active.map((j) => j.judgeId)])];
  const maxComparisons = comparisonBudget(session.budgetPerScript, session.essayIds.length);
  const reported = fit?.reliability.reported ?? null;
  const format = (value: number) => formatNumber(value, 2, language);

  return (
    <section aria-labelledby="judging-title" className="judging">
      <div className="section-head">
        <div>
          <a className="back" href={`#/batch/${encodeURIComponent(session.batchId)}`}>
            {t('essay.back')}
          </a>
          <h1 id="judging-title">{t('judging.title', { title: session.title })}</h1>
        </div>
        <div className="actions">
          <label className="field inline">
            <span>{t('judging.judge')}</span>
            <select
              value={judgeId ?? ''}
              onChange={(e) => {
                if (e.target.value) setJudge(e.target.value);
              }}
              data-testid="judge-select"
            >
              {!judgeId && <option value="">{t('results.chooseJudge')}</option>}
              {humanJudges(view.judges).map((judge) => (
                <option key={judge.id} value={judge.id}>
                  {judge.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('judging.view')}</legend>
            {(['corrected', 'original'] as const).map((v) => (
              <label key={v}>
                <input type="radio" name="text-view" checked={textView === v} onChange={() => setTextView(v)} />
                {t(`spelling.view.${v}`)}
              </label>
            ))}
          </fieldset>
        </div>
      </div>

      {!session.stop && <AddReadyEssays sessionId={sessionId} count={view.readyToAdd} />}

      <div className="judging-status">
        <div>
          <ul className="judge-progress" data-testid="judge-progress">
            {judgedBy.map((id) => (
              <li key={id}>{t('judging.progress', { judge: judgeLabel(view.judges, id, t), count: active.filter((j) => j.judgeId === id).length })}</li>
            ))}
          </ul>
          <p className="muted small">{t('judging.total', { count: active.length, max: maxComparisons })}</p>
        </div>
        <div className="reliability">
          <label htmlFor="reliability-meter">{t('cj.reliability')}</label>{' '}
          <meter id="reliability-meter" min={0} max={1} low={session.targetReliability - 0.1} high={session.targetReliability} optimum={1} value={reported ?? 0} aria-describedby="reliability-help" />{' '}
          <span data-testid="reliability">
            {reported === null ? t('cj.reliabilityPending') : t('cj.reliabilityValue', { value: format(reported), target: format(session.targetReliability) })}
          </span>
          <p id="reliability-help" className="muted small">
            {t('cj.reliabilityHelp')}
          </p>
        </div>
      </div>

      {session.ai && <AiProgress sessionId={sessionId} />}

      {session.stop || pair?.outcome === 'none' ? (
        <div className="judging-done" role="status" data-testid="judging-done">
          <p>
            {session.stop
              ? t('judging.stopped', { reason: t(`cj.stop.${session.stop.reason}`) })
              : pair?.outcome === 'none' && pair.reason !== 'stopped'
                ? t(`judging.none.${pair.reason}`)
                : null}
          </p>
          <a className="button primary" href={`#/results/${encodeURIComponent(sessionId)}`}>
            {t('judging.toResults')}
          </a>
        </div>
      ) : (
        <>
          <h2 className="judging-question">{t('judging.question')}</h2>
          <p className="muted small">{t('judging.keys')}</p>
          <div className="judging-pair" aria-busy={busy || !texts}>
            {(['left', 'right'] as const).map((side) => {
              const label = side === 'left' ? t('judging.essayA') : t('judging.essayB');
              return (
                <article key={side} className="judging-essay" aria-labelledby={`essay-${side}-title`} data-testid={`essay-${side}`}>
                  <h3 id={`essay-${side}-title`}>{label}</h3>
                  <div className="essay-text judging-text" tabIndex={0} aria-label={label}>
                    {texts ? (texts[side] ?? '') : t('judging.loading')}
                  </div>
                  <button type="button" className="primary pick" onClick={() => void choose(side)} disabled={busy || !texts}>
                    {side === 'left' ? t('judging.pickA') : t('judging.pickB')}
                  </button>
                </article>
              );
            })}
          </div>
          <div className="actions">
            <button type="button" onClick={() => void undo()} disabled={busy || !active.some((j) => j.judgeId === judgeId)}>
              {t('judging.undo')}
            </button>
            <a href={`#/results/${encodeURIComponent(sessionId)}`}>{t('cj.results')}</a>
            {busy && (
              <span role="status" className="muted small">
                {t('judging.saving')}
              </span>
            )}
            {failed && (
              <span role="alert" className="error">
                {t('judging.failed')}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** Essays of the batch that became ready after the session started, and the command that adds them. */
function AddReadyEssays({ sessionId, count }: { sessionId: string; count: number }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ key: 'judging.addReady.done' | 'judging.addReady.stopped' | 'judging.addReady.failed'; count: number } | null>(null);

  const add = async (): Promise<void> => {
    if (!main) return;
    setBusy(true);
    try {
      const result = await main.addReadyEssays({ sessionId });
      setOutcome(result.outcome === 'added' ? { key: 'judging.addReady.done', count: result.added } : { key: 'judging.addReady.stopped', count: 0 });
    } catch {
      setOutcome({ key: 'judging.addReady.failed', count: 0 });
    } finally {
      setBusy(false);
    }
  };

  if (count === 0 && !outcome) return null;
  return (
    <div className="notice add-ready" data-testid="ready-to-add">
      {count > 0 && (
        <>
          <span>{t('judging.addReady', { count })}</span>{' '}
          <button type="button" className="primary" onClick={() => void add()} disabled={busy}>
            {t('judging.addReady.button', { count })}
          </button>
        </>
      )}
      {outcome && (
        <p role={outcome.key === 'judging.addReady.done' ? 'status' : 'alert'} className={outcome.key === 'judging.addReady.done' ? 'muted small' : 'error'}>
          {t(outcome.key, { count: outcome.count })}
        </p>
      )}
    </div>
  );
}
