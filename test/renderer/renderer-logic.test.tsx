import { describe, expect, it } from 'vitest';
import { intakeLimits } from '../../shared/contracts/limits';
import { readPicked } from '../../src-renderer/src/files';
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
