import { useT } from './i18n';
import { useUi } from './state';
import { BatchList } from './views/BatchList';
import { BatchView } from './views/BatchView';
import { CreateBatch } from './views/CreateBatch';
import { EssayView } from './views/EssayView';
import { JudgingView } from './views/JudgingView';
import { ResultsView } from './views/ResultsView';
import { SessionSetup } from './views/SessionSetup';
import { SyncSettings } from './views/SyncSettings';

export function App() {
  const t = useT();
  const { route, main, language, setLanguage, navigate } = useUi();
  return (
    <div className="app">
      <header className="app-header">
        <button type="button" className="brand" onClick={() => navigate({ name: 'batches' })}>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </button>
        <div className="header-links">
          <a href="#/settings" aria-current={route.name === 'settings' ? 'page' : undefined}>
            {t('sync.nav')}
          </a>
          <button
            type="button"
            className="link-button"
            lang={language === 'sv' ? 'en' : 'sv'}
            onClick={() => setLanguage(language === 'sv' ? 'en' : 'sv')}
          >
            {t('lang.switch')}
          </button>
        </div>
      </header>
      <main className="app-main">
        {!main ? (
          <p role="status" className="muted">
            {t('connection.waiting')}
          </p>
        ) : route.name === 'create' ? (
          <CreateBatch />
        ) : route.name === 'batch' ? (
          <BatchView batchId={route.batchId} />
        ) : route.name === 'essay' ? (
          <EssayView essayId={route.essayId} />
        ) : route.name === 'newSession' ? (
          <SessionSetup batchId={route.batchId} />
        ) : route.name === 'judge' ? (
          <JudgingView sessionId={route.sessionId} />
        ) : route.name === 'results' ? (
          <ResultsView sessionId={route.sessionId} />
        ) : route.name === 'settings' ? (
          <SyncSettings />
        ) : (
          <BatchList />
        )}
      </main>
    </div>
  );
}
