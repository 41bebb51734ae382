import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { swedishGrades } from '../../../shared/contracts/cj';
import { JudgeName, SessionSettings } from '../../../shared/contracts/judging';
import { batchDetail } from '../../../shared/db/queries';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';
import { essayName } from '../../../shared/files';

/** Starting a CJ session for a spellchecked batch: judges, anchors, scale, target and budget. */
export function SessionSetup({ batchId }: { batchId: string }) {
  const t = useT();
  const { main, navigate, setJudge } = useUi();
  const detail = useLiveQuery(() => batchDetail(db, batchId), [batchId]);
  const judges = useLiveQuery(() => db.judges.orderBy('name').toArray(), []);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [newJudge, setNewJudge] = useState('');
  const [anchors, setAnchors] = useState<Record<string, string>>({});
  const [custom, setCustom] = useState<string | null>(null);
  const [target, setTarget] = useState('0.8');
  const [budget, setBudget] = useState('20');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!detail || !judges) return null;

  const essays = detail.essays.filter((e) => e.state === 'spellchecked');
  const scale = custom === null ? swedishGrades : custom.split(',').map((g) => g.trim()).filter(Boolean);

  const addJudge = async (): Promise<void> => {
    const name = JudgeName.safeParse(newJudge);
    if (!name.success || !main) return;
    const { judgeId } = await main.createJudge({ name: name.data });
    setChosen((c) => [...c, judgeId]);
    setNewJudge('');
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!main) return;
    if (!chosen.length) return setError(t('session.error.judges'));
    const settings = SessionSettings.safeParse({
      batchId,
      title: title.trim() || detail.batch.title,
      judgeIds: chosen,
      anchors: Object.entries(anchors)
        .filter(([, grade]) => grade && scale.includes(grade))
        .map(([essayId, grade]) => ({ essayId, grade })),
      scale,
      targetReliability: Number(target.replace(',', '.')),
      budgetPerScript: Number(budget),
    });
    if (!settings.success) {
      const scaleWrong = settings.error.issues.some((issue) => issue.path[0] === 'scale');
      return setError(t(scaleWrong ? 'session.error.scale' : 'session.error.numbers'));
    }
    setBusy(true);
    try {
      const created = await main.createSession(settings.data);
      if (created.outcome === 'rejected') return setError(t(`session.error.${created.code}`));
      setJudge(chosen[0]);
      navigate({ name: 'judge', sessionId: created.sessionId });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="session-title" className="session-setup">
      <a className="back" href={`#/batch/${encodeURIComponent(batchId)}`}>
        {t('essay.back')}
      </a>
      <h1 id="session-title">{t('session.title')}</h1>
      <p className="muted">{detail.batch.title}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field narrow">
          <span>{t('session.field.title')}</span>
          <input name="title" value={title} placeholder={detail.batch.title} onChange={(e) => setTitle(e.target.value)} />
        </label>

        <fieldset className="field">
          <legend>{t('session.judges')}</legend>
          <p className="muted small">{t('session.judgesHint')}</p>
          {judges.map((judge) => (
            <label key={judge.id} className="radio">
              <input
                type="checkbox"
                checked={chosen.includes(judge.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, judge.id] : c.filter((id) => id !== judge.id)))}
              />
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
          <table className="table">
            <tbody>
              {essays.map((essay) => (
                <tr key={essay.id}>
                  <th scope="row">{essayName(essay)}</th>
                  <td>
                    <select
                      aria-label={t('session.anchorFor', { file: essayName(essay) })}
                      value={anchors[essay.id] ?? ''}
                      onChange={(e) => setAnchors((a) => ({ ...a, [essay.id]: e.target.value }))}
                    >
                      <option value="">{t('session.noAnchor')}</option>
                      {scale.map((grade) => (
                        <option key={grade} value={grade}>
                          {grade}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>

        <div className="actions">
          <label className="field inline">
            <span>{t('session.target')}</span>
            <input name="target" inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} size={5} />
          </label>
          <label className="field inline">
            <span>{t('session.budget')}</span>
            <input name="budget" type="number" min={3} max={40} value={budget} onChange={(e) => setBudget(e.target.value)} />
          </label>
        </div>

        {error && (
          <p role="alert" className="error">
            {error}
          </p>
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
