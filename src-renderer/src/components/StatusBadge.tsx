import type { EssayState } from '../../../shared/contracts/domain';
import type { BatchStatus } from '../../../shared/db/queries';
import { useT } from '../i18n';

export function EssayStateBadge({ state }: { state: EssayState }) {
  const t = useT();
  return <span className={`badge badge-${state}`}>{t(`essay.state.${state}`)}</span>;
}

/**
 * A batch's status. A done batch with rejected files says how many: the
 * status follows the last phase (spellcheck), which never sees the files
 * intake rejected.
 */
export function BatchStatusBadge({ status, rejected }: { status: BatchStatus; rejected: number }) {
  const t = useT();
  if ((status === 'completed' || status === 'completed_with_failures') && rejected > 0) {
    return (
      <span className="badge badge-batch-completed_with_failures">
        {rejected === 1 ? t('batch.status.doneWithRejected.one') : t('batch.status.doneWithRejected', { count: rejected })}
      </span>
    );
  }
  return <span className={`badge badge-batch-${status}`}>{t(`batch.status.${status}`)}</span>;
}
