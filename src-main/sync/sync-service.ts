import { eventIds } from '../../shared/events/ids';
import { MAX_PAYLOAD_BYTES } from '../../shared/contracts/sync';
import { SyncToken, syncSettingsProblem, type QueueSyncResult, type SyncSettingsFields, type SyncSettingsProblem } from '../../shared/contracts/sync-store';
import type { Logger } from '../core/logger';
import { nameCandidates, type OrdinaryWord } from '../../shared/text/personal-data';
import { SecretsUnavailableError, type Clock, type IdSource, type SecretStore, type SpellcheckPort, type StorePort } from '../core/ports';
import type { Publisher } from '../core/publisher';
import { anonymise, type SyncSource } from './anonymise';
import { ordinaryWords } from './ordinary-words';
import type { SyncConnector } from './connector';
import { schoolKey, tokenSecret } from './secrets';

export interface SyncServiceDeps {
  store: StorePort;
  publisher: Publisher;
  secrets: SecretStore;
  connector: SyncConnector;
  ids: IdSource;
  clock: Clock;
  logger: Logger;
  appVersion: string;
  /** Its dictionaries decide which capitalised words are ordinary words and which are names to scrub. */
  spellcheck: SpellcheckPort;
  /** Random bytes for the school's HMAC key. Default: node:crypto. */
  randomBytes?: (size: number) => Uint8Array;
}

export type SaveSettingsResult = { outcome: 'saved' } | { outcome: 'refused'; problem: SyncSettingsProblem };

/**
 * The school's side of sync: its settings (written by event; the token and
 * the HMAC key go to the secret store), and queuing a batch: gather what the
 * app knows of it, anonymise it, and put the payload in the outbox. The
 * connector does the delivery.
 */
export class SyncService {
  constructor(private readonly deps: SyncServiceDeps) {}

  async saveSettings(request: SyncSettingsFields & { token?: string }, correlationId: string): Promise<SaveSettingsResult> {
    const { token, ...fields } = request;
    const refused = (problem: SyncSettingsProblem): SaveSettingsResult => ({ outcome: 'refused', problem });
    const problem = syncSettingsProblem(fields);
    if (problem) return refused(problem);
    const newToken = token ? token.trim() : '';
    if (newToken !== '') {
      if (!SyncToken.safeParse(newToken).success) return refused('TOKEN_INVALID');
      if (fields.schoolId === '') return refused('SCHOOL_ID_MISSING');
    }
    try {
      if (newToken !== '') await this.deps.secrets.set(tokenSecret(fields.schoolId), newToken);
      if (fields.enabled) {
        if ((await this.deps.secrets.get(tokenSecret(fields.schoolId))) === null) return refused('TOKEN_MISSING');
        // The school's key is made the first time sync is turned on, and kept from then on.
        await schoolKey(this.deps.secrets, this.deps.randomBytes);
      }
    } catch (error) {
      if (!(error instanceof SecretsUnavailableError)) throw error;
      this.deps.logger.log('error', 'sync secrets unavailable', { correlationId, code: error.code });
      return refused('SECRETS_UNAVAILABLE');
    }
    await this.deps.publisher.publish({ type: 'SyncSettingsChanged', data: fields, id: eventIds.syncSettingsChanged(this.deps.ids.uuid()), correlationId });
    this.deps.logger.log('info', 'sync settings saved', { correlationId, code: fields.enabled ? 'ENABLED' : 'DISABLED' });
    // New settings (a token, another address, sync back on): try the outbox at once.
    void this.deps.connector.trigger(correlationId, { force: true });
    return { outcome: 'saved' };
  }

  async tokenStatus(schoolId: string): Promise<{ tokenSet: boolean }> {
    if (schoolId.trim() === '') return { tokenSet: false };
    try {
      return { tokenSet: (await this.deps.secrets.get(tokenSecret(schoolId.trim()))) !== null };
    } catch {
      return { tokenSet: false };
    }
  }

  /**
   * Anonymises the batch's current results into a new outbox item. Every
   * call makes a new item with a new idempotency key: results may have
   * changed since the last time.
   */
  async queue(batchId: string, correlationId: string): Promise<QueueSyncResult> {
    const { store, logger } = this.deps;
    const settings = await store.syncSettings({});
    if (!settings?.enabled || syncSettingsProblem(settings) !== null) return { outcome: 'refused', code: 'SYNC_DISABLED' };
    const source = await store.syncSource({ batchId, withTexts: settings.sendTexts });
    if (!source) return { outcome: 'refused', code: 'NOT_FOUND' };
    let key: Uint8Array;
    try {
      key = await schoolKey(this.deps.secrets, this.deps.randomBytes);
    } catch (error) {
      if (!(error instanceof SecretsUnavailableError)) throw error;
      logger.log('error', 'sync secrets unavailable', { correlationId, batchId, code: error.code });
      return { outcome: 'refused', code: 'SECRETS_UNAVAILABLE' };
    }
    const idempotencyKey = this.deps.ids.uuid();
    let result: ReturnType<typeof anonymise>;
    try {
      const isOrdinary = await this.ordinaryWords(source, settings.sendTexts);
      result = anonymise(source, {
        isOrdinary,
        schoolId: settings.schoolId,
        sendTexts: settings.sendTexts,
        appVersion: this.deps.appVersion.slice(0, 40),
        key,
        idempotencyKey,
        now: new Date(this.deps.clock.now()),
      });
    } catch (error) {
      // The anonymiser refuses to return a payload it finds personal data in; without the dictionary, nothing is sent.
      logger.log('error', 'sync anonymisation refused', { correlationId, batchId, error });
      return { outcome: 'refused', code: 'PERSONAL_DATA' };
    }
    if (result.outcome === 'suppressed') {
      logger.log('info', 'sync suppressed a small group', { correlationId, batchId, code: result.reason, count: source.essays.length });
      return { outcome: 'suppressed', reason: result.reason };
    }
    if (Buffer.byteLength(JSON.stringify(result.payload), 'utf8') > MAX_PAYLOAD_BYTES) {
      logger.log('warn', 'sync payload too large', { correlationId, batchId, code: 'TOO_LARGE' });
      return { outcome: 'refused', code: 'TOO_LARGE' };
    }
    await this.deps.publisher.publish({ type: 'SyncQueued', data: { idempotencyKey, batchId, payload: result.payload }, id: eventIds.outboxQueued(idempotencyKey), correlationId });
    logger.log('info', 'sync queued', { correlationId, batchId, count: result.payload.pupils.length });
    void this.deps.connector.trigger(correlationId);
    return { outcome: 'queued', idempotencyKey };
  }

  /** The dictionary of the batch's language, asked about every capitalised word in the fields the anonymiser scrubs. */
  private async ordinaryWords(source: SyncSource, withTexts: boolean): Promise<OrdinaryWord> {
    const fields = [source.batch.course, source.batch.title, ...(withTexts ? source.essays.map((e) => e.text ?? '') : [])];
    const candidates = [...new Set(fields.flatMap(nameCandidates))];
    return ordinaryWords(candidates, (text) => this.deps.spellcheck.check({ text, language: source.batch.language, allowedWords: [] }));
  }
}
