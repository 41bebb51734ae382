import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { StopReason } from '../../../shared/contracts/cj';
import type { CjSession, FitItem, GradeOverride, SessionFit } from '../../../shared/contracts/judging';
import { sessionView, type SessionView } from '../../../shared/db/judging-queries';
import { essayName, fileSlug } from '../../../shared/files';
import { standingGrade } from '../../../shared/judging';
import { essayPupil, fullName } from '../../../shared/pupils/word-list';
import { byScale } from '../../../shared/ranking';
import { formatNumber, formatPer100, formatProbability, localeOf, translate, type StringKey, type UiLanguage } from '../../../shared/i18n';
import { AiProgress } from '../components/AiProgress';
import { AiComparisons, AiValidation } from '../components/AiValidation';
import { ExportControls } from '../components/ExportControls';
import { ImportJudgements } from '../components/ImportJudgements';
import { OverrideSelect } from '../components/OverrideSelect';
import { PreliminaryBadge } from '../components/PreliminaryBadge';
import { EssayTitle } from '../components/PupilLabel';
import { ScalePlot } from '../components/ScalePlot';
import { StaleFit } from '../components/StaleFit';
import { db } from '../db';
import { useT } from '../i18n';
import { humanJudges, judgeLabel } from '../judges';
import { useClassList } from '../pupils';
import { useUi } from '../state';
import { downloadJson } from '../download';

/** θ with its 95% interval, θ ± 1.96·SE. An essay without comparisons has no SE (null) and no interval. */
export function formatInterval(theta: number, se: number | null, language: UiLanguage): string {
  if (se === null || !Number.isFinite(se)) return `${formatNumber(theta, 2, language)} (–)`;
  return translate(language, 'results.thetaInterval', {
    theta: formatNumber(theta, 2, language),
    low: formatNumber(theta - 1.96 * se, 2, language),
    high: formatNumber(theta + 1.96 * se, 2, language),
  });
}

/**
 * How many essays have each grade, in scale order, counting the grade that
 * stands (an anchor's, the teacher's, else the model's), and how many of
 * those are the model's preliminary grades. Empty when no essay has a grade.
 */
export function gradeDistribution(
  session: Pick<CjSession, 'scale' | 'anchors'>,
  items: readonly Pick<FitItem, 'essayId' | 'grade' | 'probabilities' | 'preliminary'>[],
  overrides: readonly Pick<GradeOverride, 'essayId' | 'grade'>[],
): { grade: string; count: number; preliminary: number }[] {
  const teacher = new Map(overrides.map((o) => [o.essayId, o.grade]));
  const anchors = new Map(session.anchors.map((a) => [a.essayId, a.grade]));
  const rows = session.scale.map((grade) => ({ grade, count: 0, preliminary: 0 }));
  for (const item of items) {
    const standing = standingGrade(item, session.scale, { anchor: anchors.get(item.essayId), teacher: teacher.get(item.essayId) });
    const row = rows.find((r) => r.grade === standing.grade);
    if (!row) continue;
    row.count++;
    if (standing.preliminary) row.preliminary++;
  }
  return rows.some((r) => r.count > 0) ? rows : [];
}

/** `huledu-judgements-<title slug>-<yyyy-mm-dd>.json`, safe as a file name on every system. */
export function judgementsFileName(title: string, exportedAt: string): string {
  return `huledu-judgements-${fileSlug(title, 'session')}-${exportedAt.slice(0, 10)}.json`;
}

type Reason = SessionFit['verdict']['reason'];
type Stop = NonNullable<CjSession['stop']>['reason'];

function reasonKey(reason: Reason): StringKey {
  return (StopReason.options as readonly string[]).includes(reason) ? `cj.stop.${reason as Stop}` : `cj.continue.${reason as Exclude<Reason, Stop>}`;
}

/** The results of a comparative-judgement session: ranking, grades, scale, judges and moderation. */
export function ResultsView({ sessionId }: { sessionId: string }) {
  const t = useT();
  const view = useLiveQuery(() => sessionView(db, sessionId), [sessionId]);
  if (view === undefined) return null;
  if (view === null) return <p>{t('results.notFound')}</p>;
  return <Results view={view} />;
}

function Results({ view: stored }: { view: SessionView }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const [humanOnly, setHumanOnly] = useState(false);
  // The human-only scale and the AI's reasons per essay mean something once the AI has judged.
  const withAi = stored.judgements.some((j) => j.ai && !j.undone);
  const humanFit = useHumanOnlyFit(stored.session.id, withAi && humanOnly, stored.fit?.computedAt ?? null);
  // What the ranking, plot, distribution, judges and reliability show: the session's fit, or the one on people's judgements only.
  const shown = withAi && humanOnly ? humanFit : { fit: stored.fit, state: 'ready' as const };
  const view: SessionView = { ...stored, fit: shown.fit };
  const { session, fit } = view;
  const f2 = (value: number | null): string => formatNumber(value, 2, language);
  const ranked = rankedItems(view);

  return (
    <section aria-labelledby="results-title" className="results">
      <a className="back" href={`#/batch/${encodeURIComponent(session.batchId)}`}>
        {t('essay.back')}
      </a>
      <div className="section-head">
        <div>
          <h1 id="results-title">{t('results.title', { title: session.title })}</h1>
          <p className="muted">{view.batch.title}</p>
        </div>
        {!session.stop && (
          <a className="button primary" href={`#/judge/${encodeURIComponent(session.id)}`}>
            {t('cj.judge')}
          </a>
        )}
      </div>

      <StaleFit session={session} fit={stored.fit} judgements={stored.judgements} />
      <div className="results-summary">
        {session.stop ? (
          <p>{t('results.stopped', { reason: t(`cj.stop.${session.stop.reason}`), count: session.stop.judgements })}</p>
        ) : (
          // The stopping rule reads the session's own fit, whichever scale is shown.
          stored.fit && <p>{t('results.running', { reason: t(reasonKey(stored.fit.verdict.reason)) })}</p>
        )}
        {fit && (
          <p>
            <strong>{t('cj.reliability')}</strong>{' '}
            {fit.reliability.reported === null
              ? t('cj.reliabilityPending')
              : t('cj.reliabilityValue', { value: f2(fit.reliability.reported), target: f2(session.targetReliability) })}
            {' · '}
            <span title={t('results.ssrHelp')} className="explained">
              {/* Below 0 the measurement error outweighs the spread: the reliability is 0, not a negative number. */}
              {fit.ssr !== null && fit.ssr < 0 ? t('results.ssrNone') : t('results.ssr', { value: f2(fit.ssr) })}
            </span>
          </p>
        )}
        {fit && <p className="muted small">{t('cj.reliabilityHelp')}</p>}
      </div>

      {session.ai && <AiProgress sessionId={session.id} onlyWhileActive />}
      <AiValidation view={stored} />
      {withAi && (
        <div className="fit-choice">
          <label className="checkbox">
            <input type="checkbox" checked={humanOnly} onChange={(e) => setHumanOnly(e.target.checked)} />
            {t('ai.fit.humanOnly')}
          </label>
          <p role="status" data-testid="fit-shown" data-fit={humanOnly ? 'human' : 'all'}>
            {humanOnly
              ? shown.state === 'loading'
                ? t('ai.fit.loading')
                : shown.state === 'failed'
                  ? t('ai.fit.failed')
                  : fit
                    ? t('ai.fit.showingHuman', { count: fit.judgements })
                    : t('ai.fit.humanNone')
              : fit && t('ai.fit.showingAll', { count: fit.judgements })}
          </p>
        </div>
      )}

      {!fit ? (
        humanOnly && withAi ? null : <p className="empty">{t('results.noFit')}</p>
      ) : (
        <>
          {fit.gradesUnavailable && (
            <p className="results-notice" data-code={fit.gradesUnavailable}>
              {t(`results.gradesUnavailable.${fit.gradesUnavailable}`)}
            </p>
          )}
          <Ranking view={view} items={ranked} withAi={withAi} />
          <Scale view={view} items={ranked} />
          <Distribution view={view} />
          <JudgeTable view={view} />
        </>
      )}
      <ExportControls batchId={session.batchId} />
      <Moderation sessionId={session.id} />
    </section>
  );
}

function Ranking({ view, items, withAi }: { view: SessionView; items: readonly FitItem[]; withAi: boolean }) {
  const t = useT();
  const { main, language, judgeId, setJudge } = useUi();
  const headingId = useId();
  const pupils = useClassList(view.batch.classListId) ?? null;
  const { session, fit } = view;
  if (!fit) return null;
  // A stored judge id can be one this laptop no longer knows (after a restore); then nobody is chosen. Grades are set by people.
  const people = humanJudges(view.judges);
  const judge = people.find((j) => j.id === judgeId) ?? null;
  const essays = new Map(view.essays.map((e) => [e.id, e]));
  const overrides = new Map(view.overrides.map((o) => [o.essayId, o]));
  const anchors = new Map(session.anchors.map((a) => [a.essayId, a.grade]));
  const nameOf = (essayId: string): string => {
    const essay = essays.get(essayId);
    const pupil = essay && pupils && essayPupil(essay, pupils.pupils);
    return pupil ? fullName(pupil) : essay ? essayName(essay) : essayId;
  };

  const override = (essayId: string, grade: string): void => {
    if (!main || !judge) return;
    void main.overrideGrade({ sessionId: session.id, judgeId: judge.id, essayId, grade: grade || null });
  };

  return (
    <section aria-labelledby={headingId} className="results-block">
      <h2 id={headingId}>{t('results.ranking')}</h2>
      <label className="results-judge">
        <span>{t('results.overrideAs')}</span>
        <select
          value={judge?.id ?? ''}
          onChange={(e) => {
            if (e.target.value) setJudge(e.target.value);
          }}
        >
          {!judge && <option value="">{t('results.chooseJudge')}</option>}
          {people.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
      </label>
      <div className="table-scroll">
        <table className="table ranking" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('results.col.rank')}
              </th>
              <th scope="col">{t('results.col.essay')}</th>
              <th scope="col" className="num explained" title={t('results.col.thetaHelp')}>
                {t('results.col.theta')}
              </th>
              <th scope="col">{t('results.col.grade')}</th>
              <th scope="col" className="num">
                {t('results.col.spelling')}
              </th>
              <th scope="col" className="num">
                {t('results.col.comparisons')}
              </th>
              <th scope="col" className="explained" title={t('results.col.misfitHelp')}>
                {t('results.col.misfit')}
              </th>
              <th scope="col">{t('results.col.teacherGrade')}</th>
              {withAi && <th scope="col">{t('ai.comparisons.col')}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => {
              const name = nameOf(item.essayId);
              const essay = essays.get(item.essayId);
              const teacher = overrides.get(item.essayId);
              const standing = standingGrade(item, session.scale, { anchor: anchors.get(item.essayId) });
              return (
                <tr key={item.essayId} data-essay-id={item.essayId}>
                  <td className="num">{index + 1}</td>
                  <th scope="row">{essay ? <EssayTitle essay={essay} pupils={pupils?.pupils ?? null} /> : name}</th>
                  <td className="num nowrap" data-testid="theta" data-theta={item.theta}>
                    {formatInterval(item.theta, item.se, language)}
                  </td>
                  <td data-testid="model-grade" data-grade={standing.grade ?? ''} data-preliminary={standing.preliminary}>
                    {standing.source === 'anchor' ? (
                      <span className="badge badge-anchor" title={t('results.anchorHelp')}>
                        {t('results.anchor', { grade: standing.grade ?? '' })}
                      </span>
                    ) : standing.grade === null ? (
                      '–'
                    ) : (
                      t('results.gradeProbability', {
                        grade: standing.grade,
                        probability: standing.probability === null ? '–' : formatProbability(standing.probability, language),
                      })
                    )}
                    {standing.preliminary && <PreliminaryBadge />}
                  </td>
                  <td className="num">{formatPer100(view.findingsPer100.get(item.essayId) ?? null, language)}</td>
                  <td className="num">{item.comparisons}</td>
                  <td>{item.misfit ? t('results.misfit') : ''}</td>
                  <td>
                    {standing.source !== 'anchor' && (
                      <OverrideSelect
                        key={teacher?.grade ?? ''}
                        label={t('results.overrideFor', { essay: name })}
                        modelLabel={t('results.modelGrade')}
                        scale={session.scale}
                        saved={teacher?.grade ?? ''}
                        disabled={!judge}
                        onCommit={(grade) => override(item.essayId, grade)}
                      />
                    )}
                    {teacher && (
                      <span className="override-by muted small">
                        {t('results.overrideBy', {
                          judge: judgeLabel(view.judges, teacher.judgeId, t),
                          at: new Date(teacher.at).toLocaleString(localeOf(language)),
                        })}
                      </span>
                    )}
                  </td>
                  {withAi && (
                    <td>
                      <AiComparisons view={view} essayId={item.essayId} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The fit's items in the scale's order, as the table and the plot both show them. */
function rankedItems(view: SessionView): FitItem[] {
  const names = new Map(view.essays.map((e) => [e.id, essayName(e)]));
  return [...(view.fit?.items ?? [])].sort(byScale((item) => item.theta, (item) => names.get(item.essayId) ?? item.essayId));
}

function Scale({ view, items }: { view: SessionView; items: readonly FitItem[] }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const titleId = useId();
  const descriptionId = useId();
  if (!view.fit) return null;
  const anchors = new Set(view.session.anchors.map((a) => a.essayId));
  return (
    <section aria-labelledby={titleId} className="results-block">
      <h2 id={titleId}>{t('results.plot')}</h2>
      <p id={descriptionId} className="muted small">
        {t('results.plotDescription')}
      </p>
      <ScalePlot
        points={items.map((item) => ({ essayId: item.essayId, theta: item.theta, se: item.se, anchor: anchors.has(item.essayId) }))}
        boundaries={view.fit.boundaries}
        labelledBy={`${titleId} ${descriptionId}`}
        axisLabel={t('results.plotAxis')}
        format={(value) => formatNumber(value, 0, language)}
      />
    </section>
  );
}

function Distribution({ view }: { view: SessionView }) {
  const t = useT();
  const headingId = useId();
  if (!view.fit) return null;
  const rows = gradeDistribution(view.session, view.fit.items, view.overrides);
  const most = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section aria-labelledby={headingId} className="results-block">
      <h2 id={headingId}>{t('results.distribution')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('results.distributionEmpty')}</p>
      ) : (
        <table className="table distribution" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('results.col.grade')}</th>
              <th scope="col">{t('results.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.grade} data-grade={row.grade}>
                <th scope="row">{row.grade}</th>
                <td>
                  <div className="bar-cell">
                    <span className="count">{row.count}</span>
                    {row.preliminary > 0 && <span className="muted small">{t('results.distributionPreliminary', { count: row.preliminary })}</span>}
                    {/* The bar repeats the count for the eye; the number carries it. */}
                    <span className="bar" aria-hidden="true" style={{ width: `${(row.count / most) * 12}rem` }} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function JudgeTable({ view }: { view: SessionView }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const headingId = useId();
  if (!view.fit) return null;
  return (
    <section aria-labelledby={headingId} className="results-block">
      <h2 id={headingId}>{t('results.judges')}</h2>
      <table className="table judge-stats" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t('results.judge.name')}</th>
            <th scope="col" className="num">
              {t('results.judge.judgements')}
            </th>
            <th scope="col" className="num explained" title={t('results.judge.infitHelp')}>
              {t('results.judge.infit')}
            </th>
            <th scope="col" className="num">
              {t('results.judge.medianTime')}
            </th>
            <th scope="col" className="num">
              {t('results.judge.left')}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.fit.judges.map((stats) => (
            <tr key={stats.judgeId} data-judge-id={stats.judgeId}>
              <th scope="row">{judgeLabel(view.judges, stats.judgeId, t)}</th>
              <td className="num">{stats.judgements}</td>
              <td className="num">{formatNumber(stats.infit, 2, language)}</td>
              <td className="num">
                {stats.medianMs === null ? '–' : t('results.seconds', { value: formatNumber(stats.medianMs / 1000, 1, language) })}
              </td>
              <td className="num">
                {stats.leftShare === null ? '–' : t('results.percent', { value: formatNumber(stats.leftShare * 100, 0, language) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The session fitted on people's judgements only, asked of main while the
 * teacher wants it, and again whenever the session's own fit changes (a new
 * judgement). Not stored.
 */
function useHumanOnlyFit(sessionId: string, wanted: boolean, fittedAt: string | null): { fit: SessionFit | null; state: 'loading' | 'ready' | 'failed' } {
  const main = useUi((s) => s.main);
  const [answer, setAnswer] = useState<{ fit: SessionFit | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (!main || !wanted) return;
    let current = true;
    main.humanOnlyFit({ sessionId }).then(
      (fit) => current && setAnswer({ fit, failed: false }),
      () => current && setAnswer({ fit: null, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [main, wanted, sessionId, fittedAt]);
  // Until the refit after a new judgement arrives, the last one stays on screen; it says how many judgements it has.
  if (!answer) return { fit: null, state: 'loading' };
  return { fit: answer.fit, state: answer.failed ? 'failed' : 'ready' };
}

/** Judgements to and from a colleague's laptop, as one JSON file. */
function Moderation({ sessionId }: { sessionId: string }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const headingId = useId();

  const download = async (): Promise<void> => {
    if (!main) return;
    const file = await main.exportJudgements({ sessionId });
    downloadJson(file, judgementsFileName(file.session.title, file.exportedAt));
  };

  return (
    <section aria-labelledby={headingId} className="results-block moderation">
      <h2 id={headingId}>{t('results.moderation')}</h2>
      <p className="muted small">{t('results.moderationHint')}</p>
      <div className="actions">
        <button type="button" onClick={() => void download()}>
          {t('moderation.export')}
        </button>
        <ImportJudgements />
      </div>
    </section>
  );
}
