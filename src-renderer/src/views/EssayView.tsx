import { useLiveQuery } from 'dexie-react-hooks';
import { essayWithText } from '../../../shared/db/queries';
import { db } from '../db';
import { useT } from '../i18n';

export function EssayView({ essayId }: { essayId: string }) {
  const t = useT();
  const found = useLiveQuery(() => essayWithText(db, essayId), [essayId]);
  if (found === undefined) return null;
  if (found === null) return <p>{t('essay.notFound')}</p>;
  const { essay, text } = found;
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
      {/* Essay text is rendered as text, never as HTML. */}
      <div className="essay-text" data-testid="essay-text">
        {text}
      </div>
    </article>
  );
}
