/**
 * A class's worth of short, distinct Swedish essays as plain-text files, for
 * tests that need more essays than the samples (a long import). Each text
 * combines different sentences, so none is another's duplicate.
 */
const openings = [
  'Jag tycker att skolan borde ha mer idrott varje vecka.',
  'Min bästa vän flyttade till Malmö förra sommaren.',
  'Det finns många skäl att läsa böcker i stället för att titta på film.',
  'Klimatet förändras och vi måste ändra hur vi reser.',
  'När jag var liten ville jag bli veterinär.',
  'Mobiltelefoner i klassrummet stör mer än de hjälper.',
  'Vår stad behöver fler cykelbanor och färre bilar.',
  'Den roligaste resan jag har gjort gick till fjällen.',
];
const middles = [
  'Många elever håller med mig, men inte alla lärare gör det.',
  'Forskning visar att rörelse hjälper oss att lära oss bättre.',
  'Jag har pratat med min familj om det flera gånger under året.',
  'Det är inte alltid lätt att ändra sina vanor, men det går.',
  'Min mormor brukar säga att tålamod är den viktigaste egenskapen.',
];
const endings = [
  'Därför hoppas jag att fler vågar säga vad de tycker.',
  'Sammanfattningsvis tror jag att små steg kan göra stor skillnad.',
  'Nästa år vill jag prova något helt nytt.',
];

export function classEssayText(n: number): string {
  const pick = <T>(list: readonly T[], k: number) => list[k % list.length];
  return [
    `Uppsats av elev ${n + 1}.`,
    pick(openings, n),
    pick(middles, n + Math.floor(n / openings.length)),
    pick(openings, n + 3),
    pick(endings, n + Math.floor(n / 2)),
  ].join(' ');
}

export function classEssayFiles(count: number): { name: string; text: string }[] {
  return Array.from({ length: count }, (_, n) => ({ name: `elev-${String(n + 1).padStart(2, '0')}.txt`, text: classEssayText(n) }));
}
