import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type FormEvent } from 'react';
import type { AiJudgeEstimate, AiProfile, SessionAiSettings } from '../../../shared/contracts/ai-judge';
import { GradeScale, swedishGrades } from '../../../shared/contracts/cj';
import { JudgeName, SessionSettings, type TextView } from '../../../shared/contracts/judging';
import { judgesMedianMs, sessionSetupData, type SetupEssay } from '../../../shared/db/judging-queries';
import { essayName } from '../../../shared/files';
import { formatNumber, localeOf } from '../../../shared/i18n';
import { judgingEstimate } from '../../../shared/judging';
import { numberError, parseNumber, type NumberRule } from '../../../shared/numbers';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';

/** The rules of the two number fields; SessionSettings holds the same bounds. */
const TARGET: NumberRule = { min: 0.5, max: 0.95 };
const BUDGET: NumberRule = { min: 3, max: 40, integer: true };
/** The shares of the AI's pairs that teachers can choose to judge too, to check it. */
const CHECK_SHARES = [0, 0.05, 0.1, 0.2] as const;
/** How long the AI estimate waits for the teacher to stop typing before it asks main. */
const ESTIMATE_DEBOUNCE_MS = 400;

/**
 * Starting a CJ session for a batch: judges (the teacher first), the text
 * judges see, scale, anchors, target and budget, with an estimate of the
 * work. Starting while essays are still being imported or spellchecked asks
 * first; those essays can be added to the session once ready. An AI judge
 * can judge beside the teachers or instead of them: it is started right
 * after the session is created, and nothing is sent before.
 */
export function SessionSetup({ batchId }: { batchId: string }) {
  const t = useT();
  const { main, navigate, setJudge, judgeId: savedJudge, language } = useUi();
  const data = useLiveQuery(() => sessionSetupData(db, batchId), [batchId]);
  // People only: an AI judge comes with its profile, below.
  const judges = useLiveQuery(() => db.judges.orderBy('name').filter((j) => j.kind !== 'ai').toArray(), []);
  const profiles = useLiveQuery(() => db.aiProfiles.toArray().then((all) => all.sort((a, b) => a.name.localeCompare(b.name))), []);
  const [title, setTitle] = useState('');
  /** The stored judges ticked; null until the teacher changes the ticks, when the teacher's own profile (if any) is ticked. */
  const [ticked, setTicked] = useState<string[] | null>(null);
  /** The teacher as a judge not stored yet ("Jag"): created when the session starts, under the name typed here. */
  const [me, setMe] = useState({ name: t('session.me'), on: true });
  const [newJudge, setNewJudge] = useState('');
  const [anchors, setAnchors] = useState<Record<string, string>>({});
  const [custom, setCustom] = useState<string | null>(null);
  const [textView, setTextView] = useState<TextView>('original');
  const [target, setTarget] = useState(language === 'sv' ? '0,8' : '0.8');
  const [budget, setBudget] = useState('20');
  const [ai, setAi] = useState<AiChoice>({ on: false, profileId: null, assignment: '', humanCheckShare: 0.1 });
  /** A session created whose AI judge main would not start: it stays, and the teacher is told why. */
  const [aiRefused, setAiRefused] = useState<{ sessionId: string; reason: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  const myProfile = judges?.find((j) => j.id === savedJudge) ?? judges?.find((j) => j.name === t('session.me'));
  const chosen = ticked ?? (myProfile ? [myProfile.id] : []);
  const meDraft = !myProfile && me.on && JudgeName.safeParse(me.name).success;
  const judgeCount = chosen.length + (meDraft ? 1 : 0);
  const medianMs = useLiveQuery(() => judgesMedianMs(db, chosen), [chosen.join('|')]);
  const budgetValue = parseNumber(budget, BUDGET);
  const aiProfile = ai.on ? (profiles?.find((p) => p.id === ai.profileId) ?? profiles?.[0]) : undefined;
  if (!data || !judges || !profiles) return null;

  const essays = data.ready;
  const scale = custom === null ? swedishGrades : custom.split(',').map((g) => g.trim()).filter(Boolean);
  const total = essays.length + data.notReady;
  const targetLabel = t('session.target');
  const budgetLabel = t('session.budget');

  const tick = (id: string, on: boolean) => setTicked((c) => {
    const current = c ?? chosen;
    return on ? [...current.filter((x) => x !== id), id] : current.filter((x) => x !== id);
  });

  const addJudge = async (): Promise<void> => {
    const name = JudgeName.safeParse(newJudge);
    if (!name.success || !main) return;
    const { judgeId } = await main.createJudge({ name: name.data });
    tick(judgeId, true);
    setNewJudge('');
  };

  /** Checks the form; asks first when essays are not ready yet; then starts. */
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (judgeCount === 0 && !aiProfile) return setError(t('session.error.judges'));
    const targetValue = parseNumber(target, TARGET);
    if (!targetValue.ok) return setError(numberError(language, targetLabel, targetValue.reason, TARGET));
    if (!budgetValue.ok) return setError(numberError(language, budgetLabel, budgetValue.reason, BUDGET));
    if (!GradeScale.safeParse(scale).success) return setError(t('session.error.scale'));
    // Only the question's own button starts a session on part of the batch.
    if (data.notReady > 0) return setAsking(true);
    await start(targetValue.value, budgetValue.value);
  };

  const start = async (targetReliability: number, budgetPerScript: number): Promise<void> => {
    if (!main) return;
    setBusy(true);
    try {
      // The teacher's own profile is made now, so a setup left unfinished leaves no judge behind.
      const meId = meDraft ? (await main.createJudge({ name: me.name.trim() })).judgeId : null;
      const judgeIds = meId ? [meId, ...chosen] : chosen;
      const aiSettings: SessionAiSettings | undefined = aiProfile && { profileId: aiProfile.id, assignment: ai.assignment.trim(), humanCheckShare: ai.humanCheckShare };
      const settings = SessionSettings.safeParse({
        batchId,
        title: title.trim() || data.batch.title,
        judgeIds,
        anchors: Object.entries(anchors)
          .filter(([, grade]) => grade && scale.includes(grade))
          .map(([essayId, grade]) => ({ essayId, grade })),
        scale,
        targetReliability,
        budgetPerScript,
        textView,
        ...(aiSettings ? { ai: aiSettings } : {}),
      });
      if (!settings.success) return setError(t('session.error.numbers'));
      const created = await main.createSession(settings.data);
      if (created.outcome === 'rejected') return setError(t(`session.error.${created.code}`));
      if (judgeIds.length > 0) setJudge(judgeIds[0]);
      if (aiSettings) {
        const started = await main.startAiJudge({ sessionId: created.sessionId });
        if (started.outcome === 'refused') return setAiRefused({ sessionId: created.sessionId, reason: t(`ai.start.${started.problem}`) });
      }
      navigate({ name: 'judge', sessionId: created.sessionId });
    } finally {
      setBusy(false);
    }
  };

  const onAskStart = () => {
    const targetValue = parseNumber(target, TARGET);
    if (targetValue.ok && budgetValue.ok) void start(targetValue.value, budgetValue.value);
    setAsking(false);
  };

  const chosenAnchors = essays
    .filter((e) => scale.includes(anchors[e.essay.id] ?? ''))
    .sort((a, b) => scale.indexOf(anchors[a.essay.id]) - scale.indexOf(anchors[b.essay.id]));
  const unreviewed = essays.reduce((sum, e) => sum + e.unreviewedChanges, 0);
  // The time is the teachers' (people only); the comparisons are the session's, with or without them.
  const estimate = budgetValue.ok && (judgeCount > 0 || aiProfile) ? judgingEstimate({ budgetPerScript: budgetValue.value, essays: essays.length, judges: judgeCount, medianMs: medianMs ?? null }) : null;

  return (
    <section aria-labelledby="session-title" className="session-setup">
      <a className="back" href={`#/batch/${encodeURIComponent(batchId)}`}>
        {t('essay.back')}
      </a>
      <h1 id="session-title">{t('session.title')}</h1>
      <p className="muted">{data.batch.title}</p>
      {data.notReady > 0 && (
        <p role="status" className="notice" data-testid="not-ready">
          {t('session.notReady', { notReady: data.notReady })}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field narrow">
          <span>{t('session.field.title')}</span>
          <input name="title" value={title} placeholder={data.batch.title} onChange={(e) => setTitle(e.target.value)} />
        </label>

        <fieldset className="field">
          <legend>{t('session.judges')}</legend>
          <p className="muted small">{t('session.judgesHint')}</p>
          {!myProfile && (
            <div className="judge-me" data-testid="judge-me">
              <label className="radio">
                <input type="checkbox" checked={me.on} onChange={(e) => setMe((m) => ({ ...m, on: e.target.checked }))} />
                {me.name}
              </label>
              <label className="field inline">
                <span>{t('session.meName')}</span>
                <input name="meName" value={me.name} onChange={(e) => setMe({ name: e.target.value, on: true })} aria-describedby="me-hint" />
              </label>
              <span id="me-hint" className="muted small">
                {t('session.meHint')}
              </span>
            </div>
          )}
          {[...judges].sort((a, b) => Number(b.id === myProfile?.id) - Number(a.id === myProfile?.id)).map((judge) => (
            <label key={judge.id} className="radio">
              <input type="checkbox" checked={chosen.includes(judge.id)} onChange={(e) => tick(judge.id, e.target.checked)} />
              {judge.name}
            </label>
          ))}
          <div className="actions">
            <label className="field inline">
              <span>{t('session.judgeName')}</span>
              <input
                name="judgeName"
                value={newJudge}
                onChange={(e) => setNewJudge(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void addJudge();
                  }
                }}
              />
            </label>
            <button type="button" onClick={() => void addJudge()} disabled={!newJudge.trim()}>
              {t('session.addJudge')}
            </button>
          </div>
        </fieldset>

        <AiJudgeChoice profiles={profiles} profile={aiProfile} choice={ai} onChange={(change) => setAi((a) => ({ ...a, ...change }))} />

        <fieldset className="field">
          <legend>{t('session.text')}</legend>
          {(['original', 'corrected'] as const).map((view) => (
            <label key={view} className="radio">
              <input type="radio" name="textView" checked={textView === view} onChange={() => setTextView(view)} />
              {t(`session.text.${view}`)}
            </label>
          ))}
          {textView === 'corrected' && (
            <p className="notice" data-testid="unreviewed">
              {unreviewed > 0
                ? t('session.text.unreviewed', { count: unreviewed, essays: essays.filter((e) => e.unreviewedChanges > 0).length })
                : t('session.text.unreviewedNone')}
            </p>
          )}
        </fieldset>

        <fieldset className="field">
          <legend>{t('session.scale')}</legend>
          <label className="radio">
            <input type="radio" name="scale" checked={custom === null} onChange={() => setCustom(null)} />
            {t('session.scale.swedish')}
          </label>
          <label className="radio">
            <input type="radio" name="scale" checked={custom !== null} onChange={() => setCustom('1, 2, 3, 4, 5, 6, 7, 8, 9')} />
            {t('session.scale.custom')}
          </label>
          {custom !== null && (
            <label className="field narrow">
              <span>{t('session.customScale')}</span>
              <input name="customScale" value={custom} onChange={(e) => setCustom(e.target.value)} />
            </label>
          )}
        </fieldset>

        <fieldset className="field">
          <legend>{t('session.anchors')}</legend>
          <p className="muted small">{t('session.anchorsHint')}</p>
          <p className="small-heading" id="anchors-chosen-title">
            <strong>{t('session.anchorsChosen')}</strong>
          </p>
          {chosenAnchors.length === 0 ? (
            <p className="muted small">{t('session.anchorsNone')}</p>
          ) : (
            <ol className="anchor-list" data-testid="chosen-anchors" aria-labelledby="anchors-chosen-title">
              {chosenAnchors.map(({ essay, text }) => (
                <li key={essay.id} data-grade={anchors[essay.id]}>
                  <strong>{anchors[essay.id]}</strong> {essayName(essay)}
                  <p className="preview muted small">{preview(text)}</p>
                </li>
              ))}
            </ol>
          )}
          <table className="table">
            <tbody>
              {essays.map((item) => (
                <AnchorRow key={item.essay.id} item={item} scale={scale} grade={anchors[item.essay.id] ?? ''} onGrade={(grade) => setAnchors((a) => ({ ...a, [item.essay.id]: grade }))} />
              ))}
            </tbody>
          </table>
        </fieldset>

        <div className="actions">
          <label className="field inline">
            <span>{targetLabel}</span>
            <input name="target" inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} size={5} />
          </label>
          <label className="field inline">
            <span>{budgetLabel}</span>
            <input name="budget" inputMode="numeric" value={budget} onChange={(e) => setBudget(e.target.value)} size={4} />
          </label>
        </div>

        <section className="estimate" aria-labelledby="estimate-title" data-testid="estimate">
          <h2 id="estimate-title">{t('session.estimate')}</h2>
          {estimate && budgetValue.ok ? (
            <>
              <p>{t('session.estimate.judgements', { judgements: estimate.judgements, perScript: budgetValue.value, essays: essays.length })}</p>
              {judgeCount > 0 && (
                <p>
                  {judgeCount === 1
                    ? t('session.estimate.timeOne', { minutes: estimate.minutesPerJudge })
                    : t('session.estimate.timeMany', { minutes: estimate.minutesPerJudge, judges: judgeCount })}{' '}
                  {t(estimate.measured ? 'session.estimate.measured' : 'session.estimate.assumed', { seconds: estimate.secondsPerJudgement })}
                </p>
              )}
            </>
          ) : (
            <p className="muted">{t('session.estimate.missing')}</p>
          )}
          {aiProfile && budgetValue.ok && <AiEstimate batchId={batchId} profile={aiProfile} budgetPerScript={budgetValue.value} assignment={ai.assignment.trim()} />}
        </section>

        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {aiRefused && (
          <div role="alert" className="error" data-testid="ai-start-refused">
            <p>{t('ai.setup.startRefused', { reason: aiRefused.reason })}</p>
            <a href={`#/judge/${encodeURIComponent(aiRefused.sessionId)}`}>{t('ai.setup.goToSession')}</a>
          </div>
        )}
        {asking && data.notReady > 0 && (
          <div role="alertdialog" aria-labelledby="ask-text" aria-describedby="ask-later" className="notice ask" data-testid="not-ready-ask">
            <p id="ask-text">{t('session.ask', { ready: essays.length, total, notReady: data.notReady })}</p>
            <p id="ask-later" className="muted small">
              {t('session.ask.later')}
            </p>
            <div className="actions">
              <button type="button" className="primary" onClick={onAskStart} disabled={busy || aiRefused !== null || essays.length < 2}>
                {t('session.ask.start', { ready: essays.length })}
              </button>
              <button type="button" onClick={() => setAsking(false)} autoFocus>
                {t('session.ask.wait')}
              </button>
            </div>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || aiRefused !== null || essays.length < 2}>
            {t('session.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The AI judge as chosen at set-up; `profileId` null until the teacher picks one (the first is shown). */
interface AiChoice {
  on: boolean;
  profileId: string | null;
  assignment: string;
  humanCheckShare: number;
}

/**
 * The AI judge at set-up: off until the teacher turns it on; a profile, the
 * assignment and criteria for the prompt, and the share of its pairs the
 * teachers judge too. Without a profile, the way to make one.
 */
function AiJudgeChoice({ profiles, profile, choice, onChange }: { profiles: readonly AiProfile[]; profile: AiProfile | undefined; choice: AiChoice; onChange(change: Partial<AiChoice>): void }) {
  const t = useT();
  return (
    <fieldset className="field ai-setup" data-testid="ai-setup">
      <legend>{t('ai.setup.legend')}</legend>
      <p className="muted small">{t('ai.setup.hint')}</p>
      {profiles.length === 0 ? (
        <p>
          {t('ai.setup.none')} <a href="#/settings">{t('ai.setup.createProfile')}</a>
        </p>
      ) : (
        <>
          <label className="checkbox">
            <input type="checkbox" name="aiOn" checked={choice.on} onChange={(e) => onChange({ on: e.target.checked })} />
            {t('ai.setup.on')}
          </label>
          {profile && (
            <>
              <label className="field inline">
                <span>{t('ai.setup.profile')}</span>
                <select name="aiProfile" value={profile.id} onChange={(e) => onChange({ profileId: e.target.value })}>
                  {profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <p className="muted small">{t('ai.setup.humansOptional')}</p>
              <div className="field">
                <label htmlFor="ai-assignment">{t('ai.setup.assignment')}</label>
                <textarea id="ai-assignment" name="aiAssignment" rows={5} maxLength={20_000} value={choice.assignment} onChange={(e) => onChange({ assignment: e.target.value })} aria-describedby="ai-assignment-hint" />
                <span id="ai-assignment-hint" className="muted small">
                  {t('ai.setup.assignmentHint')}
                </span>
              </div>
              <div className="field">
                <label htmlFor="ai-check-share">{t('ai.setup.share')}</label>
                <select id="ai-check-share" name="aiCheckShare" value={String(choice.humanCheckShare)} onChange={(e) => onChange({ humanCheckShare: Number(e.target.value) })} aria-describedby="ai-check-share-hint">
                  {CHECK_SHARES.map((share) => (
                    <option key={share} value={String(share)}>
                      {t('ai.setup.shareOption', { percent: Math.round(share * 100) })}
                    </option>
                  ))}
                </select>
                <span id="ai-check-share-hint" className="muted small">
                  {t('ai.setup.shareHint')}
                </span>
              </div>
            </>
          )}
        </>
      )}
    </fieldset>
  );
}

/** Before the first call: main's estimate of the AI judge's calls, tokens and (with a price) cost, asked again when the teacher stops typing. */
function AiEstimate({ batchId, profile, budgetPerScript, assignment }: { batchId: string; profile: AiProfile; budgetPerScript: number; assignment: string }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const language = useUi((s) => s.language);
  const profileId = profile.id;
  const price = profile.pricePerMillionTokens;
  /** The answer for the set-up it was asked for: an answer for another set-up is not shown. */
  const [answered, setAnswered] = useState<{ asked: string; estimate: AiJudgeEstimate | null } | null>(null);
  const asked = JSON.stringify([batchId, profileId, budgetPerScript, assignment, price]);

  useEffect(() => {
    if (!main) return;
    let current = true;
    const timer = setTimeout(() => {
      void main.estimateAiJudge({ batchId, profileId, budgetPerScript, assignment }).then((estimate) => current && setAnswered({ asked, estimate }));
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [main, asked, batchId, profileId, budgetPerScript, assignment]);

  const estimate = answered?.asked === asked ? answered.estimate : undefined;

  const whole = (n: number) => new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(n);
  return (
    <div data-testid="ai-estimate" aria-live="polite">
      {estimate === undefined ? (
        <p className="muted">{t('ai.setup.estimateBusy')}</p>
      ) : estimate === null ? (
        <p className="muted">{t('ai.setup.estimateMissing')}</p>
      ) : (
        <>
          <p>{t('ai.setup.estimate', { calls: whole(estimate.calls), tokens: whole(estimate.tokens) })}</p>
          {estimate.cost !== null && price !== null && <p>{t('ai.setup.estimateCost', { cost: formatNumber(estimate.cost, 2, language), price: formatNumber(price, 2, language) })}</p>}
        </>
      )}
    </div>
  );
}

/** One essay in the anchor picker: its name, the start of its text (the whole on request), and its grade. */
function AnchorRow({ item, scale, grade, onGrade }: { item: SetupEssay; scale: readonly string[]; grade: string; onGrade(grade: string): void }) {
  const t = useT();
  const name = essayName(item.essay);
  return (
    <tr data-essay-id={item.essay.id}>
      <th scope="row">
        {name}
        <p className="preview muted small">{preview(item.text)}</p>
        <details>
          <summary>{t('session.preview')}</summary>
          <div className="essay-text">{item.text}</div>
        </details>
      </th>
      <td>
        <select aria-label={t('session.anchorFor', { file: name })} value={grade} onChange={(e) => onGrade(e.target.value)}>
          <option value="">{t('session.noAnchor')}</option>
          {scale.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}

/** The first lines of a text, cut at a word near 200 characters. */
function preview(text: string): string {
  const start = text.split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 3).join(' ');
  if (start.length <= 200) return start;
  const cut = start.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 150))} …`;
}
