import type { UiLanguage } from '../../shared/i18n';

/**
 * A number for the UI: fixed decimals, a real minus sign, a decimal comma in
 * Swedish, and "–" when there is no number to show.
 */
export function formatNumber(value: number | null, decimals: number, language: UiLanguage): string {
  if (value === null || !Number.isFinite(value)) return '–';
  let text = value.toFixed(decimals);
  // -0.001 rounds to "-0.00"; a signed zero reads as a mistake.
  if (Number(text) === 0) text = text.replace('-', '');
  text = text.replace('-', '−');
  return language === 'sv' ? text.replace('.', ',') : text;
}
