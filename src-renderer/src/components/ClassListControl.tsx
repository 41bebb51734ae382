import { useState, type FormEvent } from 'react';
import type { Batch } from '../../../shared/contracts/domain';
import { useT } from '../i18n';
import { useClassList } from '../pupils';
import { useUi } from '../state';
import { ClassListPicker, newClassList, saveClassListChoice, type ClassListChoice } from './ClassListPicker';

/**
 * The batch's class list as the header shows it, and choosing another (or a
 * new one, or none): main matches the batch's essays to it again, keeping
 * the teacher's own choices. Not while the batch is being processed.
 */
export function ClassListControl({ batch, running }: { batch: Batch; running: boolean }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const list = useClassList(batch.classListId);
  const [editing, setEditing] = useState<ClassListChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (list === undefined) return null;

  const apply = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!main || !editing) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = await saveClassListChoice(main, editing, { className: batch.className, title: batch.title });
      if (saved === 'unreadable') return;
      await main.linkClassList({ batchId: batch.id, classListId: saved.classListId });
      setEditing(null);
    } catch (error) {
      setFailure(t('classList.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="class-list-control">
      <p>
        <span data-testid="class-list">{list ? t('classList.current', { name: list.name, count: list.pupils.length }) : t('classList.noneLinked')}</span>{' '}
        {!editing && (
          <button
            type="button"
            className="link-button"
            disabled={running}
            aria-describedby={running ? 'class-list-running' : undefined}
            onClick={() => setEditing(list ? { mode: 'saved', classListId: list.id } : newClassList)}
          >
            {t(list ? 'classList.change' : 'classList.add')}
          </button>
        )}
      </p>
      {running && (
        <p id="class-list-running" className="muted small">
          {t('classList.running')}
        </p>
      )}
      {editing && (
        <form onSubmit={(e) => void apply(e)} className="class-list-form">
          <ClassListPicker
            value={editing}
            onChange={(next) => setEditing((current) => current && (typeof next === 'function' ? next(current) : next))}
            legend={t('classList.title')}
            naming={{ className: batch.className, title: batch.title }}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || running}>
              {t('classList.apply')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('classList.cancel')}
            </button>
          </div>
        </form>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </div>
  );
}
