import { translate, type StringKey } from '../../shared/i18n';
import { useUi } from './state';

/** The translation function for the current UI language. */
export function useT(): (key: StringKey, params?: Record<string, string | number>) => string {
  const language = useUi((s) => s.language);
  return (key, params) => translate(language, key, params);
}
