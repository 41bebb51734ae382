import { readFile } from 'node:fs/promises';
import { SelectorMethod, StoppingSettings, type CjFit } from '../../../../shared/contracts/cj';
import { readJudgementCsv, readTruthCsv } from '../../../judging/judgement-csv';
import { commonOptions, parseCommand, UsageError, writeJsonLine, type Command } from '../command';
import { createCliPools } from '../compose';

/** One file's fit as the CLI reports it. */
export function fitReport(file: string, fit: CjFit) {
  return {
    file,
    scripts: fit.scripts.length,
    judgements: fit.judgeJudgements.reduce((sum, n) => sum + n, 0),
    judges: fit.judges.length,
    ssr: fit.ssr,
    sepG: fit.sepG,
    splitHalf: fit.splitHalf,
    ms: fit.ms,
    items: fit.scripts.map((id, i) => ({
      id,
      theta: fit.theta[i],
      se: fit.se[i],
      infit: fit.infit[i],
      outfit: fit.outfit[i],
      wins: fit.wins[i],
      comparisons: fit.comparisons[i],
    })),
    judgeFit: fit.judges.map((id, k) => ({ id, infit: fit.judgeInfit[k], outfit: fit.judgeOutfit[k], judgements: fit.judgeJudgements[k] })),
  };
}

const SPLITS = 100;

async function fitFiles(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: commonOptions.json }, { sv: 'Ange minst en fil', en: 'Give at least one file' });
  // Every file is read and checked before any is fitted, so bad input stops the run before output starts.
  const files = await Promise.all(positionals.map(async (file) => ({ file, ...readJudgementCsv(await readFile(file, 'utf8'), file) })));
  for (const { file, selfComparisons } of files) {
    if (selfComparisons) {
      process.stderr.write(`${file}: ${selfComparisons} rader jämför ett skript med sig självt och räknas inte / rows compare a script with itself and are left out\n`);
    }
  }
  const pools = createCliPools();
  try {
    const fits = await Promise.all(files.map(({ judgements }) => pools.cj.fit({ judgements, splitHalf: { splits: SPLITS, seed: 1 } })));
    fits.forEach((fit, k) => {
      const report = fitReport(files[k].file, fit);
      if (values.json) writeJsonLine(report);
      else {
        process.stdout.write(
          `${report.file}: ${report.scripts} skript/scripts, ${report.judgements} bedömningar/judgements, ${report.judges} bedömare/judges, ` +
            `SSR ${report.ssr?.toFixed(3)}, G ${report.sepG?.toFixed(2)}, split-half ${report.splitHalf?.toFixed(3) ?? '–'}, ${report.ms.toFixed(1)} ms\n`,
        );
      }
    });
    return 0;
  } finally {
    await pools.close();
  }
}

function positiveNumber(value: string | undefined, name: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} måste vara ett positivt ${integer ? 'heltal' : 'tal'} / ${name} must be a positive ${integer ? 'whole number' : 'number'}`);
  }
  return n;
}

async function simulate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    truth: { type: 'string' },
    'per-script': { type: 'string' },
    judges: { type: 'string', default: '1' },
    'judge-spread': { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    selector: { type: 'string', default: 'adaptive' },
    stop: { type: 'boolean', default: false },
    json: commonOptions.json,
  });
  if (positionals.length) throw new UsageError(`Okänt argument ${positionals[0]} / Unknown argument ${positionals[0]}`);
  if (!values.truth) throw new UsageError('Ange --truth FIL / Give --truth FILE');
  const perScript = positiveNumber(values['per-script'], '--per-script', false);
  if (perScript === undefined && !values.stop) throw new UsageError('Ange --per-script K eller --stop / Give --per-script K or --stop');
  const judges = positiveNumber(values.judges, '--judges', true)!;
  const judgeSpread = Number(values['judge-spread']);
  if (!(judgeSpread >= 0 && judgeSpread <= 2)) throw new UsageError('--judge-spread måste vara ett tal 0–2 / --judge-spread must be a number 0–2');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed måste vara ett heltal ≥ 0 / --seed must be a whole number ≥ 0');
  const method = SelectorMethod.safeParse(values.selector);
  if (!method.success) throw new UsageError('--selector måste vara adaptive eller random / --selector must be adaptive or random');
  const truth = readTruthCsv(await readFile(values.truth, 'utf8'), values.truth);

  const pools = createCliPools();
  try {
    const result = await pools.cj.simulate({
      truth,
      // With --stop and no --per-script, the stopping rule's default budget is the limit.
      perScript: perScript ?? StoppingSettings.parse({}).budgetPerScript,
      judges,
      judgeSpread,
      method: method.data,
      stopWithRule: values.stop,
      seed,
    });
    const report = {
      comparisons: result.comparisons,
      perScript: result.perScript,
      ssr: result.ssr,
      splitHalf: result.splitHalf,
      reliability: { reported: result.reliability.reported, lowerBound: result.reliability.lowerBound, method: result.reliability.method },
      stoppedBecause: result.stoppedBecause,
      items: result.scripts.map((id, i) => ({ id, theta: result.theta[i], se: result.se[i] })),
    };
    if (values.json) writeJsonLine(report);
    else {
      process.stdout.write(
        `${report.comparisons} bedömningar/judgements (${report.perScript.toFixed(1)} per skript/script), SSR ${report.ssr?.toFixed(3)}, ` +
          `split-half ${report.splitHalf?.toFixed(3) ?? '–'}, reliabilitet/reliability ${report.reliability.reported?.toFixed(3) ?? '–'} ` +
          `(minst/at least ${report.reliability.lowerBound?.toFixed(3) ?? '–'}; ${report.reliability.method}), ` +
          `stoppregeln/stopping rule: ${result.verdict}\n`,
      );
    }
    return 0;
  } finally {
    await pools.close();
  }
}

export const cjCommand: Command = {
  usage: `  huledu cj fit FIL... [--json]
      Skattar en Bradley–Terry-skala ur parvisa bedömningar (CSV: judge,candidate_chosen,candidate_not_chosen).
      Fits a Bradley–Terry scale to paired judgements (CSV: judge,candidate_chosen,candidate_not_chosen).
  huledu cj simulate --truth FIL --per-script K [--judges J] [--judge-spread S] [--seed S] [--selector adaptive|random] [--stop] [--json]
      Kör en hel session mot simulerade bedömare med sanna värden ur FIL (CSV: id,theta).
      Runs a whole session against simulated judges with true values from FILE (CSV: id,theta).`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'fit') return fitFiles(rest);
    if (sub === 'simulate') return simulate(rest);
    throw new UsageError('Ange cj fit eller cj simulate / Give cj fit or cj simulate');
  },
};
