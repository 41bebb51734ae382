import { readFile } from 'node:fs/promises';
import {
  GradeScale,
  SelectorMethod,
  StoppingSettings,
  swedishGrades,
  type CjFit,
  type CjGradeCalibration,
  type CjGradeProjection,
  type GradeCalibrationMetrics,
} from '../../../../shared/contracts/cj';
import { readAnchorCsv, readJudgementCsv, readTruthCsv } from '../../../judging/judgement-csv';
import { commonOptions, parseCommand, UsageError, writeJsonLine, type Command } from '../command';
import { createCliPools } from '../compose';

/** A grade scale from the command line: labels separated by commas, lowest first. */
export function parseScale(value: string | undefined): string[] {
  if (value === undefined) return swedishGrades;
  const scale = GradeScale.safeParse(value.split(',').map((grade) => grade.trim()));
  if (!scale.success || scale.data.some((grade) => grade === '')) {
    throw new UsageError('--scale måste vara minst två olika betyg med komma emellan, lägst först / --scale must be at least two different grades separated by commas, lowest first');
  }
  return scale.data;
}

/** Each essay's grade as the CLI reports it: null throughout when the anchors give no grades. */
export function gradeColumns(grades: CjGradeProjection, scale: string[], script: string) {
  const essay = grades.outcome === 'projected' ? grades.essays.find((e) => e.script === script) : undefined;
  return {
    grade: essay?.grade ?? null,
    gradeProbabilities: essay ? Object.fromEntries(scale.map((grade, g) => [grade, essay.probabilities[g]])) : null,
    preliminary: essay?.preliminary ?? true,
  };
}

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
  const { values, positionals } = parseCommand(
    args,
    { anchors: { type: 'string' }, scale: { type: 'string' }, json: commonOptions.json },
    { sv: 'Ange minst en fil', en: 'Give at least one file' },
  );
  if (values.scale !== undefined && values.anchors === undefined) throw new UsageError('--scale behöver --anchors / --scale needs --anchors');
  const scale = parseScale(values.scale);
  // Every file is read and checked before any is fitted, so bad input stops the run before output starts.
  const anchors = values.anchors === undefined ? null : readAnchorCsv(await readFile(values.anchors, 'utf8'), values.anchors, scale);
  const files = await Promise.all(positionals.map(async (file) => ({ file, ...readJudgementCsv(await readFile(file, 'utf8'), file) })));
  for (const { file, judgements, selfComparisons } of files) {
    if (selfComparisons) {
      process.stderr.write(`${file}: ${selfComparisons} rader jämför ett skript med sig självt och räknas inte / rows compare a script with itself and are left out\n`);
    }
    const missing = anchors?.find((anchor) => !judgements.scripts.includes(anchor.script));
    if (missing) throw new UsageError(`${file}: ankaret ${missing.script} finns inte bland bedömningarna / the anchor ${missing.script} is not among the judgements`);
  }
  const pools = createCliPools();
  try {
    // What takes long first, side by side: the split halves (each with its own fit, to the same numbers) and the
    // grades. Then the fits whose times are printed, one at a time on workers that have done all that, so each time is
    // the fit's own and not a share of the cores (issue #14: a warm fit of Hunter2018 ≤ 10 ms every time; four at once
    // on two cores, while the other worker still started, printed up to 20 ms).
    const [splitHalves, allGrades] = await Promise.all([
      Promise.all(files.map(({ judgements }) => pools.cj.fit({ judgements, splitHalf: { splits: SPLITS, seed: 1 } }).then((fit) => fit.splitHalf))),
      Promise.all(files.map(({ judgements }) => (anchors ? pools.cj.grades({ judgements, anchors, scale }) : null))),
    ]);
    const fits: CjFit[] = [];
    for (const { judgements } of files) fits.push(await pools.cj.fit({ judgements }));
    fits.forEach((fit, k) => {
      const { file } = files[k];
      const grades = allGrades[k];
      const report = fitReport(file, { ...fit, splitHalf: splitHalves[k] });
      if (grades?.outcome === 'unavailable') {
        process.stderr.write(`${file}: inga betyg, ankarna räcker inte (${grades.reason}) / no grades, the anchors do not suffice (${grades.reason})\n`);
      }
      if (values.json) {
        writeJsonLine(grades ? { ...report, items: report.items.map((item) => ({ ...item, ...gradeColumns(grades, scale, item.id) })) } : report);
        return;
      }
      const graded = grades?.outcome === 'projected' ? grades.essays.filter((essay) => essay.anchorGrade === null) : [];
      const preliminary = graded.filter((essay) => essay.preliminary).length;
      process.stdout.write(
        `${report.file}: ${report.scripts} skript/scripts, ${report.judgements} bedömningar/judgements, ${report.judges} bedömare/judges, ` +
          `SSR ${report.ssr?.toFixed(3)}, G ${report.sepG?.toFixed(2)}, split-half ${report.splitHalf?.toFixed(3) ?? '–'}, ${report.ms.toFixed(1)} ms` +
          (grades?.outcome === 'projected' ? `, betyg/grades: ${graded.length - preliminary} slutliga/final, ${preliminary} preliminära/preliminary` : '') +
          '\n',
      );
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

const simulateOptions = {
  truth: { type: 'string' },
  'anchors-per-grade': { type: 'string' },
  scale: { type: 'string' },
  pupils: { type: 'string' },
  replicates: { type: 'string' },
  'true-spread': { type: 'string' },
  'per-script': { type: 'string' },
  judges: { type: 'string' },
  'judge-spread': { type: 'string' },
  seed: { type: 'string', default: '1' },
  selector: { type: 'string', default: 'adaptive' },
  stop: { type: 'boolean', default: false },
  json: commonOptions.json,
} as const;
type SimulateValues = ReturnType<typeof parseCommand<typeof simulateOptions>>['values'];

async function simulate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, simulateOptions);
  if (positionals.length) throw new UsageError(`Okänt argument ${positionals[0]} / Unknown argument ${positionals[0]}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed måste vara ett heltal ≥ 0 / --seed must be a whole number ≥ 0');
  const method = SelectorMethod.safeParse(values.selector);
  if (!method.success) throw new UsageError('--selector måste vara adaptive eller random / --selector must be adaptive or random');
  if (values['anchors-per-grade'] !== undefined) return calibrate(values, method.data, seed);
  for (const option of ['scale', 'pupils', 'replicates', 'true-spread'] as const) {
    if (values[option] !== undefined) throw new UsageError(`--${option} hör till --anchors-per-grade / --${option} goes with --anchors-per-grade`);
  }

  if (!values.truth) throw new UsageError('Ange --truth FIL eller --anchors-per-grade N / Give --truth FILE or --anchors-per-grade N');
  const perScript = positiveNumber(values['per-script'], '--per-script', false);
  if (perScript === undefined && !values.stop) throw new UsageError('Ange --per-script K eller --stop / Give --per-script K or --stop');
  const judges = positiveNumber(values.judges ?? '1', '--judges', true)!;
  const judgeSpread = Number(values['judge-spread'] ?? '0');
  if (!(judgeSpread >= 0 && judgeSpread <= 2)) throw new UsageError('--judge-spread måste vara ett tal 0–2 / --judge-spread must be a number 0–2');
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

/** Comparisons per script for the calibration: one number or several separated by commas. */
function perScriptLevels(value: string | undefined): number[] {
  if (value === undefined) return DEFAULT_CALIBRATION_LEVELS;
  return value.split(',').map((level) => positiveNumber(level.trim(), '--per-script', false)!);
}

/** The pupils' true SD range, MIN,MAX in logits (one number for a fixed spread). */
function trueSpread(value: string | undefined): { min: number; max: number } | undefined {
  if (value === undefined) return undefined;
  const [min, max = min] = value.split(',').map((part) => positiveNumber(part.trim(), '--true-spread', false)!);
  if (!(min <= max)) throw new UsageError('--true-spread är MIN,MAX med MIN ≤ MAX / --true-spread is MIN,MAX with MIN ≤ MAX');
  return { min, max };
}

const DEFAULT_CALIBRATION_LEVELS = [1, 2, 4, 10, 20];

/** `simulate --anchors-per-grade N`: how right the grade probabilities are, the grade posterior beside the earlier method, at each level. */
async function calibrate(values: SimulateValues, method: SelectorMethod, seed: number): Promise<number> {
  for (const option of ['truth', 'judges', 'judge-spread'] as const) {
    if (values[option] !== undefined) throw new UsageError(`--${option} hör inte till --anchors-per-grade / --${option} does not go with --anchors-per-grade`);
  }
  if (values.stop) throw new UsageError('--stop hör inte till --anchors-per-grade / --stop does not go with --anchors-per-grade');
  const scale = parseScale(values.scale);
  const anchorsPerGrade = positiveNumber(values['anchors-per-grade'], '--anchors-per-grade', true)!;
  const pupils = positiveNumber(values.pupils, '--pupils', true);
  const replicates = positiveNumber(values.replicates, '--replicates', true);
  const levels = perScriptLevels(values['per-script']);
  const spread = trueSpread(values['true-spread']);

  const pools = createCliPools();
  try {
    const results = await Promise.all(
      levels.map((perScript) =>
        pools.cj.calibrateGrades({ grades: scale.length, anchorsPerGrade, pupils, replicates, perScript, method, trueSpread: spread, seed }),
      ),
    );
    if (values.json) results.forEach((result) => writeJsonLine(calibrationReport(result)));
    else {
      process.stdout.write(
        `Betygens kalibrering / grade calibration: ${results[0].replicates} sessioner/sessions per nivå/level, ${method}, seed ${seed}, ` +
          `jämn gissning/even guess ln ${scale.length} = ${Math.log(scale.length).toFixed(2)}\n` +
          'per script  method     right  stated   ECE   log loss  final (right)  no grades\n',
      );
      for (const result of results) {
        for (const [name, metrics] of [['posterior', result.posterior], ['earlier', result.earlier]] as const) {
          process.stdout.write(`${String(result.perScript).padStart(10)}  ${name.padEnd(9)}  ${calibrationLine(metrics)}\n`);
        }
      }
    }
    return 0;
  } finally {
    await pools.close();
  }
}

const calibrationReport = (result: CjGradeCalibration) => ({
  perScript: result.perScript,
  method: result.method,
  replicates: result.replicates,
  posterior: result.posterior,
  earlier: result.earlier,
});

const percent = (value: number | null): string => (value === null ? '–' : `${(100 * value).toFixed(0)}%`);

function calibrationLine(m: GradeCalibrationMetrics): string {
  return (
    `${percent(m.accuracy).padStart(5)}  ${percent(m.meanStated).padStart(6)}  ${m.ece.toFixed(3)}  ${m.logLoss.toFixed(2).padStart(8)}  ` +
    `${percent(m.final.share).padStart(5)} (${percent(m.final.accuracy)})`.padEnd(15) +
    `  ${m.withoutGrades}`
  );
}

export const cjCommand: Command = {
  usage: `  huledu cj fit FIL... [--anchors ANKARE] [--scale F,E,D,C,B,A] [--json]
      Skattar en Bradley–Terry-skala ur parvisa bedömningar (CSV: judge,candidate_chosen,candidate_not_chosen);
      med --anchors (CSV: id,grade) också varje uppsats betyg, dess sannolikheter och om det är preliminärt.
      Fits a Bradley–Terry scale to paired judgements (CSV: judge,candidate_chosen,candidate_not_chosen);
      with --anchors (CSV: id,grade) also each essay's grade, its probabilities and whether it is preliminary.
  huledu cj simulate --truth FIL --per-script K [--judges J] [--judge-spread S] [--seed S] [--selector adaptive|random] [--stop] [--json]
      Kör en hel session mot simulerade bedömare med sanna värden ur FIL (CSV: id,theta).
      Runs a whole session against simulated judges with true values from FILE (CSV: id,theta).
  huledu cj simulate --anchors-per-grade N [--scale F,E,D,C,B,A] [--pupils 24] [--per-script 1,2,4,10,20] [--replicates 200]
                     [--true-spread 0.6,3] [--seed S] [--selector adaptive|random] [--json]
      Mäter hur rätt betygens sannolikheter är i simulerade sessioner med känd sanning, nya metoden bredvid den tidigare.
      Measures how right grade probabilities are in simulated sessions with a known truth, the new method beside the earlier one.`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'fit') return fitFiles(rest);
    if (sub === 'simulate') return simulate(rest);
    throw new UsageError('Ange cj fit eller cj simulate / Give cj fit or cj simulate');
  },
};
