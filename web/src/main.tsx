import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageReady } from './app/i18n';
import './app/styles.css';
// The server's drawing of the employee home (src/http/employee-home.ts); bundled into the same file.
import './app/prerender.css';
import { App } from './app/App';
import { appContainer } from './app/prerender';

// An English reader's texts load first (zh-CN ships with the app), so no page flashes in Chinese.
void languageReady.then(() =>
  createRoot(appContainer()).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
