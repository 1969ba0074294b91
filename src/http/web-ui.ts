/**
 * Serves the built web app at `/`: hashed assets (precompressed, cached for a year) and index.html
 * for every client route. A navigation from a signed-in browser gets, inside index.html, the
 * answers its first screen would otherwise ask for one after another (who am I → companies →
 * the employee's month), so a phone on a slow network waits for one round trip instead of four.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import { toErrorBody } from './errors.js';

/** Paths that never fall back to the app: their unknown URLs get the JSON 404. */
const NOT_THE_APP = /^\/(api|iclock|isapi|callbacks|healthz|readyz|metrics)(\/|$)/;
/** The client routes whose first screen is an employee's month (the landing page of the role). */
const EMPLOYEE_HOME = new Set(['/', '/me/month']);
/** What the boot answers may weigh; a month of days is about 30 KB. Above it the app asks itself. */
const MAX_BOOT_BYTES = 256 * 1024;

export function webRootDir(): string | null {
  const built = fileURLToPath(new URL('../../dist/web/', import.meta.url));
  const beside = fileURLToPath(new URL('../web/', import.meta.url));
  return existsSync(built) ? built : existsSync(beside) ? beside : null;
}

export async function registerWebUi(app: FastifyInstance, root: string | null = webRootDir()) {
  const indexHtml = root && existsSync(path.join(root, 'index.html')) ? readFileSync(path.join(root, 'index.html'), 'utf8') : null;
  const homeChunks = root && indexHtml ? chunksOf(root, 'employeeHome').filter((file) => !indexHtml.includes(`/${file}"`)) : [];
  if (root) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: true,
      // `/` is a client route like the others (below), so it can carry the boot answers too.
      index: false,
      // The build writes .br and .gz beside each asset; the client's Accept-Encoding picks one.
      preCompressed: true,
      // Hashed assets never change under their name; anything else must be revalidated.
      setHeaders(res, file) {
        res.header('cache-control', /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const serveApp = async (request: FastifyRequest, reply: FastifyReply) => {
    const urlPath = request.url.split('?')[0];
    if (indexHtml && request.method === 'GET' && !NOT_THE_APP.test(urlPath) && !urlPath.includes('.')) {
      // The answers only save time: when asking fails, the page asks for itself.
      const boot = await bootAnswers(app, request, urlPath).catch(() => null);
      // With answers inside, the page is this user's: no shared cache may keep it.
      reply.header('cache-control', boot ? 'private, no-store' : 'no-cache').header('vary', 'Cookie').type('text/html; charset=utf-8');
      if (!boot) return reply.send(indexHtml);
      // The employee's month is coming: its code downloads alongside the app's instead of after it.
      return reply.send(withBoot(indexHtml, boot.answers, boot.employeeHome ? homeChunks : []));
    }
    return reply.status(404).send(toErrorBody(new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${urlPath}`, 404)));
  };
  // `/` would be the static folder itself; it is the app's landing route.
  if (indexHtml) app.get('/', { schema: { hide: true } }, serveApp);
  app.setNotFoundHandler(serveApp);
}

type Boot = Record<string, { status: number; body: unknown }>;

/**
 * The API answers the page's first screen needs, asked of this app with the browser's own cookie
 * (same routes, same access checks), keyed `GET <path>?<query>` exactly as the web app will ask.
 * Null without a session cookie or when the session is not valid (the login page needs nothing).
 */
async function bootAnswers(app: FastifyInstance, request: FastifyRequest, urlPath: string): Promise<{ answers: Boot; employeeHome: boolean } | null> {
  const cookie = request.headers.cookie;
  if (!cookie || !cookie.includes('daka_session=')) return null;
  const boot: Boot = {};
  const ask = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie, accept: 'application/json' }, remoteAddress: request.ip });
    if (res.statusCode !== 200 || res.body.length > MAX_BOOT_BYTES) return null;
    const body = res.json() as unknown;
    boot[`GET ${url}`] = { status: 200, body };
    return body;
  };
  const me = (await ask('/api/v1/auth/me')) as { user?: BootUser } | null;
  const user = me?.user;
  if (!me) return null;
  if (!user || user.mustChangePassword) return { answers: boot, employeeHome: false };
  // The same query CompanyContext sends (fetchAll's first page).
  const companies = (await ask('/api/v1/companies?page=1&pageSize=200')) as { items?: { id: number; timeZone: string }[] } | null;
  const companyId = user.companyIds[0];
  // `?month=` opens another month than the current one: the page asks for that itself.
  const opensThisMonth = EMPLOYEE_HOME.has(urlPath) && !request.url.includes('month=');
  if (user.role === 'employee' && user.employeeId !== null && companyId !== undefined && opensThisMonth) {
    const zone = companies?.items?.find((c) => String(c.id) === String(companyId))?.timeZone ?? 'Asia/Shanghai';
    const { from, to } = monthAround(Date.now(), zone);
    // The same query 我的考勤 sends for the month it opens on.
    const days = await ask(`/api/v1/attendance/days?companyId=${companyId}&employeeId=${user.employeeId}&from=${from}&to=${to}&page=1&pageSize=200`);
    return { answers: boot, employeeHome: days !== null };
  }
  return { answers: boot, employeeHome: false };
}

interface BootUser {
  role: string;
  employeeId: number | string | null;
  companyIds: (number | string)[];
  mustChangePassword?: boolean;
}

/** The first and last date of the month `atMs` falls in, in `zone`. */
export function monthAround(atMs: number, zone: string): { from: string; to: string } {
  let today: string;
  try {
    today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(atMs);
  } catch {
    today = new Date(atMs).toISOString().slice(0, 10);
  }
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const ym = `${y}-${String(m).padStart(2, '0')}`;
  return { from: `${ym}-01`, to: `${ym}-${String(last).padStart(2, '0')}` };
}

/** index.html with the answers as a JSON script (data, not code: the CSP allows it as it is). */
export function withBoot(html: string, boot: Boot, preload: string[] = []): string {
  // `<` escaped so no answer can close the script element.
  const json = JSON.stringify(boot).replace(/</g, '\\u003c');
  const links = preload.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('');
  return html.replace('</head>', `${links}<script id="daka-boot" type="application/json">${json}</script></head>`);
}

/** The script files the build says a page needs at once (`.vite/preload.json`, by page name). */
export function chunksOf(root: string, page: string): string[] {
  const file = path.join(root, '.vite', 'preload.json');
  if (!existsSync(file)) return [];
  const files = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[] | undefined>)[page];
  return Array.isArray(files) ? files.filter((f) => typeof f === 'string' && /^assets\/[\w.-]+\.js$/.test(f)) : [];
}
