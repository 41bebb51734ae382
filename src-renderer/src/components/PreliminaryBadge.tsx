import { useT } from '../i18n';

/** The mark of a model's grade that is not yet sure enough to sign, with what it means on hover. */
export function PreliminaryBadge() {
  const t = useT();
  return (
    <>
      {' '}
      <span className="badge badge-preliminary" title={t('results.preliminaryHelp')}>
        {t('results.preliminary')}
      </span>
    </>
  );
}
