import type { Finding } from '../../shared/contracts/spellcheck';

/**
 * The corrected text an engine result should carry, built here and not by
 * the production code, so a test comparing the two can fail. The rule is
 * shared/spelling.ts's for findings nobody has decided on: each finding
 * flagged `autoCorrect` is replaced by its first suggestion, every other
 * stays as written, and of overlapping replacements the earliest is kept.
 */
export function expectedCorrectedText(original: string, findings: readonly Finding[]): string {
  const replaced: Finding[] = [];
  let end = 0;
  for (const f of findings.filter((f) => f.autoCorrect && f.suggestions.length > 0).sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (f.start < end) continue;
    replaced.push(f);
    end = f.end;
  }
  // From the end backwards, so the offsets still left to apply point into unchanged text.
  return replaced.reduceRight((text, f) => text.slice(0, f.start) + f.suggestions[0] + text.slice(f.end), original);
}
