import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src-workers/extraction/decode-text';
import { Rejected } from '../../../src-workers/extraction/rejection';

const text = 'Åsa läste en bok på tåget. Öppna fönstret!';
const bytes = (b: Buffer | number[]) => new Uint8Array(b);

describe('plain-text encoding detection', () => {
  it.each([
    ['utf-8', bytes(Buffer.from(text, 'utf8'))],
    ['utf-8-bom', bytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))],
    ['utf-16le', bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))],
    ['utf-16be', bytes(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]))],
    ['utf-16le', bytes(Buffer.from(text, 'utf16le'))],
    ['windows-1252', bytes(Buffer.from(text, 'latin1'))],
  ])('reads %s and keeps å, ä and ö', (encoding, input) => {
    expect(decodeText(input)).toEqual({ text, encoding });
  });

  it('reads Windows-1252 punctuation that Latin-1 does not have', () => {
    // 0x93/0x94 are curly quotes and 0x96 an en dash in Windows-1252.
    expect(decodeText(bytes([0x93, 0x48, 0xe4, 0x6a, 0x94, 0x20, 0x96, 0x20, 0x64, 0xe5])).text).toBe('“Häj” – då');
  });

  it('refuses binary data as an unsupported type', () => {
    const noise = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    expect(() => decodeText(noise)).toThrow(Rejected);
    try {
      decodeText(noise);
    } catch (e) {
      expect((e as Rejected).code).toBe('UNSUPPORTED_FILE_TYPE');
    }
  });

  it('calls a file that claims UTF-8 with a BOM but is not, damaged', () => {
    expect(() => decodeText(bytes([0xef, 0xbb, 0xbf, 0xe5, 0xe4]))).toThrow(expect.objectContaining({ code: 'CORRUPT_FILE' }));
  });
});
