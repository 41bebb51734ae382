import type { Language } from '../../shared/contracts/domain';
import { SpellcheckResult, SpellcheckTask } from '../../shared/contracts/spellcheck';
import { loadLanguageEngine, type LanguageEngine } from './engine';

// Each language is loaded once per worker, on its first task, and kept with its memo.
const engines = new Map<Language, Promise<LanguageEngine>>();

function engineFor(language: Language): Promise<LanguageEngine> {
  let engine = engines.get(language);
  if (!engine) {
    engine = loadLanguageEngine(language);
    // A failed load is not remembered, so the next task tries again.
    engine.catch(() => engines.delete(language));
    engines.set(language, engine);
  }
  return engine;
}

/** Piscina entry: every task and result is parsed where it crosses the thread boundary. */
export default async function spellcheckWorker(input: unknown): Promise<SpellcheckResult> {
  const task = SpellcheckTask.parse(input);
  const engine = await engineFor(task.language);
  return SpellcheckResult.parse(engine.check(task.text, task.allowedWords));
}
