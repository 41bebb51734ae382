import { readFileSync } from 'node:fs';
import type { Language } from '../../shared/contracts/domain';
import { parseCsv } from '../../src-main/export/csv';
import { tokenize } from '../../src-workers/spellcheck/tokenize';
import { deriveMisspellings, type Misspelling } from './learner-misspellings';
import { nativeAccepts } from './native-hunspell';
import { referenceData } from './reference-data';

/**
 * The learner texts in ../shared/data, read for spellcheck tests and the
 * benchmark. Nothing read here is ever written into the repository.
 */

/** A SweLL sentence: its tokens and whether each is part of an error (`i`). */
export interface LabelledSentence {
  tokens: string[];
  erroneous: boolean[];
}

export function swellSentences(): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  for (const file of ['sv_swell_train.tsv', 'sv_swell_dev.tsv']) {
    let current: LabelledSentence = { tokens: [], erroneous: [] };
    for (const line of readFileSync(referenceData(`swedish-learner-text/${file}`), 'utf8').split('\n')) {
      if (line.trim() === '') {
        if (current.tokens.length) sentences.push(current);
        current = { tokens: [], erroneous: [] };
        continue;
      }
      const [token, label] = line.split('\t');
      current.tokens.push(token);
      current.erroneous.push(label?.trim() === 'i');
    }
    if (current.tokens.length) sentences.push(current);
  }
  return sentences;
}

/** A sentence as running text: no space before closing punctuation or after an opening bracket. */
export function sentenceText(sentence: LabelledSentence): string {
  return sentence.tokens
    .join(' ')
    .replace(/ ([.,!?;:)\]])/g, '$1')
    .replace(/([([]) /g, '$1');
}

/**
 * SweLL as essays for the pool: consecutive sentences gathered to about
 * `words` words (the corpus keeps no essay boundaries).
 */
export function swellEssays(words = 300): string[] {
  const essays: string[] = [];
  let current: string[] = [];
  let count = 0;
  for (const sentence of swellSentences()) {
    current.push(sentenceText(sentence));
    count += sentence.tokens.length;
    if (count >= words) {
      essays.push(current.join(' '));
      current = [];
      count = 0;
    }
  }
  if (current.length) essays.push(current.join(' '));
  return essays;
}

export interface EllipseEssay {
  id: string;
  text: string;
  /** Human score for spelling, punctuation and capitalisation, 1–5. */
  conventions: number;
  /** Human holistic score, 1–5. */
  overall: number;
}

export function ellipseEssays(): EllipseEssay[] {
  const [header, ...rows] = parseCsv(readFileSync(referenceData('essays/ellipse-test.csv'), 'utf8')).map((record) => record.fields);
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`ellipse-test.csv has no column ${name}`);
    return index;
  };
  const [id, text, conventions, overall] = [column('text_id_kaggle'), column('full_text'), column('Conventions'), column('Overall')];
  return rows
    .filter((r) => r.length === header.length)
    .map((r) => ({ id: r[id], text: r[text], conventions: Number(r[conventions]), overall: Number(r[overall]) }));
}

export interface Corpus {
  language: Language;
  name: string;
  essays: string[];
  /** Each written word, and whether the corpus marks it as part of an error (SweLL); undefined where it has no labels. */
  occurrences: Array<{ word: string; erroneous?: boolean }>;
}

export function swedishCorpus(): Corpus {
  const occurrences: Corpus['occurrences'] = [];
  for (const sentence of swellSentences()) {
    sentence.tokens.forEach((token, i) => {
      for (const w of tokenize(token)) occurrences.push({ word: w.text, erroneous: sentence.erroneous[i] });
    });
  }
  // The sentences as running text, in essays of about 300 words.
  return { language: 'sv', name: 'SweLL-gold (train + dev)', essays: swellEssays(), occurrences };
}

export function englishCorpus(): Corpus {
  const essays = ellipseEssays().map((e) => e.text);
  const occurrences = essays.flatMap((text) => tokenize(text).map((w) => ({ word: w.text })));
  return { language: 'en', name: 'ELLIPSE test (2,571 essays)', essays, occurrences };
}

/** Learner misspellings with corrections, derived from a corpus with native Hunspell's decisions (see learner-misspellings.ts). */
export async function learnerMisspellingSet(corpus: Corpus, dic: string): Promise<Misspelling[]> {
  const written = [...new Set(corpus.occurrences.map((o) => o.word))];
  const decisions = await nativeAccepts(dic, written);
  const accepted = new Map(written.map((w, i) => [w, decisions[i]]));
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const misspelled = new Map<string, number>();
  const vocabulary = new Map<string, number>();
  for (const { word, erroneous } of corpus.occurrences) {
    // SweLL: a misspelling is a rejected word marked as an error, written in lowercase (not a name); correct words are unmarked.
    if (accepted.get(word)) {
      if (erroneous !== true) count(vocabulary, word.toLowerCase());
    } else if (erroneous !== false && word === word.toLowerCase()) count(misspelled, word);
  }
  return deriveMisspellings(misspelled, vocabulary, new Set(corpus.occurrences.map((o) => o.word.toLowerCase())));
}
