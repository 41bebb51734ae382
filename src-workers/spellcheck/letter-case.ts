export type CaseShape = 'lower' | 'capitalised' | 'upper' | 'mixed';

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

export function caseShape(word: string): CaseShape {
  if (word === word.toLowerCase()) return 'lower';
  const letters = [...word].filter((c) => c.toLowerCase() !== c.toUpperCase());
  if (letters.length > 1 && letters.every(isUpper)) return 'upper';
  const [first, ...rest] = letters;
  return isUpper(first) && rest.every((c) => !isUpper(c)) ? 'capitalised' : 'mixed';
}

export function isCapitalised(word: string): boolean {
  const first = [...word][0];
  return first !== undefined && isUpper(first);
}

export function capitalise(word: string): string {
  const [first = '', ...rest] = word;
  return first.toUpperCase() + rest.join('');
}

/**
 * `replacement` written the way `original` was: "Becuase" → "Because",
 * "ALOT" → "A LOT". A lowercase original keeps the replacement as it is
 * given, so "sverige" → "Sverige" and "i" → "I" survive.
 */
export function withCaseOf(original: string, replacement: string): string {
  switch (caseShape(original)) {
    case 'upper':
      return replacement.toUpperCase();
    case 'capitalised':
      return capitalise(replacement);
    default:
      return replacement;
  }
}
