import { sep } from 'node:path';

/**
 * A packed file's path outside the asar archive. Workers are unpacked
 * (electron-builder.json, `asarUnpack`) so that a worker thread, and every
 * module it imports, loads from disk as in plain Node; outside a packed app
 * the path is unchanged.
 */
export function unpackedPath(path: string): string {
  const packed = `${sep}app.asar${sep}`;
  return path.includes(packed) ? path.replace(packed, `${sep}app.asar.unpacked${sep}`) : path;
}
