/**
 * The web's API types come from the server's own OpenAPI document: this builds the app on an
 * in-memory database (no port), reads `app.swagger()` (what `/api/openapi.json` serves), and turns
 * it into TypeScript with openapi-typescript. `npm run api-types` writes web/src/api/schema.d.ts;
 * a test regenerates in memory and fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { LocalQueue } from '../src/jobs/local-queue.js';
import { createServices } from '../src/modules/index.js';
import { SecretBox } from '../src/shared/secret-box.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from the server's OpenAPI document by \`npm run api-types\` (scripts/api-types.ts).
 * Do not edit: change the route schemas under src/modules and regenerate.
 */

`;

/** The OpenAPI document exactly as the running server serves it. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ DAKA_DATA_DIR: '/tmp/daka-api-types', LOG_LEVEL: 'silent' });
  const database = openDatabase('sqlite::memory:');
  try {
    await migrateToLatest(database);
    const services = createServices({ config, database, queue: new LocalQueue(database.db), secrets: new SecretBox(Buffer.alloc(32, 1)) });
    const app = await buildApp({ config, database, services });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

export async function generateApiTypes(): Promise<string> {
  const doc = await openApiDocument();
  const ast = await openapiTS(doc as never, { alphabetize: true, exportType: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, await generateApiTypes());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
