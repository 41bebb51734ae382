import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { LABELS } from '../../../shared/ai-judge/request';
import { aiEndpointProblem, type AiProfile } from '../../../shared/contracts/ai-judge';
import { JudgeName } from '../../../shared/contracts/domain';
import type { AiConnectionResult } from '../../../shared/contracts/main/ai-judge';
import { formatNumber } from '../../../shared/i18n';
import { numberError, parseNumber, type NumberRule } from '../../../shared/numbers';
import type { MainClient } from '../bridge';
import { db } from '../db';
import { useT } from '../i18n';
import { useUi } from '../state';

/** The bounds AiProfileFields holds for the price. */
const PRICE: NumberRule = { min: 0, max: 100_000 };

type TestRequest = Parameters<MainClient['testAiConnection']>[0];
type Message = { kind: 'ok' | 'error'; text: string };

/** What the form holds: the profile's fields as typed (the key is separate: write-only). */
interface Draft {
  id?: string;
  name: string;
  baseUrl: string;
  model: string;
  price: string;
}

/**
 * The settings page's AI judge profiles: the list, a form to add or change
 * one (its API key is write-only, like the sync token), deleting with a
 * confirmation, and "Testa anslutningen". Main keeps the keys; the profiles
 * themselves come from the store.
 */
export function AiProfiles() {
  const t = useT();
  const main = useUi((s) => s.main);
  const language = useUi((s) => s.language);
  const profiles = useLiveQuery(() => db.aiProfiles.toArray().then((all) => all.sort((a, b) => a.name.localeCompare(b.name))), []);
  const [keys, setKeys] = useState<Record<string, boolean>>({});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<AiProfile | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  // Whether a key is stored, asked again whenever a profile is saved (a key changes only with a save).
  const signature = profiles?.map((p) => `${p.id}@${p.updatedAt}`).join('|') ?? '';
  useEffect(() => {
    let current = true;
    void main?.listAiProfiles({}).then(({ profiles: listed }) => current && setKeys(Object.fromEntries(listed.map((p) => [p.id, p.apiKeySet]))));
    return () => {
      current = false;
    };
  }, [main, signature]);

  const remove = async (profile: AiProfile): Promise<void> => {
    if (!main) return;
    await main.deleteAiProfile({ profileId: profile.id });
    setDeleting(null);
    if (draft?.id === profile.id) setDraft(null);
    setMessage({ kind: 'ok', text: t('ai.profiles.deleted', { name: profile.name }) });
  };

  const edit = (profile: AiProfile | null): void => {
    setMessage(null);
    setDeleting(null);
    setDraft(
      profile
        ? { id: profile.id, name: profile.name, baseUrl: profile.baseUrl, model: profile.model, price: profile.pricePerMillionTokens === null ? '' : formatNumber(profile.pricePerMillionTokens, decimals(profile.pricePerMillionTokens), language) }
        : { name: '', baseUrl: '', model: '', price: '' },
    );
  };

  if (!profiles) return null;
  const saved = draft?.id ? profiles.find((p) => p.id === draft.id) : undefined;
  return (
    <section className="ai-profiles" aria-labelledby="ai-profiles-heading" data-testid="ai-profiles">
      <h2 id="ai-profiles-heading">{t('ai.profiles.heading')}</h2>
      <p className="muted">{t('ai.profiles.intro')}</p>
      <p className="notice small" data-testid="ai-privacy">
        {t('ai.profiles.privacy')}
      </p>
      {profiles.length === 0 ? (
        <p className="muted">{t('ai.profiles.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table ai-profile-list" aria-labelledby="ai-profiles-heading">
            <thead>
              <tr>
                <th scope="col">{t('ai.profiles.col.name')}</th>
                <th scope="col">{t('ai.profiles.col.server')}</th>
                <th scope="col">{t('ai.profiles.col.model')}</th>
                <th scope="col">{t('ai.profiles.col.key')}</th>
                <th scope="col" className="num">
                  {t('ai.profiles.col.price')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('ai.profiles.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {profiles.map((profile) => (
                <ProfileRow key={profile.id} profile={profile} keySet={keys[profile.id]} onEdit={() => edit(profile)} onDelete={() => setDeleting(profile)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <section role="alertdialog" aria-labelledby="ai-delete-title" aria-describedby="ai-delete-what" className="danger-zone confirm">
          <h3 id="ai-delete-title">{t('ai.profiles.deleteTitle', { name: deleting.name })}</h3>
          <p id="ai-delete-what">{t('ai.profiles.deleteWhat')}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void remove(deleting)}>
              {t('ai.profiles.deleteConfirm')}
            </button>
            <button type="button" onClick={() => setDeleting(null)} autoFocus>
              {t('ai.profiles.deleteCancel')}
            </button>
          </div>
        </section>
      )}
      {draft ? (
        <AiProfileForm
          key={draft.id ?? 'new'}
          initial={draft}
          saved={saved}
          keySet={saved ? keys[saved.id] : undefined}
          onDone={(text) => {
            setDraft(null);
            setMessage({ kind: 'ok', text });
          }}
          onCancel={() => setDraft(null)}
        />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => edit(null)}>
            {t('ai.profiles.add')}
          </button>
        </div>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind} data-testid="ai-profiles-message">
          {message.text}
        </p>
      )}
    </section>
  );
}

/** As many decimals as the price has, up to four: 0,5 stays 0,5 and 12 stays 12. */
function decimals(value: number): number {
  for (let d = 0; d < 4; d++) if (Number(value.toFixed(d)) === value) return d;
  return 4;
}

function ProfileRow({ profile, keySet, onEdit, onDelete }: { profile: AiProfile; keySet: boolean | undefined; onEdit(): void; onDelete(): void }) {
  const t = useT();
  const language = useUi((s) => s.language);
  const price = profile.pricePerMillionTokens;
  return (
    <tr data-profile-id={profile.id}>
      <th scope="row">{profile.name}</th>
      <td className="ai-server">{profile.baseUrl}</td>
      <td>{profile.model}</td>
      <td data-testid="ai-key-state">{keySet === undefined ? '' : t(keySet ? 'ai.profiles.keySet' : 'ai.profiles.keyUnset')}</td>
      <td className="num">{price === null ? '–' : formatNumber(price, decimals(price), language)}</td>
      <td>
        <div className="actions">
          <button type="button" onClick={onEdit} aria-label={t('ai.profiles.editLabel', { name: profile.name })}>
            {t('ai.profiles.edit')}
          </button>
          <button type="button" className="danger" onClick={onDelete} aria-label={t('ai.profiles.deleteLabel', { name: profile.name })}>
            {t('ai.profiles.delete')}
          </button>
        </div>
        <TestConnection request={() => ({ profileId: profile.id })} label={t('ai.profiles.testLabel', { name: profile.name })} />
      </td>
    </tr>
  );
}

/** Adding or changing a profile. The key field is write-only: empty keeps a stored key, and removing it is its own choice. */
function AiProfileForm({ initial, saved, keySet, onDone, onCancel }: { initial: Draft; saved: AiProfile | undefined; keySet: boolean | undefined; onDone(text: string): void; onCancel(): void }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const language = useUi((s) => s.language);
  const [form, setForm] = useState(initial);
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = (key: keyof Omit<Draft, 'id'>, value: string): void => {
    setForm((f) => ({ ...f, [key]: value }));
    setError(null);
  };
  const refused = (reason: string) => setError(t('ai.profiles.refused', { reason }));

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!main) return;
    // The same checks main makes, to answer at once; main checks again.
    const name = JudgeName.safeParse(form.name);
    if (!name.success) return refused(t('ai.profiles.problem.NAME'));
    const problem = aiEndpointProblem(form.baseUrl);
    if (problem) return refused(t(`ai.endpoint.${problem}`));
    if (!form.model.trim()) return refused(t('ai.profiles.problem.MODEL'));
    const price = form.price.trim() ? parseNumber(form.price, PRICE) : null;
    if (price && !price.ok) return refused(numberError(language, t('ai.profiles.col.price'), price.reason, PRICE));
    const key = apiKey.trim() ? { apiKey: apiKey.trim() } : removeKey ? { apiKey: '' } : {};
    setSaving(true);
    try {
      const result = await main.saveAiProfile({
        ...(form.id ? { id: form.id } : {}),
        name: name.data,
        baseUrl: form.baseUrl.trim(),
        model: form.model.trim(),
        pricePerMillionTokens: price ? price.value : null,
        ...key,
      });
      if (result.outcome === 'refused') {
        const reason =
          result.problem === 'SECRETS_UNAVAILABLE'
            ? `${t('ai.profiles.problem.SECRETS_UNAVAILABLE')} ${t('secrets.keyringHelp')}`
            : result.problem === 'NO_SUCH_PROFILE'
              ? t('ai.profiles.problem.NO_SUCH_PROFILE')
              : t(`ai.endpoint.${result.problem}`);
        return refused(reason);
      }
      setApiKey('');
      onDone(t('ai.profiles.saved', { name: name.data }));
    } finally {
      setSaving(false);
    }
  };

  /** The saved profile while its address, model and key are as saved; otherwise the fields being typed. */
  const testRequest = (): TestRequest | string => {
    const baseUrl = form.baseUrl.trim();
    const model = form.model.trim();
    if (saved && !apiKey.trim() && !removeKey && baseUrl === saved.baseUrl && model === saved.model) return { profileId: saved.id };
    if (!baseUrl || !model) return t('ai.test.missing');
    return { baseUrl, model, ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}) };
  };

  return (
    <form className="narrow ai-profile-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="ai-form-heading">
      <h3 id="ai-form-heading">{saved ? t('ai.profiles.formEdit', { name: saved.name }) : t('ai.profiles.formNew')}</h3>
      <div className="field">
        <label htmlFor="ai-name">{t('ai.field.name')}</label>
        <input id="ai-name" name="aiName" type="text" autoComplete="off" value={form.name} onChange={(e) => change('name', e.target.value)} aria-describedby="ai-name-hint" />
        <span id="ai-name-hint" className="muted small">
          {t('ai.field.nameHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="ai-base-url">{t('ai.field.baseUrl')}</label>
        <input
          id="ai-base-url"
          name="aiBaseUrl"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
          value={form.baseUrl}
          onChange={(e) => change('baseUrl', e.target.value)}
          aria-describedby="ai-base-url-hint"
        />
        <span id="ai-base-url-hint" className="muted small">
          {t('ai.field.baseUrlHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="ai-model">{t('ai.field.model')}</label>
        <input id="ai-model" name="aiModel" type="text" autoComplete="off" spellCheck={false} value={form.model} onChange={(e) => change('model', e.target.value)} aria-describedby="ai-model-hint" />
        <span id="ai-model-hint" className="muted small">
          {t('ai.field.modelHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="ai-api-key">{t('ai.field.apiKey')}</label>
        <input
          id="ai-api-key"
          name="aiApiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(e) => {
            setApiKey(e.target.value);
            if (e.target.value) setRemoveKey(false);
            setError(null);
          }}
          aria-describedby="ai-api-key-hint ai-key-state"
        />
        <span id="ai-api-key-hint" className="muted small">
          {t('ai.field.apiKeyHint')}
        </span>
        <span id="ai-key-state" className="small" data-testid="ai-key-state-form">
          {saved && keySet !== undefined ? t(keySet ? 'ai.field.apiKeySet' : 'ai.field.apiKeyUnset') : ''}
        </span>
      </div>
      {saved && keySet && (
        <label className="checkbox">
          <input type="checkbox" name="aiRemoveKey" checked={removeKey} disabled={Boolean(apiKey.trim())} onChange={(e) => setRemoveKey(e.target.checked)} />
          {t('ai.field.removeKey')}
        </label>
      )}
      <div className="field">
        <label htmlFor="ai-price">{t('ai.field.price')}</label>
        <input id="ai-price" name="aiPrice" type="text" inputMode="decimal" autoComplete="off" value={form.price} onChange={(e) => change('price', e.target.value)} aria-describedby="ai-price-hint" size={8} />
        <span id="ai-price-hint" className="muted small">
          {t('ai.field.priceHint')}
        </span>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('ai.profiles.saving') : t('ai.profiles.save')}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          {t('ai.profiles.cancel')}
        </button>
      </div>
      <TestConnection request={testRequest} />
      {error && (
        <p role="alert" className="error" data-testid="ai-profile-error">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * "Testa anslutningen": one small judgement through main; shows the model's
 * answer and the time it took, or why there was none. `request` is a
 * message instead when the fields are not filled in enough to test.
 */
function TestConnection({ request, label }: { request(): TestRequest | string; label?: string }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const language = useUi((s) => s.language);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Message | null>(null);

  const run = async (): Promise<void> => {
    if (!main) return;
    const asked = request();
    if (typeof asked === 'string') return setOutcome({ kind: 'error', text: asked });
    // The same address check main makes, without a round trip.
    const problem = 'baseUrl' in asked ? aiEndpointProblem(asked.baseUrl) : null;
    if (problem) return setOutcome({ kind: 'error', text: t('ai.test.refused', { reason: t(`ai.endpoint.${problem}`) }) });
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(describe(await main.testAiConnection(asked)));
    } finally {
      setBusy(false);
    }
  };

  const describe = (result: AiConnectionResult): Message => {
    if (result.outcome === 'refused') return { kind: 'error', text: t('ai.test.refused', { reason: t(`ai.endpoint.${result.problem}`) }) };
    const seconds = formatNumber(result.ms / 1000, 1, language);
    if (result.outcome === 'failed') return { kind: 'error', text: t('ai.test.failed', { seconds, reason: t(`ai.failure.${result.reason}`) }) };
    const { winner, reason, confidence } = result.answer;
    return { kind: 'ok', text: t('ai.test.answered', { seconds, label: LABELS[winner === 'first' ? 0 : 1], reason, confidence }) };
  };

  return (
    <div className="ai-test">
      <button type="button" onClick={() => void run()} disabled={busy} aria-busy={busy} aria-label={label}>
        {t('ai.test.button')}
      </button>
      <p role={outcome?.kind === 'error' ? 'alert' : 'status'} className={outcome ? `${outcome.kind} small` : 'small'} data-testid="ai-test-result">
        {busy ? t('ai.test.busy') : (outcome?.text ?? '')}
      </p>
    </div>
  );
}
