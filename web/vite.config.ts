import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { antdDeepImports } from './build/antd-deep-imports';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The server serves the built files at `/`. In development (`npx vite --config web/vite.config.ts`)
// API calls are proxied to a running server at DAKA_API (default http://localhost:8080).
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [antdDeepImports(), react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // antd, echarts and friends are split per route; the budget is the initial chunk set.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Stable names for the libraries every page needs. antd is deliberately not grouped:
        // one antd chunk would pull every component any page uses into the first load.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|dayjs)[\\/]/ },
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
