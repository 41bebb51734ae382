import { randomBytes } from 'node:crypto';
import { SecretsUnavailableError, type SecretStore } from '../core/ports';

/**
 * The sync connector's two secrets, behind the SecretStore port: the
 * school's bearer token (one per school id) and the school's HMAC key (32
 * random bytes, made when sync is first turned on; pupils become pseudonyms
 * under it, so it never leaves the laptop). Neither is ever logged, put in an
 * event, the database, a backup or a payload.
 */

export const tokenSecret = (schoolId: string): string => `sync.token.${schoolId}`;
export const KEY_SECRET = 'sync.hmacKey';
const KEY_BYTES = 32;

/** The school's HMAC key; made (32 random bytes) and stored the first time it is needed. */
export async function schoolKey(secrets: SecretStore, random: (size: number) => Uint8Array = randomBytes): Promise<Uint8Array> {
  const stored = await secrets.get(KEY_SECRET);
  if (stored !== null) {
    const key = Buffer.from(stored, 'base64');
    // A new key would give every pupil a new pseudonym: the school's figures would count batches twice.
    if (key.length !== KEY_BYTES) throw new SecretsUnavailableError('The school key in the secret store is damaged');
    return new Uint8Array(key);
  }
  const key = random(KEY_BYTES);
  await secrets.set(KEY_SECRET, Buffer.from(key).toString('base64'));
  return new Uint8Array(key);
}
