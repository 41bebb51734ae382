import { readFile } from 'node:fs/promises';
import { loadModule, type HunspellFactory } from 'hunspell-asm';
import type { DictionaryFiles } from './dictionary-files';

/** A dictionary's decisions, as Hunspell makes them on the same .aff/.dic files. */
export interface Dictionary {
  accepts(word: string): boolean;
  /** Hunspell's own full suggestion search: thorough and slow, so the last resort. */
  suggest(word: string): string[];
}

/** Hunspell, and the same dictionary without its compound rules: the words it lists, with their inflections. */
export interface Hunspells {
  full: Dictionary;
  /** Made on its first use, or by `make()`: a text whose words all pass, or a language without compounds, may never need it. */
  lexicon: Dictionary & { make(): void };
}

/** A dictionary's two files, read once: Hunspell is built from them and the suggester reads the same text. */
export interface DictionaryContents {
  aff: string;
  dic: Buffer;
}

export async function readDictionary(files: DictionaryFiles): Promise<DictionaryContents> {
  const [aff, dic] = await Promise.all([readFile(files.aff, 'utf8'), readFile(files.dic)]);
  return { aff, dic };
}

// One WebAssembly instance per worker serves every language.
let factory: Promise<HunspellFactory> | undefined;

/**
 * Hunspell compiled to WebAssembly (hunspell-asm). It implements the
 * compounding flags Swedish needs (COMPOUNDBEGIN/MIDDLE/END, ONLYINCOMPOUND,
 * CHECKCOMPOUND*), which nspell does not; see docs/spellcheck.md. The second
 * instance, without compounding, tells a listed word from a compound built on
 * the fly, so that "sjuksköterska" outranks "sjukskötarsko". Each instance
 * costs about 10 MB for Swedish; making the two took 0.37 s at load 2.4.
 */
export async function loadHunspell(contents: DictionaryContents): Promise<Hunspells> {
  const { aff, create } = await instances(contents);
  let lexicon: Dictionary | undefined;
  const made = () => (lexicon ??= create(withoutCompounding(aff)));
  return { full: create(aff), lexicon: { accepts: (word) => made().accepts(word), suggest: (word) => made().suggest(word), make: made } };
}

/** Hunspell alone, without the lexicon: for a dictionary that only accepts words (British English beside American). */
export async function loadDictionary(contents: DictionaryContents): Promise<Dictionary> {
  const { aff, create } = await instances(contents);
  return create(aff);
}

async function instances({ aff, dic }: DictionaryContents): Promise<{ aff: string; create: (affText: string) => Dictionary }> {
  factory ??= withoutEmscriptenHandler(loadModule);
  const hunspell = await factory;
  const create = (affText: string): Dictionary => {
    const name = crypto.randomUUID();
    const affPath = hunspell.mountBuffer(Buffer.from(affText), `${name}.aff`);
    const dicPath = hunspell.mountBuffer(dic, `${name}.dic`);
    const instance = hunspell.create(affPath, dicPath);
    // Hunspell has read both files; their copies in WebAssembly memory can go.
    hunspell.unmount(affPath);
    hunspell.unmount(dicPath);
    return { accepts: (word) => instance.spell(word), suggest: (word) => instance.suggest(word) };
  };
  return { aff, create };
}

/**
 * Emscripten's Node shell adds a process-wide uncaughtException listener
 * that rethrows from inside itself, so any later crash prints the whole
 * minified module. The listener it added is removed; nothing else is.
 */
async function withoutEmscriptenHandler<T>(load: () => Promise<T>): Promise<T> {
  const before = new Set(process.listeners('uncaughtException'));
  try {
    return await load();
  } finally {
    for (const listener of process.listeners('uncaughtException')) if (!before.has(listener)) process.off('uncaughtException', listener);
  }
}

/** The .aff without the directives that build compounds; ONLYINCOMPOUND stays, so compound-only parts are refused. */
function withoutCompounding(aff: string): string {
  return aff
    .split('\n')
    .filter((line) => !/^(COMPOUNDFLAG|COMPOUNDBEGIN|COMPOUNDMIDDLE|COMPOUNDEND|COMPOUNDRULE|COMPOUNDPERMITFLAG)\b/.test(line))
    .join('\n');
}
