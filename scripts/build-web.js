// Builds the web UI (web/) into dist/web/ with Vite, using web/vite.config.ts.
// Run by `npm run build:web`; exits non-zero when the build fails.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../web/vite.config.ts', import.meta.url));

try {
  await build({ configFile, mode: process.env.NODE_ENV === 'development' ? 'development' : 'production' });
} catch (err) {
  console.error('web build failed:', err instanceof Error ? err.message : err);
  process.exit(1);
}
