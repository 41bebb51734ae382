import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { aiComparisonsOf, disagreements, humanAiAgreement, judgeFitSideBySide, orderBias, TRUST_THRESHOLD, type Disagreement } from '../../../shared/ai-judge/results';
import type { CjSession, Judgement } from '../../../shared/contracts/judging';
import { judgingText, type SessionView } from '../../../shared/db/judging-queries';
import { essayName } from '../../../shared/files';
import { formatNumber, type UiLanguage } from '../../../shared/i18n';
import { sessionTextView } from '../../../shared/judging';
import { db } from '../db';
import { useT } from '../i18n';
import { judgeLabel } from '../judges';
import { useUi } from '../state';

/** The session's AI judges: the one it was set up with, and any whose judgements it holds (from a merged file). */
function aiJudgeIds(session: Pick<CjSession, 'ai'>, judgements: readonly Judgement[]): string[] {
  return [...new Set([...(session.ai ? [session.ai.profileId] : []), ...judgements.filter((j) => j.ai).map((j) => j.judgeId)])];
}

/** A share in whole percent; with one decimal where whole percent would put it on the other side of the trust threshold (69.6% is not 70%). */
export function formatAgreementPercent(share: number, language: UiLanguage): string {
  const whole = Math.round(share * 100);
  return whole / 100 < TRUST_THRESHOLD !== share < TRUST_THRESHOLD ? formatNumber(share * 100, 1, language) : String(whole);
}

/**
 * How far to trust the session's AI judge, per AI judge: its preference for
 * the text shown first, whether it decides a pair the same both ways,
 * agreement with the teachers (95% interval) with a plain warning below 70%,
 * and the disagreements, largest θ gap first, each with both texts and the
 * AI's reason. Then every judge's infit, AI and teachers side by side. The
 * figures are the session's own fit, whichever scale the page shows.
 */
export function AiValidation({ view }: { view: SessionView }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const headingId = useId();
  const ids = aiJudgeIds(view.session, view.judgements);
  if (!ids.length) return null;
  const side = view.fit ? judgeFitSideBySide(view.fit, ids) : null;

  return (
    <section aria-labelledby={headingId} className="results-block ai-validation" data-testid="ai-validation">
      <h2 id={headingId}>{t('ai.validation.title')}</h2>
      {ids.map((id) => (
        <AiJudgeFigures key={id} view={view} judgeId={id} />
      ))}
      {side && (side.ai.length > 0 || side.human.length > 0) && (
        <>
          <h3 id={`${headingId}-infit`}>{t('ai.validation.infit')}</h3>
          <table className="table judge-stats" aria-labelledby={`${headingId}-infit`} data-testid="ai-infit">
            <thead>
              <tr>
                <th scope="col">{t('results.judge.name')}</th>
                <th scope="col">{t('ai.validation.col.kind')}</th>
                <th scope="col" className="num">
                  {t('results.judge.judgements')}
                </th>
                <th scope="col" className="num explained" title={t('results.judge.infitHelp')}>
                  {t('results.judge.infit')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...side.ai.map((stats) => ({ stats, kind: 'ai' as const })), ...side.human.map((stats) => ({ stats, kind: 'human' as const }))].map(({ stats, kind }) => (
                <tr key={stats.judgeId} data-judge-id={stats.judgeId} data-kind={kind}>
                  <th scope="row">{judgeLabel(view.judges, stats.judgeId, t)}</th>
                  <td>{t(`ai.validation.kind.${kind}`)}</td>
                  <td className="num">{stats.judgements}</td>
                  <td className="num">{formatNumber(stats.infit, 2, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function AiJudgeFigures({ view, judgeId }: { view: SessionView; judgeId: string }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const headingId = useId();
  // People's judgements and this AI judge's answers: with more than one AI judge, each is measured on its own.
  const judgements = view.judgements.filter((j) => !j.ai || j.judgeId === judgeId);
  const bias = orderBias(judgements, judgeId);
  const agreement = humanAiAgreement(judgements);
  const found = disagreements(judgements, view.fit);
  const whole = (share: number) => formatNumber(share * 100, 0, language);

  return (
    <div className="ai-judge-figures" data-judge-id={judgeId}>
      {/* Before its first start the session's AI judge has no judge profile yet: it is "the AI judge". */}
      <h3 id={headingId}>{view.judges.some((j) => j.id === judgeId) ? judgeLabel(view.judges, judgeId, t) : t('ai.progress.title')}</h3>
      <ul aria-labelledby={headingId}>
        <li data-testid="ai-first-shown">
          {bias.positionFirstShare === null
            ? t('ai.validation.firstShownNone')
            : t('ai.validation.firstShown', { percent: whole(bias.positionFirstShare), count: bias.judgements })}
        </li>
        <li data-testid="ai-order-consistency">
          {bias.orderConsistency === null
            ? t('ai.validation.consistencyNone')
            : t('ai.validation.consistency', { percent: whole(bias.orderConsistency), count: bias.pairsBothOrders })}
        </li>
        {agreement.share !== null && agreement.low !== null && agreement.high !== null && (
          <li data-testid="ai-agreement" data-share={agreement.share}>
            {t('ai.validation.agreement', {
              percent: formatAgreementPercent(agreement.share, language),
              // The interval rounded outwards, so the shown range holds the computed one.
              low: Math.floor(agreement.low * 100),
              high: Math.ceil(agreement.high * 100),
              pairs: agreement.pairs,
              comparisons: agreement.comparisons,
            })}
            <br />
            <span className="muted small">{t('ai.validation.agreementHelp')}</span>
          </li>
        )}
      </ul>
      {agreement.trust === 'untrusted' && agreement.share !== null && (
        <p role="alert" className="ai-untrusted" data-testid="ai-untrusted">
          {t('ai.trust.untrusted', { percent: formatAgreementPercent(agreement.share, language) })}
        </p>
      )}
      {agreement.trust === 'unknown' && (
        <p className="notice" data-testid="ai-unchecked">
          {t('ai.trust.unknown')}
        </p>
      )}
      {agreement.trust !== 'unknown' && <Disagreements view={view} found={found} />}
    </div>
  );
}

function Disagreements({ view, found }: { view: SessionView; found: readonly Disagreement[] }) {
  const t = useT();
  const headingId = useId();
  return (
    <>
      <h4 id={headingId}>{t('ai.validation.disagreements')}</h4>
      {found.length === 0 ? (
        <p className="muted">{t('ai.validation.disagreementsNone')}</p>
      ) : (
        <>
          <p className="muted small">{t('ai.validation.disagreementsHelp')}</p>
          <ol className="ai-disagreements" aria-labelledby={headingId} data-testid="ai-disagreements">
            {found.map((d) => (
              <DisagreementRow key={d.human.id} view={view} disagreement={d} />
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function DisagreementRow({ view, disagreement }: { view: SessionView; disagreement: Disagreement }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const [open, setOpen] = useState(false);
  const { human, ai, thetaGap } = disagreement;
  const nameOf = essayNames(view);
  return (
    <li data-testid="ai-disagreement" data-gap={thetaGap}>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('ai.validation.disagreement', { left: nameOf(human.left), right: nameOf(human.right), gap: formatNumber(thetaGap, 2, language) })}</summary>
        <p>{t('ai.validation.teacherChose', { judge: judgeLabel(view.judges, human.judgeId, t), essay: nameOf(human.winner) })}</p>
        {ai.map((answer) => (
          <div key={answer.id} className="ai-answer">
            <p>{t('ai.validation.aiChose', { essay: nameOf(answer.winner), first: nameOf(answer.left), confidence: answer.ai.confidence })}</p>
            <blockquote data-testid="ai-reason">{answer.ai.reason}</blockquote>
          </div>
        ))}
        {open && <PairTexts session={view.session} left={human.left} right={human.right} nameOf={nameOf} />}
      </details>
    </li>
  );
}

/** Both texts side by side, as the session shows them to judges: its text view, with the class list's names masked. */
function PairTexts({ session, left, right, nameOf }: { session: CjSession; left: string; right: string; nameOf: (essayId: string) => string }) {
  const t = useT();
  const mask = t('judging.hiddenName');
  const view = sessionTextView(session);
  const texts = useLiveQuery(async () => ({ left: await judgingText(db, left, view, mask), right: await judgingText(db, right, view, mask) }), [left, right, view, mask]);
  if (!texts) return <p className="muted small">{t('ai.validation.loadingTexts')}</p>;
  return (
    <div className="judging-pair ai-pair-texts">
      {([left, right] as const).map((essayId, i) => (
        <article key={essayId} className="judging-essay" aria-label={nameOf(essayId)} data-testid="ai-pair-text">
          <h5>{nameOf(essayId)}</h5>
          <div className="essay-text judging-text" tabIndex={0}>
            {(i === 0 ? texts.left : texts.right) ?? ''}
          </div>
        </article>
      ))}
    </div>
  );
}

function essayNames(view: SessionView): (essayId: string) => string {
  const essays = new Map(view.essays.map((e) => [e.id, essayName(e)]));
  return (essayId) => essays.get(essayId) ?? essayId;
}

/** An essay's row: what the AI said in each of its comparisons, opened on demand. */
export function AiComparisons({ view, essayId }: { view: SessionView; essayId: string }) {
  const t = useT();
  const comparisons = aiComparisonsOf(view.judgements, essayId);
  if (!comparisons.length) return null;
  const nameOf = essayNames(view);
  return (
    <details className="ai-comparisons" data-testid="ai-comparisons">
      <summary>
        {t('ai.comparisons.summary', { count: comparisons.length })}
        <span className="visually-hidden"> {t('ai.comparisons.for', { essay: nameOf(essayId) })}</span>
      </summary>
      <ul>
        {comparisons.map(({ judgement, other, shownFirst, won }) => (
          <li key={judgement.id}>
            {t(won ? 'ai.comparisons.won' : 'ai.comparisons.lost', { other: nameOf(other) })} (
            {shownFirst
              ? t('ai.comparisons.shownFirst', { confidence: judgement.ai.confidence })
              : t('ai.comparisons.shownSecond', { other: nameOf(other), confidence: judgement.ai.confidence })}
            ): <q>{judgement.ai.reason}</q>
          </li>
        ))}
      </ul>
    </details>
  );
}
