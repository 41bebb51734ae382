import { create } from 'zustand';
import type { UiLanguage } from '../../shared/i18n';
import type { MainClient } from './bridge';

export type Route =
  | { name: 'batches' }
  | { name: 'create' }
  | { name: 'batch'; batchId: string }
  | { name: 'essay'; essayId: string }
  | { name: 'newSession'; batchId: string }
  | { name: 'judge'; sessionId: string }
  | { name: 'results'; sessionId: string }
  | { name: 'settings' };

/** The route lives in the URL hash, so a reload keeps the teacher where they were. */
export function routeFromHash(hash: string): Route {
  const [name, id] = hash.replace(/^#\/?/, '').split('/');
  if (name === 'create') return { name: 'create' };
  if (name === 'settings') return { name: 'settings' };
  if (name === 'batch' && id) return { name: 'batch', batchId: decodeURIComponent(id) };
  if (name === 'essay' && id) return { name: 'essay', essayId: decodeURIComponent(id) };
  if (name === 'new-session' && id) return { name: 'newSession', batchId: decodeURIComponent(id) };
  if (name === 'judge' && id) return { name: 'judge', sessionId: decodeURIComponent(id) };
  if (name === 'results' && id) return { name: 'results', sessionId: decodeURIComponent(id) };
  return { name: 'batches' };
}

export function hashFromRoute(route: Route): string {
  switch (route.name) {
    case 'batches':
      return '#/';
    case 'create':
      return '#/create';
    case 'settings':
      return '#/settings';
    case 'batch':
      return `#/batch/${encodeURIComponent(route.batchId)}`;
    case 'essay':
      return `#/essay/${encodeURIComponent(route.essayId)}`;
    case 'newSession':
      return `#/new-session/${encodeURIComponent(route.batchId)}`;
    case 'judge':
      return `#/judge/${encodeURIComponent(route.sessionId)}`;
    case 'results':
      return `#/results/${encodeURIComponent(route.sessionId)}`;
  }
}

const LANGUAGE_KEY = 'huledu.uiLanguage';
const JUDGE_KEY = 'huledu.judgeId';

interface UiState {
  main: MainClient | null;
  route: Route;
  language: UiLanguage;
  /** The judge profile this laptop's user judges and grades as; kept across reloads. */
  judgeId: string | null;
  connected(main: MainClient): void;
  setJudge(judgeId: string): void;
  navigate(route: Route): void;
  setLanguage(language: UiLanguage): void;
}

export const useUi = create<UiState>((set) => ({
  main: null,
  route: routeFromHash(window.location.hash),
  language: localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'sv',
  judgeId: localStorage.getItem(JUDGE_KEY),
  connected: (main) => set({ main }),
  setJudge: (judgeId) => {
    localStorage.setItem(JUDGE_KEY, judgeId);
    set({ judgeId });
  },
  navigate: (route) => {
    if (window.location.hash !== hashFromRoute(route)) window.location.hash = hashFromRoute(route);
    set({ route });
  },
  setLanguage: (language) => {
    localStorage.setItem(LANGUAGE_KEY, language);
    document.documentElement.lang = language;
    set({ language });
  },
}));

window.addEventListener('hashchange', () => useUi.setState({ route: routeFromHash(window.location.hash) }));
