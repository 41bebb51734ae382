import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SecretsUnavailableError } from '../../../src-main/core/ports';
import { fileSecrets } from '../../../src-main/secrets/index.file';
import { memorySecrets } from '../../../src-main/secrets/index.memory';
import { keychainProtects } from '../../../src-main/secrets/keychain';
import { KEY_SECRET, schoolKey, tokenSecret } from '../../../src-main/sync/secrets';

// A stand-in for Electron's safeStorage and app, so the Electron adapter runs without the Electron binary.
const electron = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret',
  userData: '',
}));
vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'userData' ? electron.userData : '') },
  safeStorage: {
    isEncryptionAvailable: () => electron.available,
    getSelectedStorageBackend: () => electron.backend,
    // A reversible scrambling that is not the plain text, as the OS keychain's encryption is not.
    encryptString: (plain: string) => Buffer.from(`enc:${Buffer.from(plain, 'utf8').reverse().toString('base64')}`),
    decryptString: (blob: Buffer) => Buffer.from(blob.toString().slice(4), 'base64').reverse().toString('utf8'),
  },
}));

const TOKEN = 'tok_3v9QmZr8Lw2Xc5Nb7Hd1Kf4Tg6Yp0Sa';
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'huledu-secrets-')), 'secrets.json');

describe('secret stores', () => {
  beforeEach(() => {
    electron.available = true;
    electron.backend = 'gnome_libsecret';
    electron.userData = mkdtempSync(join(tmpdir(), 'huledu-userdata-'));
  });

  it('keep the token per school, in memory or in a file that outlives the process', async () => {
    const memory = memorySecrets();
    await memory.set(tokenSecret('skola-1'), TOKEN);
    expect(await memory.get(tokenSecret('skola-1'))).toBe(TOKEN);
    expect(await memory.get(tokenSecret('skola-2'))).toBeNull();

    const path = tempFile();
    await fileSecrets(path).set(tokenSecret('skola-1'), TOKEN);
    await fileSecrets(path).set(tokenSecret('skola-2'), 'other-token-value-1234');
    const reopened = fileSecrets(path);
    expect(await reopened.get(tokenSecret('skola-1'))).toBe(TOKEN);
    expect(await reopened.get(tokenSecret('skola-2'))).toBe('other-token-value-1234');
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('make the school key once: 32 random bytes, the same ever after', async () => {
    const secrets = memorySecrets();
    const key = await schoolKey(secrets);
    expect(key).toHaveLength(32);
    expect(await schoolKey(secrets)).toEqual(key);
    expect(Buffer.from((await secrets.get(KEY_SECRET))!, 'base64')).toEqual(Buffer.from(key));
    expect(await schoolKey(memorySecrets())).not.toEqual(key);
  });

  it('in Electron: encrypt each value with safeStorage into a file under userData, never in plain text', async () => {
    const { electronSecrets } = await import('../../../src-main/secrets/index.electron');
    const secrets = electronSecrets();
    await secrets.set(tokenSecret('skola-1'), TOKEN);
    const key = await schoolKey(secrets);
    const file = readFileSync(join(electron.userData, 'sync-secrets.json'), 'utf8');
    expect(file).not.toContain(TOKEN);
    expect(file).not.toContain(Buffer.from(key).toString('base64'));
    expect(file).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(await electronSecrets().get(tokenSecret('skola-1'))).toBe(TOKEN);
    expect(await schoolKey(electronSecrets())).toEqual(key);
  });

  it('in Electron: refuse to store anything when the OS offers no encryption', async () => {
    const { electronSecrets } = await import('../../../src-main/secrets/index.electron');
    electron.available = false;
    const secrets = electronSecrets();
    await expect(secrets.set(tokenSecret('skola-1'), TOKEN)).rejects.toBeInstanceOf(SecretsUnavailableError);
    await expect(secrets.set(tokenSecret('skola-1'), TOKEN)).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE' });
    await expect(schoolKey(secrets)).rejects.toBeInstanceOf(SecretsUnavailableError);
    expect(() => readFileSync(join(electron.userData, 'sync-secrets.json'))).toThrow(/ENOENT/);
    // A later set after encryption came back works.
    electron.available = true;
    await secrets.set(tokenSecret('skola-1'), TOKEN);
    expect(await secrets.get(tokenSecret('skola-1'))).toBe(TOKEN);
  });

  it('count Linux\'s basic_text fallback (a password built into Chromium) as no keychain, on Linux only', () => {
    const probe = (available: boolean, backend: string) => ({ isEncryptionAvailable: () => available, getSelectedStorageBackend: () => backend });
    expect(keychainProtects(probe(true, 'gnome_libsecret'), 'linux')).toBe(true);
    expect(keychainProtects(probe(true, 'kwallet6'), 'linux')).toBe(true);
    expect(keychainProtects(probe(true, 'basic_text'), 'linux')).toBe(false);
    expect(keychainProtects(probe(false, 'gnome_libsecret'), 'linux')).toBe(false);
    expect(keychainProtects({ isEncryptionAvailable: () => true }, 'win32')).toBe(true);
    expect(keychainProtects({ isEncryptionAvailable: () => false }, 'darwin')).toBe(false);
  });

  it('in Electron on Linux: store nothing under basic_text, and say how to get a keyring', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'linux' });
    try {
      const { electronSecrets } = await import('../../../src-main/secrets/index.electron');
      electron.backend = 'basic_text';
      const secrets = electronSecrets();
      const refused = secrets.set(tokenSecret('skola-1'), TOKEN);
      await expect(refused).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE' });
      await expect(refused).rejects.toThrow(/gnome-keyring eller KWallet.*gnome-keyring or KWallet/);
      await expect(schoolKey(secrets)).rejects.toBeInstanceOf(SecretsUnavailableError);
      expect(() => readFileSync(join(electron.userData, 'sync-secrets.json'))).toThrow(/ENOENT/);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
