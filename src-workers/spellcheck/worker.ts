import type { Language } from '../../shared/contracts/domain';
import { SpellcheckResult, SpellcheckTask, type EnglishVariant } from '../../shared/contracts/spellcheck';
import { loadLanguageEngine, type LanguageEngine } from './engine';

// Each language (and English variant) is loaded once per worker, on its first task, and kept with its memo.
const engines = new Map<string, Promise<LanguageEngine>>();

function engineFor(language: Language, variant: EnglishVariant): Promise<LanguageEngine> {
  const key = language === 'en' ? `en:${variant}` : language;
  let engine = engines.get(key);
  if (!engine) {
    engine = loadLanguageEngine(language, variant);
    // A failed load is not remembered, so the next task tries again.
    engine.catch(() => engines.delete(key));
    engines.set(key, engine);
  }
  return engine;
}

/** Piscina entry: every task and result is parsed where it crosses the thread boundary. */
export default async function spellcheckWorker(input: unknown): Promise<SpellcheckResult> {
  const task = SpellcheckTask.parse(input);
  const engine = await engineFor(task.language, task.variant);
  if (task.prepare) engine.prepare();
  return SpellcheckResult.parse(engine.check(task.text, task.allowedWords));
}
