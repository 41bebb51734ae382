import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../../shared/contracts/domain';

/** Lowercase word → Zipf value (log10 of occurrences per billion words). */
export type WordFrequencies = ReadonlyMap<string, number>;

/**
 * A language's word frequencies, `<folder>/<language>.txt` as
 * build/word-frequencies.mjs writes it (`word<TAB>zipf` per line), or
 * undefined where the language has none: Swedish, for which no list that
 * may ship was found (docs/spellcheck.md).
 */
export async function readWordFrequencies(folder: string, language: Language): Promise<WordFrequencies | undefined> {
  const file = join(folder, `${language}.txt`);
  if (!existsSync(file)) return undefined;
  const frequencies = new Map<string, number>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) frequencies.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return frequencies;
}
