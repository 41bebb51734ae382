import type { PupilName } from '../contracts/pupils';

/** The names a batch's word list keeps for its pupils: each pupil's whole name, as the class list writes it. */
export function pupilNames(pupils: readonly PupilName[]): string[] {
  return [...new Set(pupils.map((p) => `${p.firstName} ${p.lastName}`.trim()))];
}

/** A name as a word list or a pasted line holds it, as a pupil: the last word is the last name. */
export function nameAsPupil(name: string): PupilName {
  const words = name.trim().split(/\s+/);
  return words.length === 1 ? { firstName: words[0]!, lastName: '' } : { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}
