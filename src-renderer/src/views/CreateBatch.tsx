import { useState, type FormEvent } from 'react';
import { BatchDetails } from '../../../shared/contracts/domain';
import type { BatchLanguageChoice } from '../../../shared/contracts/main/batches';
import { ClassListPicker, newClassList, saveClassListChoice, type ClassListChoice } from '../components/ClassListPicker';
import { LanguageChoice } from '../components/LanguageChoice';
import { useT } from '../i18n';
import { useUi } from '../state';

export function CreateBatch() {
  const t = useT();
  const { main, navigate } = useUi();
  const [title, setTitle] = useState('');
  const [className, setClassName] = useState('');
  const [course, setCourse] = useState('');
  // Detecting per essay is the default: it is never silent, since each essay says which language it was checked in.
  const [language, setLanguage] = useState<BatchLanguageChoice>({ language: 'sv', detectPerEssay: true, englishVariant: 'both' });
  // Pasting names is where most batches start; left empty, the batch has no class list.
  const [classList, setClassList] = useState<ClassListChoice>(newClassList);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const details = BatchDetails.safeParse({ title, className, course, ...language });
    if (!details.success || !main) {
      setError(t('create.error.title'));
      return;
    }
    setBusy(true);
    try {
      // The list is saved first, so the batch is created with it; one that cannot be read says why in the picker.
      const saved = await saveClassListChoice(main, classList, { className, title });
      if (saved === 'unreadable') return;
      const { batchId } = await main.createBatch({ ...details.data, classListId: saved.classListId ?? undefined });
      navigate({ name: 'batch', batchId });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="create-title" className="narrow">
      <h1 id="create-title">{t('create.title')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>{t('create.field.title')}</span>
          <input
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('create.field.titleHint')}
            aria-invalid={error !== null}
            aria-describedby={error ? 'create-error' : undefined}
            autoFocus
          />
        </label>
        {error && (
          <p id="create-error" role="alert" className="error">
            {error}
          </p>
        )}
        <label className="field">
          <span>{t('create.field.class')}</span>
          <input name="className" value={className} onChange={(e) => setClassName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('create.field.course')}</span>
          <input name="course" value={course} onChange={(e) => setCourse(e.target.value)} />
        </label>
        <LanguageChoice value={language} onChange={setLanguage} legend={t('create.field.language')} />
        <ClassListPicker value={classList} onChange={setClassList} legend={t('create.field.names')} naming={{ className, title }} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('create.submit')}
          </button>
          <button type="button" onClick={() => navigate({ name: 'batches' })}>
            {t('create.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
