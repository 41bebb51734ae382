import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EssayState } from '../../shared/contracts/domain';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { container, liveViews, root } from './live-view';
import { BatchList } from '../../src-renderer/src/views/BatchList';
import { batchRow } from '../support/batch-row';

const now = '2026-12-05T08:00:00.000Z';
liveViews();

beforeEach(async () => {
  await db.delete();
  await db.open();
  useUi.setState({ main: null, language: 'sv' });
});

/** A batch whose intake and spellcheck are done, with essays in the given states. */
async function doneBatch(id: string, title: string, states: EssayState[]): Promise<void> {
  await db.batches.put(
    batchRow({
      id,
      title,
      className: '9B',
      course: 'Svenska',
      createdAt: now,
      nextSeq: states.length,
      phases: { intake: { run: 1, status: 'done', startedAt: now }, spellcheck: { run: 1, status: 'done', startedAt: now } },
    }),
  );
  const rejected = states.filter((s) => s === 'rejected').length;
  const spellchecked = states.length - rejected;
  const counts = (failed: number, total: number) => ({ total, pending: 0, succeeded: total - failed, failed });
  await db.phaseOutcomes.bulkPut([
    { batchId: id, phase: 'intake', run: 1, outcome: rejected ? 'completed_with_failures' : 'completed', counts: counts(rejected, states.length), completedAt: now },
    // The spellcheck step never sees the rejected files, so it completes cleanly.
    { batchId: id, phase: 'spellcheck', run: 1, outcome: 'completed', counts: counts(0, spellchecked), completedAt: now },
  ]);
  await db.essays.bulkPut(
    states.map((state, seq) => ({
      id: `${id}-${seq}`,
      batchId: id,
      seq,
      fileName: `${seq}.txt`,
      size: 10,
      state,
      ...(state === 'rejected' ? { rejection: { code: 'CORRUPT_FILE' as const } } : {}),
      receivedAt: now,
      updatedAt: now,
    })),
  );
}

const badgeOf = (title: string) =>
  [...container.querySelectorAll('tr[data-batch-id]')].find((tr) => tr.querySelector('th')?.textContent === title)?.querySelector('.badge')?.textContent;

describe('the status badge of a done batch', () => {
  it('counts the rejected files in the batch list, in Swedish and in English', async () => {
    await doneBatch('b1', 'Med avvisade', ['spellchecked', 'rejected', 'spellchecked', 'rejected']);
    await doneBatch('b2', 'En avvisad', ['spellchecked', 'rejected']);
    await doneBatch('b3', 'Alla godkända', ['spellchecked', 'spellchecked']);
    root.render(<BatchList />);
    await vi.waitFor(() => expect(badgeOf('Med avvisade')).toBe('Klar – 2 avvisade'), { timeout: 10_000 });
    expect(badgeOf('En avvisad')).toBe('Klar – 1 avvisad');
    expect(badgeOf('Alla godkända')).toBe('Klar');

    useUi.setState({ language: 'en' });
    await vi.waitFor(() => expect(badgeOf('Med avvisade')).toBe('Done – 2 rejected'), { timeout: 10_000 });
    expect(badgeOf('En avvisad')).toBe('Done – 1 rejected');
    expect(badgeOf('Alla godkända')).toBe('Done');
  });
});
