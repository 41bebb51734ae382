import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One token as native `hunspell -a` reports it. */
export interface NativeToken {
  word: string;
  correct: boolean;
  /** Hunspell's suggestions, best first (empty for a correct word or `#`). */
  suggestions: string[];
}

export interface NativeRun {
  /** Per input line, the tokens hunspell checked. */
  lines: NativeToken[][];
  /** Wall time of the whole process, loading the dictionary included. */
  seconds: number;
  /** CPU time of the process (user + system), sampled while it ran: unlike wall time, not inflated when others share the cores. */
  cpuSeconds: number;
  /** Peak resident memory of the process (VmHWM), sampled while it ran. */
  peakRssMb: number;
}

/**
 * Runs the real `hunspell -d <dictionary> -a` (Debian package `hunspell`) on
 * lines of text and returns, per line, the tokens it checked. `dic` is the
 * path of the .dic file; its .aff sits beside it, as the engine loads them.
 * Each line is sent with `^` so that no line is read as a pipe command.
 */
export async function nativeHunspell(dic: string, lines: string[]): Promise<NativeRun> {
  const started = performance.now();
  const { output, cpuSeconds, peakRssMb } = await run('hunspell', ['-d', dic.replace(/\.dic$/, ''), '-a'], lines.map((l) => `^${l.replace(/\n/g, ' ')}\n`).join(''));
  const seconds = (performance.now() - started) / 1000;
  const results: NativeToken[][] = [];
  let current: NativeToken[] = [];
  // The first line is the version banner; then each input line ends with a blank line.
  for (const line of output.split('\n').slice(1)) {
    if (line === '') {
      results.push(current);
      current = [];
    } else {
      current.push(parseResultLine(line));
    }
  }
  if (results.length < lines.length) throw new Error(`hunspell answered ${results.length} of ${lines.length} lines`);
  return { lines: results.slice(0, lines.length), seconds, cpuSeconds, peakRssMb };
}

/**
 * Native decisions for single words, one per line, without suggestions
 * (`hunspell -L` prints the lines that hold a misspelling). A word the
 * command line splits, at an apostrophe for example, is correct when every
 * piece is.
 */
export async function nativeAccepts(dic: string, words: string[]): Promise<boolean[]> {
  const { output } = await run('hunspell', ['-d', dic.replace(/\.dic$/, ''), '-L'], words.join('\n') + '\n');
  const rejected = new Set(output.split('\n'));
  return words.map((w) => !rejected.has(w));
}

// Reads words from stdin, one per line, and prints 1 or 0 for each.
const LIBRARY_SCRIPT = `
import ctypes, sys
lib = ctypes.CDLL('libhunspell-1.7.so.0')
lib.Hunspell_create.restype = ctypes.c_void_p
lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
h = lib.Hunspell_create(sys.argv[1].encode(), sys.argv[2].encode())
out = [str(lib.Hunspell_spell(h, w.encode('utf-8'))) for w in sys.stdin.read().split('\\n')[:-1]]
print('\\n'.join(out))
`;

/**
 * The native Hunspell library's decision for each word, called directly
 * (libhunspell-1.7, installed with the \`hunspell\` package, through python3's
 * ctypes). The command line splits words at characters the dictionary does
 * not list as word characters (for dictionary-en, the apostrophe: "doesn't"
 * becomes "doesn" + "t"); the library, as editors call it, checks the word
 * whole.
 */
export async function nativeLibraryAccepts(dic: string, words: string[]): Promise<boolean[]> {
  const { output } = await run('python3', ['-c', LIBRARY_SCRIPT, dic.replace(/\.dic$/, '.aff'), dic], words.join('\n') + '\n');
  const answers = output.trim().split('\n');
  if (answers.length !== words.length) throw new Error(`libhunspell answered ${answers.length} of ${words.length} words`);
  return answers.map((a) => a === '1');
}

function parseResultLine(line: string): NativeToken {
  switch (line[0]) {
    case '*':
    case '+':
    case '-':
      return { word: '', correct: true, suggestions: [] };
    case '&': {
      // & <word> <count> <offset>: <s1>, <s2>, ...
      const colon = line.indexOf(': ');
      const word = line.slice(2, line.indexOf(' ', 2));
      return { word, correct: false, suggestions: line.slice(colon + 2).split(', ') };
    }
    case '#':
      return { word: line.split(' ')[1], correct: false, suggestions: [] };
    default:
      throw new Error(`Unexpected hunspell -a line: ${line}`);
  }
}

const SAMPLE_MS = 50;
/** Linux reports a process's CPU time in USER_HZ ticks, 100 a second. */
const TICKS_PER_SECOND = 100;

interface Ran {
  output: string;
  cpuSeconds: number;
  peakRssMb: number;
}

function run(command: string, args: string[], input: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let peakKb = 0;
    let ticks = 0;
    const sample = setInterval(() => {
      try {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
        // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name in parentheses.
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        ticks = Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process has ended between two samples.
      }
    }, SAMPLE_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearInterval(sample);
      reject(new Error(`Cannot run ${command} (install the Debian packages "hunspell" and "python3"): ${e.message}`));
    });
    child.on('close', (code) => {
      clearInterval(sample);
      if (code === 0) resolve({ output: Buffer.concat(out).toString('utf8'), cpuSeconds: ticks / TICKS_PER_SECOND, peakRssMb: peakKb / 1024 });
      else reject(new Error(`${command} exited with ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin.end(input);
  });
}
