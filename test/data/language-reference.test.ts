/**
 * Language detection (shared/text/language.ts) against the reference data (needs ../shared/data; fails
 * clearly without it): ELLIPSE essays (English) and SweLL sentences gathered into pseudo-essays (Swedish),
 * their openings and single sentences, mixed text, and the repository's sample essays. It may decline to
 * answer on short text, but must never name the wrong language. The comparison with other detectors is
 * `npm run bench:language`.
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../shared/text/language';
import { learnerTexts, sampleEssays, type LabelledTexts } from '../support/language-reference';

function score(set: LabelledTexts) {
  const found = set.texts.map((t) => detectLanguage(t).language);
  const share = (n: number) => n / set.texts.length;
  return {
    right: share(found.filter((l) => l === set.language).length),
    wrong: share(found.filter((l) => l !== null && l !== set.language).length),
  };
}

/** Essays of 50 words or more: all but a few named. */
const longEnough = /essays \(en\)|first 50 words|150-word|50-word/;

describe('language detection against the reference data', () => {
  it('names the right language for learner essays, declines on short or mixed text, and is never wrong', () => {
    const sets = learnerTexts();
    expect(sets[0].texts).toHaveLength(2571);
    for (const set of sets) {
      const { right, wrong } = score(set);
      expect(wrong, set.name).toBeLessThanOrEqual(0.001);
      if (longEnough.test(set.name)) expect(right, set.name).toBeGreaterThanOrEqual(0.995);
      if (set.language === null) expect(right, set.name).toBeGreaterThanOrEqual(0.99);
    }
  });

  it("names the right language for the repository's sample essays", async () => {
    for (const set of await sampleEssays()) expect(score(set).right, set.name).toBe(1);
  });
});
