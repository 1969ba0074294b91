/**
 * Where Daka may send an HTTP request. Every outbound call (platform APIs, Stream gateway,
 * group robots, device pulls, and later webhooks and HR systems) is checked here first, because
 * the URLs come from configuration that API callers can edit, and a request to the wrong host
 * carries an app secret or maps the private network.
 *
 * Allowed: the official hosts of the integration over https, plus base URLs the operator lists in
 * `DAKA_CONNECTOR_BASE_URLS` (a simulator, a private gateway), plus, for a device, the address an
 * admin registered on it. Nothing an API caller sends can widen this.
 *
 * Webhooks (and every target a company's admin types in) are the exception to "official hosts":
 * any public host over https. What makes that safe is decided at connect time (public-address.ts):
 * the name is resolved once, every address must be public, and the socket connects to exactly the
 * address checked, so a DNS answer that changes between check and connect (rebinding) cannot reach
 * the private network. Plain http, private, loopback and link-local targets need the operator's
 * allow-list.
 */
import { AppError } from '../errors.js';
import { isIP } from 'node:net';
import { isPublicAddress } from './public-address.js';

export type Integration = 'dingtalk' | 'wecom' | 'device' | 'webhook';

/** The platforms' own API hosts (reference/platforms.md): https on the default port only. */
export const OFFICIAL_HOSTS: Readonly<Record<Integration, readonly string[]>> = {
  dingtalk: ['oapi.dingtalk.com', 'api.dingtalk.com'],
  wecom: ['qyapi.weixin.qq.com'],
  device: [],
  webhook: [],
};

/** One allowed base URL: its scheme, host, port (`*` = any port) and path prefix. */
interface AllowedBase {
  protocol: string;
  hostname: string;
  port: string | '*';
  path: string;
  text: string;
}

export class EgressError extends AppError {}

/** Parses one base URL of `DAKA_CONNECTOR_BASE_URLS`; null with a reason when it is unusable. */
export function parseAllowedBase(text: string): AllowedBase | string {
  // A `*` port (test rigs whose simulators listen on a free port) is not valid URL syntax.
  const wildcard = /^(https?:\/\/[^/:]+):\*(\/.*)?$/.exec(text.trim());
  let u: URL;
  try {
    u = new URL(wildcard ? `${wildcard[1]}${wildcard[2] ?? ''}` : text.trim());
  } catch {
    return `'${text}' is not a URL`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `'${text}' must be http or https`;
  if (u.search || u.hash || u.username || u.password) return `'${text}' takes no query, fragment or credentials`;
  return { protocol: u.protocol, hostname: u.hostname, port: wildcard ? '*' : u.port, path: u.pathname.replace(/\/+$/, ''), text: text.trim() };
}

function underBase(u: URL, base: AllowedBase): boolean {
  if (u.protocol !== base.protocol || u.hostname !== base.hostname) return false;
  if (base.port !== '*' && u.port !== base.port) return false;
  return base.path === '' || u.pathname === base.path || u.pathname.startsWith(base.path + '/');
}

export class EgressPolicy {
  private readonly allowed: AllowedBase[] = [];

  constructor(baseUrls: readonly string[] = []) {
    for (const text of baseUrls) this.allow(text);
  }

  /** Adds an operator-level base URL (the built-in demo adds its own simulator this way). */
  allow(text: string): void {
    const base = parseAllowedBase(text);
    if (typeof base === 'string') throw new Error(base);
    this.allowed.push(base);
  }

  /**
   * Why `url` may not be called for `integration`, or null when it may. `extra` are addresses the
   * caller holds from an admin (a device's registered address), never from the request itself.
   */
  refusal(integration: Integration, url: string, extra: readonly string[] = []): string | null {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return 'not a URL';
    }
    if (u.username || u.password) return 'credentials in the URL';
    if (u.protocol === 'https:' && u.port === '' && OFFICIAL_HOSTS[integration].includes(u.hostname)) return null;
    if (this.allowed.some((b) => underBase(u, b))) return null;
    if (integration === 'webhook') return publicTargetRefusal(u);
    for (const text of extra) {
      const b = parseAllowedBase(text);
      if (typeof b !== 'string' && underBase(u, b)) return null;
    }
    return `${u.protocol}//${u.host} is neither an official ${integration} host nor allowed by the operator (DAKA_CONNECTOR_BASE_URLS)`;
  }

  /** Whether `url` is under an operator base (then no public-address check applies at connect). */
  operatorAllowed(url: string): boolean {
    try {
      const u = new URL(url);
      return this.allowed.some((b) => underBase(u, b));
    } catch {
      return false;
    }
  }

  /** Throws EGRESS_NOT_ALLOWED (400, naming `field`) when a configured URL may not be called. */
  assertConfigurable(integration: Integration, url: string, field: string): void {
    const why = this.refusal(integration, url);
    if (why) throw new EgressError('EGRESS_NOT_ALLOWED', `${field.replace(/^body\./, '')}: ${why}`, 400, { field, integration });
  }
}

/**
 * A webhook target outside the allow-list: https only, a name or a public address literal. Names
 * are checked again when resolved (a name may point anywhere).
 */
function publicTargetRefusal(u: URL): string | null {
  if (u.protocol !== 'https:') return `${u.protocol}//${u.host} is not https (plain http only for hosts allowed by the operator, DAKA_CONNECTOR_BASE_URLS)`;
  const host = u.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (isIP(host)) return isPublicAddress(host) ? null : `${host} is a private, loopback or link-local address`;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) return `${host} is not a public host name`;
  return null;
}

// One policy per process: it comes from the operator's environment, which is per process too.
let current = new EgressPolicy();

export function installEgressPolicy(policy: EgressPolicy): void {
  current = policy;
}

export function egressPolicy(): EgressPolicy {
  return current;
}
