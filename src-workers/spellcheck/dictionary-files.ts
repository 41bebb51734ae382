import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../../shared/contracts/domain';

export interface DictionaryFiles {
  aff: string;
  /** Absolute path of the .dic file, reported with every result so reference tools load the same files. */
  dic: string;
}

/** A language's dictionary, or British English ('en' is American English). */
export type DictionaryName = Language | 'en-GB';

const packages: Record<DictionaryName, string> = { sv: 'dictionary-sv', en: 'dictionary-en', 'en-GB': 'dictionary-en-gb' };

/**
 * The Hunspell files of a dictionary, found by Node's module resolution from
 * this file. That works from source (the repository's node_modules) and in
 * the packed app (node_modules beside out/ in resources/app).
 */
export function dictionaryFiles(name: DictionaryName): DictionaryFiles {
  const entry = createRequire(import.meta.url).resolve(packages[name]);
  return { aff: join(dirname(entry), 'index.aff'), dic: join(dirname(entry), 'index.dic') };
}

/**
 * The folder of learner lists, found by walking up from this file (or from
 * `start`). From source it is resources/learner-lists in the repository;
 * the packed app ships it as the extra resource `<resources>/learner-lists`,
 * beside `<resources>/app` where the worker runs.
 */
export function learnerListsFolder(start: string = import.meta.url): string {
  return resourceFolder('learner-lists', start);
}

/** The folder of word frequencies (build/word-frequencies.mjs), found as the learner lists are. */
export function wordFrequenciesFolder(start: string = import.meta.url): string {
  return resourceFolder('word-frequencies', start);
}

function resourceFolder(name: string, start: string): string {
  let dir = dirname(fileURLToPath(start));
  for (;;) {
    for (const candidate of [join(dir, 'resources', name), join(dir, name)]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${name} folder not found next to the app`);
    dir = parent;
  }
}
