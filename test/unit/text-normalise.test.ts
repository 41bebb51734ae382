import { describe, expect, it } from 'vitest';
import { cleanExtractedText, countWords, duplicateForm, sha256Hex } from '../../shared/text/normalise';

describe('text normalisation', () => {
  it('counts Swedish words with hyphens and apostrophes as one word each', () => {
    expect(countWords('Vi åkte till Åre, Malmö och e-postade 3 vänner. Don’t stop!')).toBe(11);
    expect(countWords('  \n\t ')).toBe(0);
  });

  it('cleans extracted text without losing å, ä and ö', () => {
    const raw = 'Rubrik  \r\n\r\n\r\n\r\nFörsta stycket\u00ad med ä\r\nAndra\u0007 rad\ufeff';
    expect(cleanExtractedText(raw)).toBe('Rubrik\n\nFörsta stycket med ä\nAndra rad');
    // Decomposed å (a + ring) becomes the composed letter.
    expect(cleanExtractedText('a\u030a')).toBe('å');
  });

  it('gives the same duplicate form to the same essay laid out differently', () => {
    const docx = 'Min sommar\n\nJag åkte till Göteborg.';
    const pdf = 'MIN SOMMAR Jag åkte till\nGöteborg';
    expect(duplicateForm(docx)).toBe(duplicateForm(pdf));
    expect(duplicateForm(docx)).not.toBe(duplicateForm('Min sommar. Jag åkte till Malmö.'));
  });

  it('hashes strings and bytes the same way', async () => {
    expect(await sha256Hex('å')).toBe(await sha256Hex(new TextEncoder().encode('å')));
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
