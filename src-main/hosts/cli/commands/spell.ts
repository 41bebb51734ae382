import { readFile, stat } from 'node:fs/promises';
import type { Language } from '../../../../shared/contracts/domain';
import type { SpellcheckResult } from '../../../../shared/contracts/spellcheck';
import { commonOptions, languageOption, parseCommand, UsageError, writeJsonLine, type Command } from '../command';
import { createCliPools } from '../compose';

/** One line of `spell --json`: the file as given, then the engine's result. */
export type SpelledFile = { file: string } & SpellcheckResult;

/** Reads a text file, or stdin for `-`, as UTF-8; anything else is bad input. */
async function readText(file: string): Promise<string> {
  if (file !== '-' && (await stat(file)).isDirectory()) {
    throw new UsageError(`${file} är en mapp, inte en textfil / ${file} is a folder, not a text file`);
  }
  const bytes = file === '-' ? await readStdin() : await readFile(file);
  try {
    if (bytes.includes(0)) throw new TypeError('NUL byte');
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file} är inte en textfil i UTF-8 / ${file} is not a UTF-8 text file`);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `spell FILE... --lang sv|en`: each file through the app's spellcheck pool, in the order given. */
export async function spell(files: string[], language: Language): Promise<SpelledFile[]> {
  const texts = await Promise.all(files.map(readText));
  const pools = createCliPools();
  try {
    const results = await Promise.all(texts.map((text) => pools.spellcheck.check({ text, language, allowedWords: [] })));
    return results.map((result, i) => ({ file: files[i], ...result }));
  } finally {
    await pools.close();
  }
}

export const spellCommand: Command = {
  usage: `  huledu spell FIL... [--lang sv|en] [--json]      (FIL "-" läser standard in / FILE "-" reads stdin)
      Rättstavar textfiler (UTF-8) som appen gör och visar fynden per fil.
      Spellchecks text files (UTF-8) as the app does and reports the findings per file.`,
  async run(args) {
    const { values, positionals } = parseCommand(args, commonOptions, { sv: 'Ange minst en fil', en: 'Give at least one file' });
    for (const result of await spell(positionals, languageOption(values.lang))) {
      if (values.json) {
        const { file, language: lang, dictionary, words, findings, correctedText, metrics } = result;
        writeJsonLine({ file, language: lang, dictionary, words, findings, correctedText, metrics });
        continue;
      }
      process.stdout.write(`${result.file}: ${result.words} ord/words, ${result.findings.length} fynd/findings (${result.metrics.per100Words} per 100)\n`);
      for (const f of result.findings) {
        process.stdout.write(`  ${f.start}–${f.end} ${f.text} → ${f.suggestions[0] ?? '?'}  [${f.category}]\n`);
      }
    }
    return 0;
  },
};
