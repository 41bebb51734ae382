import type { Finding, SpellcheckMetrics } from '../../shared/contracts/spellcheck';
import { correctedText, effectiveFindings } from '../../shared/spelling';
import type { LearnerMatcher } from './learner-list';
import { allowedWordSet, isAllowed, isLikelyName } from './names';
import { findSplitCompounds } from './split-compound';
import { tokenize, type WordToken } from './tokenize';

/** What the essay check needs from a language: memoised decisions and suggestions, and the learner lists. */
export interface LanguageJudge {
  isWord(word: string): boolean;
  suggest(word: string): string[];
  /** Whether a rejected word, as written, may take its first suggestion before the teacher decides. */
  confident(word: string): boolean;
  learner: LearnerMatcher;
  /** Set when the dictionary builds compounds, so split compounds can be found; with its function words. */
  splitCompounds?: { functionWords: ReadonlySet<string>; listed(word: string): boolean };
}

export interface EssayCheck {
  words: number;
  findings: Finding[];
  correctedText: string;
  metrics: SpellcheckMetrics;
}

/**
 * Spellchecks one essay. Each word is judged once, in this order: the
 * learner lists (they know the context), the batch's allowed words,
 * compounds written apart, then the dictionary. Findings never overlap. The
 * corrected text is the one the app shows before the teacher decides
 * anything: only findings flagged `autoCorrect` take their first suggestion.
 * Those are a learner list's single misspelled words (never a real word
 * changed by its context) and dictionary findings the judge is confident
 * about; split compounds wait for the teacher.
 */
export function checkEssay(text: string, allowedWords: string[], judge: LanguageJudge): EssayCheck {
  const tokens = tokenize(text);
  const allowed = allowedWordSet(allowedWords);
  const findings: Finding[] = [];
  const taken = new Set<number>();
  const span = (first: number, last: number) => ({ start: tokens[first].start, end: tokens[last].end });

  for (const match of judge.learner.match(tokens, text)) {
    if (tokenRange(match.first, match.last).some((i) => isAllowed(tokens[i].text, allowed))) continue;
    const { start, end } = span(match.first, match.last);
    const single = match.first === match.last;
    const more = single && !judge.isWord(tokens[match.first].text) ? judge.suggest(tokens[match.first].text) : [];
    const listedMisspelling = single && !match.entry.context;
    findings.push(finding(text, start, end, [match.correction, ...more], 'learner-list', match.entry.category, listedMisspelling));
    tokenRange(match.first, match.last).forEach((i) => taken.add(i));
  }

  tokens.forEach((token, i) => {
    if (!taken.has(i) && isAllowed(token.text, allowed)) taken.add(i);
  });

  if (judge.splitCompounds) {
    const { functionWords, listed } = judge.splitCompounds;
    const rules = { accepts: judge.isWord, listed, functionWords, skip: (i: number) => taken.has(i) };
    for (const { first, joined } of findSplitCompounds(tokens, text, rules)) {
      const { start, end } = span(first, first + 1);
      findings.push(finding(text, start, end, [joined], 'split-compound', 'split-compound', false));
      taken.add(first).add(first + 1);
    }
  }

  tokens.forEach((token, i) => {
    if (taken.has(i) || judge.isWord(token.text) || isLikelyName(token)) return;
    for (const part of misspelledParts(token, judge)) {
      findings.push(finding(text, part.start, part.end, judge.suggest(part.text), 'dictionary', 'spelling', judge.confident(part.text)));
    }
  });

  findings.sort((a, b) => a.start - b.start);
  return { words: tokens.length, findings, correctedText: correctedText(text, effectiveFindings(findings, [], [])), metrics: metrics(tokens.length, findings) };
}

function tokenRange(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/** A hyphenated word is reported by its misspelled parts ("e-mejl" → "mejl"); any other word whole. */
function misspelledParts(token: WordToken, judge: LanguageJudge): WordToken[] {
  if (!token.text.includes('-')) return [token];
  const parts: WordToken[] = [];
  let start = token.start;
  for (const piece of token.text.split('-')) {
    if (!judge.isWord(piece)) parts.push({ ...token, start, end: start + piece.length, text: piece });
    start += piece.length + 1;
  }
  return parts.length ? parts : [token];
}

function finding(text: string, start: number, end: number, suggestions: string[], source: Finding['source'], category: string, autoCorrect: boolean): Finding {
  const flagged = text.slice(start, end);
  const unique = [...new Set(suggestions)].filter((s) => s !== flagged);
  return { start, end, text: flagged, suggestions: unique, source, category, autoCorrect: autoCorrect && unique.length > 0 };
}

function metrics(words: number, findings: Finding[]): SpellcheckMetrics {
  const per100 = (n: number) => (words ? Math.round((n / words) * 10_000) / 100 : 0);
  const byCategory: SpellcheckMetrics['byCategory'] = {};
  for (const f of findings) {
    const count = (byCategory[f.category]?.findings ?? 0) + 1;
    byCategory[f.category] = { findings: count, per100Words: per100(count) };
  }
  return { words, findings: findings.length, per100Words: per100(findings.length), byCategory };
}
