import { beforeAll, describe, expect, it } from 'vitest';
import { autoCorrectLimits, isConfidentCorrection, type AutoCorrectRules } from '../../../src-workers/spellcheck/auto-correct';
import { loadLanguageEngine, type LanguageEngine } from '../../../src-workers/spellcheck/engine';
import { everydayWords } from '../../../src-workers/spellcheck/everyday-words';
import { unchangedWordCheck } from '../../support/unchanged-words';

const rules: AutoCorrectRules = {
  limits: { common: { maxCost: 1, minLead: 0.4 }, rare: { maxCost: 0.6, minLead: 0.5 } },
  common: new Set(['because', 'friend', 'sverige', 'we', 'och']),
  everyday: new Set(['wifi']),
};
const confident = (word: string, words: string[], costs: number[]) => isConfidentCorrection(word, { words, costs }, rules);

describe('which corrections are applied before the teacher decides', () => {
  it('applies a cheap first suggestion well ahead of the second, with stricter limits for a rare word', () => {
    expect(confident('becuase', ['because', 'becalm'], [0.2, 1.4])).toBe(true);
    expect(confident('becuase', ['because', 'becalm'], [0.2, 0.5])).toBe(false);
    expect(confident('becuase', ['because'], [1.2])).toBe(false);
    expect(confident('proffesor', ['professor'], [0.4])).toBe(true);
    expect(confident('proffesor', ['professor'], [0.8])).toBe(false);
    expect(confident('xqzt', [], [])).toBe(false);
    expect(isConfidentCorrection('proffesor', { words: ['professor'], costs: [0.1] }, { ...rules, limits: { ...rules.limits, rare: null } })).toBe(false);
  });

  it('never changes what is likely meant as written', () => {
    expect(confident('wifi', ['wife'], [0.1])).toBe(false);
    expect(confident('TikTok', ['ticktock'], [0.1])).toBe(false);
    expect(confident('iPhone', ['phone'], [0.1])).toBe(false);
    expect(confident('FRIEND', ['FRIEND'], [0])).toBe(false);
    // Capitalised at the start of a sentence: perhaps a name, so only a common word replaces it.
    expect(confident('Fortnite', ['Fortnight'], [0.1])).toBe(false);
    expect(confident('Becuase', ['Because'], [0.2])).toBe(true);
  });

  it('never splits a word, changes its first letter, or turns it into a name; fixes the case of a known name', () => {
    expect(confident('minecraft', ['mine craft'], [0.1])).toBe(false);
    expect(confident('youtube', ['couture'], [0.1])).toBe(false);
    expect(confident('covid', ['Ovid'], [0.1])).toBe(false);
    expect(confident('pokemon', ['Pokemon'], [0])).toBe(false);
    expect(confident('sverige', ['Sverige'], [0])).toBe(true);
    expect(confident('ärlig', ['arlig'], [0.3])).toBe(true);
  });

  it('changes a word of one or two letters only in its case', () => {
    expect(confident('ok', ['och'], [0.1])).toBe(false);
    expect(confident('wi', ['we'], [0.1])).toBe(false);
  });

  it('has limits for both languages, Swedish applying no rare word unseen', () => {
    expect(autoCorrectLimits.sv.rare).toBeNull();
    expect(autoCorrectLimits.en.rare).not.toBeNull();
  });
});

describe('the unchanged-word check: words pupils write that no dictionary has', () => {
  let engines: LanguageEngine[];
  beforeAll(async () => {
    engines = await Promise.all([loadLanguageEngine('sv'), loadLanguageEngine('en')]);
    // Built here, not inside the first test's time limit.
    for (const engine of engines) engine.prepare();
  });

  it('lists only words its dictionary rejects, so no entry is dead', () => {
    for (const engine of engines) expect([...everydayWords[engine.language]].filter((w) => engine.isWord(w)), engine.language).toEqual([]);
  });

  it('leaves every such word as the pupil wrote it, in the middle of a sentence and at its start', () => {
    for (const engine of engines) {
      const check = unchangedWordCheck(engine);
      expect(check.words).toBeGreaterThanOrEqual(100);
      expect(check.changed, engine.language).toEqual([]);
    }
  });
});
