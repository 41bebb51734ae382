import type { EssayState } from '../../../shared/contracts/domain';
import type { BatchStatus } from '../../../shared/db/queries';
import { useT } from '../i18n';

export function EssayStateBadge({ state }: { state: EssayState }) {
  const t = useT();
  return <span className={`badge badge-${state}`}>{t(`essay.state.${state}`)}</span>;
}

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  const t = useT();
  return <span className={`badge badge-batch-${status}`}>{t(`batch.status.${status}`)}</span>;
}
