/**
 * `npm run bench:pipeline` (issue #14): what a person meets first, not the
 * warm engine. Run it alone: it times whole processes.
 *
 * 1. **The CLI starting**, a whole process each time, from `npm run
 *    --silent huledu` (built JavaScript, build/cli.mjs) beside the same
 *    sources run as TypeScript through tsx, the way the CLI ran before:
 *    doing nothing, `analyse` of one short .txt, `spell` of one sentence in
 *    Swedish and in English. 5 runs each after one untimed run (which builds
 *    the CLI if its sources changed), alternating; the median is reported.
 *    And `cj fit` of Hunter2018 given four times in one call, 5 calls, each
 *    fit's time as the CLI prints it.
 * 2. **Classes through the CLI**, cold (a new process each time), with peak
 *    memory from GNU time: `analyse` of 30 Swedish .docx essays made by
 *    pandoc from SweLL sentences, and `analyse` then `spell` of the first
 *    1,000 ELLIPSE essays as .txt files. 3 runs each, median.
 * 3. **Spellcheck with suggestions, whole process, beside `hunspell -a`**
 *    on the same files with the same dictionary: `huledu spell FILE...`
 *    against Debian's `hunspell -d <the engine's dictionary> -a` reading the
 *    same texts (test/support/native-hunspell.ts), Swedish on SweLL as
 *    300-word essays, English on the 1,000 ELLIPSE essays. Once each.
 * 4. **The app's path in one process**: the app's services and pools (the
 *    store in memory), a class from files to spellchecked, with the pools
 *    warmed at start as the app does (until warm, then 3 s more, a teacher naming
 *    the batch) and cold (made at the import). Per phase, from the
 *    orchestrator's own phase log; peak memory of the process, workers
 *    included. 3 runs each, median.
 * 5. **The UI's longest task** while 1,000 essays are imported in the
 *    Chromium end-to-end host (test/e2e/ui-longtask.e2e.test.ts), when
 *    `--ui` is given: it builds the app and takes a minute.
 *
 * Needs ../shared/data, pandoc, hunspell and GNU time (fails clearly
 * without them). Prints the tables and writes bench-results/pipeline.json.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Language } from '../../shared/contracts/domain';
import { HuleDb } from '../../shared/db/schema';
import { createStore } from '../../shared/db/store';
import { practiceEssay, readPaths, sampleSource } from '../../src-main/app/fs-files';
import { createServices } from '../../src-main/app/services';
import type { Logger } from '../../src-main/core/logger';
import { createPools } from '../../src-main/pools';
import { dictionaryFiles } from '../../src-workers/spellcheck/dictionary-files';
import { nativeHunspell } from '../support/native-hunspell';
import { ellipseEssays, swellEssays } from '../support/spell-reference';
import { cliFitCalls, withinFitBudget } from './cli-fits';

const run = promisify(execFile);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const withUi = process.argv.includes('--ui');
for (const tool of ['/usr/bin/time', '/usr/bin/pandoc', '/usr/bin/hunspell']) if (!existsSync(tool)) throw new Error(`bench:pipeline needs ${tool}`);

const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
const load: { start: number[]; end?: number[] } = { start: loadavg() };

// ---- the inputs ----------------------------------------------------------------------------------------------
const one = { essay: join(dir, 'uppsats.txt'), sv: join(dir, 'mening-sv.txt'), en: join(dir, 'sentence-en.txt') };
writeFileSync(one.essay, 'Det här är en uppsats om sommaren som jag skrev i skolan för att visa hur man skriver en text med minst tjugo ord.');
writeFileSync(one.sv, 'Jag tyker om sommaren och att bada i sjön med mina kompisar.');
writeFileSync(one.en, 'I realy like the summer and swiming in the lake with my freinds.');

const swedish = swellEssays(300);
const docxDir = join(dir, 'klass-30-docx');
mkdirSync(docxDir);
await Promise.all(
  swedish.slice(0, 30).map(async (text, i) => {
    const md = join(dir, `uppsats-${i}.md`);
    writeFileSync(md, text);
    await run('pandoc', [md, '-o', join(docxDir, `uppsats-${String(i + 1).padStart(2, '0')}.docx`)]);
  }),
);
/** Each text as a .txt file in a folder of its own under the bench's temporary folder; the files' paths, in order. */
function textFiles(folder: string, name: string, texts: string[]): string[] {
  mkdirSync(join(dir, folder));
  return texts.map((text, i) => {
    const file = join(dir, folder, `${name}-${String(i).padStart(4, '0')}.txt`);
    writeFileSync(file, text);
    return file;
  });
}
const ellipse = ellipseEssays().slice(0, 1000).map((e) => e.text);
const txtDir = join(dir, 'ellipse-1000');
const ellipseFiles = textFiles('ellipse-1000', 'essay', ellipse);
const swellFiles = textFiles('swell', 'uppsats', swedish);

// ---- whole processes -----------------------------------------------------------------------------------------
const huledu = (args: string[]) => ['npm', ['run', '--silent', 'huledu', '--', ...args]] as const;
const tsx = (args: string[]) => ['npx', ['tsx', 'src-main/hosts/cli/main.ts', ...args]] as const;

interface Timed {
  seconds: number;
  peakMb: number;
}

/** A whole process under GNU time: wall seconds and the peak resident memory of its largest process. */
async function timed([command, args]: readonly [string, readonly string[]]): Promise<Timed> {
  const started = performance.now();
  const { stderr } = await run('/usr/bin/time', ['-v', command, ...args], { maxBuffer: 500_000_000 }).catch(
    // Doing nothing prints the usage and exits 2; that is the answer wanted.
    (error: { code?: number; stderr: string }) => {
      if (error.code !== 2) throw new Error(`${command} ${args.join(' ').slice(0, 200)} failed: ${error.stderr.slice(-500)}`);
      return error;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, peakMb: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]) / 1024 };
}

const summary = (runs: Timed[]) => ({ seconds: median(runs.map((r) => r.seconds)), peakMb: Math.max(...runs.map((r) => r.peakMb)), runs });

// 1. The CLI starting.
const startTasks = [
  { name: 'nothing', args: [], budget: 0.5 },
  { name: 'analyse one .txt', args: ['analyse', one.essay, '--json'], budget: 1 },
  { name: 'spell one sentence, sv', args: ['spell', one.sv, '--lang', 'sv', '--json'], budget: 1 },
  { name: 'spell one sentence, en', args: ['spell', one.en, '--lang', 'en', '--json'], budget: 1 },
];
const starts = [];
for (const task of startTasks) {
  await timed(huledu(task.args));
  await timed(tsx(task.args));
  const built: Timed[] = [];
  const transpiled: Timed[] = [];
  // Alternating, so a slow moment of the machine falls on both.
  for (let i = 0; i < 5; i++) {
    built.push(await timed(huledu(task.args)));
    transpiled.push(await timed(tsx(task.args)));
  }
  starts.push({ task: task.name, budgetSeconds: task.budget, built: summary(built), tsx: summary(transpiled) });
}

// The CJ row: four fits of Hunter2018 in one call, as the CLI prints them.
const cjFits = (await cliFitCalls(5)).map((call) => call.ms.map((ms) => round(ms, 1)));
const cjWithinBudget = cjFits.every(withinFitBudget);

// 2. Classes through the CLI, cold.
const classTasks = [
  { name: 'analyse 30 .docx (sv)', args: ['analyse', docxDir, '--lang', 'sv', '--json'], budget: 1.5 },
  { name: 'analyse 1,000 ELLIPSE .txt', args: ['analyse', txtDir, '--lang', 'en', '--json'] },
  { name: 'spell 1,000 ELLIPSE .txt', args: ['spell', ...ellipseFiles, '--lang', 'en', '--json'] },
];
const classes = [];
for (const task of classTasks) {
  const runs: Timed[] = [];
  for (let i = 0; i < 3; i++) runs.push(await timed(huledu(task.args)));
  classes.push({ task: task.name, budgetSeconds: task.budget, ...summary(runs) });
}
const thousand = classes[1].seconds + classes[2].seconds;

// 3. Spellcheck with suggestions, whole process, beside hunspell -a on the same files.
const againstHunspell = [];
for (const { language, files, texts, corpus } of [
  { language: 'sv' as Language, files: swellFiles, texts: swedish, corpus: `SweLL, ${swedish.length} essays of ~300 words` },
  { language: 'en' as Language, files: ellipseFiles, texts: ellipse, corpus: 'ELLIPSE, the first 1,000 essays' },
]) {
  const ours = await timed(huledu(['spell', ...files, '--lang', language, '--json']));
  const native = await nativeHunspell(dictionaryFiles(language).dic, texts);
  againstHunspell.push({ language, corpus, words: texts.reduce((n, t) => n + t.split(/\s+/).length, 0), huledu: ours, hunspell: { seconds: native.seconds, peakMb: native.peakRssMb }, ratio: native.seconds / ours.seconds });
}

// ---- the app's path, in one process ---------------------------------------------------------------------------
interface AppRun {
  seconds: number;
  phases: Record<string, number>;
  peakMb: number;
}

/** Files to spellchecked through the app's services and pools, warmed at start or made at the import. */
async function appRun(folder: string, language: Language, warm: boolean): Promise<AppRun> {
  const phases: Record<string, number> = {};
  const logger: Logger = {
    log(_level, message, fields) {
      if (message.startsWith('phase ') && fields?.phase && fields.ms !== undefined) phases[fields.phase] = fields.ms / 1000;
    },
  };
  const pools = createPools({ extraction: 'out/cli/workers/extraction.mjs', spellcheck: 'out/cli/workers/spellcheck.mjs', cj: 'out/cli/workers/cj.mjs' }, cpus().length, logger);
  const db = new HuleDb(`bench-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const services = createServices({ store: createStore(db), ...pools, samples: sampleSource('resources/samples'), logger }, 'cli', '0.0.0', cpus().length * 2);
  try {
    if (warm) {
      await pools.warm(practiceEssay('resources/samples'));
      // Then a teacher names the batch.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const files = await readPaths([folder]);
    const correlationId = crypto.randomUUID();
    const batchId = await services.orchestrator.createBatch({ title: 'Bench', className: '', course: '', language }, correlationId, ['intake', 'spellcheck']);
    await services.intake.receive(batchId, files, correlationId);
    await services.orchestrator.advance(batchId, correlationId);
    await services.idle();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const spellchecked = await db.spellchecks.count();
    if (spellchecked !== files.length) throw new Error(`${spellchecked} of ${files.length} essays spellchecked`);
    return { seconds, phases, peakMb: peak / 1024 / 1024 };
  } finally {
    await services.close();
    await pools.close();
    db.close();
  }
}

const app = [];
for (const { name, folder, language, budget } of [
  { name: '30 .docx (sv)', folder: docxDir, language: 'sv' as Language, budget: 1 },
  { name: '1,000 ELLIPSE .txt (en)', folder: txtDir, language: 'en' as Language, budget: 30 },
]) {
  for (const warm of [true, false]) {
    const runs: AppRun[] = [];
    for (let i = 0; i < 3; i++) runs.push(await appRun(folder, language, warm));
    app.push({ class: name, pools: warm ? 'warmed at start' : 'cold', budgetSeconds: warm ? budget : undefined, seconds: median(runs.map((r) => r.seconds)), intake: median(runs.map((r) => r.phases.intake)), spellcheck: median(runs.map((r) => r.phases.spellcheck)), peakMb: Math.max(...runs.map((r) => r.peakMb)), runs });
  }
}

// ---- the UI ---------------------------------------------------------------------------------------------------
interface UiRun {
  longestTaskMs: number;
  longTasks: number;
}
let ui: UiRun | null = null;
if (withUi) {
  const out = join(dir, 'ui.json');
  await run('npx', ['electron-vite', 'build'], { maxBuffer: 50_000_000 });
  await run('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', 'test/e2e/ui-longtask.e2e.test.ts'], { env: { ...process.env, UI_LONGTASK_JSON: out }, maxBuffer: 50_000_000 });
  ui = JSON.parse(readFileSync(out, 'utf8')) as UiRun;
}
rmSync(dir, { recursive: true, force: true });
load.end = loadavg();

// ---- report ---------------------------------------------------------------------------------------------------
const met = (value: number, budget: number | undefined, higherIsBetter = false) =>
  budget === undefined ? '' : (higherIsBetter ? value >= budget : value <= budget) ? `≤ ${budget} met` : `≤ ${budget} MISSED`;
console.log('\n1. The CLI starting: whole process, median of 5');
console.table(
  starts.map((s) => ({
    'CLI, whole process': s.task,
    'built (s)': round(s.built.seconds),
    'tsx, same sources (s)': round(s.tsx.seconds),
    'tsx / built': `${round(s.tsx.seconds / s.built.seconds, 1)}×`,
    'peak (MB)': Math.round(s.built.peakMb),
    budget: met(s.built.seconds, s.budgetSeconds),
  })),
);
console.log('`cj fit` of Hunter2018 given 4 times, 5 calls: each fit in ms as printed');
console.table(cjFits.map((fits, i) => ({ call: i + 1, 'fits (ms)': fits.join(', '), budget: withinFitBudget(fits) ? 'first ≤ 60, then ≤ 10: met' : 'first ≤ 60, then ≤ 10: MISSED' })));
console.log('2. Classes through the CLI, cold: whole process, median of 3');
console.table([
  ...classes.map((c) => ({ 'CLI, whole process': c.task, seconds: round(c.seconds), 'peak (MB)': Math.round(c.peakMb), budget: met(c.seconds, c.budgetSeconds) })),
  { 'CLI, whole process': 'analyse + spell of 1,000', seconds: round(thousand), 'peak (MB)': '', budget: `${met(thousand, 30)} (aim ≤ 15: ${thousand <= 15 ? 'met' : 'missed'})` },
]);
console.log('3. Spellcheck with suggestions, whole process, beside hunspell -a on the same files');
console.table(
  againstHunspell.map((r) => ({
    language: r.language,
    corpus: r.corpus,
    words: r.words,
    'huledu spell (s)': round(r.huledu.seconds),
    'hunspell -a (s)': round(r.hunspell.seconds),
    'hunspell / huledu': `${round(r.ratio, 1)}×`,
    'peak MB, huledu / hunspell': `${Math.round(r.huledu.peakMb)} / ${Math.round(r.hunspell.peakMb)}`,
    budget: r.ratio >= 10 ? '≥ 10× met' : '≥ 10× MISSED',
  })),
);
console.log("4. The app's path in one process: files to spellchecked, median of 3");
console.table(
  app.map((a) => ({
    class: a.class,
    pools: a.pools,
    'total (s)': round(a.seconds),
    'intake (s)': round(a.intake),
    'spellcheck (s)': round(a.spellcheck),
    'peak (MB)': Math.round(a.peakMb),
    budget: met(a.seconds, a.budgetSeconds),
  })),
);
if (ui) {
  console.log('5. The UI while 1,000 essays are imported (Chromium, e2e host)');
  // The browser reports only tasks of 50 ms or more: 0 means there was none.
  console.table([{ 'longest main-thread task (ms; 0: none of 50 ms or more)': ui.longestTaskMs, 'tasks of 50 ms or more': ui.longTasks, budget: met(ui.longestTaskMs, 50) }]);
}
mkdirSync('bench-results', { recursive: true });
const machine = { cpus: cpus().length, model: cpus()[0]?.model, load };
writeFileSync('bench-results/pipeline.json', JSON.stringify({ machine, starts, cjFits: { fitsMs: cjFits, withinBudget: cjWithinBudget }, classes, analyseAndSpell1000Seconds: thousand, againstHunspell, app, ui }, null, 2));
console.log(`load average ${load.start.map((l) => l.toFixed(1)).join(' ')} at the start, ${(load.end ?? []).map((l) => l.toFixed(1)).join(' ')} at the end, on ${machine.cpus} cores; wrote bench-results/pipeline.json`);
