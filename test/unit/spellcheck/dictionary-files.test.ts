import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dictionaryFiles, learnerListsFolder, wordFrequenciesFolder } from '../../../src-workers/spellcheck/dictionary-files';

describe('where the worker finds its files', () => {
  it('resolves the dictionary packages through node_modules, to absolute .aff/.dic paths', () => {
    for (const language of ['sv', 'en'] as const) {
      const files = dictionaryFiles(language);
      expect(files.dic).toMatch(new RegExp(`^/.*node_modules/dictionary-${language}/index\\.dic$`));
      expect(files.aff).toBe(files.dic.replace(/\.dic$/, '.aff'));
    }
  });

  it('finds the learner lists from source and in the packed app layout', () => {
    expect(learnerListsFolder()).toMatch(/resources[/\\]learner-lists$/);
    // Packed without asar: <resources>/app/out/main/chunks/worker.js, lists in <resources>/learner-lists.
    const resources = join(mkdtempSync(join(tmpdir(), 'huledu-pack-')), 'resources');
    const chunk = join(resources, 'app', 'out', 'main', 'chunks', 'worker-abc.js');
    mkdirSync(join(resources, 'app', 'out', 'main', 'chunks'), { recursive: true });
    mkdirSync(join(resources, 'learner-lists'));
    writeFileSync(chunk, '');
    expect(learnerListsFolder(pathToFileURL(chunk).href)).toBe(join(resources, 'learner-lists'));
  });

  it('finds the word frequencies from source and in the packed app layout', () => {
    expect(wordFrequenciesFolder()).toMatch(/resources[/\\]word-frequencies$/);
    const resources = join(mkdtempSync(join(tmpdir(), 'huledu-pack-')), 'resources');
    const chunk = join(resources, 'app', 'out', 'main', 'chunks', 'worker-abc.js');
    mkdirSync(join(resources, 'app', 'out', 'main', 'chunks'), { recursive: true });
    mkdirSync(join(resources, 'word-frequencies'));
    writeFileSync(chunk, '');
    expect(wordFrequenciesFolder(pathToFileURL(chunk).href)).toBe(join(resources, 'word-frequencies'));
  });
});
