/**
 * `npm run bench:language`: language detection on learner text of known
 * language (../shared/data; fails clearly without it), the repository's
 * sample essays, mixed text and text in other languages.
 *
 * Detectors: the project's (shared/text/language.ts, function words), and for
 * comparison the two Hunspell dictionaries' acceptance rates (the spellcheck
 * engine's, loaded in this process), and three npm detectors restricted to
 * Swedish and English, measured when installed beside the project (they are
 * not its dependencies):
 *
 *   npm install --no-save franc-min@6.2.0 eld@2.1.0 tinyld@1.3.4
 *
 * Per set: right, wrong and no answer (null, "und", unreliable). For mixed
 * and other-language text no answer is right. Also time per ELLIPSE essay,
 * size on disk and heap after loading. Prints a table and writes
 * bench-results/language.json.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { Language } from '../../shared/contracts/domain';
import { detectLanguage } from '../../shared/text/language';
import { repoPath } from '../../src-main/app/repo-path';
import { loadLanguageEngine } from '../../src-workers/spellcheck/engine';
import { tokenize } from '../../src-workers/spellcheck/tokenize';
import { learnerTexts, otherLanguages, sampleEssays, type LabelledTexts } from '../support/language-reference';

type Detect = (text: string) => Language | null;
interface Detector {
  name: string;
  detect: Detect;
  /** Files the detector adds to the app: its packages, or the module. */
  bytes: number;
  heapMb: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((n, entry) => n + sizeOf(join(path, entry)), 0);
}

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

/** An npm detector, if installed; its import and first call are what it costs in heap. */
async function optional(name: string, packages: string[], make: (module: Record<string, unknown>) => Detect): Promise<Detector | string> {
  const before = heapMb();
  let module: Record<string, unknown>;
  try {
    module = (await import(/* @vite-ignore */ name)) as Record<string, unknown>;
  } catch {
    return `${name}: not installed`;
  }
  const detect = make(module);
  detect('Det här är en mening. This is a sentence.');
  return { name, detect, bytes: packages.reduce((n, p) => n + sizeOf(repoPath(`node_modules/${p}`)), 0), heapMb: round(heapMb() - before, 1) };
}

/** Share of a text's words each dictionary accepts: the language whose dictionary accepts clearly more. */
async function hunspellDetector(): Promise<Detector> {
  const before = heapMb();
  const [sv, en] = await Promise.all([loadLanguageEngine('sv'), loadLanguageEngine('en')]);
  const detect: Detect = (text) => {
    const words = tokenize(text).map((t) => t.text.toLowerCase());
    if (words.length < 5) return null;
    const rate = (accepts: (w: string) => boolean) => words.filter(accepts).length / words.length;
    const [s, e] = [rate(sv.isWord), rate(en.isWord)];
    if (Math.max(s, e) < 0.6 || Math.abs(s - e) < 0.2) return null;
    return s > e ? 'sv' : 'en';
  };
  const bytes = ['dictionary-sv', 'dictionary-en', 'hunspell-asm'].reduce((n, p) => n + sizeOf(repoPath(`node_modules/${p}`)), 0);
  return { name: 'Hunspell acceptance (sv vs en)', detect, bytes, heapMb: round(heapMb() - before, 1) };
}

function score(detector: Detector, set: LabelledTexts) {
  let right = 0;
  let wrong = 0;
  let none = 0;
  for (const text of set.texts) {
    const found = detector.detect(text);
    if (found === null) none++;
    if (set.language === null ? found !== null : found !== null && found !== set.language) wrong++;
    if (found === set.language) right++;
  }
  const pct = (n: number) => round((100 * n) / set.texts.length, 2);
  return { texts: set.texts.length, right: pct(right), wrong: pct(wrong), none: pct(none) };
}

async function main() {
  const loadBefore = loadavg().map((l) => round(l));
  const sets = [...learnerTexts(), ...(await sampleEssays()), otherLanguages];
  const ownBefore = heapMb();
  const own: Detector = { name: 'function words (shared/text/language.ts)', detect: (t) => detectLanguage(t).language, bytes: sizeOf(repoPath('shared/text/language.ts')), heapMb: 0 };
  own.detect('Det här är en mening.');
  own.heapMb = round(heapMb() - ownBefore, 1);
  const candidates = [
    await optional('franc-min', ['franc-min', 'trigram-utils', 'n-gram', 'collapse-white-space'], (m) => {
      const franc = m.franc as (text: string, options: object) => string;
      return (text) => ({ swe: 'sv', eng: 'en' })[franc(text, { only: ['swe', 'eng'] })] as Language | undefined ?? null;
    }),
    await optional('eld/small', ['eld'], (m) => {
      const eld = m.eld as { dynamicLangSubset(l: string[]): void; detect(t: string): { language: string; isReliable(): boolean } };
      eld.dynamicLangSubset(['en', 'sv']);
      return (text) => {
        const found = eld.detect(text);
        return found.isReliable() && (found.language === 'sv' || found.language === 'en') ? found.language : null;
      };
    }),
    await optional('tinyld', ['tinyld'], (m) => {
      const detect = m.detect as (text: string, options: object) => string;
      return (text) => {
        const found = detect(text, { only: ['en', 'sv'] });
        return found === 'sv' || found === 'en' ? found : null;
      };
    }),
  ];
  const detectors = [own, await hunspellDetector(), ...candidates.filter((c): c is Detector => typeof c !== 'string')];
  for (const missing of candidates.filter((c): c is string => typeof c === 'string')) process.stderr.write(`${missing}\n`);

  const essays = sets[0].texts;
  const results = detectors.map((d) => {
    d.detect(essays[0]);
    const t0 = performance.now();
    for (const text of essays) d.detect(text);
    const usPerEssay = round(((performance.now() - t0) * 1000) / essays.length, 1);
    return { name: d.name, usPerEssay, kB: Math.round(d.bytes / 1024), heapMb: d.heapMb, sets: Object.fromEntries(sets.map((s) => [s.name, score(d, s)])) };
  });

  const line = (label: string, cells: string[]) => process.stdout.write(`${label.padEnd(66)}${cells.map((c) => c.padStart(22)).join('')}\n`);
  line('right / wrong / no answer, %', results.map((r) => r.name.slice(0, 21)));
  for (const set of sets) line(`${set.name} [${set.texts.length}]`, results.map((r) => { const s = r.sets[set.name]; return `${s.right}/${s.wrong}/${s.none}`; }));
  line('µs per ELLIPSE essay (one thread)', results.map((r) => String(r.usPerEssay)));
  line('size on disk, kB', results.map((r) => String(r.kB)));
  line('heap after loading, MB', results.map((r) => String(r.heapMb)));
  const loadAfter = loadavg().map((l) => round(l));
  process.stdout.write(`load average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')} (${cpus().length} cores)\n`);
  mkdirSync(repoPath('bench-results'), { recursive: true });
  writeFileSync(repoPath('bench-results/language.json'), JSON.stringify({ date: new Date().toISOString(), loadBefore, loadAfter, results }, null, 2) + '\n');
  process.stdout.write('wrote bench-results/language.json\n');
}

await main();
