import type { Essay } from '../contracts/domain';
import type { Pupil, PupilName } from '../contracts/pupils';

/** The names a batch's word list keeps for its pupils: each pupil's whole name, as the class list writes it. */
export function pupilNames(pupils: readonly PupilName[]): string[] {
  return [...new Set(pupils.map(fullName))];
}

/** A name as a word list or a pasted line holds it, as a pupil: the last word is the last name. */
export function nameAsPupil(name: string): PupilName {
  const words = name.trim().split(/\s+/);
  return words.length === 1 ? { firstName: words[0]!, lastName: '' } : { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}

/** A pupil's whole name as the class list writes it. */
export function fullName(pupil: PupilName): string {
  return `${pupil.firstName} ${pupil.lastName}`.trim();
}

/** Who wrote an essay: its pupil when intake or the teacher matched one; null while it is in review or matched to nobody. */
export function essayPupil(essay: Pick<Essay, 'pupilMatch'>, pupils: readonly Pupil[]): Pupil | null {
  const match = essay.pupilMatch;
  if (match?.status !== 'matched' || !match.pupilId) return null;
  return pupils.find((p) => p.id === match.pupilId) ?? null;
}
