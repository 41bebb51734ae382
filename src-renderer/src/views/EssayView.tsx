import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { essaySpelling, type EssaySpelling } from '../../../shared/db/queries';
import { countsAsError, correctedText, effectiveFindings, findingsPer100Words, segments, type EffectiveFinding } from '../../../shared/spelling';
import { formatPer100 } from '../../../shared/i18n';
import { EssayLanguage } from '../components/EssayLanguage';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';

export function EssayView({ essayId }: { essayId: string }) {
  const t = useT();
  const found = useLiveQuery(() => essaySpelling(db, essayId), [essayId]);
  if (found === undefined) return null;
  if (found === null) return <p>{t('essay.notFound')}</p>;
  const { essay } = found;
  return (
    <article aria-labelledby="essay-title" className="essay">
      <a className="back" href={`#/batch/${encodeURIComponent(essay.batchId)}`}>
        {t('essay.back')}
      </a>
      <h1 id="essay-title">{essay.relativePath ?? essay.fileName}</h1>
      <p className="muted">
        {t('essay.words', { words: essay.words ?? 0 })}
        {essay.format ? ` · ${t('essay.format', { format: essay.format })}` : ''}
      </p>
      <p>
        <EssayLanguage batch={found.batch} essay={essay} checkedIn={found.spellcheck?.language ?? null} name={essay.relativePath ?? essay.fileName} alwaysChangeable />
      </p>
      <SpelledText found={found} />
    </article>
  );
}

function SpelledText({ found }: { found: EssaySpelling }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const [view, setView] = useState<'original' | 'corrected'>('original');
  const [selected, setSelected] = useState<string | null>(null);
  const { essay, batch, text, spellcheck, decisions } = found;
  if (text === null) return null;
  const findings = spellcheck ? effectiveFindings(spellcheck.findings, decisions, [...batch.names, ...batch.addedWords]) : [];
  const counted = findings.filter(countsAsError);
  // The spellcheck's own word count, as the batch table and the export use, so one essay shows one rate.
  const per100 = formatPer100(findingsPer100Words(spellcheck?.words ?? 0, findings), language);
  const current = findings.find((f) => f.key === selected);

  return (
    <>
      <div className="spelling-bar">
        <p role="status" data-testid="spelling-summary">
          {!spellcheck ? t('spelling.pending') : counted.length === 0 ? t('spelling.none') : t('spelling.summary', { count: counted.length, per100 })}
        </p>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('spelling.view')}</legend>
          {(['original', 'corrected'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="text-view" checked={view === v} onChange={() => setView(v)} disabled={!spellcheck} />
              {t(`spelling.view.${v}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {/* Essay text is rendered as text, never as HTML: findings are buttons around plain text. */}
      <div className="essay-text" data-testid="essay-text">
        {view === 'corrected'
          ? correctedText(text, findings)
          : segments(text, findings.filter((f) => f.status !== 'allowed')).map((part, i) =>
              typeof part === 'string' ? (
                part
              ) : (
                <button
                  key={i}
                  type="button"
                  className={`finding finding-${part.status}${part.key === selected ? ' selected' : ''}`}
                  data-finding={part.key}
                  aria-label={t('spelling.findingLabel', { text: part.text })}
                  aria-expanded={part.key === selected}
                  onClick={() => setSelected(part.key === selected ? null : part.key)}
                >
                  {part.text}
                </button>
              ),
            )}
      </div>
      {current && view === 'original' && <FindingPanel finding={current} batchId={batch.id} essayId={essay.id} onClose={() => setSelected(null)} />}
    </>
  );
}

function FindingPanel({ finding, batchId, essayId, onClose }: { finding: EffectiveFinding; batchId: string; essayId: string; onClose: () => void }) {
  const t = useT();
  const main = useUi((s) => s.main);
  if (!main) return null;
  const decide = async (decision: 'accepted' | 'ignored', replacement?: string): Promise<void> => {
    await main.decideFinding({ essayId, key: finding.key, decision, ...(replacement ? { replacement } : {}) });
    onClose();
  };
  const addWord = async (): Promise<void> => {
    await main.addWord({ batchId, word: finding.text });
    onClose();
  };
  return (
    <aside className="finding-panel" aria-labelledby="finding-title" data-testid="finding-panel">
      <h2 id="finding-title">{t('spelling.finding', { text: finding.text })}</h2>
      <p className="muted small">
        {t('spelling.foundBy', { source: t(`spelling.source.${finding.source}`) })}
      </p>
      {finding.status === 'accepted' && finding.replacement && <p>{t('spelling.status.accepted', { word: finding.replacement })}</p>}
      {finding.status === 'ignored' && <p>{t('spelling.status.ignored')}</p>}
      <h3 className="small">{t('spelling.suggestions')}</h3>
      {finding.suggestions.length === 0 ? (
        <p className="muted">{t('spelling.noSuggestions')}</p>
      ) : (
        <ul className="suggestions">
          {finding.suggestions.map((s) => (
            <li key={s}>
              <button type="button" className={s === finding.suggestions[0] ? 'primary' : undefined} onClick={() => void decide('accepted', s)}>
                {t('spelling.accept', { word: s })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" onClick={() => void decide('ignored')}>
          {t('spelling.ignore')}
        </button>
        {finding.source !== 'split-compound' && (
          <button type="button" onClick={() => void addWord()}>
            {t('spelling.addWord', { word: finding.text })}
          </button>
        )}
        <button type="button" className="link-button" onClick={onClose}>
          {t('spelling.close')}
        </button>
      </div>
    </aside>
  );
}
