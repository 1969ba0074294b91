import { ConfigError, loadConfig } from '../config.js';
import { startServer } from '../server.js';

export async function serveCommand(opts: { demo?: boolean }): Promise<void> {
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
  const server = await startServer(config, { demo: opts.demo });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void server.close().then(() => process.exit(0));
    });
  }
}
