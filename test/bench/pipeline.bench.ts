/**
 * `npm run bench:pipeline` (issue #14), so far its first rows: the CLI as a
 * person meets it, a whole process each time, from `npm run --silent
 * huledu` (built JavaScript, build/cli.mjs) beside the same sources run as
 * TypeScript through tsx, the way the CLI ran before: doing nothing,
 * `analyse` of one short .txt, `spell` of one sentence in Swedish and in
 * English.
 *
 * Each is run 5 times after one untimed run (which builds the CLI if its
 * sources changed); the median is reported, with the ratio to tsx.
 *
 * Then the app's first essay: a sample .docx extracted and spellchecked in
 * Swedish 4 s after the pools were made (a teacher naming a batch), with
 * the pools warmed at start as the app does, and cold, with the built
 * workers (out/cli/workers), 3 times each.
 *
 * Prints the tables and writes bench-results/pipeline.json.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { silentLogger } from '../../src-main/core/logger';
import { createPools } from '../../src-main/pools';

const run = promisify(execFile);
const RUNS = 5;
const budgets: Record<string, number> = { nothing: 0.5, 'analyse one .txt': 1, 'spell sv': 1, 'spell en': 1 };

const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
const essay = join(dir, 'uppsats.txt');
writeFileSync(essay, 'Det här är en uppsats om sommaren som jag skrev i skolan för att visa hur man skriver en text med minst tjugo ord.');
const sv = join(dir, 'mening-sv.txt');
writeFileSync(sv, 'Jag tyker om sommaren och att bada i sjön med mina kompisar.');
const en = join(dir, 'sentence-en.txt');
writeFileSync(en, 'I realy like the summer and swiming in the lake with my freinds.');

const tasks: { name: string; args: string[] }[] = [
  { name: 'nothing', args: [] },
  { name: 'analyse one .txt', args: ['analyse', essay, '--json'] },
  { name: 'spell sv', args: ['spell', sv, '--lang', 'sv', '--json'] },
  { name: 'spell en', args: ['spell', en, '--lang', 'en', '--json'] },
];
const ways = {
  built: (args: string[]) => ['npm', ['run', '--silent', 'huledu', '--', ...args]] as const,
  tsx: (args: string[]) => ['npx', ['tsx', 'src-main/hosts/cli/main.ts', ...args]] as const,
};

async function seconds(command: readonly [string, readonly string[]]): Promise<number> {
  const started = performance.now();
  // Doing nothing prints the usage and exits 2; that is the answer wanted.
  await run(command[0], [...command[1]], { maxBuffer: 50_000_000 }).catch((error: { code?: number }) => {
    if (error.code !== 2) throw error;
  });
  return (performance.now() - started) / 1000;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rows = [];
try {
  for (const task of tasks) {
    const times: Record<keyof typeof ways, number[]> = { built: [], tsx: [] };
    for (const way of Object.keys(ways) as (keyof typeof ways)[]) await seconds(ways[way](task.args));
    // Alternating, so a slow moment of the machine falls on both.
    for (let i = 0; i < RUNS; i++) for (const way of Object.keys(ways) as (keyof typeof ways)[]) times[way].push(await seconds(ways[way](task.args)));
    const built = median(times.built);
    const tsx = median(times.tsx);
    rows.push({ task: task.name, builtSeconds: built, tsxSeconds: tsx, speedup: tsx / built, budgetSeconds: budgets[task.name], withinBudget: built <= budgets[task.name], runs: times });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Seconds from a teacher's first file to its spellcheck, 4 s after the pools were made, warmed at start or not. */
async function firstEssay(warm: boolean): Promise<number> {
  const built = (name: string) => join('out/cli/workers', `${name}.mjs`);
  const pools = createPools({ extraction: built('extraction'), spellcheck: built('spellcheck'), cj: built('cj') }, 2, silentLogger);
  try {
    if (warm) pools.warm();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const started = performance.now();
    const extracted = await pools.extraction.extract(new Uint8Array(readFileSync('resources/samples/sv/01-mobiler.docx')));
    if (extracted.kind !== 'text') throw new Error('the sample essay was not read');
    await pools.spellcheck.check({ text: extracted.text, language: 'sv', allowedWords: [] });
    return (performance.now() - started) / 1000;
  } finally {
    await pools.close();
  }
}
const first = { cold: [] as number[], warmed: [] as number[] };
for (let i = 0; i < 3; i++) {
  first.cold.push(await firstEssay(false));
  first.warmed.push(await firstEssay(true));
}

console.table(
  rows.map((r) => ({
    'CLI, whole process': r.task,
    'built (s)': r.builtSeconds.toFixed(2),
    'tsx, same sources (s)': r.tsxSeconds.toFixed(2),
    'tsx / built': `${r.speedup.toFixed(1)}×`,
    budget: `≤ ${r.budgetSeconds} s ${r.withinBudget ? 'met' : 'MISSED'}`,
  })),
);
console.table([
  { 'the app\'s first essay (.docx, sv)': 'pools cold', 'seconds (median of 3)': median(first.cold).toFixed(2) },
  { 'the app\'s first essay (.docx, sv)': 'pools warmed at start', 'seconds (median of 3)': median(first.warmed).toFixed(2) },
]);
mkdirSync('bench-results', { recursive: true });
const machine = { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() };
writeFileSync('bench-results/pipeline.json', JSON.stringify({ machine, runs: RUNS, rows, firstEssaySeconds: first }, null, 2));
console.log(`median of ${RUNS} runs each; load average ${machine.loadavg.map((l) => l.toFixed(1)).join(' ')} on ${machine.cpus} cores; wrote bench-results/pipeline.json`);
