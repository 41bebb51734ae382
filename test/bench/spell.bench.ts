/**
 * `npm run bench:spell`: the spellcheck engine against native Hunspell, in
 * one run, on the same learner text and the same dictionary files.
 *
 * Per language:
 * 1. Native `hunspell -d <the engine's .dic> -a` (Debian package `hunspell`,
 *    single-threaded) on every line of the text: wall time, loading included,
 *    and its peak memory.
 * 2. The engine as the app runs it: the spellcheck pool, one worker per core,
 *    every essay submitted at once. Timed after one warm-up task (the first
 *    worker has loaded the language); the other workers start and load inside
 *    the timed run, and every memo starts empty.
 * 3. The engine on one thread in this process, for the per-core ratio.
 *    Wall time is what a teacher waits; CPU time (user + system, all
 *    threads) is reported beside it, since other work on a shared machine
 *    inflates wall time but not CPU time.
 * 4. Accept/reject agreement per lowercase word type, with the command line
 *    (`hunspell -L`) and with the native library itself (libhunspell through
 *    python3's ctypes, which checks "doesn't" whole where the command line
 *    splits it), and the kinds of the disagreements.
 * 5. First suggestions: agreement with Hunspell on the words both flag, and
 *    accuracy of both on learner misspellings derived from the data
 *    (test/support/learner-misspellings.ts explains how).
 * 6. English: the correlation of findings per 100 words with ELLIPSE's human
 *    Conventions score, and the offset invariant on every essay.
 * 7. The corrected text before any teacher decision: precision and recall of
 *    its changes on the tuning and the held-out half of the learner
 *    misspellings (test/support/auto-correct-quality.ts), and the
 *    unchanged-word check (test/support/unchanged-words.ts).
 * 8. English: what accepting British spelling too (the default) removes from
 *    the findings, against the American dictionary alone. Agreement is
 *    measured per dictionary: each variant against its own file, and both
 *    against "either accepts".
 *
 * Needs ../shared/data (fails clearly without it). Prints a table and writes
 * bench-results/spell.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { Language } from '../../shared/contracts/domain';
import type { SpellcheckResult } from '../../shared/contracts/spellcheck';
import { silentLogger } from '../../src-main/core/logger';
import { repoPath } from '../../src-main/app/repo-path';
import { createPools } from '../../src-main/pools';
import { sourceWorkerEntries } from '../../src-main/pools/entries.source';
import { pearson, spearman } from '../../src-workers/cj/statistics';
import type { EnglishVariant } from '../../shared/contracts/spellcheck';
import { dictionaryFiles, type DictionaryName } from '../../src-workers/spellcheck/dictionary-files';
import { loadLanguageEngine, type LanguageEngine } from '../../src-workers/spellcheck/engine';
import { tokenize } from '../../src-workers/spellcheck/tokenize';
import { splitByWordType, unreviewedCorrections } from '../support/auto-correct-quality';
import { expectedCorrectedText } from '../support/corrected-text';
import type { Misspelling } from '../support/learner-misspellings';
import { nativeAccepts, nativeHunspell, nativeLibraryAccepts, type NativeRun } from '../support/native-hunspell';
import { ellipseEssays, englishCorpus, learnerMisspellingSet, swedishCorpus, type Corpus } from '../support/spell-reference';
import { unchangedWordCheck } from '../support/unchanged-words';

const MB = 1024 * 1024;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const percent = (part: number, whole: number) => round((100 * part) / Math.max(1, whole));

/** The engine through the app's pool: wall time of every essay at once, and peak memory of this process (workers included). */
async function poolRun(language: Language, essays: string[]) {
  const baseline = process.memoryUsage().rss;
  const threads = availableParallelism();
  const started = performance.now();
  const pools = createPools(sourceWorkerEntries, threads, silentLogger);
  const pool = pools.spellcheck;
  await pool.check({ text: 'warm', language, allowedWords: [] });
  const startupMs = performance.now() - started;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const results = await Promise.all(essays.map((text) => pool.check({ text, language, allowedWords: [] })));
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  clearInterval(sampler);
  await pools.close();
  return { threads, startupMs: round(startupMs), seconds, cpuSeconds, results, peakRssMb: round((peak - baseline) / MB, 1) };
}

/** The engine on one thread, in this process: load time, run time and memory. */
async function singleThreadRun(language: Language, essays: string[]) {
  const before = process.memoryUsage();
  const t0 = performance.now();
  const engine = await loadLanguageEngine(language);
  const loadMs = performance.now() - t0;
  const loaded = process.memoryUsage();
  const cpu = process.cpuUsage();
  const t1 = performance.now();
  const results = essays.map((text) => engine.check(text, []));
  const seconds = (performance.now() - t1) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  const after = process.memoryUsage();
  return {
    engine,
    results,
    seconds,
    cpuSeconds,
    loadMs: round(loadMs),
    memory: {
      rssAfterLoadMb: round((loaded.rss - before.rss) / MB, 1),
      rssAfterRunMb: round((after.rss - before.rss) / MB, 1),
      heapUsedMb: round(after.heapUsed / MB, 1),
      wasmAndBuffersMb: round(after.arrayBuffers / MB, 1),
    },
  };
}

/** CPU time of this process (every thread: main and workers) since `start`. */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function misspellingsOf(run: NativeRun): number {
  return run.lines.reduce((n, tokens) => n + tokens.filter((t) => !t.correct).length, 0);
}

/** Hunspell's first suggestion for each word it flagged in the text, as written. */
function nativeFirstSuggestions(run: NativeRun): Map<string, string | undefined> {
  const first = new Map<string, string | undefined>();
  for (const tokens of run.lines) for (const t of tokens) if (!t.correct && !first.has(t.word)) first.set(t.word, t.suggestions[0]);
  return first;
}

function engineFirstSuggestions(results: SpellcheckResult[]): Map<string, string | undefined> {
  const first = new Map<string, string | undefined>();
  for (const r of results) for (const f of r.findings) if (f.source === 'dictionary' && !first.has(f.text)) first.set(f.text, f.suggestions[0]);
  return first;
}

/**
 * Accept/reject agreement per lowercase word type, with native hunspell's
 * command line and with its library, on each of `dictionaries`: a word is
 * accepted natively when any of them accepts it.
 */
async function agreement(engine: LanguageEngine, dictionaries: DictionaryName[], corpus: Corpus) {
  const types = [...new Set(corpus.occurrences.map((o) => o.word.toLowerCase()))].sort();
  const ours = types.map((t) => engine.isWord(t));
  const either = (answers: boolean[][]) => types.map((_, i) => answers.some((a) => a[i]));
  const dics = dictionaries.map((name) => dictionaryFiles(name).dic);
  const [commandLine, library] = await Promise.all([
    Promise.all(dics.map((dic) => nativeAccepts(dic, types))).then(either),
    Promise.all(dics.map((dic) => nativeLibraryAccepts(dic, types))).then(either),
  ]);
  const compare = (native: boolean[]) => {
    const disagreements = types.filter((_, i) => ours[i] !== native[i]);
    const kinds: Record<string, { count: number; examples: string[] }> = {};
    for (const word of disagreements) {
      const kind = (kinds[/['’]/u.test(word) ? 'apostrophe' : word.includes('-') ? 'hyphen' : 'other'] ??= { count: 0, examples: [] });
      kind.count++;
      if (kind.examples.length < 10) kind.examples.push(`${word} (hunspell ${native[types.indexOf(word)] ? 'accepts' : 'rejects'})`);
    }
    return { agree: types.length - disagreements.length, percent: percent(types.length - disagreements.length, types.length), disagreementKinds: kinds };
  };
  return { types: types.length, commandLine: compare(commandLine), library: compare(library) };
}

/** Swedish against its dictionary; English with each variant against its own, and with both (the default) against either. */
async function agreementPerDictionary(engine: LanguageEngine, corpus: Corpus) {
  if (corpus.language === 'sv') return { sv: await agreement(engine, ['sv'], corpus) };
  const variant = async (v: EnglishVariant, names: DictionaryName[]) => agreement(await loadLanguageEngine('en', v), names, corpus);
  return { us: await variant('us', ['en']), gb: await variant('gb', ['en-GB']), both: await agreement(engine, ['en', 'en-GB'], corpus) };
}

/** How many of the corpus's findings the unreviewed corrected text applies. */
function autoCorrectedShare(results: SpellcheckResult[]) {
  const findings = results.flatMap((r) => r.findings);
  const applied = findings.filter((f) => f.autoCorrect).length;
  return { findings: findings.length, autoCorrect: applied, percent: percent(applied, findings.length) };
}

/**
 * English: the findings of the American dictionary alone against both (the
 * default), on the same essays; the words no longer flagged, most frequent first.
 */
async function britishEffect(essays: string[], both: SpellcheckResult[]) {
  const us = await loadLanguageEngine('en', 'us');
  const usResults = essays.map((text) => us.check(text, []));
  const count = (results: SpellcheckResult[]) => results.reduce((n, r) => n + r.findings.length, 0);
  const gone = new Map<string, number>();
  usResults.forEach((r, i) => {
    const kept = new Set(both[i].findings.map((f) => `${f.start}:${f.end}`));
    for (const f of r.findings) if (!kept.has(`${f.start}:${f.end}`)) gone.set(f.text.toLowerCase(), (gone.get(f.text.toLowerCase()) ?? 0) + 1);
  });
  const removed = [...gone.values()].reduce((a, b) => a + b, 0);
  return {
    findingsUsOnly: count(usResults),
    findingsBoth: count(both),
    removed,
    removedPercent: percent(removed, count(usResults)),
    removedWordTypes: gone.size,
    mostFrequent: [...gone].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([word, n]) => `${word} ${n}`),
  };
}

/**
 * Both engines on each misspelling of the set, as a word alone: native `hunspell -a` on one word per line.
 * Also per half of the split by word type: the ranking (suggest.ts) was tuned on the tuning half only.
 */
async function firstSuggestionAccuracy(set: Misspelling[], engine: LanguageEngine) {
  const native = new Map((await nativeHunspell(engine.dictionary, set.map((m) => m.wrong))).lines.map((tokens, i) => [set[i].wrong, tokens[0]?.suggestions[0]]));
  const accuracy = (half: Misspelling[]) => {
    const engineRight = half.filter((m) => engine.suggest(m.wrong).words[0]?.toLowerCase() === m.right).length;
    const nativeRight = half.filter((m) => native.get(m.wrong)?.toLowerCase() === m.right).length;
    return {
      size: half.length,
      engine: { right: engineRight, percent: percent(engineRight, half.length) },
      hunspell: { right: nativeRight, percent: percent(nativeRight, half.length) },
    };
  };
  const { tuning, heldOut } = splitByWordType(set);
  return { ...accuracy(set), tuning: accuracy(tuning), heldOut: accuracy(heldOut) };
}

/** Which suggestion stage placed each distinct word the engine flagged: memoised, so this costs nothing. */
function stages(engine: LanguageEngine, results: SpellcheckResult[]): Record<string, number> {
  const words = new Set(results.flatMap((r) => r.findings.filter((f) => f.source === 'dictionary').map((f) => f.text)));
  const counts: Record<string, number> = {};
  for (const word of words) {
    const { stage } = engine.suggest(word);
    counts[stage] = (counts[stage] ?? 0) + 1;
  }
  return counts;
}

function firstSuggestionAgreement(engine: Map<string, string | undefined>, native: Map<string, string | undefined>) {
  const both = [...engine.keys()].filter((w) => native.has(w));
  const same = both.filter((w) => engine.get(w) === native.get(w)).length;
  return { flaggedByBoth: both.length, same, percent: percent(same, both.length) };
}

function offsetInvariant(texts: string[], results: SpellcheckResult[]) {
  let findings = 0;
  let badSlices = 0;
  let badCorrections = 0;
  results.forEach((r, i) => {
    findings += r.findings.length;
    badSlices += r.findings.filter((f) => texts[i].slice(f.start, f.end) !== f.text).length;
    if (expectedCorrectedText(texts[i], r.findings) !== r.correctedText) badCorrections++;
  });
  return { essays: texts.length, findings, badSlices, badCorrections };
}

async function benchLanguage(corpus: Corpus) {
  const lines = corpus.essays.flatMap((e) => e.split('\n'));
  const words = corpus.essays.reduce((n, e) => n + tokenize(e).length, 0);
  process.stderr.write(`${corpus.language}: native hunspell -a on ${words} words…\n`);
  const dic = dictionaryFiles(corpus.language).dic;
  const native = await nativeHunspell(dic, lines);
  process.stderr.write(`${corpus.language}: the engine through the pool…\n`);
  const pool = await poolRun(corpus.language, corpus.essays);
  process.stderr.write(`${corpus.language}: the engine on one thread…\n`);
  const single = await singleThreadRun(corpus.language, corpus.essays);

  const nativeMisspellings = misspellingsOf(native);
  const poolFindings = pool.results.reduce((n, r) => n + r.findings.length, 0);
  const nativeFirst = nativeFirstSuggestions(native);
  process.stderr.write(`${corpus.language}: agreement and suggestions…\n`);
  const set = await learnerMisspellingSet(corpus, dic);
  const halves = splitByWordType(set);
  return {
    language: corpus.language,
    corpus: corpus.name,
    dictionary: dic,
    words,
    essays: corpus.essays.length,
    native: {
      seconds: round(native.seconds),
      cpuSeconds: round(native.cpuSeconds),
      wordsPerSecond: Math.round(words / native.seconds),
      misspellings: nativeMisspellings,
      msPerMisspelling: round((native.seconds * 1000) / nativeMisspellings),
      peakRssMb: round(native.peakRssMb, 1),
    },
    pool: {
      threads: pool.threads,
      startupMs: pool.startupMs,
      seconds: round(pool.seconds),
      cpuSeconds: round(pool.cpuSeconds),
      wordsPerSecond: Math.round(words / pool.seconds),
      findings: poolFindings,
      msPerFinding: round((pool.seconds * 1000) / poolFindings),
      peakRssMb: pool.peakRssMb,
      ratio: round(native.seconds / pool.seconds, 1),
      cpuRatio: round(native.cpuSeconds / pool.cpuSeconds, 1),
    },
    singleThread: {
      loadMs: single.loadMs,
      seconds: round(single.seconds),
      cpuSeconds: round(single.cpuSeconds),
      wordsPerSecond: Math.round(words / single.seconds),
      ratio: round(native.seconds / single.seconds, 1),
      cpuRatio: round(native.cpuSeconds / single.cpuSeconds, 1),
      memory: single.memory,
      suggestionStages: stages(single.engine, single.results),
    },
    agreement: await agreementPerDictionary(single.engine, corpus),
    unreviewedCorrections: {
      tuning: unreviewedCorrections(single.engine, halves.tuning),
      heldOut: unreviewedCorrections(single.engine, halves.heldOut),
      unchangedWords: unchangedWordCheck(single.engine),
      corpusFindings: autoCorrectedShare(pool.results),
    },
    firstSuggestion: {
      agreementWithHunspell: firstSuggestionAgreement(engineFirstSuggestions(pool.results), nativeFirst),
      accuracyOnLearnerSet: await firstSuggestionAccuracy(set, single.engine),
    },
    poolResults: pool.results,
  };
}

function printTable(rows: Array<Awaited<ReturnType<typeof benchLanguage>>>) {
  const line = (label: string, ...cells: Array<string | number>) => process.stdout.write(`${label.padEnd(48)}${cells.map((c) => String(c).padStart(22)).join('')}\n`);
  line('', ...rows.map((r) => r.language));
  line('words', ...rows.map((r) => r.words));
  line('native hunspell -a: words/s (1 thread)', ...rows.map((r) => r.native.wordsPerSecond));
  line('native: ms per misspelling', ...rows.map((r) => r.native.msPerMisspelling));
  line(`engine pool: words/s`, ...rows.map((r) => `${r.pool.wordsPerSecond} (${r.pool.threads} thr)`));
  line('engine pool: ms per finding', ...rows.map((r) => r.pool.msPerFinding));
  line('speed-up, pool vs native (same run)', ...rows.map((r) => `${r.pool.ratio}×`));
  line('engine 1 thread: words/s', ...rows.map((r) => r.singleThread.wordsPerSecond));
  line('speed-up per core, 1 thread vs native', ...rows.map((r) => `${r.singleThread.ratio}×`));
  line('CPU seconds: native', ...rows.map((r) => r.native.cpuSeconds));
  line('CPU seconds: engine pool (all threads)', ...rows.map((r) => r.pool.cpuSeconds));
  line('CPU seconds: engine 1 thread', ...rows.map((r) => r.singleThread.cpuSeconds));
  line('CPU-time ratio, native vs pool', ...rows.map((r) => `${r.pool.cpuRatio}×`));
  line('CPU-time ratio, native vs 1 thread', ...rows.map((r) => `${r.singleThread.cpuRatio}×`));
  const agreements = (r: (typeof rows)[number]) => Object.entries(r.agreement) as Array<[string, Awaited<ReturnType<typeof agreement>>]>;
  line('lowercase word types', ...rows.map((r) => agreements(r)[0][1].types));
  for (const dictionary of ['sv', 'us', 'gb', 'both']) {
    const cell = (r: (typeof rows)[number], pick: (a: Awaited<ReturnType<typeof agreement>>) => number) => {
      const found = agreements(r).find(([d]) => d === dictionary);
      return found ? `${pick(found[1])}%` : '';
    };
    line(`agreement, ${dictionary}: hunspell -a/-L (command line)`, ...rows.map((r) => cell(r, (a) => a.commandLine.percent)));
    line(`agreement, ${dictionary}: libhunspell (same files)`, ...rows.map((r) => cell(r, (a) => a.library.percent)));
  }
  line('first suggestion = hunspell\'s', ...rows.map((r) => `${r.firstSuggestion.agreementWithHunspell.percent}%`));
  line('learner set: size', ...rows.map((r) => r.firstSuggestion.accuracyOnLearnerSet.size));
  line('learner set: engine first suggestion right', ...rows.map((r) => `${r.firstSuggestion.accuracyOnLearnerSet.engine.percent}%`));
  line('learner set: hunspell first suggestion right', ...rows.map((r) => `${r.firstSuggestion.accuracyOnLearnerSet.hunspell.percent}%`));
  const halves = (r: (typeof rows)[number]) => r.firstSuggestion.accuracyOnLearnerSet;
  line('  halves: tuning / held-out size', ...rows.map((r) => `${halves(r).tuning.size} / ${halves(r).heldOut.size}`));
  line('  tuning half: engine / hunspell right', ...rows.map((r) => `${halves(r).tuning.engine.percent}% / ${halves(r).tuning.hunspell.percent}%`));
  line('  held-out half: engine / hunspell right', ...rows.map((r) => `${halves(r).heldOut.engine.percent}% / ${halves(r).heldOut.hunspell.percent}%`));
  const quality = (q: { precision: number; recall: number; changed: number }) => `${q.precision} / ${q.recall} (${q.changed})`;
  line('unreviewed, tuning: precision / recall (n)', ...rows.map((r) => quality(r.unreviewedCorrections.tuning.all)));
  line('unreviewed, held-out: precision / recall (n)', ...rows.map((r) => quality(r.unreviewedCorrections.heldOut.all)));
  line('  held-out, not in the learner lists', ...rows.map((r) => quality(r.unreviewedCorrections.heldOut.notInLearnerLists)));
  line('unchanged-word check: changed / words', ...rows.map((r) => `${r.unreviewedCorrections.unchangedWords.changed.length} / ${r.unreviewedCorrections.unchangedWords.words}`));
  line('corpus findings applied unreviewed', ...rows.map((r) => `${r.unreviewedCorrections.corpusFindings.percent}%`));
  line('memory: native peak RSS MB', ...rows.map((r) => r.native.peakRssMb));
  line('memory: pool peak RSS MB (all workers)', ...rows.map((r) => r.pool.peakRssMb));
  line('memory: 1 engine, RSS MB after load', ...rows.map((r) => r.singleThread.memory.rssAfterLoadMb));
  for (const r of rows) {
    const stages = Object.entries(r.singleThread.suggestionStages).map(([stage, n]) => `${stage} ${n}`);
    process.stdout.write(`${r.language}: distinct flagged words, by the suggestion stage that placed them: ${stages.join(', ')}\n`);
  }
}

async function main() {
  const machine = { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: round(totalmem() / 1024 ** 3, 1), loadBefore: loadavg().map((l) => round(l)) };
  const sv = await benchLanguage(swedishCorpus());
  const english = ellipseEssays();
  const en = await benchLanguage(englishCorpus());

  const per100 = en.poolResults.map((r) => r.metrics.per100Words);
  const conventions = english.map((e) => e.conventions);
  const correlation = { essays: english.length, pearson: round(pearson(per100, conventions), 3), spearman: round(spearman(per100, conventions), 3) };
  const invariant = offsetInvariant(
    english.map((e) => e.text),
    en.poolResults,
  );

  const british = await britishEffect(
    english.map((e) => e.text),
    en.poolResults,
  );

  printTable([sv, en]);
  process.stdout.write(
    `\nELLIPSE, British spelling accepted too: ${british.findingsUsOnly} findings with the American dictionary alone, ${british.findingsBoth} with both; ` +
      `${british.removed} removed (${british.removedPercent}%, ${british.removedWordTypes} word types): ${british.mostFrequent.join(', ')}\n`,
  );
  process.stdout.write(`\nELLIPSE: findings per 100 words vs Conventions: Pearson ${correlation.pearson}, Spearman ${correlation.spearman} (${correlation.essays} essays)\n`);
  process.stdout.write(`ELLIPSE offsets: ${invariant.findings} findings in ${invariant.essays} essays, ${invariant.badSlices} bad slices, ${invariant.badCorrections} bad corrected texts\n`);
  process.stdout.write(`load average before ${machine.loadBefore.join(' ')}, after ${loadavg().map((l) => round(l)).join(' ')} (${machine.cpus} cores)\n`);

  const strip = ({ poolResults: _, ...rest }: typeof sv) => rest;
  const out = { date: new Date().toISOString(), machine: { ...machine, loadAfter: loadavg().map((l) => round(l)) }, sv: strip(sv), en: strip(en), ellipse: { correlation, invariant, british } };
  mkdirSync(repoPath('bench-results'), { recursive: true });
  writeFileSync(repoPath('bench-results/spell.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`wrote bench-results/spell.json\n`);
}

await main();
