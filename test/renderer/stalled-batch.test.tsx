import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Batch } from '../../shared/contracts/domain';
import { db } from '../../src-renderer/src/db';
import type { MainClient } from '../../src-renderer/src/bridge';
import { useUi } from '../../src-renderer/src/state';
import { BatchView } from '../../src-renderer/src/views/BatchView';
import { container, liveViews, root, until } from './live-view';
import { batchRow } from '../support/batch-row';

const now = '2026-12-05T08:00:00.000Z';
liveViews();

const stalledBatch = (stalled: Batch['stalled']): Batch =>
  batchRow({ id: 'b1', title: 'Fast', className: '9B', course: 'Svenska', createdAt: now, nextSeq: 2, phases: { intake: { run: 1, status: 'running', startedAt: now } }, stalled });

beforeEach(async () => {
  await db.delete();
  await db.open();
  useUi.setState({ main: null, language: 'sv' });
  await db.essays.bulkPut(
    ['anna.txt', 'trasig.zip'].map((fileName, seq) => ({ id: `e${seq}`, batchId: 'b1', seq, fileName, size: 10, state: 'received' as const, receivedAt: now, updatedAt: now })),
  );
});

const banner = () => container.querySelector('[data-testid="batch-stalled"]');
const button = (label: string) => [...(banner()?.querySelectorAll('button') ?? [])].find((b) => b.textContent === label);

describe('a stalled batch on its page (issue #12)', () => {
  it('says the disk is full, in Swedish and English, and retries', async () => {
    const main = { retryBatch: vi.fn(async () => ({})) };
    useUi.setState({ main: main as unknown as MainClient });
    await db.batches.put(stalledBatch({ code: 'DISK_FULL', at: now }));
    root.render(<BatchView batchId="b1" />);
    await until(() => banner() !== null);
    expect(banner()?.textContent).toContain('Det finns inte plats för mer på datorn');
    expect(container.querySelector('.badge')?.textContent).toBe('Har stannat');
    expect(button('Ta bort filen')).toBeUndefined();
    button('Försök igen')!.click();
    await until(() => main.retryBatch.mock.calls.length === 1);
    expect(main.retryBatch).toHaveBeenCalledWith({ batchId: 'b1' });

    useUi.setState({ language: 'en' });
    await until(() => banner()?.textContent?.includes('There is no room left on the computer') ?? false);
  });

  it('names the file it stopped at and removes it', async () => {
    const main = { removeBlockingFile: vi.fn(async () => ({ removed: true })) };
    useUi.setState({ main: main as unknown as MainClient });
    await db.batches.put(stalledBatch({ code: 'WORK_FAILED', essayId: 'e1', at: now }));
    root.render(<BatchView batchId="b1" />);
    await until(() => banner() !== null);
    expect(banner()?.textContent).toContain('Det stannade vid filen trasig.zip');
    button('Ta bort filen')!.click();
    await until(() => main.removeBlockingFile.mock.calls.length === 1);
    expect(main.removeBlockingFile).toHaveBeenCalledWith({ batchId: 'b1', essayId: 'e1' });
  });
});
