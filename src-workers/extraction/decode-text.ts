import { decodePlainText, type DecodedText } from '../../shared/text/decode-text';
import { Rejected } from './rejection';

export type { DecodedText };

/** The shared decoder, with its refusals as the extraction engine's rejections. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const decoded = decodePlainText(bytes);
  if ('text' in decoded) return decoded;
  if (decoded.reason === 'binary') throw new Rejected('UNSUPPORTED_FILE_TYPE', 'binary data');
  throw new Rejected('CORRUPT_FILE', `invalid ${decoded.encoding}`);
}
