import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { syncSettingsProblem, type SyncSettingsFields } from '../../../shared/contracts/sync-store';
import { syncSettings } from '../../../shared/db/sync-queries';
import { AiProfiles } from '../components/AiProfiles';
import { SyncStatus } from '../components/SyncStatus';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';

/** The settings page: the school's sync settings, the outbox, and the AI judge profiles. */
export function SyncSettings() {
  const t = useT();
  const stored = useLiveQuery(() => syncSettings(db), []);
  return (
    <section aria-labelledby="settings-title" className="settings">
      <a className="back" href="#/">
        {t('batch.back')}
      </a>
      <h1 id="settings-title">{t('sync.title')}</h1>
      {stored && <SyncSettingsForm initial={stored} />}
      <SyncStatus />
      <AiProfiles />
    </section>
  );
}

function SyncSettingsForm({ initial }: { initial: SyncSettingsFields }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const [form, setForm] = useState<SyncSettingsFields>(initial);
  // Write-only: the token is sent to main once and never shown back.
  const [token, setToken] = useState('');
  const [tokenSet, setTokenSet] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const savedSchool = initial.schoolId;
  useEffect(() => {
    let current = true;
    void main?.syncTokenStatus({ schoolId: savedSchool }).then((status) => current && setTokenSet(status.tokenSet));
    return () => {
      current = false;
    };
  }, [main, savedSchool]);

  const change = <K extends keyof SyncSettingsFields>(key: K, value: SyncSettingsFields[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
    setMessage(null);
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!main) return;
    const fields = { ...form, serverUrl: form.serverUrl.trim(), schoolId: form.schoolId.trim() };
    // The same check main makes, to answer at once; main checks again.
    const problem = syncSettingsProblem(fields);
    if (problem) return setMessage({ kind: 'error', text: t('sync.refused', { reason: t(`sync.problem.${problem}`) }) });
    setSaving(true);
    try {
      const result = await main.saveSyncSettings({ ...fields, ...(token.trim() ? { token: token.trim() } : {}) });
      if (result.outcome === 'refused') {
        // Main refuses a keychain it cannot trust (none, or Linux's basic_text); say how to get one.
        const help = result.problem === 'SECRETS_UNAVAILABLE' ? ` ${t('secrets.keyringHelp')}` : '';
        return setMessage({ kind: 'error', text: t('sync.refused', { reason: t(`sync.problem.${result.problem}`) + help }) });
      }
      setToken('');
      setTokenSet((await main.syncTokenStatus({ schoolId: fields.schoolId })).tokenSet);
      setMessage({ kind: 'ok', text: t('sync.saved') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="narrow sync-settings" onSubmit={(e) => void save(e)} noValidate aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('sync.heading')}</h2>
      <p className="muted">{t('sync.intro')}</p>
      <label className="checkbox">
        <input type="checkbox" name="enabled" checked={form.enabled} onChange={(e) => change('enabled', e.target.checked)} />
        {t('sync.field.enabled')}
      </label>
      <div className="field">
        <label htmlFor="sync-server-url">{t('sync.field.serverUrl')}</label>
        <input
          id="sync-server-url"
          name="serverUrl"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
          value={form.serverUrl}
          onChange={(e) => change('serverUrl', e.target.value)}
          aria-describedby="server-url-hint"
        />
        <span id="server-url-hint" className="muted small">
          {t('sync.field.serverUrlHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="sync-school-id">{t('sync.field.schoolId')}</label>
        <input
          id="sync-school-id"
          name="schoolId"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={form.schoolId}
          onChange={(e) => change('schoolId', e.target.value)}
          aria-describedby="school-id-hint"
        />
        <span id="school-id-hint" className="muted small">
          {t('sync.field.schoolIdHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="sync-token">{t('sync.field.token')}</label>
        <input
          id="sync-token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            setMessage(null);
          }}
          aria-describedby="token-hint token-state"
        />
        <span id="token-hint" className="muted small">
          {t('sync.field.tokenHint')}
        </span>
        <span id="token-state" className="small" data-testid="token-state">
          {tokenSet === null ? '' : t(tokenSet ? 'sync.field.tokenSet' : 'sync.field.tokenUnset')}
        </span>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="sendTexts" checked={form.sendTexts} onChange={(e) => change('sendTexts', e.target.checked)} aria-describedby="send-texts-hint" />
        {t('sync.field.sendTexts')}
      </label>
      <p id="send-texts-hint" className="muted small">
        {t('sync.field.sendTextsHint')}
      </p>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('sync.saving') : t('sync.save')}
        </button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'} data-testid="settings-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
