import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/contracts/spellcheck';
import { correctedText, effectiveFindings, findingKey, findingsPer100Words, segments } from '../../shared/spelling';

const text = 'Jag är sjuk sköterska och jobbar på akutten med Leila.';
const finding = (t: string, suggestions: string[], source: Finding['source'] = 'dictionary', category = 'spelling'): Finding => {
  const start = text.indexOf(t);
  return { start, end: start + t.length, text: t, suggestions, source, category };
};
const findings = [
  finding('sjuk sköterska', ['sjuksköterska'], 'split-compound', 'split-compound'),
  finding('akutten', ['akuten', 'akut']),
  finding('Leila', []),
];

describe("the teacher's view of findings", () => {
  it('applies the first suggestion of every open finding to give the corrected text', () => {
    const effective = effectiveFindings(findings, [], []);
    expect(effective.map((f) => f.status)).toEqual(['open', 'open', 'open']);
    expect(correctedText(text, effective)).toBe('Jag är sjuksköterska och jobbar på akuten med Leila.');
  });

  it('honours decisions: an ignored finding stays as written, an accepted one takes the chosen replacement', () => {
    const effective = effectiveFindings(
      findings,
      [
        { key: findingKey(findings[0]), decision: 'ignored' },
        { key: findingKey(findings[1]), decision: 'accepted', replacement: 'akut' },
      ],
      [],
    );
    expect(effective.map((f) => f.status)).toEqual(['ignored', 'accepted', 'open']);
    expect(correctedText(text, effective)).toBe('Jag är sjuk sköterska och jobbar på akut med Leila.');
  });

  it("stops counting a word the teacher added to the batch's dictionary, in any case", () => {
    const effective = effectiveFindings(findings, [], ['leila']);
    expect(effective[2].status).toBe('allowed');
    expect(findingsPer100Words(10, effective)).toBe(20);
  });

  it('cuts the text into runs and findings that put it back together exactly', () => {
    const parts = segments(text, effectiveFindings(findings, [], []));
    expect(parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe(text);
    expect(parts.filter((p) => typeof p !== 'string')).toHaveLength(3);
  });
});
