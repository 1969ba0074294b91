/**
 * What the web's component tests share: a stand-in for the server behind `fetch` (answers per
 * route, and a record of every call with its query and body), and a render that wraps a page in
 * the app's own providers (router, antd App, auth, company, zh-CN texts) once "who am I" answered.
 */
import type { ReactElement, ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { render, screen, type RenderResult } from '@testing-library/react';
import { vi } from 'vitest';
import '../app/i18n';
import { AuthProvider, useAuth } from '../auth/AuthContext';
import { CompanyProvider } from '../app/CompanyContext';
import type { Company, User } from '../api/types';

export interface ApiCall {
  method: string;
  /** The path under `/api/v1`, without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** An answer other than 200: a status and a body (an error body for 4xx). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
export const apiError = (status: number, code: string, details?: unknown) => new Reply(status, { error: { code, message: code, details } });

/** `'GET /companies'` → what the server answers: a body (200), a Reply, or a function of the call. */
export type Routes = Record<string, unknown>;

export interface FakeServer {
  calls: ApiCall[];
  /** The calls that changed something (anything but GET). */
  writes(): ApiCall[];
  /** Routes asked for that the test did not answer (a 404 was sent). */
  unanswered: string[];
  set(key: string, answer: unknown): void;
}

export const ME: User = { id: 1, username: 'hr', displayName: '人事', role: 'hr', employeeId: null, companyIds: [7], locale: 'zh-CN', mustChangePassword: false };
export const COMPANY: Company = { id: 7, name: '示例公司', code: 'acme', timeZone: 'Asia/Shanghai', identityMatchOrder: ['job_number'], active: true, deviceRequireToken: false, deviceRequireAllowedIps: false };

/** Replaces `fetch` for the rest of the test file's current test. */
export function fakeServer(routes: Routes, opts: { user?: User; companies?: Company[] } = {}): FakeServer {
  const table = new Map<string, unknown>(Object.entries({ 'GET /auth/me': { user: opts.user ?? ME }, 'GET /companies': { items: opts.companies ?? [COMPANY], total: (opts.companies ?? [COMPANY]).length }, ...routes }));
  const server: FakeServer = {
    calls: [],
    writes: () => server.calls.filter((c) => c.method !== 'GET'),
    unanswered: [],
    set: (key, answer) => void table.set(key, answer),
  };
  vi.stubGlobal('fetch', async (input: string | Request, init: RequestInit = {}) => {
    // The typed client (openapi-fetch) sends a Request; the plain client a URL and options.
    const isRequest = typeof input !== 'string';
    const url = new URL(isRequest ? input.url : input, 'http://daka.test');
    const method = (isRequest ? input.method : (init.method ?? 'GET')).toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const text = isRequest ? await input.text() : typeof init.body === 'string' ? init.body : '';
    const call: ApiCall = { method, path, query: url.searchParams, body: text ? JSON.parse(text) : undefined };
    server.calls.push(call);
    const key = `${method} ${path}`;
    let answer = table.has(key) ? table.get(key) : undefined;
    if (typeof answer === 'function') answer = await (answer as (c: ApiCall) => unknown)(call);
    if (answer === undefined) {
      server.unanswered.push(key);
      answer = apiError(404, 'NOT_FOUND');
    }
    const reply = answer instanceof Reply ? answer : new Reply(200, answer);
    return new Response(reply.status === 204 ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  });
  return server;
}

function WhenSignedIn({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return user ? <CompanyProvider>{children}</CompanyProvider> : null;
}

/** Renders inside the app's providers and waits until the company is known; `route` is the address the page opens at. */
export async function renderInApp(ui: ReactElement, opts: { route?: string } = {}): Promise<RenderResult> {
  const result = render(
    <MemoryRouter initialEntries={opts.route ? [opts.route] : undefined}>
      <AntApp>
        <AuthProvider>
          <WhenSignedIn>
            <div data-testid="signed-in">{ui}</div>
          </WhenSignedIn>
        </AuthProvider>
      </AntApp>
    </MemoryRouter>,
  );
  await screen.findByTestId('signed-in');
  return result;
}
