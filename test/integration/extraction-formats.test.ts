import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ExtractionResult } from '../../shared/contracts/extraction';
import { extract } from '../../src-workers/extraction/extract';
import { moreFiles } from '../fixtures/documents';
import { fixtureTexts } from '../fixtures/texts';

const read = (folder: string, name: string) => new Uint8Array(readFileSync(join(inject('fixtures'), folder, name)));
const textOf = (result: ExtractionResult) => {
  if (result.kind !== 'text') throw new Error(`expected text, got ${JSON.stringify(result).slice(0, 200)}`);
  return result;
};
/** The fixture's markdown without its heading marker, as the documents show it. */
const plain = (markdown: string) => markdown.replace(/^# /, '');

describe('extraction engine on documents made by real tools', () => {
  it('reads .docx from pandoc and from LibreOffice, keeping paragraphs', async () => {
    const pandoc = textOf(await extract(read('done-when', '01-sommar.docx')));
    expect(pandoc.format).toBe('docx');
    expect(pandoc.text).toBe(plain(fixtureTexts.docx));
    const libre = textOf(await extract(read('more', moreFiles.docxLibreOffice)));
    expect(libre.text).toBe(plain(fixtureTexts.odt));
  });

  it('reads .odt from pandoc and from LibreOffice', async () => {
    expect(textOf(await extract(read('done-when', '02-biblioteket.odt'))).text).toBe(plain(fixtureTexts.odt));
    const libre = textOf(await extract(read('more', moreFiles.odtLibreOffice)));
    expect(libre.format).toBe('odt');
    expect(libre.text).toBe(plain(fixtureTexts.docx));
  });

  it('rebuilds paragraphs from a LibreOffice PDF and drops page numbers', async () => {
    const pdf = textOf(await extract(read('done-when', '03-skoldagen.pdf')));
    expect(pdf.text).toBe(plain(fixtureTexts.pdf));
    const pages = textOf(await extract(read('more', moreFiles.multiPagePdf)));
    expect(pages.text.split('\n\n')).toHaveLength(40);
    expect(pages.text).not.toMatch(/\n\d+\n|\n\d+$/);
  });

  it('reads RTF from pandoc and from LibreOffice to the same text', async () => {
    const fromPandoc = textOf(await extract(read('more', moreFiles.rtfPandoc)));
    const fromLibre = textOf(await extract(read('more', moreFiles.rtfLibreOffice)));
    expect(fromPandoc.format).toBe('rtf');
    expect(fromPandoc.text).toBe(plain(fixtureTexts.rtf));
    expect(fromLibre.text).toBe(plain(fixtureTexts.rtf));
  });

  it('decides the type from the bytes, not the name', async () => {
    // A .doc, and password-protected files, whatever they are called.
    expect(await extract(read('more', moreFiles.legacyDoc))).toEqual({ kind: 'rejected', code: 'UNSUPPORTED_FILE_TYPE' });
    expect(await extract(read('more', moreFiles.encryptedDocx))).toEqual({ kind: 'rejected', code: 'ENCRYPTED_FILE' });
    expect(await extract(read('more', moreFiles.encryptedOdt))).toEqual({ kind: 'rejected', code: 'ENCRYPTED_FILE' });
    const pdfNamedTxt = textOf(await extract(read('done-when', '03-skoldagen.pdf')));
    expect(pdfNamedTxt.format).toBe('pdf');
  });

  it('calls a file damaged, not of an unknown type, when its name says .docx, .odt, .pdf or .zip but its bytes are none of them', async () => {
    const damaged = { kind: 'rejected', code: 'CORRUPT_FILE' };
    expect(await extract(read('more', moreFiles.randomDocx), 'docx')).toEqual(damaged);
    expect(await extract(read('more', moreFiles.randomOdt), 'odt')).toEqual(damaged);
    expect(await extract(read('more', moreFiles.randomZip), 'zip')).toEqual(damaged);
    expect(await extract(read('more', moreFiles.randomPdf), 'pdf')).toEqual(damaged);
    // Real files cut short, whatever their name claims.
    expect(await extract(read('more', moreFiles.truncatedDocxLibreOffice), 'docx')).toEqual(damaged);
    expect(await extract(read('more', moreFiles.truncatedOdt), 'odt')).toEqual(damaged);
    expect(await extract(read('more', moreFiles.truncatedZip), 'zip')).toEqual(damaged);
    expect(await extract(read('done-when', '10-trasig.docx'))).toEqual(damaged);
    // A zip of essays named .docx has lost the document's parts: it is not unpacked.
    expect(await extract(read('more', moreFiles.zip), 'docx')).toEqual(damaged);
    // Without such a name, random bytes are of a type we cannot read, and the bytes still decide.
    expect(await extract(read('more', moreFiles.randomDocx))).toEqual({ kind: 'rejected', code: 'UNSUPPORTED_FILE_TYPE' });
    expect(await extract(read('more', moreFiles.legacyDoc), 'docx')).toEqual({ kind: 'rejected', code: 'UNSUPPORTED_FILE_TYPE' });
    expect(textOf(await extract(read('done-when', '01-sommar.docx'), 'odt')).format).toBe('docx');
  });

  it('gives every encoding of the same text the same content hash', async () => {
    const hashes = await Promise.all(
      [['done-when', '04-mormor-cp1252.txt'], ['done-when', '05-mormor-utf8.txt'], ['more', moreFiles.utf8Bom], ['more', moreFiles.utf16le], ['more', moreFiles.utf16be]].map(
        async ([folder, name]) => textOf(await extract(read(folder, name))).contentHash,
      ),
    );
    expect(new Set(hashes).size).toBe(1);
  });
});
