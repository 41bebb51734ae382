import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pupil } from '../../../shared/contracts/pupils';
import { maskBatchNames, maskPupilNames } from '../../../shared/pupils/mask';
import { FIRST, LAST } from './name-pool';

const pupil = (firstName: string, lastName: string, i = 0): Pupil => ({ id: `p${i}`, firstName, lastName });

/** Common Swedish words, and words a short name could hide in. */
const WORDS = [
  'och', 'att', 'det', 'som', 'en', 'på', 'är', 'av', 'för', 'med', 'till', 'den', 'har', 'de', 'inte', 'om', 'ett', 'han', 'men', 'var',
  'jag', 'sig', 'från', 'vi', 'så', 'kan', 'man', 'när', 'år', 'säger', 'hon', 'under', 'också', 'efter', 'eller', 'nu', 'sin', 'där',
  'vid', 'mot', 'ska', 'skulle', 'kommer', 'ut', 'får', 'finns', 'vara', 'hade', 'alla', 'andra', 'mycket', 'än', 'här', 'då', 'sedan',
  'över', 'bara', 'in', 'blir', 'upp', 'även', 'vad', 'två', 'vill', 'många', 'hur', 'mer', 'går', 'skolan', 'eleverna', 'läraren',
  'sommaren', 'berget', 'bergen', 'maj', 'majalis', 'alibi', 'alice', 'alika', 'annan', 'annars', 'annons', 'erika', 'erikson', 'maxi',
  'maximal', 'idag', 'idrott', 'livet', 'leva', 'liva', 'tover', 'sara', 'ekorre', 'eken', 'björnen', 'svenska', 'engelska', 'ida',
  'larsson', 'hugs', 'nourish', 'abdikation', 'berga', 'tiagon', 'selmas', 'olofsson', 'bergs', 'ekonomi', 'lind', 'lindar',
];

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv').replace(/ı/g, 'i').replace(/ø/g, 'o');
const stripDiacritics = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/ø/g, 'o').replace(/Ø/g, 'O');
const PARTICLES = new Set(['van', 'der', 'al', 'de', 'den', 'von']);
/** The parts of a pupil's names that must not survive masking. */
const partsOf = (p: Pupil) =>
  [p.firstName, p.lastName]
    .flatMap((n) => n.split(/[\s-]+/))
    .map((n) => n.replace(/['’]/g, ''))
    .filter((n) => n.length > 1 && !PARTICLES.has(n.toLowerCase()));
const words = (text: string) => text.split(/[^\p{L}\p{M}'’]+/u).filter(Boolean);
/** Whether a word of the masked text is still a name, or a name's genitive, in any case and with or without diacritics. */
const isNameWord = (word: string, names: Set<string>) => {
  const w = fold(word).replace(/['’]/g, '');
  return names.has(w) || (w.endsWith('s') && names.has(w.slice(0, -1)));
};

/** Ways a Swedish text writes a name part. */
const FORMS: Array<(part: string) => string> = [
  (n) => n,
  (n) => (/[sxz]$/i.test(n) ? `${n}'` : `${n}s`),
  (n) => `${n}s`,
  (n) => `${n}:s`,
  (n) => `${n}'s`,
  (n) => n.toLocaleUpperCase('sv'),
  (n) => `${n.toLocaleUpperCase('sv')}S`,
  (n) => n.toLocaleLowerCase('sv'),
  (n) => stripDiacritics(n),
  (n) => `${stripDiacritics(n)}s`,
  (n) => `${n}-familjen`,
  (n) => `Anna-${n}`,
  (n) => `${n}-Karin`,
];
const TEMPLATES: Array<(name: string, other: string) => string> = [
  (n, o) => `${n} bok låg på bordet när ${o} kom hem.`,
  (n) => `Det var ${n} som vann loppet.`,
  (n, o) => `Jag träffade ${n} och ${o} i går, "${n}!" ropade jag.`,
  (n) => `(${n}) sa att skolan borde börja senare.`,
  (n) => `Hälsningar ${n}`,
  (n, o) => `${o} och ${n}: två vänner.\n\n${n}.`,
];

const pupils = fc.uniqueArray(
  fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST)).map(([f, l]) => ({ f, l })),
  { minLength: 1, maxLength: 6, selector: (p) => `${p.f} ${p.l}` },
).map((list) => list.map(({ f, l }, i) => pupil(f, l, i)));

describe('maskPupilNames', () => {
  it('masks names in the forms Swedish writes them', () => {
    const klass = [pupil('Anna', 'Lindqvist'), pupil('Lars', 'Öberg', 1), pupil('Anna-Karin', 'Al-Hassan', 2), pupil('Maja', 'van der Berg', 3)];
    const mask = (text: string) => maskPupilNames(text, klass);
    expect(mask('Annas bok och Lindqvists hund')).toBe('[namn] bok och [namn] hund');
    expect(mask("Lars' cykel, Lars’ cykel, Ali:s och Anna:s")).toBe('[namn] cykel, [namn] cykel, Ali:s och [namn]');
    expect(mask('ANNA LINDQVIST, anna lindqvist och Anna Lindqvist')).toBe('[namn], [namn] och [namn]');
    expect(mask('Lindqvist-familjen och Anna-Karin Al-Hassan')).toBe('[namn]-familjen och [namn]');
    expect(mask('Lars Oberg och Öbergs, LARS ÖBERG')).toBe('[namn] och [namn], [namn]');
    expect(mask("Anna's bok")).toBe('[namn] bok');
    expect(mask('Maja van der Berg och van der Bergs, men de och den och van kom')).toBe('[namn] och [namn], men de och den och van kom');
    expect(mask('Anna de kom')).toBe('[namn] de kom');
    // Written without the list's diacritics, or with them when the list has none.
    expect(maskPupilNames('Åsa och Asa, Öberg och Oberg', [pupil('Asa', 'Oberg')])).toBe('[namn] och [namn], [namn] och [namn]');
    expect(maskPupilNames('Ali', [pupil('Ali', 'Hassan')], '[name]')).toBe('[name]');
    // A batch's list of whole names, as the judging views mask today.
    const batchNames = ['Anna Lindqvist', 'Lars Öberg'].map((name) => ({ firstName: name, lastName: '' }));
    expect(maskPupilNames('Annas bror och LARS', batchNames)).toBe('[namn] bror och [namn]');
  });

  it('leaves words that only contain a name alone', () => {
    const klass = [pupil('Ali', 'Berg'), pupil('Maja', 'Lind', 1), pupil('Anna', 'Ek', 2)];
    const text = 'Alice hade ett alibi på majalis; annars bergade hon ekorren i Lindarna, Annans och Bergkvists.';
    expect(maskPupilNames(text, klass)).toBe(text);
    expect(maskPupilNames('Maj och maja', klass)).toBe('Maj och [namn]');
    expect(maskPupilNames('text', [])).toBe('text');
    expect(maskPupilNames('E. Berg', [pupil('E', 'Berg')])).toBe('E. [namn]');
  });

  it('leaves no pupil name in any form a template places it in', () => {
    fc.assert(
      fc.property(pupils, fc.nat(), fc.constantFrom(...FORMS), fc.constantFrom(...FORMS), fc.constantFrom(...TEMPLATES), (klass, pick, form, otherForm, template) => {
        const target = klass[pick % klass.length];
        const other = klass[(pick + 1) % klass.length];
        const written = `${form(target.firstName)} ${form(target.lastName)}`;
        const text = template(written, otherForm(other.lastName.split(' ').pop()!));
        const masked = maskPupilNames(text, klass);
        const names = new Set(klass.flatMap(partsOf).map(fold));
        for (const word of words(masked)) expect(isNameWord(word, names), `${word} in ${masked}`).toBe(false);
        // Whatever the template wrote around the names is still there.
        for (const piece of template('\u0001', '\u0002').split(/[\u0001\u0002]/)) expect(masked).toContain(piece);
      }),
      { numRuns: 500 },
    );
  });

  it('changes no ordinary word that is not a pupil name or its genitive', () => {
    fc.assert(
      fc.property(pupils, fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 30 }), fc.boolean(), (klass, sentence, capitalise) => {
        const names = new Set(klass.flatMap(partsOf).map(fold));
        fc.pre(!sentence.some((w) => isNameWord(w, names)));
        const text = sentence.map((w, i) => (capitalise || i === 0 ? w[0].toLocaleUpperCase('sv') + w.slice(1) : w)).join(' ') + '.';
        expect(maskPupilNames(text, klass)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('masks exactly the name words, keeping every other word in place', () => {
    fc.assert(
      fc.property(pupils, fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...FIRST, ...LAST.flatMap((l) => l.split(' ')))), { minLength: 1, maxLength: 20 }), (klass, sentence) => {
        const names = new Set(klass.flatMap(partsOf).map(fold));
        const text = sentence.join(', ');
        const masked = maskPupilNames(text, klass).split(', ');
        const expected = sentence.map((w) => (w.split('-').some((part) => isNameWord(part, names)) ? null : w));
        expected.forEach((w, i) => (w === null ? expect(masked[i]).toContain('[namn]') : expect(masked[i]).toBe(w)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('maskBatchNames', () => {
  it("masks a batch's word list of whole names as the pupils' names: genitives, capitals, missing diacritics, whole words only", () => {
    expect(maskBatchNames('Jag heter Anna Berg. Annas hund och ÅSA:s katt; Annabel och Bergen stannar. Asa kom.', ['Anna Berg', 'Åsa'], '[namn]')).toBe(
      'Jag heter [namn]. [namn] hund och [namn] katt; Annabel och Bergen stannar. [namn] kom.',
    );
    expect(maskBatchNames('Ingen här.', [], '[namn]')).toBe('Ingen här.');
  });
});
