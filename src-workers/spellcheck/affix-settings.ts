/** A typical misspelling as the dictionary's authors list it (REP): `from` is replaced by `to`. */
export interface Replacement {
  from: string;
  to: string;
  /** `^` in the .aff: only at the start of the word. */
  atStart: boolean;
  /** `$` in the .aff: only at the end of the word. */
  atEnd: boolean;
}

/** What the suggestion layer takes from a Hunspell .aff file. */
export interface AffixSettings {
  /** TRY: the letters Hunspell tries in edits, most frequent first. */
  tryLetters: string[];
  replacements: Replacement[];
  /** NOSPLITSUGS: never suggest splitting a word in two. */
  noSplitSuggestions: boolean;
  /** Flags of entries never to suggest: NOSUGGEST and FORBIDDENWORD. */
  hiddenFlags: string[];
  /** The dictionary builds compounds from parts (COMPOUNDFLAG or COMPOUNDBEGIN), as Swedish does. */
  compounds: boolean;
}

export function parseAffixSettings(aff: string): AffixSettings {
  const lines = aff.split(/\r?\n/).map((l) => l.trim().split(/\s+/));
  const directive = (name: string) => lines.filter((l) => l[0] === name);
  return {
    tryLetters: [...new Set(directive('TRY')[0]?.[1] ?? '')].filter((c) => /\p{Ll}/u.test(c)),
    // The first REP line holds the count; `_` stands for a space.
    replacements: directive('REP')
      .filter((l) => l.length >= 3)
      .map(([, from, to]) => ({
        from: from.replace(/^\^|\$$/g, '').replace(/_/g, ' '),
        to: to.replace(/_/g, ' '),
        atStart: from.startsWith('^'),
        atEnd: from.endsWith('$'),
      })),
    noSplitSuggestions: directive('NOSPLITSUGS').length > 0,
    hiddenFlags: [...directive('NOSUGGEST'), ...directive('FORBIDDENWORD')].map((l) => l[1]).filter(Boolean),
    compounds: directive('COMPOUNDFLAG').length > 0 || directive('COMPOUNDBEGIN').length > 0,
  };
}
