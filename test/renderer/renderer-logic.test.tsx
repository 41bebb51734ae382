import { describe, expect, it } from 'vitest';
import { intakeLimits } from '../../shared/contracts/limits';
import { fromDrop, readPicked } from '../../src-renderer/src/files';
import { hashFromRoute, routeFromHash, type Route } from '../../src-renderer/src/state';

describe('routes', () => {
  it('survive a reload: every route round-trips through the URL hash', () => {
    const routes: Route[] = [
      { name: 'batches' },
      { name: 'create' },
      { name: 'batch', batchId: '3f2a-å/ö' },
      { name: 'essay', essayId: 'abc.1' },
      { name: 'newSession', batchId: 'b/1' },
      { name: 'judge', sessionId: 's 1' },
      { name: 'results', sessionId: 's#2' },
      { name: 'settings' },
    ];
    // Every kind of route is here: a new one must be added to this list.
    expect(new Set(routes.map((r) => r.name))).toEqual(new Set<Route['name']>(['batches', 'create', 'batch', 'essay', 'newSession', 'judge', 'results', 'settings']));
    for (const route of routes) expect(routeFromHash(hashFromRoute(route))).toEqual(route);
    expect(routeFromHash('#/nonsense')).toEqual({ name: 'batches' });
  });
});

describe('reading picked files', () => {
  it('sends bytes and folder paths, skips clutter, and leaves files over the limit unread', async () => {
    const file = (name: string, content: string) => new File([content], name);
    const huge = new File([], 'film.mp4');
    Object.defineProperty(huge, 'size', { value: intakeLimits.maxFileBytes + 1 });
    const picked = await readPicked([
      { file: file('anna.txt', 'Hej på dig'), relativePath: '9B/anna.txt' },
      { file: file('.DS_Store', 'x'), relativePath: '9B/.DS_Store' },
      { file: huge, relativePath: '9B/film.mp4' },
    ]);
    expect(picked.map((p) => [p.relativePath, p.bytes && new TextDecoder().decode(p.bytes)])).toEqual([
      ['9B/anna.txt', 'Hej på dig'],
      ['9B/film.mp4', null],
    ]);
    expect(picked[1].size).toBe(intakeLimits.maxFileBytes + 1);
  });
});

describe('a drop with one unreadable file (issue #12)', () => {
  it('imports the rest and reports the unreadable one with its code', async () => {
    const good = new File(['Hej på dig'], 'anna.txt');
    const gone = new File(['x'], 'borta.txt');
    // The file was moved or locked after the drop: reading it fails.
    Object.defineProperty(gone, 'arrayBuffer', { value: () => Promise.reject(new DOMException('gone', 'NotReadableError')) });
    const picked = await readPicked([
      { file: good, relativePath: '9B/anna.txt' },
      { file: gone, relativePath: '9B/borta.txt' },
    ]);
    expect(picked.map((p) => [p.relativePath, p.bytes && new TextDecoder().decode(p.bytes), p.unreadable])).toEqual([
      ['9B/anna.txt', 'Hej på dig', undefined],
      ['9B/borta.txt', null, 'UNREADABLE_FILE'],
    ]);
  });

  it('walks a dropped folder past an entry the browser cannot open', async () => {
    const fileEntry = (name: string, open: (ok: (f: File) => void, fail: (e: Error) => void) => void) =>
      ({ name, isFile: true, isDirectory: false, file: open }) as unknown as FileSystemEntry;
    const folder = {
      name: '9B',
      isFile: false,
      isDirectory: true,
      createReader: () => {
        let given = false;
        return {
          readEntries: (ok: (entries: FileSystemEntry[]) => void) => {
            ok(given ? [] : [fileEntry('anna.txt', (done) => done(new File(['Hej'], 'anna.txt'))), fileEntry('låst.txt', (_done, fail) => fail(new DOMException('locked', 'NotReadableError')))]);
            given = true;
          },
        };
      },
    } as unknown as FileSystemEntry;
    const data = { items: [{ webkitGetAsEntry: () => folder }], files: [] } as unknown as DataTransfer;
    const picked = await readPicked(await fromDrop(data));
    expect(picked.map((p) => [p.relativePath, p.unreadable])).toEqual([
      ['9B/anna.txt', undefined],
      ['9B/låst.txt', 'UNREADABLE_FILE'],
    ]);
  });
});
