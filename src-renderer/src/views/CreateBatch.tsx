import { useState, type FormEvent } from 'react';
import { BatchDetails } from '../../../shared/contracts/domain';
import type { BatchLanguageChoice } from '../../../shared/contracts/main/batches';
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
  const [names, setNames] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const classList = names.split('\n').map((n) => n.trim()).filter(Boolean);
    const details = BatchDetails.safeParse({ title, className, course, ...language, names: classList });
    if (!details.success || !main) {
      setError(t('create.error.title'));
      return;
    }
    setBusy(true);
    try {
      const { batchId } = await main.createBatch(details.data);
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
        <label className="field">
          <span>{t('create.field.names')}</span>
          <textarea name="names" value={names} onChange={(e) => setNames(e.target.value)} aria-describedby="names-hint" />
          <span id="names-hint" className="muted small">
            {t('create.field.namesHint')}
          </span>
        </label>
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
