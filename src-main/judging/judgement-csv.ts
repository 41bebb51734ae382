import type { CjJudgements } from '../../shared/contracts/cj';
import { InputError } from '../core/input-error';
import { parseCsv } from '../export/csv';

/**
 * Judgements and true values from CSV files, as pilots and the published
 * CJ studies write them (the CLI's `cj fit` and `cj simulate`, the reference
 * tests and the bench read them).
 */

export interface JudgementFile {
  judgements: CjJudgements;
  /** Rows that compared a script with itself: they say nothing about the order and are left out. */
  selfComparisons: number;
  /** The scripts those rows compared with themselves. */
  selfCompared: Set<string>;
}

const MIN_JUDGEMENTS = 2;

/** Judgements from a CSV with columns judge,candidate_chosen,candidate_not_chosen (or judge,winner,loser), in any order. */
export function readJudgementCsv(text: string, file: string): JudgementFile {
  const [header, ...rows] = parseCsv(text);
  const columns = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  const judgeAt = columns.indexOf('judge');
  const pair = columns.includes('candidate_chosen') ? ['candidate_chosen', 'candidate_not_chosen'] : ['winner', 'loser'];
  const [winnerAt, loserAt] = pair.map((name) => columns.indexOf(name));
  if (judgeAt < 0 || winnerAt < 0 || loserAt < 0) {
    throw new InputError(
      `${file}: rubrikraden måste ha kolumnerna judge,candidate_chosen,candidate_not_chosen (eller judge,winner,loser) / ` +
        `the header must have the columns judge,candidate_chosen,candidate_not_chosen (or judge,winner,loser)`,
    );
  }

  const scripts = new Map<string, number>();
  const judges = new Map<string, number>();
  const indexOf = (ids: Map<string, number>, id: string): number => {
    if (!ids.has(id)) ids.set(id, ids.size);
    return ids.get(id)!;
  };
  const winner: number[] = [];
  const loser: number[] = [];
  const judge: number[] = [];
  let selfComparisons = 0;
  const selfCompared = new Set<string>();
  for (const { line, fields } of rows) {
    const [judgeId, winnerId, loserId] = [judgeAt, winnerAt, loserAt].map((at) => (fields[at] ?? '').trim());
    if (!judgeId || !winnerId || !loserId) {
      throw new InputError(`${file} rad ${line}: bedömare, vinnare och förlorare måste finnas / ${file} line ${line}: judge, winner and loser must all be given`);
    }
    if (winnerId === loserId) {
      indexOf(scripts, winnerId);
      selfComparisons++;
      selfCompared.add(winnerId);
      continue;
    }
    winner.push(indexOf(scripts, winnerId));
    loser.push(indexOf(scripts, loserId));
    judge.push(indexOf(judges, judgeId));
  }
  if (winner.length < MIN_JUDGEMENTS || scripts.size < 2) {
    throw new InputError(
      `${file}: för få bedömningar (${winner.length}); minst ${MIN_JUDGEMENTS} behövs / too few judgements (${winner.length}); at least ${MIN_JUDGEMENTS} are needed`,
    );
  }
  return {
    judgements: { scripts: [...scripts.keys()], judges: [...judges.keys()], winner: Int32Array.from(winner), loser: Int32Array.from(loser), judge: Int32Array.from(judge) },
    selfComparisons,
    selfCompared,
  };
}

/** True values for a simulation: CSV with columns id,theta (logits). */
export function readTruthCsv(text: string, file: string): { scripts: string[]; theta: Float64Array } {
  const [header, ...rows] = parseCsv(text);
  const columns = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  const [idAt, thetaAt] = [columns.indexOf('id'), columns.indexOf('theta')];
  if (idAt < 0 || thetaAt < 0) throw new InputError(`${file}: rubrikraden måste ha kolumnerna id,theta / the header must have the columns id,theta`);
  const scripts: string[] = [];
  const theta: number[] = [];
  for (const { line, fields } of rows) {
    const id = (fields[idAt] ?? '').trim();
    const value = Number((fields[thetaAt] ?? '').trim());
    if (!id || !Number.isFinite(value) || (fields[thetaAt] ?? '').trim() === '') {
      throw new InputError(`${file} rad ${line}: id och ett tal för theta behövs / ${file} line ${line}: an id and a number for theta are needed`);
    }
    scripts.push(id);
    theta.push(value);
  }
  if (new Set(scripts).size !== scripts.length) throw new InputError(`${file}: samma id förekommer två gånger / an id appears twice`);
  if (scripts.length < 2) throw new InputError(`${file}: minst två skript behövs / at least two scripts are needed`);
  return { scripts, theta: Float64Array.from(theta) };
}

export interface AnchorGrade {
  script: string;
  grade: string;
}

/** Anchor essays: CSV with columns id,grade, each grade on the scale and in at least two different grades. */
export function readAnchorCsv(text: string, file: string, scale: string[]): AnchorGrade[] {
  const [header, ...rows] = parseCsv(text);
  const columns = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  const [idAt, gradeAt] = [columns.indexOf('id'), columns.indexOf('grade')];
  if (idAt < 0 || gradeAt < 0) throw new InputError(`${file}: rubrikraden måste ha kolumnerna id,grade / the header must have the columns id,grade`);
  const anchors: AnchorGrade[] = [];
  for (const { line, fields } of rows) {
    const [script, grade] = [idAt, gradeAt].map((at) => (fields[at] ?? '').trim());
    if (!script || !scale.includes(grade)) {
      throw new InputError(
        `${file} rad ${line}: ett id och ett betyg på skalan ${scale.join(',')} behövs / ${file} line ${line}: an id and a grade on the scale ${scale.join(',')} are needed`,
      );
    }
    if (anchors.some((anchor) => anchor.script === script)) throw new InputError(`${file}: ${script} förekommer två gånger / ${script} appears twice`);
    anchors.push({ script, grade });
  }
  if (new Set(anchors.map((anchor) => anchor.grade)).size < 2) {
    throw new InputError(`${file}: ankare i minst två olika betyg behövs / anchors in at least two different grades are needed`);
  }
  return anchors;
}
