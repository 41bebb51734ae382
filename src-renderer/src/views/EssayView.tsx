import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { essaySpelling, type EssaySpelling } from '../../../shared/db/queries';
import {
  appliedChanges,
  countsAsError,
  effectiveFindings,
  findingsPer100Words,
  isAutomaticChange,
  segments,
  type EffectiveFinding,
} from '../../../shared/spelling';
import { formatPer100 } from '../../../shared/i18n';
import type { Essay } from '../../../shared/contracts/domain';
import { EssayGrade } from '../components/EssayGrade';
import { EssayTitle } from '../components/PupilLabel';
import { EssayLanguage } from '../components/EssayLanguage';
import { db } from '../db';
import { useT } from '../i18n';
import { useClassList } from '../pupils';
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
      <EssayHeading essay={essay} classListId={found.batch.classListId} />
      <p className="muted">
        {t('essay.words', { words: essay.words ?? 0 })}
        {essay.format ? ` · ${t('essay.format', { format: essay.format })}` : ''}
      </p>
      <EssayGrade essayId={essay.id} batchId={essay.batchId} />
      <p>
        <EssayLanguage batch={found.batch} essay={essay} checkedIn={found.spellcheck?.language ?? null} name={essay.relativePath ?? essay.fileName} alwaysChangeable />
      </p>
      <SpelledText found={found} />
    </article>
  );
}

/** The pupil's name heads their essay, the file beneath; the file alone without a pupil. */
function EssayHeading({ essay, classListId }: { essay: Essay; classListId: string | undefined }) {
  const pupils = useClassList(classListId)?.pupils ?? null;
  return (
    <h1 id="essay-title">
      <EssayTitle essay={essay} pupils={pupils} />
    </h1>
  );
}

function SpelledText({ found }: { found: EssaySpelling }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const main = useUi((s) => s.main);
  const [view, setView] = useState<'original' | 'corrected'>('original');
  const [selected, setSelected] = useState<string | null>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const { essay, batch, text, spellcheck, decisions } = found;
  if (text === null) return null;
  const findings = spellcheck ? effectiveFindings(spellcheck.findings, decisions, [...batch.names, ...batch.addedWords]) : [];
  const counted = findings.filter(countsAsError);
  const automatic = findings.filter(isAutomaticChange);
  // The spellcheck's own word count, as the batch table and the export use, so one essay shows one rate.
  const per100 = formatPer100(findingsPer100Words(spellcheck?.words ?? 0, findings), language);
  const current = view === 'original' ? findings.find((f) => f.key === selected) : undefined;
  // Keeping the word as the pupil wrote it is the teacher ignoring the finding.
  const keepAsWritten = (finding: EffectiveFinding): void => void main?.decideFinding({ essayId: essay.id, key: finding.key, decision: 'ignored' });
  const findingButton = (key: string): HTMLElement | undefined =>
    [...(textRef.current?.querySelectorAll<HTMLElement>('[data-finding]') ?? [])].find((el) => el.dataset.finding === key);
  const close = (): void => {
    const key = selected;
    setSelected(null);
    if (key) findingButton(key)?.focus();
  };

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
      {automatic.length > 0 && (
        <p className="muted small" data-testid="automatic-summary">
          {t('spelling.auto.count', { count: automatic.length })}
        </p>
      )}
      {/* Essay text is rendered as text, never as HTML: findings are buttons around plain text. */}
      <div className="essay-text" data-testid="essay-text" ref={textRef}>
        {view === 'corrected'
          ? segments(text, appliedChanges(findings)).map((part, i) =>
              typeof part === 'string' ? (
                part
              ) : isAutomaticChange(part) ? (
                // An automatic change shows as a change, with its undo beside it.
                <span key={i} className="auto-change" data-auto-change={part.key}>
                  <del>{part.text}</del> <ins>{part.replacement}</ins>
                  <button type="button" className="revert" aria-label={`${t('spelling.auto.revert')}: ${part.text} → ${part.replacement}`} onClick={() => keepAsWritten(part)}>
                    {t('spelling.auto.revert')}
                  </button>
                </span>
              ) : (
                part.replacement
              ),
            )
          : segments(text, findings.filter((f) => f.status !== 'allowed')).map((part, i) =>
              typeof part === 'string' ? (
                part
              ) : (
                <button
                  key={i}
                  type="button"
                  className={`finding finding-${part.status}${isAutomaticChange(part) ? ' finding-auto' : ''}${part.key === selected ? ' selected' : ''}`}
                  data-finding={part.key}
                  aria-label={
                    isAutomaticChange(part)
                      ? t('spelling.auto.label', { from: part.text, to: part.replacement ?? '' })
                      : t('spelling.findingLabel', { text: part.text })
                  }
                  aria-expanded={part.key === selected}
                  aria-haspopup="dialog"
                  onClick={() => setSelected(part.key === selected ? null : part.key)}
                >
                  {part.text}
                  {isAutomaticChange(part) && <span className="auto-arrow"> → {part.replacement}</span>}
                </button>
              ),
            )}
      </div>
      {current && (
        <FindingPopover
          key={current.key}
          finding={current}
          batchId={batch.id}
          essayId={essay.id}
          anchor={findingButton}
          onKeepAsWritten={() => {
            keepAsWritten(current);
            close();
          }}
          onClose={close}
        />
      )}
    </>
  );
}

/** Where the popover goes: under the finding, or over it when there is no room below, and always inside the window. */
function placeBeside(anchor: DOMRect, popover: DOMRect): { top: number; left: number } {
  const margin = 8;
  const gap = 6;
  const below = anchor.bottom + gap;
  const above = anchor.top - gap - popover.height;
  const top = below + popover.height <= window.innerHeight - margin || above < margin ? below : above;
  const left = Math.min(anchor.left, window.innerWidth - popover.width - margin);
  return {
    top: Math.max(margin, Math.min(top, window.innerHeight - popover.height - margin)),
    left: Math.max(margin, left),
  };
}

/**
 * A finding's suggestions and actions, opened at the finding the teacher
 * chose. Focus moves into it, Escape closes it and focus returns to the finding.
 */
function FindingPopover({
  finding,
  batchId,
  essayId,
  anchor,
  onKeepAsWritten,
  onClose,
}: {
  finding: EffectiveFinding;
  batchId: string;
  essayId: string;
  /** The finding's button in the text, looked up when the popover is placed. */
  anchor: (key: string) => HTMLElement | undefined;
  onKeepAsWritten: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const main = useUi((s) => s.main);
  const ref = useRef<HTMLElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const automatic = isAutomaticChange(finding);
  // The latest props, for listeners that live as long as the popover.
  const latest = useRef({ anchor, onClose });
  useLayoutEffect(() => {
    latest.current = { anchor, onClose };
  });

  useLayoutEffect(() => {
    const position = (): void => {
      const target = latest.current.anchor(finding.key);
      if (target && ref.current) setPlace(placeBeside(target.getBoundingClientRect(), ref.current.getBoundingClientRect()));
    };
    position();
    window.addEventListener('resize', position);
    window.addEventListener('scroll', position, true);
    return () => {
      window.removeEventListener('resize', position);
      window.removeEventListener('scroll', position, true);
    };
  }, [finding.key]);

  const placed = place !== null;
  useEffect(() => {
    // Into the popover, on its first action (for an automatic change, keeping the word as written), once it can take focus.
    if (placed) ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [placed]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      latest.current.onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (!main) return null;
  const decide = async (decision: 'accepted' | 'ignored', replacement?: string): Promise<void> => {
    await main.decideFinding({ essayId, key: finding.key, decision, ...(replacement ? { replacement } : {}) });
    onClose();
  };
  const addWord = async (): Promise<void> => {
    await main.addWord({ batchId, word: finding.text });
    onClose();
  };
  // Hidden until measured, so it never shows in the wrong place.
  const style: CSSProperties = place ? { top: place.top, left: place.left } : { top: 0, left: 0, visibility: 'hidden' };
  return (
    <aside ref={ref} role="dialog" className="finding-panel" aria-labelledby="finding-title" data-testid="finding-panel" style={style}>
      <h2 id="finding-title">{t('spelling.finding', { text: finding.text })}</h2>
      <p className="muted small">
        {t('spelling.foundBy', { source: t(`spelling.source.${finding.source}`) })}
      </p>
      {automatic && finding.replacement && (
        <div className="actions">
          <p>{t('spelling.auto.status', { word: finding.replacement })}</p>
          <button type="button" className="primary" onClick={onKeepAsWritten}>
            {t('spelling.auto.revert')}
          </button>
        </div>
      )}
      {finding.status === 'accepted' && finding.replacement && <p>{t('spelling.status.accepted', { word: finding.replacement })}</p>}
      {finding.status === 'ignored' && <p>{t('spelling.status.ignored')}</p>}
      <h3 className="small">{t('spelling.suggestions')}</h3>
      {finding.suggestions.length === 0 ? (
        <p className="muted">{t('spelling.noSuggestions')}</p>
      ) : (
        <ul className="suggestions">
          {finding.suggestions.map((s) => (
            <li key={s}>
              <button type="button" className={!automatic && s === finding.suggestions[0] ? 'primary' : undefined} onClick={() => void decide('accepted', s)}>
                {t('spelling.accept', { word: s })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {!automatic && (
          <button type="button" onClick={() => void decide('ignored')}>
            {t('spelling.ignore')}
          </button>
        )}
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
