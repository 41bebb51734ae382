import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { MIN_GROUP } from '../../../shared/contracts/sync';
import type { OutboxError, OutboxItem } from '../../../shared/contracts/sync-store';
import { localeOf, type StringKey, type UiLanguage } from '../../../shared/i18n';
import { sv } from '../../../shared/i18n/strings';
import { outboxItems, syncSettings } from '../../../shared/db/sync-queries';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';

type T = ReturnType<typeof useT>;


function time(iso: string | null, language: UiLanguage): string {
  return iso ? new Date(iso).toLocaleString(localeOf(language), { dateStyle: 'short', timeStyle: 'medium' }) : '';
}

/** Why an attempt failed: the receiver's own message in the UI language, or ours for the connector's codes. */
function reason(error: OutboxError, language: UiLanguage, t: T): string {
  if (error.message) return error.message[language];
  const key = `sync.error.${error.code}`;
  if (Object.hasOwn(sv, key)) return t(key as StringKey);
  return t('sync.error.http', { status: error.httpStatus ?? '?' });
}

function detail(item: OutboxItem, language: UiLanguage, t: T): string {
  if (item.status === 'delivered') return t(item.ack?.status === 'duplicate' ? 'sync.delivered.duplicate' : 'sync.delivered.stored', { time: time(item.deliveredAt, language) });
  if (item.status === 'rejected') return t('sync.rejected', { reason: item.lastError ? reason(item.lastError, language, t) : '' });
  if (item.attempts === 0 || !item.lastError) return t('sync.pending.first');
  return t('sync.pending.retry', { attempts: item.attempts, reason: reason(item.lastError, language, t), time: time(item.nextAttemptAt, language) });
}

/**
 * The sync outbox: what was sent, what waits (with why and when it is tried
 * next), and what the receiver refused. On a batch's page it also offers
 * "Skicka till kommunen" while sync is on.
 */
export function SyncStatus({ batchId }: { batchId?: string }) {
  const t = useT();
  const { main, language } = useUi();
  const settings = useLiveQuery(() => syncSettings(db), []);
  const items = useLiveQuery(() => outboxItems(db, batchId), [batchId]);
  const titles = useLiveQuery(async () => new Map((await db.batches.toArray()).map((b) => [b.id, b.title])), [], new Map<string, string>());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  if (settings === undefined || items === undefined) return null;
  // On a batch's page the block shows only once sync is on, or something was queued.
  if (batchId !== undefined && !settings.enabled && items.length === 0) return null;

  const send = async (): Promise<void> => {
    if (!main || batchId === undefined) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await main.queueSync({ batchId });
      if (result.outcome === 'queued') setMessage({ kind: 'ok', text: t('sync.queued') });
      else if (result.outcome === 'suppressed') setMessage({ kind: 'error', text: t('sync.suppressed', { min: MIN_GROUP }) });
      else setMessage({ kind: 'error', text: t(`sync.queueRefused.${result.code}`) });
    } finally {
      setBusy(false);
    }
  };

  const pending = items.some((item) => item.status === 'pending');
  return (
    <section className="sync-status" aria-labelledby={`sync-outbox-${batchId ?? 'all'}`}>
      <h2 id={`sync-outbox-${batchId ?? 'all'}`}>{t('sync.outbox')}</h2>
      <div className="actions">
        {batchId !== undefined && settings.enabled && (
          <button type="button" className="primary" onClick={() => void send()} disabled={busy}>
            {busy ? t('sync.sendBusy') : t('sync.send')}
          </button>
        )}
        {pending && settings.enabled && (
          <button type="button" onClick={() => void main?.retrySync({})}>
            {t('sync.retryNow')}
          </button>
        )}
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'} data-testid="sync-message">
          {message.text}
        </p>
      )}
      {pending && !settings.enabled && <p className="muted">{t('sync.off')}</p>}
      {items.length === 0 ? (
        <p className="muted">{t('sync.outboxEmpty')}</p>
      ) : (
        <table className="table outbox">
          <thead>
            <tr>
              <th scope="col">{t('sync.col.queued')}</th>
              {batchId === undefined && <th scope="col">{t('sync.col.batch')}</th>}
              <th scope="col" className="num">
                {t('sync.col.pupils')}
              </th>
              <th scope="col">{t('sync.col.status')}</th>
              <th scope="col">{t('sync.col.detail')}</th>
            </tr>
          </thead>
          <tbody aria-live="polite">
            {items.map((item) => (
              <tr key={item.id} data-outbox-id={item.id} data-status={item.status}>
                <th scope="row" className="nowrap">
                  {time(item.queuedAt, language)}
                </th>
                {batchId === undefined && (
                  <td>
                    {titles.has(item.batchId) ? <a href={`#/batch/${encodeURIComponent(item.batchId)}`}>{titles.get(item.batchId)}</a> : t('sync.unknownBatch')}
                  </td>
                )}
                <td className="num">{item.payload.pupils.length}</td>
                <td>
                  <span className={`badge badge-sync-${item.status}`}>{t(`sync.status.${item.status}`)}</span>
                </td>
                <td data-testid="outbox-detail">{detail(item, language, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
