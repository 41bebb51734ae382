import { describe, expect, it } from 'vitest';
import { Finding } from '../../shared/contracts/spellcheck';
import { correctedText, effectiveFindings, findingKey, findingsPer100Words, segments } from '../../shared/spelling';

const text = 'Jag är sjuk sköterska och jobbar på akutten med Leila och wifi.';
const finding = (t: string, suggestions: string[], autoCorrect: boolean, source: Finding['source'] = 'dictionary', category = 'spelling'): Finding => {
  const start = text.indexOf(t);
  return { start, end: start + t.length, text: t, suggestions, source, category, autoCorrect };
};
const findings = [
  finding('sjuk sköterska', ['sjuksköterska'], false, 'split-compound', 'split-compound'),
  finding('akutten', ['akuten', 'akut'], true),
  finding('Leila', [], false),
  finding('wifi', ['wife'], false),
];

describe("the teacher's view of findings", () => {
  it('before any decision, applies only the findings the engine is confident about; the others stay as written, still open', () => {
    const effective = effectiveFindings(findings, [], []);
    expect(effective.map((f) => [f.status, f.replacement])).toEqual([
      ['open', undefined],
      ['open', 'akuten'],
      ['open', undefined],
      ['open', undefined],
    ]);
    expect(correctedText(text, effective)).toBe('Jag är sjuk sköterska och jobbar på akuten med Leila och wifi.');
  });

  it('reads a finding stored before the autoCorrect flag as not confident', () => {
    const { autoCorrect: _, ...stored } = findings[1];
    const parsed = Finding.parse(stored);
    expect(parsed.autoCorrect).toBe(false);
    expect(correctedText(text, effectiveFindings([parsed], [], []))).toBe(text);
  });

  it('honours decisions: an ignored finding stays as written, an accepted one takes the chosen replacement', () => {
    const effective = effectiveFindings(
      findings,
      [
        { key: findingKey(findings[0]), decision: 'accepted' },
        { key: findingKey(findings[1]), decision: 'accepted', replacement: 'akut' },
        { key: findingKey(findings[3]), decision: 'ignored' },
      ],
      [],
    );
    expect(effective.map((f) => f.status)).toEqual(['accepted', 'accepted', 'open', 'ignored']);
    // An accepted finding takes its first suggestion, or the teacher's choice, whether or not the engine was confident.
    expect(correctedText(text, effective)).toBe('Jag är sjuksköterska och jobbar på akut med Leila och wifi.');
    const ignored = effectiveFindings(findings, [{ key: findingKey(findings[1]), decision: 'ignored' }], []);
    expect(correctedText(text, ignored)).toBe(text);
  });

  it("stops counting a word the teacher added to the batch's dictionary, in any case", () => {
    const effective = effectiveFindings(findings, [], ['leila']);
    expect(effective[2].status).toBe('allowed');
    expect(findingsPer100Words(10, effective)).toBe(30);
  });

  it('cuts the text into runs and findings that put it back together exactly', () => {
    const parts = segments(text, effectiveFindings(findings, [], []));
    expect(parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe(text);
    expect(parts.filter((p) => typeof p !== 'string')).toHaveLength(4);
  });
});
