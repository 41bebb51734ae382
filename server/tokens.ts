import { createHash, randomBytes } from 'node:crypto';

/**
 * School tokens are 256 random bits, so a plain SHA-256 is enough to store
 * them: there is nothing to brute-force that a slow hash would protect. The
 * database holds only the hash; the token is shown once, when it is made.
 */

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  return m ? m[1] : null;
}
