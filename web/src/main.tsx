import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageReady } from './app/i18n';
import './app/styles.css';
import { App } from './app/App';
import { dropPrerenderLater } from './app/prerender';

// An English reader's texts load first (zh-CN ships with the app), so no page flashes in Chinese.
void languageReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
dropPrerenderLater();
