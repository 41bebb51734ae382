import type { Language } from '../../shared/contracts/domain';

/**
 * A class's worth of short, distinct essays as plain text, for tests that
 * need more essays than the samples (a long import). Each text combines
 * different sentences, so none is another's duplicate. The English ones are
 * written as a learner writes, with misspellings the spellcheck corrects on
 * its own ("becuase", "freinds"), so a test can tell the pupil's text from
 * the corrected one; a pupil with a higher number writes more.
 */
const phrases: Record<Language, { intro: (n: number) => string; openings: string[]; middles: string[]; endings: string[] }> = {
  sv: {
    intro: (n) => `Uppsats av elev ${n + 1}.`,
    openings: [
      'Jag tycker att skolan borde ha mer idrott varje vecka.',
      'Min bästa vän flyttade till Malmö förra sommaren.',
      'Det finns många skäl att läsa böcker i stället för att titta på film.',
      'Klimatet förändras och vi måste ändra hur vi reser.',
      'När jag var liten ville jag bli veterinär.',
      'Mobiltelefoner i klassrummet stör mer än de hjälper.',
      'Vår stad behöver fler cykelbanor och färre bilar.',
      'Den roligaste resan jag har gjort gick till fjällen.',
    ],
    middles: [
      'Många elever håller med mig, men inte alla lärare gör det.',
      'Forskning visar att rörelse hjälper oss att lära oss bättre.',
      'Jag har pratat med min familj om det flera gånger under året.',
      'Det är inte alltid lätt att ändra sina vanor, men det går.',
      'Min mormor brukar säga att tålamod är den viktigaste egenskapen.',
    ],
    endings: [
      'Därför hoppas jag att fler vågar säga vad de tycker.',
      'Sammanfattningsvis tror jag att små steg kan göra stor skillnad.',
      'Nästa år vill jag prova något helt nytt.',
    ],
  },
  en: {
    intro: (n) => `Essay by pupil ${n + 1}.`,
    openings: [
      'I think our school should have more sport every week becuase it makes us happy.',
      'My best freind moved to another city last summer and I miss her.',
      'There are many reasons to read books instead of watching films all the time.',
      'The climate is changing and we have to change the way we travel.',
      'When I was little I wanted to become a vet and help animals.',
      'Mobile phones in the classroom disturb more than they help the pupils.',
      'Our town needs more cycle paths and fewer cars in the centre.',
      'The best trip I have ever made was to the mountains in the north.',
    ],
    middles: [
      'Many pupils agree with me, but not all of the teachers do.',
      'Research shows that moving around helps us to learn better.',
      'I have talked with my family about it several times this year.',
      'It is not always easy to change your habits, but it is possible.',
      'My grandmother always says that patience is the most important thing.',
    ],
    endings: [
      'That is why I hope that more people dare to say what they think.',
      'In conclusion, I beleive that small steps can make a big difference.',
      'Next year I want to try something completely new with my freinds.',
    ],
  },
};

export function classEssayText(n: number, language: Language = 'sv'): string {
  const { intro, openings, middles, endings } = phrases[language];
  const pick = <T>(list: readonly T[], k: number) => list[k % list.length];
  const sentences = [
    intro(n),
    pick(openings, n),
    pick(middles, n + Math.floor(n / openings.length)),
    pick(openings, n + 3),
    pick(endings, n + Math.floor(n / 2)),
  ];
  // Longer essays further down the list: a judge who prefers the longer text has a clear order to follow.
  for (let extra = 0; extra < Math.floor(n / 4); extra++) sentences.push(pick(middles, n + extra + 1));
  return sentences.join(' ');
}

export function classEssayFiles(count: number, language: Language = 'sv'): { name: string; text: string }[] {
  const stem = language === 'sv' ? 'elev' : 'pupil';
  return Array.from({ length: count }, (_, n) => ({ name: `${stem}-${String(n + 1).padStart(2, '0')}.txt`, text: classEssayText(n, language) }));
}
