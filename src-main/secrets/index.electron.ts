import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { SecretsUnavailableError, type SecretStore } from '../core/ports';
import { fileSecrets, type SecretCipher } from './index.file';
import { keychainProtects, NO_KEYCHAIN_MESSAGE } from './keychain';

/**
 * The Electron host's secret store: each secret encrypted with safeStorage
 * (the OS keychain: DPAPI on Windows, Keychain on macOS, the Secret Service
 * or KWallet on Linux), the encrypted blobs in one file in the user's data
 * folder. When the OS offers no real encryption (none, or Linux's
 * `basic_text` fallback) nothing is stored, and sync settings and AI
 * profiles are refused with a clear reason (SECRETS_UNAVAILABLE).
 */
const keychainUsable = (): boolean => keychainProtects(safeStorage, process.platform);
const safeStorageCipher: SecretCipher = {
  available: keychainUsable,
  unavailableMessage: NO_KEYCHAIN_MESSAGE,
  encrypt: (plain) => {
    if (!keychainUsable()) throw new SecretsUnavailableError(NO_KEYCHAIN_MESSAGE);
    return safeStorage.encryptString(plain);
  },
  decrypt: (blob) => safeStorage.decryptString(blob),
};

export function electronSecrets(): SecretStore {
  // Resolved on first use: safeStorage and the paths are ready once the app is.
  let store: SecretStore | null = null;
  const current = (): SecretStore => (store ??= fileSecrets(join(app.getPath('userData'), 'sync-secrets.json'), safeStorageCipher));
  return {
    get: (name) => current().get(name),
    set: (name, value) => current().set(name, value),
  };
}
