/** `npm start`: run the server. `npm start -- --demo` fills an empty database with a demo company. */
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

async function main() {
  const demo = process.argv.includes('--demo');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      process.exit(2);
    }
    throw err;
  }
  const server = await startServer(config, { demo });
  const stop = async (signal: string) => {
    process.stdout.write(`Received ${signal}, shutting down\n`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Daka failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
