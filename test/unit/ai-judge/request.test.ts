import { describe, expect, it } from 'vitest';
import { judgeRequestBody, LABELS, maskForJudge, readAnswer } from '../../../shared/ai-judge/request';

const ids = { names: ['Anna Berg', 'Erik Öberg'], className: '9B' };

describe('the request for one judgement', () => {
  it('asks for a strict json_schema whose winner can only be one of the two labels, the first naming the text shown first', () => {
    const body = judgeRequestBody({ model: 'llama3', language: 'sv', assignment: 'Argumentera för eller emot läxor.', first: 'FÖRSTA', second: 'ANDRA' });
    expect(body.model).toBe('llama3');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.strict).toBe(true);
    const schema = body.response_format.json_schema.schema;
    expect(schema.properties.winner.enum).toEqual(['A', 'B']);
    expect(schema.properties.confidence.enum).toEqual([1, 2, 3, 4, 5]);
    expect(schema.required).toEqual(['winner', 'reason', 'confidence']);
    const user = body.messages[1].content;
    expect(user.indexOf(`Text ${LABELS[0]}`)).toBeLessThan(user.indexOf('FÖRSTA'));
    expect(user.indexOf('FÖRSTA')).toBeLessThan(user.indexOf(`Text ${LABELS[1]}`));
    expect(user.indexOf(`Text ${LABELS[1]}`)).toBeLessThan(user.indexOf('ANDRA'));
  });

  it('is in the batch language, carries the teacher\'s criteria, and tells the model to ignore length, formatting and stance', () => {
    const sv = judgeRequestBody({ model: 'm', language: 'sv', assignment: 'Kriterium: tydlig tes.', first: 'x', second: 'y' }).messages[0].content;
    expect(sv).toContain('Kriterium: tydlig tes.');
    expect(sv).toMatch(/Bortse från textens längd, från formatering och layout, och från vilken ståndpunkt/);
    const en = judgeRequestBody({ model: 'm', language: 'en', assignment: '', first: 'x', second: 'y' }).messages[0].content;
    expect(en).toMatch(/Ignore the length of the texts, their formatting and layout, and the stance/);
    expect(en).toContain('None given');
  });
});

describe('what is taken out of a text before it is sent', () => {
  it('drops header lines naming the pupil or the class, and masks names, the class and personal data in the body', () => {
    const text = [
      'Anna Berg',
      'Klass 9B',
      'Datum: 12 maj',
      '',
      'Mobiler i skolan',
      'Jag och Eriks bror tycker att mobiler stör. Ring mig på 070-123 45 67 eller skriv till anna.berg@skolan.se.',
      // The pupil's own spellings of classmates: no diacritics, hyphenated.
      'Oberg-familjen och Anna-Karins kusin håller med.',
      'Mitt personnummer är 850612-1234 och jag går i 9B.',
    ].join('\n');
    const masked = maskForJudge(text, ids, 'sv');
    for (const secret of ['Anna', 'Berg', 'Erik', 'Oberg', '9B', '070-123', 'anna.berg@', '850612']) expect(masked).not.toContain(secret);
    expect(masked.startsWith('Mobiler i skolan')).toBe(true);
    expect(masked).toContain('Jag och [namn] bror');
    expect(masked).toContain('[borttaget]');
  });

  it('keeps the pupil\'s own spelling: the original is what is judged', () => {
    expect(maskForJudge('Jag tyker att skolan e bra.', ids, 'sv')).toBe('Jag tyker att skolan e bra.');
  });

  it('keeps a title line at the top that names nobody', () => {
    expect(maskForJudge('My summer\n\nI went to the sea.', ids, 'en')).toBe('My summer\n\nI went to the sea.');
  });
});

describe('reading the answer', () => {
  it('maps the label to the position it names, and keeps reason and confidence', () => {
    expect(readAnswer('{"winner":"A","reason":"Tydligare.","confidence":4}')).toEqual({ winner: 'first', reason: 'Tydligare.', confidence: 4 });
    expect(readAnswer('```json\n{"winner":"B","reason":"r","confidence":1}\n```')?.winner).toBe('second');
  });

  it('gives no winner for prose, a label it never offered, or a confidence off the 1-5 scale', () => {
    for (const bad of [null, '', 'Text A is better.', '{"winner":"C","reason":"","confidence":3}', '{"winner":"A","reason":"","confidence":0.8}', '{"winner":"A","reason":"","confidence":6}', '{"winner":"A"}']) {
      expect(readAnswer(bad), String(bad)).toBeNull();
    }
  });
});
