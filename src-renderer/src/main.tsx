import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectToMain } from './bridge';
import { useUi } from './state';
import { requestPersistentStorage } from './storage';
import './styles.css';

document.documentElement.lang = useUi.getState().language;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The database is all the teacher's work: ask the browser not to evict it when the disk runs low.
void requestPersistentStorage();
void connectToMain().then(async (main) => {
  await main.hello({});
  useUi.getState().connected(main);
});
