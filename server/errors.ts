import type { ErrorBody, ErrorCode } from './contracts';

/** Every error the receiver answers: its HTTP status and its message in Swedish and English. */
export const ERRORS: Record<ErrorCode, { status: number; sv: string; en: string }> = {
  BAD_REQUEST: { status: 400, sv: 'Förfrågan är felformad.', en: 'The request is malformed.' },
  REQUEST_TIMEOUT: { status: 408, sv: 'Förfrågan kom inte fram i tid.', en: 'The request did not arrive in time.' },
  EXPECTATION_FAILED: { status: 417, sv: 'Huvudet Expect stöds inte (bara 100-continue).', en: 'The Expect header is not supported (only 100-continue).' },
  HEADERS_TOO_LARGE: { status: 431, sv: 'Förfrågans huvuden är för stora.', en: 'The request headers are too large.' },
  UNAUTHORIZED: { status: 401, sv: 'Token saknas eller är ogiltig.', en: 'The token is missing or not valid.' },
  FORBIDDEN_SCHOOL: { status: 403, sv: 'Token hör inte till skolan i resultaten.', en: "The token does not belong to the payload's school." },
  NOT_FOUND: { status: 404, sv: 'Adressen finns inte.', en: 'No such endpoint.' },
  METHOD_NOT_ALLOWED: { status: 405, sv: 'Metoden stöds inte här.', en: 'Method not allowed here.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, sv: 'Innehållet måste vara JSON (application/json).', en: 'The body must be JSON (application/json).' },
  PAYLOAD_TOO_LARGE: { status: 413, sv: 'Resultaten är för stora.', en: 'The payload is too large.' },
  INVALID_JSON: { status: 400, sv: 'Innehållet är inte giltig JSON i UTF-8.', en: 'The body is not valid UTF-8 JSON.' },
  INVALID_PAYLOAD: { status: 400, sv: 'Resultaten följer inte formatet (SyncPayload v1).', en: 'The payload does not match the format (SyncPayload v1).' },
  INVALID_TEXT: {
    status: 400,
    sv: 'En text innehåller tecken som inte kan lagras (NUL eller ensamt surrogattecken).',
    en: 'A string holds characters that cannot be stored (NUL or a lone surrogate).',
  },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    sv: 'Huvudet Idempotency-Key saknas, är ingen UUID eller skiljer sig från resultatens idempotencyKey.',
    en: "The Idempotency-Key header is missing, not a UUID, or differs from the payload's idempotencyKey.",
  },
  INVALID_QUERY: { status: 400, sv: 'Frågan är ogiltig: ange course och term (t.ex. HT2026).', en: 'Invalid query: give course and term (e.g. HT2026).' },
  IDEMPOTENCY_KEY_CONFLICT: {
    status: 409,
    sv: 'Idempotensnyckeln används redan av en annan skola.',
    en: 'The idempotency key is already used by another school.',
  },
  PERSONAL_DATA: {
    status: 422,
    sv: 'Resultaten verkar innehålla personuppgifter (personnummer, e-post eller telefonnummer) och togs inte emot.',
    en: 'The payload seems to contain personal data (personnummer, e-mail or phone number) and was not accepted.',
  },
  RATE_LIMITED: { status: 429, sv: 'För många förfrågningar. Försök igen senare.', en: 'Too many requests. Try again later.' },
  INTERNAL: { status: 500, sv: 'Ett internt fel uppstod.', en: 'An internal error occurred.' },
};

export function errorBody(code: ErrorCode, details: Omit<ErrorBody['error'], 'code' | 'message'> = {}): ErrorBody {
  const { sv, en } = ERRORS[code];
  return { error: { code, message: { sv, en }, ...details } };
}
