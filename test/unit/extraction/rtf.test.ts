import { describe, expect, it } from 'vitest';
import { extractRtf } from '../../../src-workers/extraction/formats/rtf';

const rtf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('RTF reader', () => {
  it('decodes code-page bytes, Unicode escapes with their fallbacks, and paragraphs', () => {
    const doc = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}{\colortbl;\red0\green0\blue0;}
{\*\generator Writer;}\pard Sm\'f6rg\'e5s med r\'e4kor\par
\uc1 Citat: \u8220?hej\u8221?\par
{\info{\author Anna}}Slut\'2E}`;
    expect(extractRtf(rtf(doc))).toBe('Smörgås med räkor\n\nCitat: “hej”\n\nSlut.');
  });

  it('skips fallback characters by the current \\uc count', () => {
    expect(extractRtf(rtf(String.raw`{\rtf1\uc2 \u229\'86\'86x}`))).toBe('åx');
  });

  it('refuses text that only looks like RTF', () => {
    expect(() => extractRtf(rtf('Hej'))).toThrow(expect.objectContaining({ code: 'CORRUPT_FILE' }));
  });
});
