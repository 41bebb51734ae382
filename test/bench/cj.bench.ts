/**
 * `npm run bench:cj`: the CJ engine measured on this machine.
 *
 * 1. Fit times through the app's pool (one thread, so every fit lands on the
 *    same worker): Hunter2018, Ofqual2015 and a synthetic session of 5,000
 *    scripts and 100,000 judgements, the first fit of each and the median and
 *    max of later ones. `ms` is timed inside the worker, as the CLI reports
 *    it. Then the CLI's case, `huledu cj fit` given Hunter2018 four times, in
 *    five new processes (cli-fits.ts). `npm run bench:cj -- fits` runs this part alone.
 * 2. References in the same run: R's BradleyTerry2::BTm (time inside R, fit
 *    only, with a time limit), and a plain MM (Zermelo) iteration in this process.
 * 3. Simulated sessions, adaptive against random selection, with the ELLIPSE
 *    human scores as the truth; and sessions of 30 and 150 essays, with one and
 *    with several judges, ended by the stopping rule.
 * 4. Grades: the grades task's time for a class of 30 in a warm worker, and the
 *    calibration of grade probabilities against a known truth, the grade
 *    posterior beside the earlier method in the same sessions, random and
 *    adaptive pairs; and, at fixed true spreads, the hierarchical prior beside
 *    a fixed one. `npm run bench:cj -- grades` runs this part alone.
 *
 * Needs ../shared/data (fails clearly without it) and, for the R reference,
 * `apt-get install -y r-cran-bradleyterry2`. Writes bench-results/cj.json, and
 * the grades part to bench-results/cj-grades.json (the fits part alone: cj-fits.json).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { promisify } from 'node:util';
import type { CjGradeCalibration, CjJudgements, SelectorMethod } from '../../shared/contracts/cj';
import { silentLogger } from '../../src-main/core/logger';
import { parseCsv } from '../../src-main/export/csv';
import { readJudgementCsv } from '../../src-main/judging/judgement-csv';
import { repoPath } from '../../src-main/app/repo-path';
import type { CjPort } from '../../src-main/core/ports';
import { createPools } from '../../src-main/pools';
import { sourceWorkerEntries } from '../../src-main/pools/entries.source';
import { adjustedScores } from '../../src-workers/cj/bradley-terry';
import { buildComparisonGraph } from '../../src-workers/cj/comparison-graph';
import { seededRandom, standardNormal } from '../../src-workers/cj/random';
import { simulateSession } from '../../src-workers/cj/simulation';
import { mean, median, normalQuantile, variance } from '../../src-workers/cj/statistics';
import { scenarioTasks, summariseStops, type StoppingScenario, type StoppingSummary } from '../../src-workers/cj/stopping-evaluation';
import { referenceData } from '../support/reference-data';
import { cliFitCalls, type CliFitCall } from './cli-fits';

const run = promisify(execFile);
const WARM_UP = 5;
const REPEATS = 15;
const R_TIME_LIMIT_S = 120;
/** The median true spread (SD of θ × √SSR) over the meta-analysis's sessions, and its quartiles. */
const TRUTH_SD = 1.35;
const TRUTH_SD_QUARTILES = [0.77, 2.23];
const PER_SCRIPT = [5, 10, 15, 20];
const SEEDS = [1, 2, 3, 4, 5, 6];
const JUDGES = 10;

const session = (name: string): CjJudgements => readJudgementCsv(readFileSync(referenceData(`cj-judgements/${name}.csv`), 'utf8'), name).judgements;

/** Random pairs among `scripts` with outcomes from the Bradley–Terry model at normal true values. */
function syntheticSession(scripts: number, judgements: number, judges: number, seed: number): CjJudgements {
  const random = seededRandom(seed);
  const truth = Float64Array.from({ length: scripts }, () => TRUTH_SD * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
  const winner = new Int32Array(judgements);
  const loser = new Int32Array(judgements);
  for (let j = 0; j < judgements; j++) {
    const a = Math.floor(random() * scripts);
    const b = (a + 1 + Math.floor(random() * (scripts - 1))) % scripts;
    const aWins = random() < 1 / (1 + Math.exp(truth[b] - truth[a]));
    winner[j] = aWins ? a : b;
    loser[j] = aWins ? b : a;
  }
  return {
    scripts: Array.from({ length: scripts }, (_, i) => `s${i}`),
    judges: Array.from({ length: judges }, (_, k) => `j${k}`),
    winner,
    loser,
    judge: Int32Array.from({ length: judgements }, (_, j) => j % judges),
  };
}

interface FitTiming {
  session: string;
  scripts: number;
  judgements: number;
  /** The session's first fit in the worker (for the first session, the worker's first task). */
  firstMs: number;
  medianMs: number;
  maxMs: number;
  /** Main's view: the task's transfer and parsing on both sides included. */
  roundTripMedianMs: number;
  newtonSteps: number;
  warmStartMedianMs: number;
}

async function timeFits(pool: CjPort, name: string, judgements: CjJudgements): Promise<FitTiming> {
  const inWorker: number[] = [];
  const roundTrip: number[] = [];
  let fit = await pool.fit({ judgements });
  const firstMs = fit.ms;
  for (let k = 0; k < WARM_UP + REPEATS; k++) {
    const started = performance.now();
    fit = await pool.fit({ judgements });
    if (k < WARM_UP) continue;
    roundTrip.push(performance.now() - started);
    inWorker.push(fit.ms);
  }
  // A live session refits after each new judgement: here the last 1% arrive on top of a fit without them.
  const earlier = Math.floor(judgements.winner.length * 0.99);
  const before = await pool.fit({
    judgements: { ...judgements, winner: judgements.winner.slice(0, earlier), loser: judgements.loser.slice(0, earlier), judge: judgements.judge.slice(0, earlier) },
  });
  const warm: number[] = [];
  for (let k = 0; k < REPEATS; k++) warm.push((await pool.fit({ judgements, warmStart: { scripts: before.scripts, theta: before.theta } })).ms);
  return {
    session: name,
    scripts: judgements.scripts.length,
    judgements: judgements.winner.length,
    firstMs,
    medianMs: median(inWorker),
    maxMs: Math.max(...inWorker),
    roundTripMedianMs: median(roundTrip),
    newtonSteps: fit.iterations,
    warmStartMedianMs: median(warm),
  };
}

/** Fit times: one worker, then the CLI's case. */
async function fitTimes(): Promise<{ fits: FitTiming[]; zermelo: Record<string, ReturnType<typeof zermelo>>; cli: CliFitCall[] }> {
  const timingPools = createPools(sourceWorkerEntries, 1, silentLogger);
  const timingPool = timingPools.cj;
  const fits: FitTiming[] = [];
  const zermeloRuns: Record<string, ReturnType<typeof zermelo>> = {};
  const sessions: [string, CjJudgements][] = [
    ['Hunter2018', session('Hunter2018')],
    ['Ofqual2015', session('Ofqual2015')],
    ['synthetic 5,000 / 100,000', syntheticSession(5000, 100_000, 100, 1)],
    ['PollittX_design', session('PollittX_design')],
  ];
  console.log(`\nFit in one worker (ms inside the worker; the first fit, then median and max of ${REPEATS} after ${WARM_UP} more)`);
  for (const [name, judgements] of sessions) {
    const timing = await timeFits(timingPool, name, judgements);
    fits.push(timing);
    zermeloRuns[name] = zermelo(judgements);
    console.log(
      `  ${name.padEnd(26)} ${String(timing.scripts).padStart(5)} scripts ${String(timing.judgements).padStart(7)} judgements  ` +
        `first ${timing.firstMs.toFixed(2)} ms  median ${timing.medianMs.toFixed(2)} ms  max ${timing.maxMs.toFixed(2)} ms  (round trip ${timing.roundTripMedianMs.toFixed(1)} ms, ` +
        `${timing.newtonSteps} Newton steps; warm start after 1% new judgements ${timing.warmStartMedianMs.toFixed(2)} ms)  ` +
        `plain MM: ${zermeloRuns[name].ms.toFixed(0)} ms, ${zermeloRuns[name].iterations} iterations${zermeloRuns[name].converged ? '' : ' (not converged)'}  load ${loadavg()[0].toFixed(2)}`,
    );
  }
  await timingPools.close();

  console.log(`\nThe CLI's case: \`huledu cj fit\` given Hunter2018 four times, in new processes (ms as printed, in file order)`);
  const cli = await cliFitCalls(5);
  for (const round of cli) console.log(`  ${round.ms.map((ms) => ms.toFixed(1)).join(', ')} ms  load ${round.load.toFixed(2)}`);
  const later = cli.flatMap((round) => round.ms.slice(1));
  console.log(
    `  first file: median ${median(cli.map((round) => round.ms[0])).toFixed(1)} ms, max ${Math.max(...cli.map((round) => round.ms[0])).toFixed(1)} ms; ` +
      `the others: median ${median(later).toFixed(1)} ms, max ${Math.max(...later).toFixed(1)} ms`,
  );
  return { fits, zermelo: zermeloRuns, cli };
}

/**
 * A plain MM (Zermelo) iteration on the same ε-adjusted scores, for scale:
 * π_i ← s_i / Σ_j n_ij/(π_i + π_j), renormalised, until no log π moves by 1e-7.
 */
function zermelo(judgements: CjJudgements): { ms: number; iterations: number; converged: boolean } {
  const started = performance.now();
  const graph = buildComparisonGraph(judgements.scripts.length, judgements.winner, judgements.loser);
  const scores = adjustedScores(graph, 0.3);
  const n = graph.scriptCount;
  let strength = new Float64Array(n).fill(1);
  const denominator = new Float64Array(n);
  for (let iteration = 1; iteration <= 100_000; iteration++) {
    denominator.fill(0);
    for (let e = 0; e < graph.pairCount; e++) {
      const t = graph.pairTotal[e] / (strength[graph.pairA[e]] + strength[graph.pairB[e]]);
      denominator[graph.pairA[e]] += t;
      denominator[graph.pairB[e]] += t;
    }
    const next = Float64Array.from(scores, (s, i) => s / denominator[i]);
    let logMean = 0;
    for (let i = 0; i < n; i++) logMean += Math.log(next[i]) / n;
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= Math.exp(logMean);
      change = Math.max(change, Math.abs(Math.log(next[i] / strength[i])));
    }
    strength = next;
    if (change < 1e-7) return { ms: performance.now() - started, iterations: iteration, converged: true };
    if (performance.now() - started > 60_000) return { ms: performance.now() - started, iterations: iteration, converged: false };
  }
  return { ms: performance.now() - started, iterations: 100_000, converged: false };
}

/** BradleyTerry2::BTm on a session file; seconds inside R for the fit alone, or null past the time limit. */
async function bradleyTerry2(file: string): Promise<number | null> {
  const script = `
    suppressMessages(library(BradleyTerry2))
    d <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = FALSE, colClasses = "character")
    d <- d[d$candidate_chosen != d$candidate_not_chosen, ]
    lv <- sort(unique(c(d$candidate_chosen, d$candidate_not_chosen)))
    bt <- data.frame(w = factor(d$candidate_chosen, levels = lv), l = factor(d$candidate_not_chosen, levels = lv))
    t <- system.time(suppressWarnings(BTm(outcome = 1, player1 = w, player2 = l, data = bt)))
    cat(t[["elapsed"]])`;
  try {
    const { stdout } = await run('Rscript', ['-e', script, file], { timeout: R_TIME_LIMIT_S * 1000, killSignal: 'SIGKILL' });
    return Number(stdout);
  } catch (error) {
    if ((error as { killed?: boolean }).killed) return null;
    throw new Error('Rscript with BradleyTerry2 failed; install it with apt-get install -y r-cran-bradleyterry2', { cause: error });
  }
}

function readEllipse(): { scripts: string[]; overall: number[]; centre: number; spread: number } {
  const [header, ...rows] = parseCsv(readFileSync(referenceData('essays/ellipse-test.csv'), 'utf8'));
  const idAt = header.fields.indexOf('text_id_kaggle');
  const overallAt = header.fields.indexOf('Overall');
  const overall = rows.map((row) => Number(row.fields[overallAt]));
  return { scripts: rows.map((row, k) => `${row.fields[idAt]}#${k}`), overall, centre: mean(overall), spread: Math.sqrt(variance(overall)) };
}
// The CSV is 6.4 MB, so it is read once for all the truths.
let ellipse: ReturnType<typeof readEllipse> | undefined;

/** ELLIPSE's human `Overall` score (1–5 in steps of 0.5), as θ = sd × z-score over all 2,571 essays. */
function ellipseTruth(sd: number): { scripts: string[]; theta: Float64Array } {
  ellipse ??= readEllipse();
  const { scripts, overall, centre, spread } = ellipse;
  return { scripts, theta: Float64Array.from(overall, (x) => (sd * (x - centre)) / spread) };
}

interface SimulationRow {
  truthSd: number;
  perScript: number;
  selector: 'adaptive' | 'random';
  seeds: number;
  spearman: number;
  ssr: number;
  splitHalf: number;
  reported: number;
  lowerBound: number;
  trueR2: number;
}

async function simulationTable(pool: CjPort, truthSd: number, perScript: number[], seeds: number[]): Promise<SimulationRow[]> {
  const truth = ellipseTruth(truthSd);
  const rows: SimulationRow[] = [];
  for (const k of perScript) {
    for (const selector of ['random', 'adaptive'] as const) {
      const results = await Promise.all(seeds.map((seed) => pool.simulate({ truth, perScript: k, judges: JUDGES, method: selector, seed })));
      rows.push({
        truthSd,
        perScript: k,
        selector,
        seeds: seeds.length,
        spearman: mean(results.map((r) => r.truthSpearman)),
        ssr: mean(results.map((r) => r.ssr!)),
        splitHalf: mean(results.map((r) => r.splitHalf!)),
        reported: mean(results.map((r) => r.reliability.reported!)),
        lowerBound: mean(results.map((r) => r.reliability.lowerBound!)),
        trueR2: mean(results.map((r) => r.trueR2)),
      });
      const row = rows.at(-1)!;
      console.log(
        `  SD ${truthSd}  K ${String(k).padStart(2)}  ${selector.padEnd(8)}  Spearman ${row.spearman.toFixed(3)}  SSR ${row.ssr.toFixed(3)}  ` +
          `split-half ${row.splitHalf.toFixed(3)}  reported ${row.reported.toFixed(3)} (lower bound ${row.lowerBound.toFixed(3)})  true r² ${row.trueR2.toFixed(3)}`,
      );
    }
  }
  return rows;
}

/** The stopping rule's scenarios: a class of 30 and a session of 150, one teacher or several judges who differ (log-discrimination SD 0.3). */
const STOPPING_SCENARIOS: Omit<StoppingScenario, 'method'>[] = [
  { scripts: 30, judges: 1, judgeSpread: 0, sessions: 40, budgetPerScript: 20, seed: 1 },
  { scripts: 30, judges: 3, judgeSpread: 0.3, sessions: 40, budgetPerScript: 20, seed: 1 },
  { scripts: 150, judges: 1, judgeSpread: 0, sessions: 16, budgetPerScript: 20, seed: 1 },
  { scripts: 150, judges: 5, judgeSpread: 0.3, sessions: 16, budgetPerScript: 20, seed: 1 },
];

/** Sessions ended by the stopping rule (target 0.8, budget 20 per script), essays drawn from ELLIPSE. */
async function stoppingTable(pool: CjPort): Promise<(StoppingScenario & StoppingSummary)[]> {
  const population = ellipseTruth(TRUTH_SD).theta;
  const rows: (StoppingScenario & StoppingSummary)[] = [];
  for (const base of STOPPING_SCENARIOS) {
    for (const method of ['random', 'adaptive'] as const) {
      const scenario = { ...base, method };
      const results = await Promise.all(scenarioTasks(scenario, population).map((task) => pool.simulate(task)));
      const row = { ...scenario, ...summariseStops(results) };
      rows.push(row);
      console.log(
        `  ${String(row.scripts).padStart(3)} essays, ${row.judges} judge(s) ${method.padEnd(8)}  stopped at ${row.perScript.toFixed(1)} per script; ` +
          `reliability reached ${row.reached}, budget spent ${row.budgetSpent}; at a reliability stop: reported ${row.reported.toFixed(3)}, ` +
          `lower bound ${row.lowerBound.toFixed(3)}, true r² ${row.trueR2.toFixed(3)}, true r² < 0.75 in ${(100 * row.belowFloor).toFixed(0)}%; ` +
          `all sessions: true r² ${row.trueR2All.toFixed(3)}, < 0.75 in ${(100 * row.belowFloorAll).toFixed(0)}%`,
      );
    }
  }
  return rows;
}

const GRADE_LEVELS = [1, 2, 4, 10, 20];
const GRADE_REPLICATES = 500;
const GRADE_SEED = 1;
/** Fixed true spreads for the check of the hierarchical prior: beyond the meta-analysis's quartiles on both sides, and its median. */
const CHECK_SPREADS = [0.5, 1.35, 3.5];
const CHECK_LEVELS = [2, 10, 20];
const CHECK_REPLICATES = 200;
const SWEDISH = ['F', 'E', 'D', 'C', 'B', 'A'];

/** A class of 24 pupils (SD 1.35) and one anchor per grade at its quantile, judged in random pairs, perScript each. */
function gradedClass(perScript: number) {
  const random = seededRandom(GRADE_SEED);
  const scripts = [...Array.from({ length: 24 }, (_, i) => `pupil-${i}`), ...SWEDISH.map((grade) => `anchor-${grade}`)];
  const truth = Float64Array.from(scripts, (_, i) => TRUTH_SD * (i < 24 ? standardNormal(random) : normalQuantile((i - 24 + 0.5) / 6)));
  const { judgements } = simulateSession(truth, {
    judgements: Math.round((perScript * scripts.length) / 2),
    judges: 1,
    selector: { method: 'random', budgetPerScript: perScript, boundaries: [] },
    eps: 0.3,
    seed: GRADE_SEED,
  });
  return {
    judgements: { scripts, judges: ['teacher'], winner: judgements.winner, loser: judgements.loser, judge: judgements.judge },
    anchors: SWEDISH.map((grade) => ({ script: `anchor-${grade}`, grade })),
    scale: SWEDISH,
  };
}

interface GradeTiming {
  perScript: number;
  scripts: number;
  /** The posterior alone, in the worker; median and max of REPEATS after WARM_UP. */
  medianMs: number;
  maxMs: number;
  roundTripMedianMs: number;
}

async function timeGrades(pool: CjPort, perScript: number): Promise<GradeTiming> {
  const task = gradedClass(perScript);
  const inWorker: number[] = [];
  const roundTrip: number[] = [];
  for (let k = 0; k < WARM_UP + REPEATS; k++) {
    const started = performance.now();
    const result = await pool.grades(task);
    if (result.outcome !== 'projected') throw new Error(`No grades for the bench class: ${result.reason}`);
    if (k < WARM_UP) continue;
    roundTrip.push(performance.now() - started);
    inWorker.push(result.ms);
  }
  return { perScript, scripts: task.judgements.scripts.length, medianMs: median(inWorker), maxMs: Math.max(...inWorker), roundTripMedianMs: median(roundTrip) };
}

const pct = (value: number | null): string => (value === null ? '   –' : `${(100 * value).toFixed(0).padStart(3)}%`);

function printCalibration(result: CjGradeCalibration, label: string): void {
  for (const [name, m] of [['new', result.posterior], ['today', result.earlier]] as const) {
    console.log(
      `  ${label}  K ${String(result.perScript).padStart(2)}  ${name.padEnd(5)}  right ${pct(m.accuracy)}  stated ${pct(m.meanStated)}  ECE ${m.ece.toFixed(3)}  ` +
        `log loss ${m.logLoss.toFixed(2)}  final ${pct(m.final.share)} right ${pct(m.final.accuracy)}  P≥0.7 ${pct(m.likely.share)} right ${pct(m.likely.accuracy)}  ` +
        `no grades ${m.withoutGrades}`,
    );
  }
}

async function gradesBench(machine: object): Promise<void> {
  const timingPools = createPools(sourceWorkerEntries, 1, silentLogger);
  const timingPool = timingPools.cj;
  console.log(`\nThe grades task for a class of 30 (24 pupils, 6 anchors) in a warm worker (ms inside the worker; median and max of ${REPEATS} after ${WARM_UP} warm-up runs)`);
  const timing: GradeTiming[] = [];
  for (const perScript of [2, 10, 20]) {
    timing.push(await timeGrades(timingPool, perScript));
    const row = timing.at(-1)!;
    console.log(`  ${perScript} per script: median ${row.medianMs.toFixed(2)} ms  max ${row.maxMs.toFixed(2)} ms  (round trip ${row.roundTripMedianMs.toFixed(1)} ms)  load ${loadavg()[0].toFixed(2)}`);
  }
  await timingPools.close();

  const pools = createPools(sourceWorkerEntries, Math.max(1, cpus().length), silentLogger);
  const pool = pools.cj;
  console.log(
    `\nGrade calibration: 24 pupils, one anchor per grade F–A, true SD log-uniform on 0.6–3 per session, ${GRADE_REPLICATES} sessions per row, seed ${GRADE_SEED}; ` +
      `an even guess has log loss ln 6 = ${Math.log(6).toFixed(2)}; "final" is P ≥ 0.9`,
  );
  const calibration: CjGradeCalibration[] = [];
  for (const method of ['random', 'adaptive'] as SelectorMethod[]) {
    const rows = await Promise.all(GRADE_LEVELS.map((perScript) => pool.calibrateGrades({ perScript, method, replicates: GRADE_REPLICATES, seed: GRADE_SEED })));
    rows.forEach((row) => printCalibration(row, method.padEnd(8)));
    calibration.push(...rows);
  }

  console.log(`\nIs the hierarchical prior needed? Fixed true SD, ${CHECK_REPLICATES} sessions per row, random pairs: the grid of prior SDs beside a fixed SD of ${TRUTH_SD}`);
  const spreadCheck: { trueSpread: number; prior: string; result: CjGradeCalibration }[] = [];
  for (const trueSpread of CHECK_SPREADS) {
    for (const priorSd of [null, TRUTH_SD]) {
      const rows = await Promise.all(
        CHECK_LEVELS.map((perScript) =>
          pool.calibrateGrades({ perScript, priorSd, trueSpread: { min: trueSpread, max: trueSpread }, replicates: CHECK_REPLICATES, seed: GRADE_SEED }),
        ),
      );
      const prior = priorSd === null ? 'grid' : `fixed ${priorSd}`;
      for (const result of rows) {
        spreadCheck.push({ trueSpread, prior, result });
        const m = result.posterior;
        console.log(
          `  true SD ${trueSpread.toFixed(2)}  prior ${prior.padEnd(10)}  K ${String(result.perScript).padStart(2)}  right ${pct(m.accuracy)}  stated ${pct(m.meanStated)}  ` +
            `ECE ${m.ece.toFixed(3)}  log loss ${m.logLoss.toFixed(2)}  final ${pct(m.final.share)} right ${pct(m.final.accuracy)}  no grades ${m.withoutGrades}`,
        );
      }
    }
  }
  await pools.close();

  mkdirSync(repoPath('bench-results'), { recursive: true });
  const out = repoPath('bench-results/cj-grades.json');
  writeFileSync(out, JSON.stringify({ machine: { ...machine, loadAfter: loadavg() }, timing, calibration, spreadCheck }, null, 2));
  console.log(`\nload after ${loadavg().map((l) => l.toFixed(2)).join(' ')}; written to ${out}`);
}

async function main(): Promise<void> {
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, date: new Date().toISOString(), loadBefore: loadavg() };
  console.log(`CJ bench, ${machine.date}, ${machine.cpu} × ${machine.cores}, Node ${machine.node}, load ${machine.loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  if (process.argv.includes('grades')) return gradesBench(machine);

  const { fits, zermelo: zermeloRuns, cli } = await fitTimes();
  if (process.argv.includes('fits')) {
    mkdirSync(repoPath('bench-results'), { recursive: true });
    writeFileSync(repoPath('bench-results/cj-fits.json'), JSON.stringify({ machine: { ...machine, loadAfter: loadavg() }, fits, cli }, null, 2));
    return;
  }

  console.log(`\nBradleyTerry2::BTm in R (fit only, limit ${R_TIME_LIMIT_S} s)`);
  const reference: { session: string; rSeconds: number | null; oursMs: number; ratio: number | null }[] = [];
  for (const name of ['PollittX_design', 'Hunter2018']) {
    const rSeconds = await bradleyTerry2(referenceData(`cj-judgements/${name}.csv`));
    const oursMs = fits.find((f) => f.session === name)!.medianMs;
    reference.push({ session: name, rSeconds, oursMs, ratio: rSeconds === null ? null : oursMs / (rSeconds * 1000) });
    console.log(
      `  ${name.padEnd(18)} R ${rSeconds === null ? `did not finish in ${R_TIME_LIMIT_S} s` : `${rSeconds.toFixed(2)} s`}  ours ${oursMs.toFixed(2)} ms` +
        (rSeconds === null ? '' : `  ours/R = ${(oursMs / (rSeconds * 1000)).toExponential(2)}`),
    );
  }

  const simulationPools = createPools(sourceWorkerEntries, Math.max(1, cpus().length), silentLogger);
  const simulationPool = simulationPools.cj;
  console.log(`\nSimulated sessions: truth = ELLIPSE Overall as θ = ${TRUTH_SD} × z, ${JUDGES} judges, means over seeds ${SEEDS.join(', ')}`);
  const simulation = await simulationTable(simulationPool, TRUTH_SD, PER_SCRIPT, SEEDS);
  console.log('\nAt 10 per script, truth spread at the meta-analysis quartiles (seeds 1, 2)');
  for (const sd of TRUTH_SD_QUARTILES) simulation.push(...(await simulationTable(simulationPool, sd, [10], [1, 2])));
  console.log('\nThe stopping rule: sessions of ELLIPSE essays ended by the rule, target 0.8, budget 20 per script');
  const stopping = await stoppingTable(simulationPool);
  await simulationPools.close();

  mkdirSync(repoPath('bench-results'), { recursive: true });
  const out = repoPath('bench-results/cj.json');
  writeFileSync(out, JSON.stringify({ machine: { ...machine, loadAfter: loadavg() }, fits, cli, zermelo: zermeloRuns, reference, simulation, stopping }, null, 2));
  console.log(`\nload after ${loadavg().map((l) => l.toFixed(2)).join(' ')}; written to ${out}`);
  await gradesBench(machine);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
