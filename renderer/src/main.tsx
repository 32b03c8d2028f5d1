import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './app/app';
import { ErrorBoundary } from './components/error-boundary';
import { initI18n } from './i18n';
import './styles/app.css';

/** Language: the user's saved choice, else the operating system's (main decides both). */
async function start(): Promise<void> {
  let lang: 'hu' | 'en' = navigator.language.toLowerCase().startsWith('hu') ? 'hu' : 'en';
  try {
    lang = (await api().appInfo()).language;
  } catch (err) {
    console.error('app:info failed', err);
  }
  await initI18n(lang);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary onReset={() => window.location.reload()}>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}

void start();
