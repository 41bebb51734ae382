import { afterAll, describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import { batchDetail } from '../../shared/db/queries';
import { createStore } from '../../shared/db/store';
import { findingKey } from '../../shared/spelling';
import { classEssayText } from '../support/class-essays';
import { sharedPools, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

const pools = sharedPools();
afterAll(() => pools.close());

const file = (name: string, text: string): IncomingFile => {
  const bytes = new TextEncoder().encode(text);
  return { name, relativePath: name, size: bytes.length, bytes };
};

describe('the batch view read again from its last result', () => {
  it('shows what a fresh read shows after new essays, decisions, added words and a language change', async () => {
    const db = memoryDb();
    const services = testServices(createStore(db), pools);
    const { batchId } = await services.api.createBatch({ title: 'Vår', className: '9B', course: 'Svenska', language: 'sv', names: [] });
    await services.api.importFiles({ batchId, files: [file('a.txt', classEssayText(0, 'en')), file('b.txt', classEssayText(1, 'sv'))] });
    await services.idle();
    let last = (await batchDetail(db, batchId))!;
    const followed = async () => {
      last = (await batchDetail(db, batchId, last))!;
      expect(last).toEqual(await batchDetail(db, batchId));
      return last;
    };

    await services.api.importFiles({ batchId, files: [file('c.txt', classEssayText(2, 'sv'))] });
    await services.idle();
    expect((await followed()).spellchecks.size).toBe(3);

    const [a] = last.essays;
    const finding = last.spellchecks.get(a!.id)!.findings[0]!;
    await services.api.decideFinding({ essayId: a!.id, key: findingKey(finding), decision: 'ignored' });
    const before = last.findingsPer100.get(a!.id)!;
    expect((await followed()).findingsPer100.get(a!.id)).toBeLessThan(before);
    await services.api.addWord({ batchId, word: finding.text === 'becuase' ? 'freind' : 'becuase' });
    await followed();

    // Checked again in English: the new spellcheck is read, not the one kept from before.
    expect(last.checkedLanguage.get(a!.id)).toBe('sv');
    await services.api.changeEssayLanguage({ batchId, essayId: a!.id, language: 'en' });
    await services.idle();
    expect((await followed()).checkedLanguage.get(a!.id)).toBe('en');
  });
});
