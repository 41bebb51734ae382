import { translate, type UiLanguage } from './i18n';

/**
 * Numbers as teachers type them: "0,8" (Swedish decimal comma) and "0.8"
 * are the same number. Every number field of a form parses through here, so
 * no field takes one and refuses the other.
 */

export interface NumberRule {
  min: number;
  max: number;
  /** Only whole numbers ("8" or "8,0"). */
  integer?: boolean;
}

export type ParsedNumber =
  | { ok: true; value: number }
  /** `empty`: nothing typed; `not-a-number`: not a number; `whole`: not a whole number; `range`: outside min–max. */
  | { ok: false; reason: 'empty' | 'not-a-number' | 'whole' | 'range' };

/** One optional sign, digits, and at most one decimal separator (comma or point) followed by digits. */
const NUMBER = /^[-−+]?(\d+([.,]\d*)?|[.,]\d+)$/;

export function parseNumber(typed: string, rule: NumberRule): ParsedNumber {
  const text = typed.trim().replace(/\s+/g, '');
  if (text === '') return { ok: false, reason: 'empty' };
  if (!NUMBER.test(text)) return { ok: false, reason: 'not-a-number' };
  const value = Number(text.replace(',', '.').replace('−', '-'));
  if (!Number.isFinite(value)) return { ok: false, reason: 'not-a-number' };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, reason: 'whole' };
  if (value < rule.min || value > rule.max) return { ok: false, reason: 'range' };
  return { ok: true, value };
}

/** Why a typed number was refused, in the teacher's language, naming the field and the numbers it takes. */
export function numberError(language: UiLanguage, field: string, reason: Exclude<ParsedNumber, { ok: true }>['reason'], rule: NumberRule): string {
  const written = (n: number) => (language === 'sv' ? String(n).replace('.', ',') : String(n));
  return translate(language, `number.error.${reason}`, { field, min: written(rule.min), max: written(rule.max) });
}
