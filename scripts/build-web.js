// Builds the web UI (web/) into dist/web/ with Vite, using web/vite.config.ts.
// Run by `npm run build:web`; exits non-zero when the build fails.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../web/vite.config.ts', import.meta.url));

try {
  await build({ configFile, mode: process.env.NODE_ENV === 'development' ? 'development' : 'production' });
  precompress(fileURLToPath(new URL('../dist/web/', import.meta.url)));
} catch (err) {
  console.error('web build failed:', err instanceof Error ? err.message : err);
  process.exit(1);
}

/**
 * Writes .br and .gz beside every text asset, compressed once at build time at the highest
 * levels, so the server sends a phone 5× fewer bytes without compressing on each request.
 */
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      precompress(file);
      continue;
    }
    if (!/\.(js|css|html|svg|json|webmanifest)$/.test(name) || statSync(file).size < 1024) continue;
    const body = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}
