/**
 * Every setting Daka reads from the environment, validated once at start-up.
 * A bad value stops the process with a list of every problem, not just the first.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllowedBase } from './shared/egress/policy.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<file>` or a `postgres://` URL. */
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  adminPassword: string | null;
  /** 32-byte key (base64 or hex) for secrets at rest; generated into the data dir when absent. */
  secretKey: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  bodyLimitBytes: number;
  publicUrl: string | null;
  /** Absolute folder under which payroll endpoints may write their files (DAKA_PAYROLL_DROP_DIR); null: no drop folders. */
  payrollDropDir: string | null;
  /** Run background workers in this process (turn off on API-only replicas). */
  workers: boolean;
  /** How far a punch may lie in the future (device clock skew) and still count. */
  clockSkewMs: number;
  /** A request whose body has not fully arrived after this long is cut off with 408. */
  requestTimeoutMs: number;
  /** Base URLs outbound calls may go to besides the platforms' official hosts. */
  connectorBaseUrls: string[];
  /** Login attempts per source address per minute (all usernames together). */
  loginPerAddressPerMinute: number;
  /** Limits of the unauthenticated device endpoints. */
  deviceLimits: { maxPendingDevices: number; newSerialsPerAddressPerHour: number; maxHeldPunchesPerDevice: number; maxPhotoBytesPerDevice: number };
}

export const ENV_DOCS: Record<string, string> = {
  PORT: 'HTTP port (default 8080)',
  HOST: 'Listen address (default 0.0.0.0)',
  DAKA_DATA_DIR: 'Directory for the SQLite database and the generated secret key (default ./data)',
  DATABASE_URL: 'postgres://user:pass@host:5432/db to use PostgreSQL; default is SQLite in DAKA_DATA_DIR',
  DAKA_ADMIN_PASSWORD: 'Password for the first admin, created on first start (otherwise a one-time password is printed)',
  DAKA_SECRET_KEY: '32-byte key, base64 or hex, that encrypts secrets at rest (default: generated into DAKA_DATA_DIR/secret.key)',
  LOG_LEVEL: 'fatal|error|warn|info|debug|trace|silent (default info)',
  DAKA_TRUST_PROXY: 'true when behind a reverse proxy that sets X-Forwarded-For (default false)',
  DAKA_SESSION_TTL_HOURS: 'Login session lifetime in hours (default 12)',
  DAKA_LOGIN_MAX_FAILURES: 'Failed logins of one username from one source address before that pair is locked (default 5)',
  DAKA_LOGIN_LOCK_MINUTES: 'How long such a lock lasts (default 15)',
  DAKA_BODY_LIMIT_MB: 'Largest accepted request body in MB (default 16)',
  DAKA_PAYROLL_DROP_DIR: 'Absolute folder under which payroll deliveries may write their files (each endpoint names a folder inside it); unset: no drop folders',
  DAKA_PUBLIC_URL: 'The URL users and devices reach Daka at, used in printed instructions',
  DAKA_WORKERS: 'Run background jobs in this process (default true)',
  DAKA_CLOCK_SKEW_MINUTES: 'A punch later than now plus this many minutes is quarantined, not counted (default 5)',
  DAKA_REQUEST_TIMEOUT_SECONDS: 'A request (API or device) whose body has not arrived after this many seconds is cut off with 408 (default 30)',
  DAKA_CONNECTOR_BASE_URLS:
    'Comma-separated base URLs that connectors and robots may call besides the official DingTalk/WeCom hosts (simulators, private gateways); http only if listed; a port of * allows every port of that host',
  DAKA_LOGIN_RATE_PER_MINUTE: 'Login attempts per source address per minute, all usernames together (default 600: an office behind one NAT address)',
  DAKA_DEVICE_MAX_PENDING: 'Devices that may wait for approval at once; further unknown serials are refused (default 100)',
  DAKA_DEVICE_NEW_PER_HOUR: 'New device serials accepted from one source address per hour (default 20)',
  DAKA_DEVICE_MAX_HELD_PUNCHES: 'Punches held for one pending device until it is approved (default 200000)',
  DAKA_DEVICE_PHOTO_MB: 'Punch photos stored per device, in MB (default 512)',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${raw}: must be a whole number from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name}=${raw}: must be true or false`);
    return def;
  };

  const baseUrls = (name: string): string[] => {
    const list = (env[name] ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');
    for (const text of list) {
      const parsed = parseAllowedBase(text);
      if (typeof parsed === 'string') problems.push(`${name}: ${parsed}`);
    }
    return list;
  };

  const dataDir = path.resolve(env.DAKA_DATA_DIR || './data');
  const rawUrl = env.DATABASE_URL?.trim() || '';
  let dialect: Config['dialect'] = 'sqlite';
  let databaseUrl = `sqlite:${path.join(dataDir, 'daka.sqlite')}`;
  if (rawUrl) {
    if (/^postgres(ql)?:\/\//.test(rawUrl)) {
      dialect = 'postgres';
      databaseUrl = rawUrl;
    } else if (rawUrl.startsWith('sqlite:')) {
      databaseUrl = rawUrl;
    } else {
      problems.push('DATABASE_URL: must start with postgres://, postgresql:// or sqlite:');
    }
  }

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${env.LOG_LEVEL}: must be one of ${LOG_LEVELS.join(', ')}`);

  const payrollDropDir = env.DAKA_PAYROLL_DROP_DIR?.trim() || null;
  if (payrollDropDir !== null && !path.isAbsolute(payrollDropDir)) problems.push('DAKA_PAYROLL_DROP_DIR: must be an absolute path');

  const secretKey = env.DAKA_SECRET_KEY?.trim() || null;
  if (secretKey && decodeKey(secretKey) === null) {
    problems.push('DAKA_SECRET_KEY: must be 32 bytes, written as 64 hex characters or base64');
  }
  const adminPassword = env.DAKA_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) problems.push('DAKA_ADMIN_PASSWORD: must be at least 8 characters');

  const config: Config = {
    port: int('PORT', 8080, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl,
    dialect,
    adminPassword,
    secretKey,
    logLevel,
    trustProxy: bool('DAKA_TRUST_PROXY', false),
    sessionTtlHours: int('DAKA_SESSION_TTL_HOURS', 12, 1, 24 * 90),
    loginMaxFailures: int('DAKA_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: int('DAKA_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: int('DAKA_BODY_LIMIT_MB', 16, 1, 512) * 1024 * 1024,
    publicUrl: env.DAKA_PUBLIC_URL || null,
    payrollDropDir: payrollDropDir === null ? null : path.resolve(payrollDropDir),
    workers: bool('DAKA_WORKERS', true),
    clockSkewMs: int('DAKA_CLOCK_SKEW_MINUTES', 5, 0, 24 * 60) * 60_000,
    requestTimeoutMs: int('DAKA_REQUEST_TIMEOUT_SECONDS', 30, 1, 3600) * 1000,
    connectorBaseUrls: baseUrls('DAKA_CONNECTOR_BASE_URLS'),
    loginPerAddressPerMinute: int('DAKA_LOGIN_RATE_PER_MINUTE', 600, 1, 1_000_000),
    deviceLimits: {
      maxPendingDevices: int('DAKA_DEVICE_MAX_PENDING', 100, 1, 100_000),
      newSerialsPerAddressPerHour: int('DAKA_DEVICE_NEW_PER_HOUR', 20, 1, 100_000),
      maxHeldPunchesPerDevice: int('DAKA_DEVICE_MAX_HELD_PUNCHES', 200_000, 1, 10_000_000),
      maxPhotoBytesPerDevice: int('DAKA_DEVICE_PHOTO_MB', 512, 1, 1_000_000) * 1024 * 1024,
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export function ensureDataDir(config: Config): void {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
}

/** Accepts 64 hex characters or base64 of 32 bytes. */
export function decodeKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const b = Buffer.from(text, 'base64');
  return b.length === 32 ? b : null;
}
