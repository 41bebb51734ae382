import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SecretsUnavailableError, type SecretStore } from '../core/ports';

/** How a file of secrets protects each value. */
export interface SecretCipher {
  /** False when values cannot be protected here: nothing is stored then. */
  available(): boolean;
  /** What the error says when values cannot be protected, and what to do about it. */
  unavailableMessage?: string;
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
      if (!cipher.available()) throw new SecretsUnavailableError(cipher.unavailableMessage);
      return cipher.decrypt(Buffer.from(blob, 'base64'));
    },
    set(name, value) {
      const next = writing.then(() => {
        if (!cipher.available()) throw new SecretsUnavailableError(cipher.unavailableMessage);
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
