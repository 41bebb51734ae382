import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../shared/text/language';

// Texts written for this test, in the way weak learners write.
const swedish = [
  'Jag tycker att skolan är viktig för att man lär sig mycket. Men ibland det är tråkigt och jag vill inte gå dit.',
  'min familj bor i en liten stad. vi har en hund och han heter Max. på helgen vi går till skogen med honom',
  'jag kom till sverige for tre år sen. Det var svårt att lära svenska men nu jag kan prata med mina kompisar',
  'Mobiler i skolan är bra för att elever kan söka information men dom kan också störa lektionen när någon spelar.',
];
const english = [
  'I think that school is important because you learn a lot of things. But sometimes it is boring and i dont want to go.',
  'my family live in a small town. we have a dog and his name is Max. on the weekend we go to the forest with him',
  'In my opinion students should not have phones in the class because they are playing games and not listen to the teacher.',
  'When i was young my grandmother tell me storys about her life and i think she was very brave and strong woman.',
];

describe('detecting the language of an essay', () => {
  it('tells Swedish from English in weak learner text', () => {
    for (const text of swedish) expect(detectLanguage(text).language, text).toBe('sv');
    for (const text of english) expect(detectLanguage(text).language, text).toBe('en');
  });

  it('is more confident the more text there is', () => {
    const short = detectLanguage(english[0]);
    const long = detectLanguage(english.join(' '));
    expect(long.confidence).toBeGreaterThan(short.confidence);
    expect(long.confidence).toBeLessThanOrEqual(1);
  });

  it('names no language for a text too short to tell', () => {
    for (const text of ['', 'Uppsats', 'Min hund', 'My dog Max', 'Sverige 2024', 'Anna Berg, 9B']) {
      expect(detectLanguage(text), text).toEqual({ language: null, confidence: 0 });
    }
  });

  it('names no language for text in neither language', () => {
    for (const text of [
      'Ich denke, dass die Schule sehr wichtig ist, weil man dort viel lernt. Aber manchmal ist es langweilig und ich will nicht gehen.',
      'Creo que la escuela es muy importante porque se aprende mucho. Pero a veces es aburrida y no quiero ir.',
      'Je pense que l’école est très importante parce qu’on apprend beaucoup. Mais parfois elle est ennuyeuse.',
      'Minun mielestäni koulu on tärkeä, koska siellä oppii paljon. Mutta joskus se on tylsää enkä halua mennä.',
    ]) {
      expect(detectLanguage(text).language, text).toBeNull();
    }
  });

  it('names no language for a text half in each', () => {
    expect(detectLanguage(`${swedish[0]} ${english[0]}`).language).toBeNull();
    expect(detectLanguage(`${swedish[1]} ${english[2]}`).language).toBeNull();
  });

  it('is not swayed by a Swedish name or place in an English essay', () => {
    expect(detectLanguage(`Last summer we went to Göteborg and Malmö with Åsa and Björn. ${english[2]}`).language).toBe('en');
  });
});
