import type { Language, Rejection } from '../contracts/domain';
import { intakeLimits } from '../contracts/limits';
import { en, sv, type StringKey } from './strings';

export type UiLanguage = Language;
export type { StringKey };

const tables: Record<UiLanguage, Record<StringKey, string>> = { sv, en };

/** The locale dates and numbers are written in. */
export function localeOf(language: UiLanguage): string {
  return language === 'sv' ? 'sv-SE' : 'en-GB';
}

/**
 * A number as the UI and the exports write it: fixed decimals, a real minus
 * sign, a decimal comma in Swedish, and "–" when there is no number to show.
 */
export function formatNumber(value: number | null, decimals: number, language: UiLanguage): string {
  if (value === null || !Number.isFinite(value)) return '–';
  let text = value.toFixed(decimals);
  // -0.001 rounds to "-0.00"; a signed zero reads as a mistake.
  if (Number(text) === 0) text = text.replace('-', '');
  text = text.replace('-', '−');
  return language === 'sv' ? text.replace('.', ',') : text;
}

/** Spelling errors per 100 words, as every view writes them: one decimal. */
export function formatPer100(value: number | null, language: UiLanguage): string {
  return formatNumber(value, 1, language);
}

/**
 * A probability as every view and export writes it: whole percent, and never
 * 0 % or 100 %, which no number of judgements can make true.
 */
export function formatProbability(value: number, language: UiLanguage): string {
  const percent = Math.round(value * 100);
  if (percent >= 100) return translate(language, 'probability.above', { value: 99 });
  if (percent <= 0) return translate(language, 'probability.below', { value: 1 });
  return translate(language, 'probability.value', { value: percent });
}

export function translate(
  lang: UiLanguage,
  key: StringKey,
  params: Record<string, string | number> = {},
): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * A rejection's message. `original` names the essay a duplicate repeats, and
 * `words` the word count of a text that was too short or long.
 */
export function rejectionMessage(
  lang: UiLanguage,
  rejection: Rejection,
  context: { original?: string; words?: number } = {},
): string {
  return translate(lang, `rejection.${rejection.code}`, {
    min: intakeLimits.minWords,
    max: intakeLimits.maxWords,
    maxCharacters: intakeLimits.maxCharacters.toLocaleString(localeOf(lang)),
    maxMb: Math.round(intakeLimits.maxFileBytes / (1024 * 1024)),
    words: context.words ?? '?',
    original: context.original ?? '?',
  });
}
