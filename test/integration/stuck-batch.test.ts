import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import { createStore, type StoreApi } from '../../shared/db/store';
import { analyse } from '../../src-main/hosts/cli/commands/analyse';
import { fixtureTexts } from '../fixtures/texts';
import { sharedPools, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

/**
 * A batch whose background work fails (issue #12): it stops in a state the
 * teacher sees, with a code, instead of staying "running"; retrying or
 * removing the file it stopped at lets it finish.
 */

const pools = sharedPools();
afterAll(() => pools.close());

const textFile = (name: string, text: string): IncomingFile => {
  const bytes = new TextEncoder().encode(text);
  return { name, relativePath: name, size: bytes.length, bytes };
};
const FILES = [textFile('anna.txt', fixtureTexts.txt), textFile('bertil.txt', fixtureTexts.docx.replace(/^#.*\n/, ''))];

/** A store whose putContent fails with `failure` while `failing` says so. */
function failingStore(real: StoreApi, failure: () => Error, failing: (text: string) => boolean): StoreApi {
  return {
    ...real,
    putContent: async (request) => {
      if (failing(request.text)) throw failure();
      return real.putContent(request);
    },
  };
}

async function importBoth(store: StoreApi) {
  const services = testServices(store, pools);
  const { batchId } = await services.api.createBatch({ title: 'Fast', className: '9B', course: 'Sv', language: 'sv' });
  await services.api.importFiles({ batchId, files: FILES });
  await services.idle();
  return { services, batchId };
}

describe('a batch whose background work fails', () => {
  it('stops with DISK_FULL when storage is full, and finishes when retried', async () => {
    const db = memoryDb();
    let full = true;
    const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const { services, batchId } = await importBoth(failingStore(createStore(db), quota, () => full));

    const stalled = await db.batches.get(batchId);
    expect(stalled?.stalled).toMatchObject({ code: 'DISK_FULL' });

    full = false;
    await services.api.retryBatch({ batchId });
    await services.idle();
    expect((await db.batches.get(batchId))?.stalled).toBeUndefined();
    expect((await db.essays.where('batchId').equals(batchId).toArray()).map((e) => e.state)).toEqual(['spellchecked', 'spellchecked']);
  });

  it('names the file it stopped at, which the teacher can remove so the rest finish', async () => {
    const db = memoryDb();
    const broken = () => new Error('cannot store this one');
    const { services, batchId } = await importBoth(failingStore(createStore(db), broken, (text) => text.includes('Förra sommaren')));

    const batch = await db.batches.get(batchId);
    const essays = await db.essays.where('batchId').equals(batchId).sortBy('seq');
    expect(batch?.stalled).toMatchObject({ code: 'WORK_FAILED', essayId: essays[1].id });

    await services.api.removeBlockingFile({ batchId, essayId: essays[1].id });
    await services.idle();
    expect((await db.batches.get(batchId))?.stalled).toBeUndefined();
    const after = await db.essays.where('batchId').equals(batchId).sortBy('seq');
    expect(after.map((e) => [e.fileName, e.state, e.rejection?.code])).toEqual([
      ['anna.txt', 'spellchecked', undefined],
      ['bertil.txt', 'rejected', 'REMOVED_BY_TEACHER'],
    ]);
  });

  it('is reported by the CLI per file, with the code, and the run finishes', async () => {
    const db = memoryDb();
    const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const services = testServices(failingStore(createStore(db), quota, (text) => text.includes('Förra sommaren')), pools);
    const folder = mkdtempSync(join(tmpdir(), 'huledu-stuck-'));
    try {
      for (const file of FILES) writeFileSync(join(folder, file.name), file.bytes!);
      const essays = await analyse({ db, services, close: () => services.close() }, [folder], 'sv');
      expect(essays.map((e) => [e.file, e.status, e.code])).toEqual([
        [join(folder, 'anna.txt'), 'accepted', null],
        [join(folder, 'bertil.txt'), 'stalled', 'DISK_FULL'],
      ]);
      expect(essays[1].message?.sv).toContain('Det finns inte plats');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
