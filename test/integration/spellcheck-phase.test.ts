import { afterAll, describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import { batchDetail, essaySpelling } from '../../shared/db/queries';
import { createStore } from '../../shared/db/store';
import { correctedText, countsAsError, effectiveFindings, findingKey } from '../../shared/spelling';
import { expectedCorrectedText } from '../support/corrected-text';
import { sharedPools, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

const pools = sharedPools();
afterAll(() => pools.close());

const essay = (name: string, text: string): IncomingFile => {
  const bytes = new TextEncoder().encode(text);
  return { name, relativePath: name, size: bytes.length, bytes };
};
// A pupil's name opens the essay: a capital at the start of a sentence is no sign of a name.
const text =
  'Xandrah tycker att skolan borde börja senare. Hon har läst att tonåringar behöver mer sömn, och hon tror att eleverna skulle lära sig mer om de fick sova längre. Dessutom är det svårt att koncentrera sig på morgonen, särskilt på vintern när det är mörkt ute. Det var en jätte bra idé tycker hon.';

async function spellcheckedBatch(names: string[]) {
  const db = memoryDb();
  const services = testServices(createStore(db), pools);
  const { batchId } = await services.api.createBatch({ title: 'Sömn', className: '9B', course: 'Svenska', language: 'sv', names });
  await services.api.importFiles({ batchId, files: [essay('xandrah.txt', text)] });
  await services.idle();
  const [stored] = await db.essays.toArray();
  return { db, services, batchId, essayId: stored.id };
}

describe('the spellcheck phase in the app', () => {
  it('spellchecks accepted essays after intake and stores findings that slice the text exactly', async () => {
    const { db, batchId, essayId } = await spellcheckedBatch([]);
    const found = (await essaySpelling(db, essayId))!;
    expect(found.essay.state).toBe('spellchecked');
    expect(found.spellcheck!.findings.length).toBeGreaterThan(0);
    for (const f of found.spellcheck!.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    // The corrected text the views derive before any decision, against one built independently of shared/spelling.
    expect(correctedText(text, effectiveFindings(found.spellcheck!.findings, [], []))).toBe(expectedCorrectedText(text, found.spellcheck!.findings));
    // Only the essay's own text is stored: corrected texts are derived, never kept.
    expect((await db.contents.toArray()).map((c) => c.hash)).toEqual([found.essay.contentHash]);
    const outcomes = await db.phaseOutcomes.where('batchId').equals(batchId).toArray();
    expect(outcomes.map((o) => [o.phase, o.outcome])).toEqual([
      ['intake', 'completed'],
      ['spellcheck', 'completed'],
    ]);
  });

  it('never flags a name from the class list', async () => {
    const flagged = async (names: string[]) => {
      const { db, essayId } = await spellcheckedBatch(names);
      return (await essaySpelling(db, essayId))!.spellcheck!.findings.some((f) => f.text === 'Xandrah');
    };
    expect(await flagged([])).toBe(true);
    expect(await flagged(['Xandrah'])).toBe(false);
  });

  it("stores the teacher's decisions and added words, and counts errors after them", async () => {
    const { db, services, batchId, essayId } = await spellcheckedBatch([]);
    const before = (await essaySpelling(db, essayId))!;
    const name = before.spellcheck!.findings.find((f) => f.text === 'Xandrah')!;
    const other = before.spellcheck!.findings.find((f) => f !== name)!;
    await services.api.addWord({ batchId, word: 'Xandrah' });
    await services.api.decideFinding({ essayId, key: findingKey(other), decision: 'ignored' });

    const after = (await essaySpelling(db, essayId))!;
    expect(after.batch.addedWords).toEqual(['Xandrah']);
    expect(after.decisions).toMatchObject([{ key: findingKey(other), decision: 'ignored' }]);
    const statuses = effectiveFindings(after.spellcheck!.findings, after.decisions, after.batch.addedWords);
    expect(statuses.find((f) => f.text === 'Xandrah')?.status).toBe('allowed');
    expect(statuses.find((f) => f.key === findingKey(other))?.status).toBe('ignored');
    // The allowed name and the ignored finding no longer count; every other finding still does, in the batch table too.
    const errors = after.spellcheck!.findings.length - 2;
    expect(statuses.filter(countsAsError)).toHaveLength(errors);
    expect((await batchDetail(db, batchId))!.findingsPer100.get(essayId)).toBe((100 * errors) / after.spellcheck!.words);
    // Adding the same word again, in another case, changes nothing.
    await services.api.addWord({ batchId, word: 'xandrah' });
    expect((await db.batches.get(batchId))!.addedWords).toEqual(['Xandrah']);
  });
});
