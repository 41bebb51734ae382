import { describe, expect, it } from 'vitest';
import { maskNames } from '../../shared/db/judging-queries';

describe('hiding authors while judging', () => {
  it("masks the class list's names as whole words, with genitives, in any case", () => {
    const names = ['Anna Berg', 'Åsa'];
    expect(maskNames('Jag heter Anna Berg. Annas hund och ÅSA:s katt; Annabel och Bergen stannar.', names, '[namn]')).toBe(
      'Jag heter [namn] [namn]. [namn] hund och [namn]:s katt; Annabel och Bergen stannar.',
    );
    expect(maskNames("Anna's essay", names, '[name]')).toBe('[name] essay');
    expect(maskNames('Ingen här.', [], '[namn]')).toBe('Ingen här.');
  });
});
