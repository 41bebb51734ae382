import { isAbsolute, join, normalize, relative } from 'node:path';

/** The packaged renderer's address: a privileged app:// scheme, so the page never has file://'s reach. */
export const APP_URL = 'app://renderer/index.html';

/** The app's own pages are the only place a window may show. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    // Not `origin`: a custom scheme's origin is "null" for every host and scheme alike.
    return target.protocol === app.protocol && target.host === app.host;
  } catch {
    return false;
  }
}

/**
 * The file an app:// request asks for, inside the renderer's folder, or null
 * for anything else: another host or scheme, an undecodable path, a NUL, a
 * backslash, or a '..' once decoded.
 */
export function appFileFor(url: string, rendererDir: string): string | null {
  let path: string;
  try {
    const target = new URL(url);
    if (target.protocol !== 'app:' || target.host !== 'renderer') return null;
    path = decodeURIComponent(target.pathname);
  } catch {
    return null;
  }
  // Encoded dot segments and slashes survive URL parsing; a decoded '..' is a way out.
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  const file = join(rendererDir, normalize(path === '/' || path === '' ? '/index.html' : path));
  const inside = relative(rendererDir, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : null;
}

/**
 * Whether a crashed window is reloaded: yes, unless it crashed `limit` times
 * within `windowMs` already. A page that crashes as it loads (a bad store, a
 * driver fault) would otherwise reload for ever, each time telling the teacher
 * it was fixed.
 */
export function crashReloads(limit = 3, windowMs = 60_000): (now: number) => boolean {
  const crashes: number[] = [];
  return (now) => {
    while (crashes.length > 0 && now - crashes[0]! > windowMs) crashes.shift();
    crashes.push(now);
    return crashes.length <= limit;
  };
}
