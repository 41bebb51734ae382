import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Batch, Essay } from '../../../shared/contracts/domain';
import type { MatchEvidence, Pupil } from '../../../shared/contracts/pupils';
import { essayName } from '../../../shared/files';
import { hasSucceeded } from '../../../shared/lifecycle';
import { fold, nameParts } from '../../../shared/pupils/names';
import { fullName } from '../../../shared/pupils/word-list';
import { useT } from '../i18n';
import { useClassList } from '../pupils';
import { useUi } from '../state';

type Choose = (essay: Essay, pupilId: string | null) => void;

/**
 * Who wrote each essay, for a batch with a class list: the matches that wait
 * for the teacher first, then the essays without a pupil, the essays with
 * one, and the pupils who have not handed in. Every choice is a main
 * command; what is shown is what the store holds.
 */
export function PupilsPanel({ batch, essays }: { batch: Batch; essays: readonly Essay[] }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const list = useClassList(batch.classListId);
  const headingId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const accepted = essays.filter((e) => hasSucceeded('intake', e));
  // Before the first essay is in, the whole class would be listed as not handed in.
  if (!list || accepted.length === 0) return null;

  const review = accepted.filter((e) => e.pupilMatch?.status === 'review');
  const matched = accepted.filter((e) => e.pupilMatch?.status === 'matched');
  const unmatched = accepted.filter((e) => !e.pupilMatch || e.pupilMatch.status === 'none');
  const handedIn = new Set(matched.map((e) => e.pupilMatch!.pupilId));
  const missing = list.pupils.filter((p) => !handedIn.has(p.id));

  const choose: Choose = (essay, pupilId) => {
    if (!main) return;
    setFailure(null);
    main.setEssayPupil({ batchId: batch.id, essayId: essay.id, pupilId }).catch((error: unknown) => {
      setFailure(t('pupils.failed', { reason: error instanceof Error ? error.message : String(error) }));
    });
  };

  return (
    <section className="pupils" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('pupils.title')}</h2>
      <p role="status">{t('pupils.summary', { matched: matched.length, essays: accepted.length, review: review.length })}</p>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <ReviewList essays={review} pupils={list.pupils} choose={choose} />
      {unmatched.length > 0 && (
        <section className="pupils-block">
          <h3>{t('pupils.unmatched.title')}</h3>
          <EssayPupils essays={unmatched} pupils={list.pupils} choose={choose} />
        </section>
      )}
      {matched.length > 0 && (
        <details className="pupils-block">
          <summary>
            <h3>{t('pupils.matched.title', { count: matched.length })}</h3>
          </summary>
          <EssayPupils essays={matched} pupils={list.pupils} choose={choose} />
        </details>
      )}
      <section className="pupils-block" data-testid="not-handed-in">
        <h3>{t('pupils.missing.title')}</h3>
        {missing.length === 0 ? (
          <p className="muted">{t('pupils.missing.none')}</p>
        ) : (
          <ul className="missing">
            {missing.map((pupil) => (
              <li key={pupil.id}>{fullName(pupil)}</li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/**
 * The matches that wait for the teacher, one focusable item each: 1–3 pick
 * a candidate, 0 or n nobody on the list, arrows or j/k move. A chosen essay
 * leaves the list, and the focus goes on to the one that took its place.
 */
function ReviewList({ essays, pupils, choose }: { essays: readonly Essay[]; pupils: readonly Pupil[]; choose: Choose }) {
  const t = useT();
  const items = useRef<(HTMLLIElement | null)[]>([]);
  const helpId = useId();
  const focusAfterChoice = useRef<number | null>(null);
  const ids = essays.map((e) => e.id).join('\n');

  // Before paint, so the focus never rests on the page between two essays.
  useLayoutEffect(() => {
    const index = focusAfterChoice.current;
    if (index === null) return;
    focusAfterChoice.current = null;
    items.current[Math.min(index, essays.length - 1)]?.focus();
  }, [ids, essays.length]);

  if (essays.length === 0) return <p className="muted">{t('pupils.review.none')}</p>;

  const pick = (index: number, pupilId: string | null): void => {
    focusAfterChoice.current = index;
    choose(essays[index]!, pupilId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number, candidates: readonly Candidate[]): void => {
    // A select keeps its own keys: typing a letter there finds a pupil.
    if (event.altKey || event.ctrlKey || event.metaKey || (event.target as HTMLElement).tagName === 'SELECT') return;
    const { key } = event;
    if (key === 'ArrowDown' || key === 'j') items.current[Math.min(index + 1, essays.length - 1)]?.focus();
    else if (key === 'ArrowUp' || key === 'k') items.current[Math.max(index - 1, 0)]?.focus();
    else if (/^[1-3]$/.test(key) && candidates[Number(key) - 1]) pick(index, candidates[Number(key) - 1]!.pupil.id);
    else if (key === '0' || key === 'n') pick(index, null);
    else return;
    event.preventDefault();
  };

  return (
    <section className="pupils-block">
      <h3>
        {t('pupils.review.title')} ({essays.length})
      </h3>
      <p id={helpId} className="muted small">
        {t('pupils.review.help')}
      </p>
      <ol className="review-list" data-testid="pupil-review">
        {essays.map((essay, index) => {
          const candidates = candidatesOf(essay, pupils);
          const name = essayName(essay);
          return (
            <li
              key={essay.id}
              ref={(el) => void (items.current[index] = el)}
              tabIndex={0}
              className="review-item"
              data-essay-id={essay.id}
              aria-label={name}
              aria-describedby={helpId}
              onKeyDown={(e) => onKeyDown(e, index, candidates)}
            >
              <p className="review-file">
                <span className="badge badge-review">{t('pupils.review.badge')}</span> <a href={`#/essay/${encodeURIComponent(essay.id)}`}>{name}</a>
              </p>
              <Evidence evidence={essay.pupilMatch?.evidence ?? []} names={candidates.map((c) => fullName(c.pupil))} />
              <div className="actions candidates">
                {candidates.map((candidate, i) => (
                  <button key={candidate.pupil.id} type="button" aria-keyshortcuts={String(i + 1)} onClick={() => pick(index, candidate.pupil.id)} data-pupil-id={candidate.pupil.id}>
                    <kbd>{i + 1}</kbd> {fullName(candidate.pupil)} <span className="muted">{t('pupils.confidence', { value: Math.round(candidate.confidence * 100) })}</span>
                  </button>
                ))}
                <button type="button" aria-keyshortcuts="0 n" onClick={() => pick(index, null)}>
                  <kbd>0</kbd> {t('pupils.nobody')}
                </button>
                <PupilSelect essay={essay} pupils={pupils} onPick={(pupilId) => pick(index, pupilId)} />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

interface Candidate {
  pupil: Pupil;
  confidence: number;
}

/** The match's candidates that are still on the list, best first, as the keys 1–3 number them. */
function candidatesOf(essay: Essay, pupils: readonly Pupil[]): Candidate[] {
  return (essay.pupilMatch?.candidates ?? []).flatMap(({ pupilId, confidence }) => {
    const pupil = pupils.find((p) => p.id === pupilId);
    return pupil ? [{ pupil, confidence }] : [];
  });
}

/** Where the essay names its author, the candidates' names marked: what the teacher reads to decide. */
function Evidence({ evidence, names }: { evidence: readonly MatchEvidence[]; names: readonly string[] }) {
  const t = useT();
  if (evidence.length === 0) return <p className="muted small">{t('pupils.evidence.nothing')}</p>;
  return (
    <ul className="evidence">
      {evidence.map((item, i) => (
        <li key={i} data-kind={item.kind}>
          <span className="evidence-kind">{t(`pupils.evidence.${item.kind}`)}</span>{' '}
          <q className="evidence-text">
            {markNames(item.text, names).map((part, j) => (part.mark ? <mark key={j}>{part.text}</mark> : part.text))}
          </q>
        </li>
      ))}
    </ul>
  );
}

/** A text in parts, the words of the given names marked, whatever their case or diacritics ("oberg" for Öberg), as the matcher compares them. */
function markNames(text: string, names: readonly string[]): { text: string; mark: boolean }[] {
  const words = new Set(names.flatMap(nameParts).filter((w) => w.length > 1));
  return text
    .split(/(\p{L}+)/u)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, mark: words.has(fold(part)) }));
}

/** Every pupil on the list, and nobody, for one essay; the essay's confirmed pupil is chosen. */
function PupilSelect({ essay, pupils, onPick }: { essay: Essay; pupils: readonly Pupil[]; onPick: (pupilId: string | null) => void }) {
  const t = useT();
  const match = essay.pupilMatch;
  const value = match?.status === 'matched' ? (match.pupilId ?? '') : match?.status === 'none' && match.byTeacher ? NOBODY : '';
  return (
    <select aria-label={t('pupils.pickFor', { file: essayName(essay) })} value={value} onChange={(e) => e.target.value && onPick(e.target.value === NOBODY ? null : e.target.value)}>
      {value === '' && <option value="">{t('pupils.pickPrompt')}</option>}
      {pupils.map((pupil) => (
        <option key={pupil.id} value={pupil.id}>
          {fullName(pupil)}
        </option>
      ))}
      <option value={NOBODY}>{t('pupils.nobody')}</option>
    </select>
  );
}

/** The select's value for "nobody on the list"; pupil ids are uuids, never this. */
const NOBODY = '-';

/** Essays with their pupil (or none), each changeable, and on what the link rests. */
function EssayPupils({ essays, pupils, choose }: { essays: readonly Essay[]; pupils: readonly Pupil[]; choose: Choose }) {
  const t = useT();
  return (
    <table className="table essay-pupils">
      <thead>
        <tr>
          <th scope="col">{t('pupils.col.essay')}</th>
          <th scope="col">{t('pupils.col.pupil')}</th>
          <th scope="col">{t('pupils.col.basis')}</th>
        </tr>
      </thead>
      <tbody>
        {essays.map((essay) => {
          const match = essay.pupilMatch;
          const strongest = match?.evidence[0];
          return (
            <tr key={essay.id} data-essay-id={essay.id}>
              <th scope="row">
                <a href={`#/essay/${encodeURIComponent(essay.id)}`}>{essayName(essay)}</a>
              </th>
              <td>
                <PupilSelect essay={essay} pupils={pupils} onPick={(pupilId) => choose(essay, pupilId)} />
              </td>
              <td className="muted small">
                {match?.byTeacher
                  ? t('pupils.byTeacher')
                  : match && strongest
                    ? `${t(`pupils.evidence.${strongest.kind}`)} · ${t('pupils.confidence', { value: Math.round(match.confidence * 100) })}`
                    : '–'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
