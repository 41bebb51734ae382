import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../core/ports';

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

/** Secrets cannot be kept safely on this machine (Electron: no OS keychain for safeStorage). */
export class SecretsUnavailableError extends Error {
  readonly code = 'SECRETS_UNAVAILABLE';
  constructor(message = 'Secrets cannot be stored safely on this computer') {
    super(message);
    this.name = 'SecretsUnavailableError';
  }
}

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

/** Secrets in memory, lost when the process ends: the CLI host's, and tests'. */
export function memorySecrets(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
  };
}

/** How a file of secrets protects each value. */
export interface SecretCipher {
  /** False when values cannot be protected here: nothing is stored then. */
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(blob: Buffer): string;
}

/** No protection at all: only for a test host's temp file. */
export const plainCipher: SecretCipher = {
  available: () => true,
  encrypt: (plain) => Buffer.from(plain, 'utf8'),
  decrypt: (blob) => blob.toString('utf8'),
};

const SecretsFile = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

/**
 * Secrets in one JSON file, each value encrypted by the cipher and stored as
 * base64. The file is written whole to a temp file and renamed over the old
 * one, readable by the user only. The Electron host uses it with
 * safeStorage as the cipher; end-to-end tests with the plain one.
 */
export function fileSecrets(path: string, cipher: SecretCipher = plainCipher): SecretStore {
  const read = (): Record<string, string> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = SecretsFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new SecretsUnavailableError('The secrets file is damaged');
    return parsed.data.secrets;
  };
  // One write at a time, so two saves cannot lose each other's value.
  let writing: Promise<void> = Promise.resolve();
  return {
    async get(name) {
      const blob = read()[name];
      if (blob === undefined) return null;
      if (!cipher.available()) throw new SecretsUnavailableError();
      return cipher.decrypt(Buffer.from(blob, 'base64'));
    },
    set(name, value) {
      const next = writing.then(() => {
        if (!cipher.available()) throw new SecretsUnavailableError();
        const secrets = { ...read(), [name]: cipher.encrypt(value).toString('base64') };
        mkdirSync(dirname(path), { recursive: true });
        const temp = `${path}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify({ version: 1, secrets }), { mode: 0o600 });
        renameSync(temp, path);
      });
      writing = next.catch(() => undefined);
      return next;
    },
  };
}
