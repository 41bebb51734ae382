import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordFrequenciesFolder } from '../../../src-workers/spellcheck/dictionary-files';
import { readWordFrequencies } from '../../../src-workers/spellcheck/word-frequency';

describe('word frequencies', () => {
  it('read a language file as word → Zipf value, and nothing for a language without one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'huledu-freq-'));
    writeFileSync(join(folder, 'en.txt'), 'the\t7.5\nhouse\t5.7\n');
    expect(await readWordFrequencies(folder, 'en')).toEqual(new Map([['the', 7.5], ['house', 5.7]]));
    expect(await readWordFrequencies(folder, 'sv')).toBeUndefined();
  });

  it('ship English, lowercase and most frequent first, built by build/word-frequencies.mjs', async () => {
    const en = await readWordFrequencies(wordFrequenciesFolder(), 'en');
    expect(en?.size).toBe(30_000);
    const zipf = [...en!.values()];
    expect(zipf.every((z, i) => i === 0 || z <= zipf[i - 1])).toBe(true);
    expect([...en!.keys()].every((w) => /^[a-z]+$/.test(w))).toBe(true);
    expect(en!.get('house')!).toBeGreaterThan(en!.get('douse')!);
  });
});
