import type { OrdinaryWord } from '../../shared/text/personal-data';

/**
 * The spellcheck dictionary's answer for each candidate word (lowercase).
 * The words are checked one to a line, lowercased, so none is excused as a
 * name; a word with a finding anywhere on its line is no ordinary word
 * ("jean-luc" may be flagged as "jean"), so its capitalised form is taken
 * for a name.
 */
export async function ordinaryWords(candidates: readonly string[], check: (text: string) => Promise<{ findings: readonly { start: number }[] }>): Promise<OrdinaryWord> {
  if (!candidates.length) return () => true;
  let at = 0;
  const lineStarts = candidates.map((word) => {
    const start = at;
    at += word.length + 1;
    return start;
  });
  const { findings } = await check(candidates.join('\n'));
  const flagged = new Set(findings.map((f) => lineStarts.findLastIndex((start) => start <= f.start)));
  const ordinary = new Set(candidates.filter((_, i) => !flagged.has(i)));
  return (word) => ordinary.has(word);
}
