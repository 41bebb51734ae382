import { describe, expect, it } from 'vitest';
import { numberError, parseNumber } from '../../shared/numbers';

const target = { min: 0.5, max: 0.95 };
const budget = { min: 3, max: 40, integer: true };

describe('numbers as teachers type them', () => {
  it('takes a decimal comma and a decimal point alike', () => {
    expect(parseNumber('0,80', target)).toEqual({ ok: true, value: 0.8 });
    expect(parseNumber('0.8', target)).toEqual({ ok: true, value: 0.8 });
    expect(parseNumber(' ,9 ', target)).toEqual({ ok: true, value: 0.9 });
    expect(parseNumber('8,0', budget)).toEqual({ ok: true, value: 8 });
    expect(parseNumber('12', budget)).toEqual({ ok: true, value: 12 });
  });

  it('refuses what is not one number, a fraction where a whole number is asked, and numbers out of range', () => {
    expect(parseNumber('', target)).toEqual({ ok: false, reason: 'empty' });
    expect(parseNumber('0,8,1', target)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseNumber('0.8.', target)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseNumber('åtta', budget)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseNumber('1e3', budget)).toEqual({ ok: false, reason: 'not-a-number' });
    expect(parseNumber('8,5', budget)).toEqual({ ok: false, reason: 'whole' });
    expect(parseNumber('80', target)).toEqual({ ok: false, reason: 'range' });
    expect(parseNumber('2', budget)).toEqual({ ok: false, reason: 'range' });
  });

  it('says why in Swedish and in English, with the bounds written as each language writes numbers', () => {
    expect(numberError('sv', 'Mål för reliabilitet', 'range', target)).toBe('Mål för reliabilitet: skriv ett tal från 0,5 till 0,95.');
    expect(numberError('en', 'Target reliability', 'range', target)).toBe('Target reliability: type a number from 0.5 to 0.95.');
    expect(numberError('sv', 'Antal', 'whole', budget)).toBe('Antal: skriv ett heltal.');
    expect(numberError('en', 'Count', 'not-a-number', budget)).toMatch(/^Count: type a number, for example 3\./);
  });
});
