import type { SecretStore } from '../core/ports';

/** Secrets in memory, lost when the process ends: the CLI host's, and tests'. */
export function memorySecrets(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
  };
}
