import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { antdDeepImports } from './build/antd-deep-imports';
import { employeeHomeAssets } from './build/employee-home-assets';
import { pagePreloads } from './build/page-preloads';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The server serves the built files at `/`. In development (`npx vite --config web/vite.config.ts`)
// API calls are proxied to a running server at DAKA_API (default http://localhost:8080).
export default defineConfig({
  root: webRoot,
  base: '/',
  // The server preloads the employee's home with index.html when it knows that page is next.
  plugins: [
    antdDeepImports(),
    react(),
    pagePreloads({ employeeHome: 'web/src/pages/me/MyMonthPage.tsx' }),
    // …and draws that page into index.html before the app's code arrives.
    employeeHomeAssets(fileURLToPath(new URL('./src/locales', import.meta.url))),
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // antd, echarts and friends are split per route; the budget is the initial chunk set.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // A phone on a slow network pays a round trip per file (six at a time), so the first screen
        // comes in few files: React (changes rarely, cached long), everything else the entry loads
        // statically, and the employee's home page with what it adds. The other pages stay split
        // per route; antd is never grouped whole (one antd chunk would carry every component).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
            { name: 'app', tags: ['$initial'], priority: 2 },
            { name: 'home', test: /web[\\/]src[\\/](pages[\\/]me[\\/]MyMonthPage|components[\\/](MonthCalendar|PageContainer|today|attendance[\\/](DayStatusTag|time|errors)))\./, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: process.env.DAKA_API ?? 'http://localhost:8080', changeOrigin: false },
    },
  },
});
