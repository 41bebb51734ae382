import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../shared/contracts/domain';
import { extract } from '../../src-workers/extraction/extract';
import { ellipseEssays, sentenceText, swellSentences } from './spell-reference';

/** Texts of known language for measuring language detection; `language` null for mixed or other-language text. */
export interface LabelledTexts {
  name: string;
  language: Language | null;
  texts: string[];
}

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

/** SweLL's consecutive sentences gathered to at least `words` words (the corpus keeps no essay boundaries). */
export function swellPseudoEssays(words: number): string[] {
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
  return essays;
}

/** The first `words` words of each text. */
export const snippets = (texts: string[], words: number) => texts.map((t) => wordsOf(t).slice(0, words).join(' '));

/** The repository's sample essays (resources/samples), read as the app reads them. */
export async function sampleEssays(): Promise<LabelledTexts[]> {
  const folder = join(import.meta.dirname, '../../resources/samples');
  return Promise.all(
    (['sv', 'en'] as const).map(async (language) => {
      const texts: string[] = [];
      for (const file of readdirSync(join(folder, language)).sort()) {
        const result = await extract(new Uint8Array(readFileSync(join(folder, language, file))));
        if (result.kind !== 'text') throw new Error(`sample ${language}/${file} did not extract: ${result.kind}`);
        texts.push(result.text);
      }
      return { name: `samples, ${language} (resources/samples)`, language, texts };
    }),
  );
}

/**
 * Learner text of known language from the reference data: all ELLIPSE essays
 * and their openings, SweLL pseudo-essays of 20, 50 and 150 words and single
 * sentences, and mixed texts (50 words of each, one after the other).
 */
export function learnerTexts(): LabelledTexts[] {
  const ellipse = ellipseEssays().map((e) => e.text);
  const swell50 = swellPseudoEssays(50);
  const sentences = swellSentences().map(sentenceText);
  return [
    { name: 'ELLIPSE essays (en)', language: 'en', texts: ellipse },
    { name: 'ELLIPSE, first 50 words (en)', language: 'en', texts: snippets(ellipse, 50) },
    { name: 'ELLIPSE, first 20 words (en)', language: 'en', texts: snippets(ellipse, 20) },
    { name: 'ELLIPSE, first 10 words (en)', language: 'en', texts: snippets(ellipse, 10) },
    { name: 'SweLL, 150-word pseudo-essays (sv)', language: 'sv', texts: swellPseudoEssays(150) },
    { name: 'SweLL, 50-word pseudo-essays (sv)', language: 'sv', texts: swell50 },
    { name: 'SweLL, 20-word pseudo-essays (sv)', language: 'sv', texts: swellPseudoEssays(20) },
    { name: 'SweLL, single sentences (sv)', language: 'sv', texts: sentences },
    {
      name: 'mixed: 50 words sv + 50 words en',
      language: null,
      texts: swell50.slice(0, 500).map((sv, i) => `${snippets([sv], 50)[0]} ${snippets([ellipse[i]], 50)[0]}`),
    },
  ];
}

/** Text in neither language, written for this measurement: what a teacher might drop in by mistake. */
export const otherLanguages: LabelledTexts = {
  name: 'other languages (de, es, fr, fi, no, da; written for the test)',
  language: null,
  texts: [
    'Ich denke, dass die Schule sehr wichtig ist, weil man dort viel lernt. Aber manchmal ist es langweilig und ich will nicht gehen. Meine Freunde sind auch da.',
    'Creo que la escuela es muy importante porque se aprende mucho. Pero a veces es aburrida y no quiero ir. Mis amigos también están allí y hablamos mucho.',
    'Je pense que l’école est très importante parce qu’on apprend beaucoup. Mais parfois elle est ennuyeuse et je ne veux pas y aller. Mes amis sont là aussi.',
    'Minun mielestäni koulu on tärkeä, koska siellä oppii paljon. Mutta joskus se on tylsää enkä halua mennä. Ystäväni ovat myös siellä.',
    'Jeg synes at skolen er viktig fordi man lærer mye der. Men noen ganger er det kjedelig og jeg vil ikke gå. Vennene mine er også der.',
    'Jeg synes, at skolen er vigtig, fordi man lærer meget der. Men nogle gange er det kedeligt, og jeg vil ikke gå. Mine venner er der også.',
  ],
};
