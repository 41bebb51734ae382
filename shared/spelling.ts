import type { FindingDecision } from './contracts/domain';
import type { Finding } from './contracts/spellcheck';

/**
 * The teacher's view of an essay's spelling: the engine's findings, with the
 * teacher's decisions and the batch's word list applied. The stored findings
 * never change; this is derived wherever findings are shown or counted.
 */
export type FindingStatus = 'open' | 'accepted' | 'ignored' | 'allowed';

export interface EffectiveFinding extends Finding {
  key: string;
  status: FindingStatus;
  /**
   * What the corrected text puts in its place: the teacher's choice for an
   * accepted finding, the first suggestion for an open one the engine is
   * confident about (`autoCorrect`). Absent when the text stays as the
   * pupil wrote it.
   */
  replacement?: string;
}

/** A finding's identity: its place and text in the original, which never changes. */
export function findingKey(finding: Pick<Finding, 'start' | 'end' | 'text'>): string {
  return `${finding.start}:${finding.end}:${finding.text}`;
}

export function effectiveFindings(
  findings: readonly Finding[],
  decisions: readonly Pick<FindingDecision, 'key' | 'decision' | 'replacement'>[],
  allowedWords: readonly string[],
): EffectiveFinding[] {
  const allowed = new Set(allowedWords.map((w) => w.toLocaleLowerCase('sv')));
  const decided = new Map(decisions.map((d) => [d.key, d]));
  return findings.map((finding) => {
    const key = findingKey(finding);
    const decision = decided.get(key);
    if (decision?.decision === 'ignored') return { ...finding, key, status: 'ignored' };
    if (decision?.decision === 'accepted') {
      const replacement = decision.replacement ?? finding.suggestions[0];
      return { ...finding, key, status: 'accepted', ...(replacement === undefined ? {} : { replacement }) };
    }
    if (allowed.has(finding.text.toLocaleLowerCase('sv'))) return { ...finding, key, status: 'allowed' };
    // Stored findings from before the flag have none: they wait for the teacher.
    const replacement = finding.autoCorrect === true ? finding.suggestions[0] : undefined;
    return { ...finding, key, status: 'open', ...(replacement === undefined ? {} : { replacement }) };
  });
}

/** A change the engine made on its own: the corrected text replaces the word, and the teacher has not decided on it. */
export function isAutomaticChange(finding: EffectiveFinding): boolean {
  return finding.status === 'open' && finding.replacement !== undefined;
}

/** The findings that still count as errors: open ones, and those the teacher confirmed. */
export function countsAsError(finding: EffectiveFinding): boolean {
  return finding.status === 'open' || finding.status === 'accepted';
}

/** The changes the corrected text makes, in order: each counted finding that has a replacement. Overlapping findings keep the first. */
export function appliedChanges(findings: readonly EffectiveFinding[]): EffectiveFinding[] {
  const edits = findings
    .filter((f) => countsAsError(f) && f.replacement !== undefined)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: EffectiveFinding[] = [];
  let at = 0;
  for (const f of edits) {
    if (f.start < at) continue;
    applied.push(f);
    at = f.end;
  }
  return applied;
}

/** The text with each applied change (see appliedChanges) put in its place. */
export function correctedText(original: string, findings: readonly EffectiveFinding[]): string {
  let out = '';
  let at = 0;
  for (const f of appliedChanges(findings)) {
    out += original.slice(at, f.start) + f.replacement;
    at = f.end;
  }
  return out + original.slice(at);
}

export function findingsPer100Words(words: number, findings: readonly EffectiveFinding[]): number {
  return words === 0 ? 0 : (100 * findings.filter(countsAsError).length) / words;
}

/** Splits the text into plain runs and findings, in order, for showing findings in place. */
export function segments(original: string, findings: readonly EffectiveFinding[]): Array<string | EffectiveFinding> {
  const shown = [...findings].sort((a, b) => a.start - b.start);
  const out: Array<string | EffectiveFinding> = [];
  let at = 0;
  for (const f of shown) {
    if (f.start < at) continue;
    if (f.start > at) out.push(original.slice(at, f.start));
    out.push(f);
    at = f.end;
  }
  if (at < original.length) out.push(original.slice(at));
  return out;
}
