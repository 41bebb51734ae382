import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dictionaryFiles, learnerListsFolder } from '../../../src-workers/spellcheck/dictionary-files';
import { loadHunspell, readDictionary, type Hunspells } from '../../../src-workers/spellcheck/hunspell';
import { compileLearnerLists, LearnerList } from '../../../src-workers/spellcheck/learner-list';
import { tokenize } from '../../../src-workers/spellcheck/tokenize';

const list = (entries: unknown[]) => LearnerList.parse({ language: 'en', description: 'test', entries });
const known = new Set(['then', 'than', 'more', 'loose', 'lose', 'its', 'a']);
const accepts = (w: string) => known.has(w.toLowerCase());

function matches(entries: unknown[], text: string) {
  const matcher = compileLearnerLists([list(entries)], accepts);
  const tokens = tokenize(text);
  return matcher.match(tokens, text).map((m) => ({ text: text.slice(tokens[m.first].start, tokens[m.last].end), correction: m.correction }));
}

describe('learner lists', () => {
  it('match whole words only, and keep the case the learner wrote', () => {
    const entries = [{ wrong: 'becuase', right: 'because' }];
    expect(matches(entries, 'Becuase it rained, becuase. BECUASE! xbecuase becuasex')).toEqual([
      { text: 'Becuase', correction: 'Because' },
      { text: 'becuase', correction: 'because' },
      { text: 'BECUASE', correction: 'BECAUSE' },
    ]);
  });

  it('keep a correction that is capitalised in the list: "sverige" → "Sverige"', () => {
    expect(matches([{ wrong: 'sverige', right: 'Sverige' }], 'i sverige')).toEqual([{ text: 'sverige', correction: 'Sverige' }]);
  });

  it('match phrases of several words, longest first, only with spaces between them', () => {
    const entries = [
      { wrong: 'more then', right: 'more than' },
      { wrong: 'more then ever', right: 'more than ever' },
    ];
    expect(matches(entries, 'More then ever. I ate more then, then more. more\nthen')).toEqual([
      { text: 'More then ever', correction: 'More than ever' },
      { text: 'more then', correction: 'more than' },
    ]);
  });

  it('never rewrite a real word without its context', () => {
    const entries = [{ wrong: 'loose', right: 'lose', context: { before: ['to', 'will'] } }];
    expect(matches(entries, 'I will loose. The knot is loose. Not to loose')).toEqual([
      { text: 'loose', correction: 'lose' },
      { text: 'loose', correction: 'lose' },
    ]);
    expect(() => compileLearnerLists([list([{ wrong: 'loose', right: 'lose' }])], accepts)).toThrow(/real word.*context/);
  });

  it('refuse malformed lists', () => {
    expect(LearnerList.safeParse({ language: 'en', description: 'x', entries: [{ wrong: 'two  spaces', right: 'x' }] }).success).toBe(false);
    expect(LearnerList.safeParse({ language: 'en', description: 'x', entries: [{ wrong: 'same', right: 'same' }] }).success).toBe(false);
    expect(LearnerList.safeParse({ language: 'fi', description: 'x', entries: [{ wrong: 'a', right: 'b' }] }).success).toBe(false);
    expect(
      LearnerList.safeParse({ language: 'en', description: 'x', entries: [{ wrong: 'dup', right: 'a' }, { wrong: 'Dup', right: 'b' }] }).success,
    ).toBe(false);
    expect(LearnerList.safeParse({ language: 'en', description: 'x', entries: [{ wrong: 'x', right: 'y', context: {} }] }).success).toBe(false);
  });

  describe('the shipped lists', () => {
    const dictionaries: Partial<Record<'sv' | 'en', Hunspells>> = {};
    beforeAll(async () => {
      dictionaries.sv = await loadHunspell(await readDictionary(dictionaryFiles('sv')));
      dictionaries.en = await loadHunspell(await readDictionary(dictionaryFiles('en')));
    });

    it('are valid, and every real word in them has a context', () => {
      const folder = learnerListsFolder();
      const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThanOrEqual(2);
      for (const file of files) {
        const parsed = LearnerList.parse(JSON.parse(readFileSync(join(folder, file), 'utf8')));
        const dictionary = dictionaries[parsed.language]!;
        expect(() => compileLearnerLists([parsed], (w) => dictionary.full.accepts(w)), file).not.toThrow();
        // A correction must itself be spelled right.
        for (const entry of parsed.entries) {
          for (const word of entry.right.split(' ')) expect(dictionary.full.accepts(word), `${file}: ${entry.right}`).toBe(true);
        }
      }
    });
  });
});
