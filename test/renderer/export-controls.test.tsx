import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EssayState } from '../../shared/contracts/domain';
import { ExportControls } from '../../src-renderer/src/components/ExportControls';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { container, liveViews, root } from './live-view';
import { batchRow } from '../support/batch-row';

const now = '2026-12-05T08:00:00.000Z';
liveViews();

beforeEach(async () => {
  await db.delete();
  await db.open();
  useUi.setState({ main: null, language: 'sv' });
});

async function batchWith(states: EssayState[]): Promise<void> {
  await db.batches.put(batchRow({ id: 'b1', createdAt: now, nextSeq: states.length, phases: { intake: { run: 1, status: 'running', startedAt: now } } }));
  await db.essays.bulkPut(states.map((state, seq) => ({ id: `e${seq}`, batchId: 'b1', seq, fileName: `${seq}.txt`, size: 10, state, receivedAt: now, updatedAt: now })));
}

const notice = () => container.querySelector('[data-testid="export-partial"]')?.textContent ?? null;

describe('the export controls while a batch is still importing', () => {
  it('say how many essays an export covers, and stop saying it once every essay is done', async () => {
    // Two done, one being spellchecked, one still being read, one rejected and one unpacked archive (neither counts).
    await batchWith(['spellchecked', 'spellcheck_failed', 'spellchecking', 'extracting', 'rejected', 'expanded']);
    root.render(<ExportControls batchId="b1" />);
    await vi.waitFor(() => expect(notice()).toBe('Importen pågår: exporten gäller 2 av 4 uppsatser.'), { timeout: 10_000 });
    useUi.setState({ language: 'en' });
    await vi.waitFor(() => expect(notice()).toBe('Import in progress: the export covers 2 of 4 essays.'), { timeout: 10_000 });

    await db.essays.bulkUpdate([
      { key: 'e2', changes: { state: 'spellchecked' } },
      { key: 'e3', changes: { state: 'spellchecked' } },
    ]);
    await vi.waitFor(() => expect(notice()).toBeNull(), { timeout: 10_000 });
    expect(container.querySelector('h2')?.textContent).toBe('Export results');
  });
});
