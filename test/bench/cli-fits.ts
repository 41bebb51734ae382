/**
 * Issue #14's CJ row, as a user meets it: `huledu cj fit` given Hunter2018
 * four times, in new processes, each fit's `ms` as the CLI prints it.
 * bench:cj and bench:pipeline both report it.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { referenceData } from '../support/reference-data';

const run = promisify(execFile);

export interface CliFitCall {
  /** Each fit's `ms`, in the order of the files. */
  ms: number[];
  /** The load average after the call. */
  load: number;
}

export async function cliFitCalls(calls: number): Promise<CliFitCall[]> {
  const hunter = referenceData('cj-judgements/Hunter2018.csv');
  const out: CliFitCall[] = [];
  for (let i = 0; i < calls; i++) {
    const args = ['run', '--silent', 'huledu', '--', 'cj', 'fit', hunter, hunter, hunter, hunter, '--json'];
    const { stdout } = await run('npm', args, { maxBuffer: 500_000_000 });
    out.push({ ms: stdout.trim().split('\n').map((line) => (JSON.parse(line) as { ms: number }).ms), load: loadavg()[0] });
  }
  return out;
}

/** The budget: the first fit ≤ 60 ms, every later one ≤ 10 ms. */
export const withinFitBudget = ([first, ...later]: number[]): boolean => first <= 60 && later.every((ms) => ms <= 10);
