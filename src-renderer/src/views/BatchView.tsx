import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useState, type DragEvent } from 'react';
import type { Batch, Essay, Language } from '../../../shared/contracts/domain';
import type { Pupil } from '../../../shared/contracts/pupils';
import { batchSessions } from '../../../shared/db/judging-queries';
import { batchDetail, batchDetailTables, countStates, type BatchDetail } from '../../../shared/db/queries';
import { hasSucceeded, isSettled } from '../../../shared/lifecycle';
import { formatPer100, rejectionMessage } from '../../../shared/i18n';
import { DeleteBatch } from '../components/DeleteBatch';
import { EssayLanguage } from '../components/EssayLanguage';
import { ExportControls } from '../components/ExportControls';
import { BatchLanguageControl } from '../components/BatchLanguageControl';
import { ClassListControl } from '../components/ClassListControl';
import { FileButton } from '../components/FileButton';
import { PupilLabel } from '../components/PupilLabel';
import { PupilsPanel } from '../components/PupilsPanel';
import { BatchStatusBadge, EssayStateBadge } from '../components/StatusBadge';
import { StalledBatch } from '../components/StalledBatch';
import { SyncStatus } from '../components/SyncStatus';
import { db } from '../db';
import { fromDrop, fromInput, inParts, readPicked, type PickedFile } from '../files';
import { useT } from '../i18n';
import { useCoalescedLiveQuery } from '../live';
import { useRowWindow } from '../row-window';
import { useClassList } from '../pupils';
import { useUi } from '../state';
import { essayName } from '../../../shared/files';

export function BatchView({ batchId }: { batchId: string }) {
  const t = useT();
  const detail = useCoalescedLiveQuery<BatchDetail | null>((previous) => batchDetail(db, batchId, previous), [batchId], batchDetailTables);
  if (detail === undefined) return null;
  if (detail === null) return <p>{t('essay.notFound')}</p>;
  const { batch, essays, status, findingsPer100, checkedLanguage, languageFlags } = detail;
  const mismatched = [...languageFlags.values()].filter((f) => f === 'mismatch').length;
  const counts = countStates(essays);
  const total = essays.length - counts.expanded;
  const done = essays.filter((e) => e.state !== 'expanded' && isSettled(batch.pipeline, e)).length;
  const accepted = essays.filter((e) => hasSucceeded('intake', e)).length;

  return (
    <section aria-labelledby="batch-title">
      <a className="back" href="#/">
        {t('batch.back')}
      </a>
      <div className="section-head">
        <div>
          <h1 id="batch-title">{batch.title}</h1>
          <p className="muted">{[batch.className, batch.course].filter(Boolean).join(' · ')}</p>
          <BatchLanguageControl batch={batch} />
          <ClassListControl batch={batch} running={status === 'running'} />
        </div>
        <BatchStatusBadge status={status} rejected={counts.rejected} />
      </div>

      <StalledBatch batch={batch} essays={essays} />

      {mismatched > 0 && (
        <p role="alert" className="error" data-testid="language-mismatches">
          {t('language.mismatchCount', { count: mismatched })}
        </p>
      )}

      <ImportPanel batchId={batchId} />

      <PupilsPanel batch={batch} essays={essays} />

      <Sessions batchId={batchId} spellchecked={essays.filter((e) => e.state === 'spellchecked').length} />

      {counts.spellchecked > 0 && <ExportControls batchId={batchId} />}

      <SyncStatus batchId={batchId} />

      {total > 0 && (
        <div className="progress-block">
          <progress max={total} value={done} aria-labelledby="batch-progress" />
          <p id="batch-progress" role="status" aria-live="polite">
            {t('batch.progress', { done, total })} — {t('batch.summary', { accepted, rejected: counts.rejected })}
          </p>
        </div>
      )}

      {essays.length === 0 ? (
        <p className="empty">{t('batch.noEssays')}</p>
      ) : (
        <EssayTable batch={batch} essays={essays} findingsPer100={findingsPer100} checkedLanguage={checkedLanguage} />
      )}

      <DeleteBatch batch={batch} />
    </section>
  );
}

/** The batch's CJ sessions, and the way to start one once enough essays are spellchecked. */
function Sessions({ batchId, spellchecked }: { batchId: string; spellchecked: number }) {
  const t = useT();
  const sessions = useLiveQuery(() => batchSessions(db, batchId), [batchId]);
  return (
    <section className="sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('cj.sessions')}</h2>
      {sessions && sessions.length > 0 && (
        <ul>
          {sessions.map(({ session, judgements }) => (
            <li key={session.id}>
              <strong>{session.title}</strong> — {t(session.stop ? 'cj.state.stopped' : 'cj.state.judging')}, {t('cj.judgements', { count: judgements })}{' '}
              {!session.stop && <a href={`#/judge/${encodeURIComponent(session.id)}`}>{t('cj.judge')}</a>}{' '}
              <a href={`#/results/${encodeURIComponent(session.id)}`}>{t('cj.results')}</a>
            </li>
          ))}
        </ul>
      )}
      {spellchecked >= 2 ? (
        <a className="button primary" href={`#/new-session/${encodeURIComponent(batchId)}`}>
          {t('cj.start')}
        </a>
      ) : (
        <p className="muted">{t('cj.needSpellcheck')}</p>
      )}
    </section>
  );
}

function ImportPanel({ batchId }: { batchId: string }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const [sending, setSending] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const send = async (pick: () => Promise<PickedFile[]>): Promise<void> => {
    if (!main) return;
    setFailure(null);
    try {
      const picked = await pick();
      if (picked.length === 0) return;
      setSending(picked.length);
      for (const part of inParts(picked)) {
        const files = await readPicked(part);
        if (files.length) await main.importFiles({ batchId, files });
      }
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setSending(null);
    }
  };

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    void send(() => fromDrop(event.dataTransfer));
  };

  return (
    <div
      className={`dropzone${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2>{t('batch.import.title')}</h2>
      <p>{t('batch.import.drop')}</p>
      <p className="muted small">{t('batch.import.formats')}</p>
      <div className="actions">
        <FileButton primary multiple data-testid="import-files" onFiles={(list) => void send(async () => fromInput(list))}>
          {t('batch.import.files')}
        </FileButton>
        <FileButton data-testid="import-folder" {...{ webkitdirectory: '' }} onFiles={(list) => void send(async () => fromInput(list))}>
          {t('batch.import.folder')}
        </FileButton>
      </div>
      {sending !== null && <p role="status">{t('batch.import.sending', { count: sending })}</p>}
      {failure && (
        <p role="alert" className="error">
          {t('batch.import.failed', { reason: failure })}
        </p>
      )}
    </div>
  );
}

function EssayTable({
  batch,
  essays,
  findingsPer100,
  checkedLanguage,
}: {
  batch: Batch;
  essays: Essay[];
  findingsPer100: Map<string, number>;
  checkedLanguage: Map<string, Language>;
}) {
  const t = useT();
  const names = new Map(essays.map((e) => [e.id, e.relativePath ?? e.fileName]));
  // Without a class list there are no pupils to name, and no column for them.
  const pupils = useClassList(batch.classListId)?.pupils ?? null;
  const { ref, start, end, above, below } = useRowWindow(essays.length);
  const spacer = (height: number) =>
    height > 0 && (
      <tr data-spacer aria-hidden="true" className="spacer" style={{ height }}>
        <td colSpan={pupils ? 7 : 6} />
      </tr>
    );
  return (
    <table className="table essays" aria-rowcount={essays.length + 1}>
      <thead>
        <tr>
          <th scope="col">{t('batch.col.file')}</th>
          {pupils && <th scope="col">{t('batch.col.pupil')}</th>}
          <th scope="col">{t('batch.col.status')}</th>
          <th scope="col" className="num">
            {t('batch.col.words')}
          </th>
          <th scope="col" className="num">
            {t('batch.col.spelling')}
          </th>
          <th scope="col">{t('batch.col.note')}</th>
          <th scope="col">{t('batches.col.language')}</th>
        </tr>
      </thead>
      <tbody ref={ref}>
        {spacer(above)}
        {essays.slice(start, end).map((essay, i) => (
          <EssayRow
            key={essay.id}
            rowIndex={start + i + 2}
            batch={batch}
            essay={essay}
            per100={findingsPer100.get(essay.id)}
            checkedIn={checkedLanguage.get(essay.id) ?? null}
            pupils={pupils}
            original={essay.rejection?.duplicateOf ? names.get(essay.rejection.duplicateOf) : undefined}
          />
        ))}
        {spacer(below)}
      </tbody>
    </table>
  );
}

const EssayRow = memo(function EssayRow({
  rowIndex,
  batch,
  essay,
  original,
  per100,
  checkedIn,
  pupils,
}: {
  /** The row's place in the whole table, header first, for assistive technology while only some rows are rendered. */
  rowIndex: number;
  batch: Batch;
  essay: Essay;
  original?: string;
  per100?: number;
  checkedIn: Language | null;
  pupils: readonly Pupil[] | null;
}) {
  const t = useT();
  const language = useUi((s) => s.language);
  const name = essayName(essay);
  const note =
    essay.state === 'rejected' && essay.rejection
      ? rejectionMessage(language, essay.rejection, { original, words: essay.words })
      : essay.state === 'expanded'
        ? t('essay.archiveEntries', { count: essay.entries ?? 0 })
        : '';
  return (
    <tr aria-rowindex={rowIndex} data-essay-id={essay.id} data-state={essay.state} className={essay.parentId ? 'child' : undefined}>
      <th scope="row">
        {essay.contentHash ? <a href={`#/essay/${encodeURIComponent(essay.id)}`}>{name}</a> : name}
      </th>
      {pupils && (
        <td>
          <PupilLabel essay={essay} pupils={pupils} />
        </td>
      )}
      <td>
        <EssayStateBadge state={essay.state} />
      </td>
      <td className="num">{essay.words ?? ''}</td>
      <td className="num" data-testid="per100">
        {per100 === undefined ? '' : formatPer100(per100, language)}
      </td>
      <td className={essay.state === 'rejected' ? 'error-text' : 'muted'} data-code={essay.rejection?.code}>
        {note}
      </td>
      <td>
        <EssayLanguage batch={batch} essay={essay} checkedIn={checkedIn} name={name} />
      </td>
    </tr>
  );
});
