import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import type { ClassListColumns, ClassListPreview, ClassListReadResult } from '../../../shared/contracts/pupils';
import { classListError, classListLimits, parsePastedClassList } from '../../../shared/pupils/class-list';
import type { MainClient } from '../bridge';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';
import { FileButton } from './FileButton';

/** Which class list a batch gets: none, a saved one, or a new one pasted or read from a file. */
export type ClassListChoice =
  | { mode: 'none' }
  | { mode: 'saved'; classListId: string }
  | { mode: 'new'; text: string; file: { fileName: string; result: ClassListReadResult } | null; name: string };

type NewList = Extract<ClassListChoice, { mode: 'new' }>;

export const newClassList: NewList = { mode: 'new', text: '', file: null, name: '' };

/** What a new list reads as; null while nothing is pasted or chosen (a batch without pupils). */
function newListResult(choice: NewList): ClassListReadResult | null {
  if (choice.file) return choice.file.result;
  return choice.text.trim() === '' ? null : parsePastedClassList(choice.text);
}

/** The batch's class, as the list is named unless the teacher names it: what they typed, else what the file says, else the batch's title. */
export interface ListNaming {
  className: string;
  title: string;
}

function listName(choice: NewList, preview: ClassListPreview, naming: ListNaming): string {
  const name = [choice.name, naming.className, preview.className ?? '', naming.title].map((n) => n.trim()).find(Boolean);
  return (name ?? '').slice(0, 100);
}

/**
 * The class list the choice stands for, saving a new one first: its id, or
 * null for none. `unreadable` when a new list cannot be saved; the picker
 * already shows why.
 */
export async function saveClassListChoice(main: MainClient, choice: ClassListChoice, naming: ListNaming): Promise<{ classListId: string | null } | 'unreadable'> {
  if (choice.mode === 'none') return { classListId: null };
  if (choice.mode === 'saved') return { classListId: choice.classListId };
  const result = newListResult(choice);
  if (result === null) return { classListId: null };
  if (!result.ok) return 'unreadable';
  return main.saveClassList({ name: listName(choice, result.preview, naming), pupils: result.preview.pupils });
}

/**
 * Choosing a batch's class list: a saved one, or a new one pasted or read
 * from a file, previewed before it is saved. Creating a batch and changing a
 * batch's list both use it.
 */
export function ClassListPicker({
  value,
  onChange,
  legend,
  naming,
}: {
  value: ClassListChoice;
  onChange: Dispatch<SetStateAction<ClassListChoice>>;
  legend: string;
  naming: ListNaming;
}) {
  const t = useT();
  const main = useUi((s) => s.main);
  const lists = useLiveQuery(() => db.classLists.toArray(), []);
  const legendId = useId();
  const pasteId = useId();
  const hintId = useId();
  const [reading, setReading] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const result = useMemo(() => (value.mode === 'new' ? newListResult(value) : null), [value]);

  const choose = (option: string): void => {
    setFailure(null);
    onChange(option === 'none' ? { mode: 'none' } : option === 'new' ? newClassList : { mode: 'saved', classListId: option });
  };

  const readFile = async (file: File): Promise<void> => {
    if (!main) return;
    setFailure(null);
    setReading(file.name);
    try {
      // Main refuses a file this large too; this spares sending it.
      const read =
        file.size > classListLimits.maxFileBytes ? classListError('CLASS_LIST_TOO_LARGE') : await main.readClassList({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      onChange((current) => (current.mode === 'new' ? { ...current, file: { fileName: file.name, result: read } } : current));
    } catch (error) {
      setFailure(t('classList.readFailed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setReading(null);
    }
  };

  const sorted = [...(lists ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <fieldset className="field class-list-picker">
      <legend id={legendId}>{legend}</legend>
      <label className="field">
        <span>{t('classList.choose')}</span>
        <select name="classList" value={value.mode === 'saved' ? value.classListId : value.mode} onChange={(e) => choose(e.target.value)}>
          <option value="new">{t('classList.option.new')}</option>
          {sorted.map((list) => (
            <option key={list.id} value={list.id}>
              {t('classList.option.saved', { name: list.name, count: list.pupils.length })}
            </option>
          ))}
          <option value="none">{t('classList.option.none')}</option>
        </select>
      </label>
      {value.mode === 'new' && (
        <>
          {value.file ? (
            <p>
              {t('classList.fromFile', { file: value.file.fileName })}{' '}
              <button type="button" className="link-button" onClick={() => onChange({ ...value, file: null })}>
                {t('classList.pasteInstead')}
              </button>
            </p>
          ) : (
            <div className="field">
              <label id={pasteId} htmlFor={`${pasteId}-text`}>
                {t('classList.paste')}
              </label>
              {/* Named by the legend too: "Klasslista (valfri)" is what the teacher looks for. */}
              <textarea
                id={`${pasteId}-text`}
                name="names"
                value={value.text}
                onChange={(e) => onChange({ ...value, text: e.target.value })}
                aria-labelledby={`${legendId} ${pasteId}`}
                aria-describedby={hintId}
              />
              <span id={hintId} className="muted small">
                {t('create.field.namesHint')} {t('classList.pasteHint')}
              </span>
            </div>
          )}
          <div className="actions">
            <FileButton accept=".txt,.csv,.xlsx,text/plain,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onFiles={(files) => void readFile(files[0]!)}>
              {t('classList.file')}
            </FileButton>
            <span className="muted small">{t('classList.fileHint')}</span>
          </div>
          {reading && <p role="status">{t('classList.reading', { file: reading })}</p>}
          {failure && (
            <p role="alert" className="error">
              {failure}
            </p>
          )}
          {result &&
            (result.ok ? (
              <>
                <PreviewTable preview={result.preview} />
                <label className="field">
                  <span>{t('classList.name')}</span>
                  <input name="classListName" value={value.name} placeholder={listName(value, result.preview, naming)} onChange={(e) => onChange({ ...value, name: e.target.value })} />
                </label>
              </>
            ) : (
              <p role="alert" className="error" data-code={result.code}>
                {t(`classList.error.${result.code}`)}
              </p>
            ))}
        </>
      )}
    </fieldset>
  );
}

const FIELDS: readonly (keyof ClassListColumns)[] = ['fullName', 'firstName', 'lastName', 'email', 'className'];

/** What will be saved, and what was found and left out on the way. */
function PreviewTable({ preview }: { preview: ClassListPreview }) {
  const t = useT();
  const captionId = useId();
  const columns = FIELDS.flatMap((field) => {
    const header = preview.columns[field];
    return header === null ? [] : [t('classList.column', { header, field: t(`classList.field.${field}`) })];
  });
  return (
    <div className="class-list-preview" data-testid="class-list-preview">
      {preview.droppedPersonnummerColumns.length > 0 && (
        <p className="notice" data-testid="personnummer-dropped">
          {t('classList.personnummerDropped', { columns: preview.droppedPersonnummerColumns.join(', ') })}
        </p>
      )}
      <p id={captionId}>
        <strong>{preview.pupils.length === 1 ? t('classList.previewOne') : t('classList.preview', { count: preview.pupils.length })}</strong>
      </p>
      {columns.length > 0 && <p className="muted small">{t('classList.columns', { columns: columns.join(', ') })}</p>}
      {preview.skippedRows.length > 0 && <p className="muted small">{t('classList.skipped', { rows: preview.skippedRows.join(', ') })}</p>}
      {/* A long list scrolls in its own region, which the keyboard reaches too. */}
      <div className="preview-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('classList.col.firstName')}</th>
              <th scope="col">{t('classList.col.lastName')}</th>
              <th scope="col">{t('classList.col.email')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.pupils.map((pupil, i) => (
              <tr key={i}>
                <td>{pupil.firstName}</td>
                <td>{pupil.lastName}</td>
                <td>{pupil.email ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
