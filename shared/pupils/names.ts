/**
 * How pupils' names are compared: folded to lowercase letters without
 * diacritics, so "Öberg", "Oberg" and "OBERG" are one name, and split into
 * parts at spaces and hyphens, so "Anna-Karin" is two parts. The matcher and
 * the masking share these rules.
 */

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ð: 'd', đ: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h',
};

/** Lowercase, without diacritics: "Åsa Öberg" → "asa oberg". Length can change (æ → ae). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('sv')
    .replace(/[øæœßðđþłıħ]/g, (c) => UNDECOMPOSED[c]);
}

/** The folded parts of a name: split at spaces, hyphens and dots; apostrophes dropped ("O'Brien" → "obrien"). */
export function nameParts(name: string): string[] {
  return fold(name)
    .replace(/['’ʼ`´]/g, '')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
}

/**
 * Whether two folded words differ by at most one edit: a letter added,
 * dropped, changed, or two neighbours swapped ("Lindqvist" / "Lindkvist",
 * "Jonsson" / "Jnosson").
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}
