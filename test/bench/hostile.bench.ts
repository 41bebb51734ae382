/**
 * `npm run bench:hostile`: the hostile files of issue #12, each analysed
 * alone by the CLI as a whole process (`node build/cli.mjs
 * analyse FILE --json`), as a teacher's laptop meets them.
 *
 * Each file is crafted in a temporary folder (test/support/hostile-files).
 * Wall time and peak memory (maximum resident set size, from GNU time -v,
 * the CLI process and its workers' threads included) are recorded per file,
 * and the run checks exit 0 and a status and a code for every file it
 * reports. Budget: 15 s and 900 MB each. Prints a table and writes
 * bench-results/hostile.json; exits 1 if any file misses its check.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AnalysedEssay } from '../../src-main/hosts/cli/commands/analyse';
import { hostileKinds, makeHostileFile, type HostileKind } from '../support/hostile-files';

const run = promisify(execFile);
const budget = { seconds: 15, megabytes: 900 };
const benchKinds: HostileKind[] = [
  'backslash-name',
  'long-name',
  'unsafe-names',
  'many-entries',
  'zeros-6',
  'zeros-20',
  'nested-zip',
  'random-word-docx-30000000',
  'one-word-docx-190000000',
  'unclosed-odt-30000',
  'unclosed-odt-120000',
  'unclosed-odt-240000',
];

interface Row {
  kind: HostileKind;
  file: string;
  bytes: number;
  exitCode: number;
  seconds: number;
  peakMb: number;
  essays: number;
  decisions: string;
  problems: string[];
}

async function analyseAlone(kind: HostileKind, path: string): Promise<Row> {
  const args = ['-v', 'node', 'build/cli.mjs', 'analyse', path, '--json'];
  const started = performance.now();
  const { stdout, stderr, code } = await run('/usr/bin/time', args, { maxBuffer: 200_000_000 }).then(
    (r) => ({ ...r, code: 0 }),
    (error: { stdout: string; stderr: string; code: number }) => error,
  );
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  const problems: string[] = [];
  let essays: AnalysedEssay[] = [];
  try {
    essays = (JSON.parse(stdout) as { essays: AnalysedEssay[] }).essays;
  } catch {
    problems.push(`no JSON answer: ${stderr.split('\n').slice(0, 3).join(' ')}`);
  }
  if (code !== 0) problems.push(`exit ${code}`);
  const undecided = essays.filter((e) => !e.status || (e.status === 'rejected' && !e.code));
  if (undecided.length > 0) problems.push(`${undecided.length} without a status or a code`);
  if (seconds > budget.seconds) problems.push(`over ${budget.seconds} s`);
  if (peakKb / 1024 > budget.megabytes) problems.push(`over ${budget.megabytes} MB`);
  const counts = new Map<string, number>();
  for (const e of essays) counts.set(`${e.status}${e.code ? `:${e.code}` : ''}`, (counts.get(`${e.status}${e.code ? `:${e.code}` : ''}`) ?? 0) + 1);
  return {
    kind,
    file: hostileKinds[kind],
    bytes: statSync(path).size,
    exitCode: code,
    seconds: Math.round(seconds * 100) / 100,
    peakMb: Math.round(peakKb / 1024),
    essays: essays.length,
    decisions: [...counts].map(([decision, n]) => `${n}× ${decision}`).join(', '),
    problems,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
const rows: Row[] = [];
try {
  for (const kind of benchKinds) {
    const path = makeHostileFile(kind, dir);
    const row = await analyseAlone(kind, path);
    rows.push(row);
    console.log(
      [row.file.padEnd(22), `${Math.round(row.bytes / 1024)} KB`.padStart(10), `${row.seconds} s`.padStart(9), `${row.peakMb} MB`.padStart(8),
        `exit ${row.exitCode}`, row.problems.length ? `FAIL ${row.problems.join('; ')}` : 'ok', ` ${row.decisions}`].join('  '),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

mkdirSync('bench-results', { recursive: true });
const machine = { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() };
writeFileSync('bench-results/hostile.json', JSON.stringify({ budget, machine, rows }, null, 2));
console.log(`\nload average ${machine.loadavg.map((l) => l.toFixed(1)).join(' ')} on ${machine.cpus} cores; wrote bench-results/hostile.json`);
const failed = rows.filter((r) => r.problems.length > 0);
if (failed.length > 0) {
  console.log(`${failed.length} of ${rows.length} files missed their check`);
  process.exitCode = 1;
}
