import type { Essay } from '../../../shared/contracts/domain';
import type { Pupil } from '../../../shared/contracts/pupils';
import { essayName } from '../../../shared/files';
import { essayPupil, fullName } from '../../../shared/pupils/word-list';
import { useT } from '../i18n';

function ReviewBadge() {
  const t = useT();
  return <span className="badge badge-review">{t('pupils.review.badge')}</span>;
}

/** Who wrote an essay, where the teacher needs to know: the pupil's name, or a "Granska" badge while the match waits for the teacher. */
export function PupilLabel({ essay, pupils }: { essay: Pick<Essay, 'pupilMatch'>; pupils: readonly Pupil[] }) {
  if (essay.pupilMatch?.status === 'review') return <ReviewBadge />;
  const pupil = essayPupil(essay, pupils);
  return pupil ? <span data-testid="pupil-name">{fullName(pupil)}</span> : null;
}

/**
 * An essay as a heading or a row names it: its pupil with the file beneath,
 * or the file with a "Granska" badge while the match waits for the teacher,
 * or the file alone (no class list, or nobody on it).
 */
export function EssayTitle({ essay, pupils }: { essay: Pick<Essay, 'pupilMatch' | 'fileName' | 'relativePath'>; pupils: readonly Pupil[] | null }) {
  const pupil = pupils && essayPupil(essay, pupils);
  if (pupil) {
    return (
      <>
        <span data-testid="pupil-name">{fullName(pupil)}</span> <span className="file-name">{essayName(essay)}</span>
      </>
    );
  }
  return (
    <>
      {essayName(essay)}
      {pupils && essay.pupilMatch?.status === 'review' && (
        <>
          {' '}
          <ReviewBadge />
        </>
      )}
    </>
  );
}
