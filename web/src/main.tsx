import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageReady } from './app/i18n';
// The app's own styles, one file per area; bundled in this order, so a later file wins a tie.
import './app/styles/base.css';
import './app/styles/shell.css';
import './app/styles/page.css';
import './app/styles/login.css';
import './app/styles/json-diff.css';
import './app/styles/clock.css';
import './app/styles/phone.css';
import './app/styles/calendar.css';
import './app/styles/leave.css';
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
