import { useLiveQuery } from 'dexie-react-hooks';
import { latestFittedSession } from '../../../shared/db/judging-queries';
import { formatProbability } from '../../../shared/i18n';
import { standingGrade } from '../../../shared/judging';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';
import { PreliminaryBadge } from './PreliminaryBadge';

/** The essay's grade as the results page and the exports give it: from the batch's latest fitted session, marked preliminary while it is. */
export function EssayGrade({ essayId, batchId }: { essayId: string; batchId: string }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const latest = useLiveQuery(() => latestFittedSession(db, batchId), [batchId]);
  if (!latest) return null;
  const { session, fit, overrides } = latest;
  const item = fit.items.find((i) => i.essayId === essayId);
  if (!item) return null;
  const standing = standingGrade(item, session.scale, {
    anchor: session.anchors.find((a) => a.essayId === essayId)?.grade,
    teacher: overrides.find((o) => o.essayId === essayId)?.grade,
  });
  if (standing.grade === null) return null;
  const grade = standing.grade;
  const text =
    standing.source === 'anchor'
      ? t('essay.gradeAnchor', { grade })
      : standing.source === 'teacher'
        ? t('essay.gradeTeacher', { grade })
        : t('essay.gradeModel', { grade, probability: standing.probability === null ? '–' : formatProbability(standing.probability, language) });
  return (
    <p data-testid="essay-grade" data-grade={grade} data-preliminary={standing.preliminary}>
      <a href={`#/results/${encodeURIComponent(session.id)}`}>{text}</a>
      {standing.preliminary && <PreliminaryBadge />}
    </p>
  );
}
