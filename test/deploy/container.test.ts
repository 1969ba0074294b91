/**
 * The container contract, read from the files (images cannot be built here): the Dockerfile's
 * stages, user, port, volume, health check and command, and compose.yaml's services, against what
 * the code and the build actually provide.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_DOCS, loadConfig } from '../../src/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | null;
  steps: Instruction[];
}

/** Dockerfile instructions (continuations joined, comments dropped), grouped by stage. */
function dockerfileStages(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ from: m[1], name: m[2] ?? null, steps: [] });
    } else stages.at(-1)!.steps.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

const stages = dockerfileStages(read('Dockerfile'));
const runtime = stages.at(-1)!;
const all = (op: string) => runtime.steps.filter((s) => s.op === op);
const env: Record<string, string> = Object.fromEntries(all('ENV').flatMap((s) => [...s.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])));
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };

describe('Dockerfile', () => {
  it('builds in one stage and runs on a slim Node 20 in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0].name).toBe('build');
    expect(runtime.from).toMatch(/^node:20[\w.-]*-slim$/);
    expect(stages[0].steps.some((s) => s.op === 'RUN' && s.args.includes('npm ci'))).toBe(true);
    // npm ci runs prepare, which is the build of the server and the web app.
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.build).toContain('build:server');
    expect(pkg.scripts.build).toContain('build:web');
  });

  it('copies only what the build makes or the checkout has', () => {
    const outputs = new Set(['/app/dist', '/app/node_modules']); // tsc + vite, npm ci
    const copies = all('COPY').filter((c) => c.args.startsWith('--from=build'));
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      const sources = c.args.split(/\s+/).slice(1, -1);
      for (const src of sources) expect(outputs.has(src) || existsSync(path.join(ROOT, src.replace(/^\/app\//, ''))), src).toBe(true);
    }
    expect(read('tsconfig.build.json')).toContain('"outDir": "dist"');
    expect(read('web/vite.config.ts')).toMatch(/outDir:.*dist.*web/);
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['node_modules', 'dist', 'data', '.git']) expect(ignored).toContain(p);
  });

  it('runs as a non-root user with its data in a volume', () => {
    const users = all('USER');
    expect(users.length).toBe(1);
    expect(users[0].args).not.toMatch(/^(root|0)(:|$)/);
    expect(env.DAKA_DATA_DIR).toBe('/data');
    expect(all('VOLUME').map((v) => v.args).join(' ')).toContain('"/data"');
    const chown = all('RUN').find((r) => r.args.includes('chown'));
    expect(chown?.args).toContain(`${users[0].args}:${users[0].args} /data`);
    // The USER line comes after everything that needs root.
    const ops = runtime.steps.map((s) => s.op);
    expect(ops.lastIndexOf('RUN')).toBeLessThan(ops.indexOf('USER'));
  });

  it('listens on the exposed port, with every ENV a setting Daka reads', () => {
    expect(all('EXPOSE').map((e) => e.args)).toEqual([env.PORT]);
    for (const name of Object.keys(env).filter((n) => n !== 'NODE_ENV')) expect(ENV_DOCS, name).toHaveProperty(name);
    const config = loadConfig({ ...env });
    expect(config.port).toBe(Number(env.PORT));
    expect(config.host).toBe('0.0.0.0');
  });

  it('checks /readyz, a route the server has, on the configured port', () => {
    const check = all('HEALTHCHECK');
    expect(check.length).toBe(1);
    expect(check[0].args).toContain('/readyz');
    expect(check[0].args).toContain('process.env.PORT');
    expect(read('src/modules/system/system.routes.ts')).toContain("app.get('/readyz'");
  });

  it('starts what npm start starts', () => {
    const cmd = JSON.parse(all('CMD')[0].args) as string[];
    expect(cmd.join(' ')).toBe(pkg.scripts.start);
    expect(cmd.at(-1)).toBe('dist/main.js');
    expect(existsSync(path.join(ROOT, 'src/main.ts'))).toBe(true);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, { build?: string; image?: string; environment?: Record<string, string>; volumes?: string[]; ports?: string[]; depends_on?: unknown }>;
    volumes: Record<string, unknown>;
  };
  const dakas = Object.entries(compose.services).filter(([, s]) => s.build === '.');

  it('has PostgreSQL, two Daka instances and a reverse proxy', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(dakas.map(([n]) => n)).toEqual(['daka-1', 'daka-2']);
    expect(compose.services.proxy.image).toMatch(/^caddy:/);
    expect(compose.services.proxy.ports).toEqual(['8080:80']);
  });

  it('gives the instances one database, one secret key, and jobs on one of them', () => {
    for (const [name, s] of dakas) {
      const e = s.environment!;
      for (const key of Object.keys(e)) expect(ENV_DOCS, `${name}: ${key}`).toHaveProperty(key);
      expect(e.DATABASE_URL).toMatch(/^postgres:\/\/daka:.*@postgres:5432\/daka$/);
      expect(e.DAKA_SECRET_KEY).toMatch(/^\$\{DAKA_SECRET_KEY:\?/);
      expect(e.DAKA_TRUST_PROXY).toBe('true');
      expect(s.volumes).toEqual([`${name.replace('-', '')}-data:/data`]);
      expect(compose.volumes).toHaveProperty(`${name.replace('-', '')}-data`);
    }
    expect(dakas.map(([, s]) => s.environment!.DAKA_WORKERS)).toEqual(['true', 'false']);
  });

  it('proxies to both instances on the port the image listens on, checking /readyz', () => {
    const caddyfile = read('deploy/Caddyfile');
    expect(compose.services.proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddyfile).toContain(`reverse_proxy daka-1:${env.PORT} daka-2:${env.PORT}`);
    expect(caddyfile).toContain('health_uri /readyz');
  });
});
