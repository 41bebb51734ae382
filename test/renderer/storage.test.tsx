import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importLimits } from '../../shared/contracts/import-limits';
import type { MainClient } from '../../src-renderer/src/bridge';
import { BackupControls } from '../../src-renderer/src/components/BackupControls';
import { ImportJudgements } from '../../src-renderer/src/components/ImportJudgements';
import { useUi } from '../../src-renderer/src/state';
import { requestPersistentStorage } from '../../src-renderer/src/storage';

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  useUi.setState({ main: null, language: 'sv' });
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function stubStorage(storage: Partial<StorageManager>): void {
  vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { storage }));
}

/** A file as the picker gives it; `size` may claim more than the bytes, and reading it is recorded. */
function pickedFile(text: string, size = text.length): { file: File; read: () => boolean } {
  const file = new File([text], 'fil.json', { type: 'application/json' });
  Object.defineProperty(file, 'size', { value: size });
  const textSpy = vi.spyOn(file, 'text');
  return { file, read: () => textSpy.mock.calls.length > 0 };
}

async function pick(testId: string, file: File): Promise<void> {
  const input = container.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
  Object.defineProperty(input, 'files', { value: Object.assign([file], { item: (i: number) => [file][i] }), configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('storage for the teacher’s work', () => {
  it('asks the browser at start to keep the database when the disk runs low', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persist });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    stubStorage({});
    expect(await requestPersistentStorage()).toBe(false);
  });

  it('shows beside the backup controls how much room the data takes and has left, in Swedish and English', async () => {
    stubStorage({
      estimate: async () => ({ usage: 300 * 1024 * 1024, quota: 300 * 1024 * 1024 + 12.5 * 1024 ** 3 }),
      persisted: async () => false,
    });
    await act(async () => root.render(<BackupControls />));
    await vi.waitFor(() => expect(container.querySelector('[data-testid="storage-space"]')).not.toBeNull());
    const line = () => container.querySelector('[data-testid="storage-space"]')!.textContent!.replace(/\s/g, ' ');
    expect(line()).toContain('Appens data tar 300 MB; det finns plats för 12,5 GB till.');
    expect(line()).toContain('exportera en säkerhetskopia ofta');
    await act(async () => useUi.setState({ language: 'en' }));
    expect(line()).toContain("The app's data takes 300 MB; there is room for 12.5 GB more.");
  });

  it('refuses a backup file over the size limit without reading it, and says why', async () => {
    const restoreBackup = vi.fn();
    useUi.setState({ main: { restoreBackup } as unknown as MainClient });
    vi.stubGlobal('confirm', () => true);
    await act(async () => root.render(<BackupControls />));
    const { file, read } = pickedFile('{}', importLimits.maxBackupBytes + 1);
    await pick('restore-backup', file);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Filen kunde inte återställas: filen är större än 512 MB');
    expect(read()).toBe(false);
    expect(restoreBackup).not.toHaveBeenCalled();
  });

  it('tells the teacher where the safety copy of what was there before went, or that nothing was replaced without one', async () => {
    const restoreBackup = vi
      .fn()
      .mockResolvedValueOnce({ outcome: 'restored', safetyCopy: 'huledu-backup-2026-11-24-140509-fore-aterstallning.json' })
      .mockResolvedValueOnce({ outcome: 'refused', reason: 'safety-copy' })
      .mockRejectedValueOnce(new Error('connection lost'));
    useUi.setState({ main: { restoreBackup } as unknown as MainClient });
    vi.stubGlobal('confirm', () => true);
    await act(async () => root.render(<BackupControls />));
    await pick('restore-backup', pickedFile('{}').file);
    await vi.waitFor(() => expect(container.querySelector('[role="status"]')?.textContent).toContain('huledu-backup-2026-11-24-140509-fore-aterstallning.json'));
    expect(container.querySelector('[role="status"]')?.textContent).toContain('Säkerhetskopian är återställd.');
    await pick('restore-backup', pickedFile('{}').file);
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('kunde inte först spara en säkerhetskopia'));
    await pick('restore-backup', pickedFile('{}').file);
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('något gick fel när den lästes in'));
  });

  it('refuses a judgements file over the size limit without reading it', async () => {
    const importJudgements = vi.fn();
    useUi.setState({ main: { importJudgements } as unknown as MainClient });
    await act(async () => root.render(<ImportJudgements />));
    const { file, read } = pickedFile('{}', importLimits.maxJudgementsBytes + 1);
    await pick('import-judgements', file);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('den är större än 64 MB');
    expect(read()).toBe(false);
    expect(importJudgements).not.toHaveBeenCalled();
  });
});
