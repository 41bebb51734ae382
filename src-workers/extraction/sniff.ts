import { byteString } from '../../shared/text/windows-1252';
import { isZip } from './zip';

export type Sniffed = 'empty' | 'pdf' | 'zip' | 'ole2' | 'rtf' | 'text';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The kind of a file, decided from its first bytes; the name and extension are never consulted. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  const head = byteString(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (isZip(bytes)) return 'zip';
  if (OLE2.every((b, i) => bytes[i] === b)) return 'ole2';
  if (/^(\u00ef\u00bb\u00bf)?\s*\{\\rtf/.test(head)) return 'rtf';
  return 'text';
}

/** Office encrypts .docx files by wrapping them in an OLE2 container with an EncryptionInfo stream. */
export function isEncryptedOfficeContainer(bytes: Uint8Array): boolean {
  const needle = new Uint8Array(Array.from('EncryptionInfo', (c) => [c.charCodeAt(0), 0]).flat());
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
