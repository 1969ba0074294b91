/**
 * The egress policy's webhook kind: https to any public host; plain http, private, loopback and
 * link-local targets only under the operator's allow-list. Names are checked when resolved and the
 * socket connects to the address that was checked (no DNS rebinding between check and connect).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressPolicy, egressRequest, installEgressPolicy, isPublicAddress } from '../../src/shared/egress/index.js';
import { publicOnly } from '../../src/shared/egress/pinned-request.js';
import { TEST_CONNECTOR_BASE_URLS } from '../helpers/egress-loopback.js';

describe('webhook egress', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else if (req.url === '/big') res.writeHead(200).end('x'.repeat(100_000));
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 2_000);
      else res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    installEgressPolicy(new EgressPolicy(TEST_CONNECTOR_BASE_URLS.split(',')));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('tells public addresses from private, loopback, link-local and IPv4 hidden in IPv6', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '114.114.114.114']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['10.1.2.3', '172.20.0.1', '192.168.1.64', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });

  it('allows https to public hosts, and http or private hosts only under the allow-list', () => {
    const policy = new EgressPolicy(['http://127.0.0.1:*', 'http://receiver.internal:8080/hooks']);
    expect(policy.refusal('webhook', 'https://hooks.zapier.com/hooks/catch/1/abc')).toBeNull();
    expect(policy.refusal('webhook', 'https://8.8.8.8/x')).toBeNull();
    expect(policy.refusal('webhook', 'http://127.0.0.1:9999/x')).toBeNull();
    expect(policy.refusal('webhook', 'http://receiver.internal:8080/hooks/daka')).toBeNull();
    for (const url of ['http://hooks.zapier.com/x', 'https://10.0.0.1/x', 'https://[fe80::1]/x', 'https://localhost/x', 'https://localhost./x', 'https://intranet/x', 'https://db.internal/x', 'https://printer.local/x', 'http://receiver.internal:8080/other', 'https://u:p@hooks.example.com/x']) {
      expect(policy.refusal('webhook', url), url).not.toBeNull();
    }
    // Connector kinds are unchanged: a public host is not thereby allowed for them.
    expect(policy.refusal('dingtalk', 'https://hooks.zapier.com/x')).not.toBeNull();
  });

  it('refuses at resolution time a name that points at a private address', async () => {
    const resolve = (name: string) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: string }>((r) => publicOnly(name, { family: 0 }, (err, address) => r({ err, address: String(address) })));
    const local = await resolve('localhost');
    expect((local.err as { code?: string } | null)?.code).toBe('EGRESS_PRIVATE_ADDRESS');
    const literal = await resolve('127.0.0.1');
    expect((literal.err as { code?: string } | null)?.code).toBe('EGRESS_PRIVATE_ADDRESS');
  });

  it('sends nothing to a loopback receiver that the operator did not allow', async () => {
    installEgressPolicy(new EgressPolicy([]));
    hits = 0;
    await expect(egressRequest('webhook', `http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}', timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'EGRESS_NOT_ALLOWED' });
    expect(hits).toBe(0);
    installEgressPolicy(new EgressPolicy(TEST_CONNECTOR_BASE_URLS.split(',')));
  });

  it('follows no redirect, cuts off large answers and times out', async () => {
    const base = `http://127.0.0.1:${port}`;
    const post = (path: string, extra: { timeoutMs?: number; maxResponseBytes?: number } = {}) => egressRequest('webhook', base + path, { method: 'POST', body: '{}', timeoutMs: extra.timeoutMs ?? 2_000, maxResponseBytes: extra.maxResponseBytes });
    expect((await post('/ok')).status).toBe(204);
    await expect(post('/redirect')).rejects.toMatchObject({ code: 'EGRESS_REDIRECT' });
    await expect(post('/big', { maxResponseBytes: 1_024 })).rejects.toMatchObject({ code: 'EGRESS_TOO_LARGE' });
    await expect(post('/slow', { timeoutMs: 200 })).rejects.toMatchObject({ code: 'EGRESS_TIMEOUT' });
  });
});
