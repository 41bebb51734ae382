import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectToMain } from './bridge';
import { useUi } from './state';
import './styles.css';

document.documentElement.lang = useUi.getState().language;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void connectToMain().then(async (main) => {
  await main.hello({});
  useUi.getState().connected(main);
});
