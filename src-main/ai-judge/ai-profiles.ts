import { aiEndpointProblem, type AiJudgeEstimate, type AiProfile, type AiProfileFields } from '../../shared/contracts/ai-judge';
import type { AiConnectionResult } from '../../shared/contracts/main/ai-judge';
import { estimateAiJudging } from '../../shared/ai-judge/estimate';
import { judgeRequestBody, maskForJudge, readAnswer } from '../../shared/ai-judge/request';
import { eventIds } from '../../shared/events/ids';
import type { Logger } from '../core/logger';
import { SecretsUnavailableError, type Clock, type IdSource, type SecretStore, type StorePort } from '../core/ports';
import type { Publisher } from '../core/publisher';
import type { ChatEndpoint, ChatPort } from './chat-client';
import type { AiJudgeTiming } from './retry-policy';

/** The secret-store name of a profile's API key. The key is never in the database, an event, a log, a backup or an export. */
export const aiKeySecret = (profileId: string): string => `ai.key.${profileId}`;

export type SaveProfileResult =
  | { outcome: 'saved'; profileId: string }
  | { outcome: 'refused'; problem: 'URL_INVALID' | 'URL_NOT_HTTPS' | 'URL_HAS_CREDENTIALS' | 'SECRETS_UNAVAILABLE' | 'NO_SUCH_PROFILE' };

/** Two short texts of plainly different quality: the connection test asks for one real judgement. */
const PROBE = {
  first: 'Jag tycker att skolan ska börja senare. Forskning visar att tonåringar sover bättre då, och elever som har sovit lär sig mer.',
  second: 'skolan borde börja sen för man e trött',
};

export interface AiProfilesDeps {
  store: StorePort;
  publisher: Publisher;
  secrets: SecretStore;
  chat: ChatPort;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  timing: AiJudgeTiming;
}

/** AI judge profiles: settings by event, keys in the secret store; the connection test; the estimate before a session. */
export class AiProfiles {
  constructor(private readonly deps: AiProfilesDeps) {}

  async list(): Promise<(AiProfile & { apiKeySet: boolean })[]> {
    const profiles = await this.deps.store.aiProfiles({});
    return Promise.all(profiles.map(async (p) => ({ ...p, apiKeySet: Boolean(await this.key(p.id).catch(() => null)) })));
  }

  async save(request: AiProfileFields & { id?: string; apiKey?: string }, correlationId: string): Promise<SaveProfileResult> {
    const { id, apiKey, ...fields } = request;
    const problem = aiEndpointProblem(fields.baseUrl);
    if (problem) return { outcome: 'refused', problem };
    const existing = id === undefined ? undefined : (await this.deps.store.aiProfiles({})).find((p) => p.id === id);
    if (id !== undefined && !existing) return { outcome: 'refused', problem: 'NO_SUCH_PROFILE' };
    const profileId = existing?.id ?? this.deps.ids.uuid();
    try {
      // '' takes the key away: the secret store has no delete, and an empty key is no key.
      if (apiKey !== undefined) await this.deps.secrets.set(aiKeySecret(profileId), apiKey.trim());
    } catch (error) {
      if (!(error instanceof SecretsUnavailableError)) throw error;
      this.deps.logger.log('error', 'ai key not stored', { correlationId, code: error.code });
      return { outcome: 'refused', problem: 'SECRETS_UNAVAILABLE' };
    }
    const now = this.deps.clock.now();
    await this.deps.publisher.publish({
      type: 'AiProfileSaved',
      data: { ...fields, baseUrl: fields.baseUrl.trim(), id: profileId, createdAt: existing?.createdAt ?? now, updatedAt: now },
      id: eventIds.aiProfileSaved(profileId, this.deps.ids.uuid()),
      correlationId,
    });
    return { outcome: 'saved', profileId };
  }

  async delete(profileId: string, correlationId: string): Promise<void> {
    await this.deps.secrets.set(aiKeySecret(profileId), '').catch(() => undefined);
    await this.deps.publisher.publish({ type: 'AiProfileDeleted', data: { profileId }, id: eventIds.aiProfileDeleted(profileId), correlationId });
  }

  /** The endpoint a saved profile calls, with its key; null for no such profile. */
  async endpoint(profileId: string): Promise<ChatEndpoint | null> {
    const profile = (await this.deps.store.aiProfiles({})).find((p) => p.id === profileId);
    if (!profile) return null;
    return { baseUrl: profile.baseUrl, model: profile.model, apiKey: (await this.key(profileId)) || null };
  }

  /**
   * "Testa anslutningen": one small judgement in the real prompt's format.
   * An answer the schema cannot read means the server ignored the schema:
   * no support for structured output.
   */
  async testConnection(endpoint: ChatEndpoint, correlationId: string): Promise<AiConnectionResult> {
    const problem = aiEndpointProblem(endpoint.baseUrl);
    if (problem) return { outcome: 'refused', problem };
    const body = judgeRequestBody({ model: endpoint.model, language: 'sv', assignment: '', ...PROBE });
    const outcome = await this.deps.chat.complete(endpoint, body, { signal: new AbortController().signal, timeoutMs: this.deps.timing.timeoutMs });
    const answer = outcome.ok ? readAnswer(outcome.content) : null;
    this.deps.logger.log('info', 'ai connection tested', { correlationId, code: answer ? 'ANSWERED' : outcome.ok ? 'no-structured-output' : outcome.reason, ms: outcome.ms });
    if (answer) return { outcome: 'answered', answer, ms: outcome.ms, tokens: outcome.tokens };
    return { outcome: 'failed', reason: outcome.ok ? 'no-structured-output' : outcome.reason, ms: outcome.ms };
  }

  /** Calls, tokens and cost for a session over the batch's ready essays; null for no such batch or profile. */
  async estimate(request: { batchId: string; profileId: string; budgetPerScript: number; assignment: string }): Promise<AiJudgeEstimate | null> {
    const profile = (await this.deps.store.aiProfiles({})).find((p) => p.id === request.profileId);
    const snapshot = await this.deps.store.batchSnapshot({ batchId: request.batchId });
    if (!profile || !snapshot) return null;
    const { batch } = snapshot;
    const texts: string[] = [];
    for (const essay of snapshot.essays) {
      if (essay.state !== 'spellchecked' || !essay.contentHash) continue;
      const text = await this.deps.store.getContent({ hash: essay.contentHash });
      if (text !== null) texts.push(maskForJudge(text, { names: batch.names, className: batch.className }, batch.language));
    }
    return estimateAiJudging({
      texts,
      budgetPerScript: request.budgetPerScript,
      language: batch.language,
      assignment: request.assignment,
      model: profile.model,
      pricePerMillionTokens: profile.pricePerMillionTokens,
    });
  }

  private key(profileId: string): Promise<string | null> {
    return this.deps.secrets.get(aiKeySecret(profileId));
  }
}
