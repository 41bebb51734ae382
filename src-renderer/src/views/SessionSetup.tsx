import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { GradeScale, swedishGrades } from '../../../shared/contracts/cj';
import { JudgeName, SessionSettings, type TextView } from '../../../shared/contracts/judging';
import { judgesMedianMs, sessionSetupData, type SetupEssay } from '../../../shared/db/judging-queries';
import { essayName } from '../../../shared/files';
import { judgingEstimate } from '../../../shared/judging';
import { numberError, parseNumber, type NumberRule } from '../../../shared/numbers';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';

/** The rules of the two number fields; SessionSettings holds the same bounds. */
const TARGET: NumberRule = { min: 0.5, max: 0.95 };
const BUDGET: NumberRule = { min: 3, max: 40, integer: true };

/**
 * Starting a CJ session for a batch: judges (the teacher first), the text
 * judges see, scale, anchors, target and budget, with an estimate of the
 * work. Starting while essays are still being imported or spellchecked asks
 * first; those essays can be added to the session once ready.
 */
export function SessionSetup({ batchId }: { batchId: string }) {
  const t = useT();
  const { main, navigate, setJudge, judgeId: savedJudge, language } = useUi();
  const data = useLiveQuery(() => sessionSetupData(db, batchId), [batchId]);
  const judges = useLiveQuery(() => db.judges.orderBy('name').toArray(), []);
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
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  const myProfile = judges?.find((j) => j.id === savedJudge) ?? judges?.find((j) => j.name === t('session.me'));
  const chosen = ticked ?? (myProfile ? [myProfile.id] : []);
  const meDraft = !myProfile && me.on && JudgeName.safeParse(me.name).success;
  const judgeCount = chosen.length + (meDraft ? 1 : 0);
  const medianMs = useLiveQuery(() => judgesMedianMs(db, chosen), [chosen.join('|')]);
  if (!data || !judges) return null;

  const essays = data.ready;
  const scale = custom === null ? swedishGrades : custom.split(',').map((g) => g.trim()).filter(Boolean);
  const total = essays.length + data.notReady;
  const budgetValue = parseNumber(budget, BUDGET);
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
    if (judgeCount === 0) return setError(t('session.error.judges'));
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
      });
      if (!settings.success) return setError(t('session.error.numbers'));
      const created = await main.createSession(settings.data);
      if (created.outcome === 'rejected') return setError(t(`session.error.${created.code}`));
      setJudge(judgeIds[0]);
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
  const estimate = budgetValue.ok && judgeCount > 0 ? judgingEstimate({ budgetPerScript: budgetValue.value, essays: essays.length, judges: judgeCount, medianMs: medianMs ?? null }) : null;

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
              <p>
                {judgeCount === 1
                  ? t('session.estimate.timeOne', { minutes: estimate.minutesPerJudge })
                  : t('session.estimate.timeMany', { minutes: estimate.minutesPerJudge, judges: judgeCount })}{' '}
                {t(estimate.measured ? 'session.estimate.measured' : 'session.estimate.assumed', { seconds: estimate.secondsPerJudgement })}
              </p>
            </>
          ) : (
            <p className="muted">{t('session.estimate.missing')}</p>
          )}
        </section>

        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {asking && data.notReady > 0 && (
          <div role="alertdialog" aria-labelledby="ask-text" aria-describedby="ask-later" className="notice ask" data-testid="not-ready-ask">
            <p id="ask-text">{t('session.ask', { ready: essays.length, total, notReady: data.notReady })}</p>
            <p id="ask-later" className="muted small">
              {t('session.ask.later')}
            </p>
            <div className="actions">
              <button type="button" className="primary" onClick={onAskStart} disabled={busy || essays.length < 2}>
                {t('session.ask.start', { ready: essays.length })}
              </button>
              <button type="button" onClick={() => setAsking(false)} autoFocus>
                {t('session.ask.wait')}
              </button>
            </div>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || essays.length < 2}>
            {t('session.submit')}
          </button>
        </div>
      </form>
    </section>
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
