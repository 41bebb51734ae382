/**
 * Messages cross the test bridge as JSON (Playwright bindings and
 * page.evaluate), so bytes travel as base64. The page side has its own copy
 * of these two functions inside its init script.
 */
export function encodeWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeWire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeWire(v)]));
  return value;
}

export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (value && typeof value === 'object') {
    if ('__bytes' in value) return new Uint8Array(Buffer.from((value as { __bytes: string }).__bytes, 'base64'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeWire(v)]));
  }
  return value;
}
