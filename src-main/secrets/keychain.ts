/** The part of Electron's safeStorage that says whether it really encrypts; typed here so the rule is testable without Electron. */
export interface KeychainProbe {
  isEncryptionAvailable(): boolean;
  /** Linux only: which store safeStorage chose. */
  getSelectedStorageBackend?(): string;
}

/**
 * Whether safeStorage protects secrets on this machine. On Linux without a
 * keyring, Chromium falls back to `basic_text`: encryption "works" with a
 * password built into every copy of Chromium, so a secret stored that way is
 * as good as plain text. That counts as no keychain.
 */
export function keychainProtects(safeStorage: KeychainProbe, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
}

/** Why nothing is stored, and what the teacher can do about it; the error carries it to the log. */
export const NO_KEYCHAIN_MESSAGE =
  'Datorn har ingen upplåst nyckelring, så hemligheter sparas inte. Installera eller lås upp en nyckelring (till exempel gnome-keyring eller KWallet) och starta om appen. / ' +
  'This computer has no unlocked keyring, so secrets are not stored. Install or unlock a keyring (for example gnome-keyring or KWallet) and restart the app.';
