/**
 * Serves the built web app at `/`: hashed assets (precompressed, cached for a year) and index.html
 * for every client route. A navigation from a signed-in browser gets, inside index.html, the
 * answers its first screen would otherwise ask for one after another (who am I → companies →
 * the employee's month), so a phone on a slow network waits for one round trip instead of four.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import type { MonthDay } from '../shared/my-month.js';
import { languageOf, loadEmployeeHomeAssets, renderEmployeeHome } from './employee-home.js';
import { toErrorBody } from './errors.js';

/** Paths that never fall back to the app: their unknown URLs get the JSON 404. */
const NOT_THE_APP = /^\/(api|iclock|isapi|callbacks|healthz|readyz|metrics)(\/|$)/;
/** The client routes whose first screen is an employee's month (the landing page of the role). */
const EMPLOYEE_HOME = new Set(['/', '/me/month']);
/** What the boot answers may weigh; a month of days is about 30 KB. Above it the app asks itself. */
const MAX_BOOT_BYTES = 256 * 1024;

export function webRootDir(): string | null {
  // From src/http (tsx) and dist/http (the build) the checkout's dist/web; from .bench-build/src/http
  // (compiled benchmarks) the same folder one level further up; else a web/ folder beside the code.
  const candidates = ['../../dist/web/', '../../../dist/web/', '../web/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

export async function registerWebUi(app: FastifyInstance, root: string | null = webRootDir()) {
  const indexHtml = root && existsSync(path.join(root, 'index.html')) ? readFileSync(path.join(root, 'index.html'), 'utf8') : null;
  const homeChunks = root && indexHtml ? chunksOf(root, 'employeeHome').filter((file) => !indexHtml.includes(`/${file}"`)) : [];
  const homeAssets = root ? loadEmployeeHomeAssets(root) : null;
  // The drawn home paints on the first response only if its styles come in that response too.
  const inlinedCss = root && indexHtml ? withInlineStyles(root, indexHtml) : null;
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
      // The employee's month is coming: its code downloads alongside the app's instead of after it,
      // and the month itself is drawn into the page so that it shows before that code has run.
      const home = boot.home;
      if (home?.days && homeAssets && inlinedCss) {
        const drawn = renderEmployeeHome(homeAssets, { lang: languageOf(request.headers.cookie, home.locale), today: home.today, days: home.days });
        return sendCompressed(request, reply, withBoot(inlinedCss, boot.answers, homeChunks).replace('<div id="root">', `${drawn}<div id="root">`));
      }
      return reply.send(withBoot(indexHtml, boot.answers, home ? homeChunks : []));
    }
    return reply.status(404).send(toErrorBody(new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${urlPath}`, 404)));
  };
  // `/` would be the static folder itself; it is the app's landing route.
  if (indexHtml) app.get('/', { schema: { hide: true } }, serveApp);
  app.setNotFoundHandler(serveApp);
}

/**
 * The drawn home with its answers and styles is ~28 KB, a fifth of that compressed: on a slow
 * network that is a tenth of a second before the first paint. The page carries no secret a
 * cross-site request could probe for by its compressed length (sessions are HttpOnly cookies,
 * cross-site writes are refused by origin, src/http/cross-site.ts), only the user's own answers.
 */
function sendCompressed(request: FastifyRequest, reply: FastifyReply, html: string) {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  reply.header('vary', 'Cookie, Accept-Encoding');
  if (/\bbr\b/.test(accepts)) {
    return reply.header('content-encoding', 'br').send(brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } }));
  }
  if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(gzipSync(html, { level: 6 }));
  return reply.send(html);
}

type Boot = Record<string, { status: number; body: unknown }>;

/**
 * The API answers the page's first screen needs, asked of this app with the browser's own cookie
 * (same routes, same access checks), keyed `GET <path>?<query>` exactly as the web app will ask.
 * Null without a session cookie or when the session is not valid (the login page needs nothing).
 */
async function bootAnswers(app: FastifyInstance, request: FastifyRequest, urlPath: string): Promise<{ answers: Boot; home: HomeData | null } | null> {
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
  if (!user || user.mustChangePassword) return { answers: boot, home: null };
  // The same query CompanyContext sends (fetchAll's first page).
  const companies = (await ask('/api/v1/companies?page=1&pageSize=200')) as { items?: { id: number; timeZone: string }[] } | null;
  const companyId = user.companyIds[0];
  // `?month=` opens another month than the current one: the page asks for that itself.
  const opensThisMonth = EMPLOYEE_HOME.has(urlPath) && !request.url.includes('month=');
  if (user.role === 'employee' && user.employeeId !== null && companyId !== undefined && opensThisMonth) {
    const zone = companies?.items?.find((c) => String(c.id) === String(companyId))?.timeZone ?? 'Asia/Shanghai';
    const now = Date.now();
    const { from, to } = monthAround(now, zone);
    // The same query 我的考勤 sends for the month it opens on.
    const days = (await ask(`/api/v1/attendance/days?companyId=${companyId}&employeeId=${user.employeeId}&from=${from}&to=${to}&page=1&pageSize=200`)) as { items?: MonthDay[]; total?: number } | null;
    // A month that did not fit one page is drawn by the app alone (it asks for the rest).
    const complete = Array.isArray(days?.items) && (days.total === undefined || days.total === days.items.length);
    return { answers: boot, home: days ? { locale: user.locale ?? null, today: dateIn(now, zone), days: complete ? days.items! : null } : null };
  }
  return { answers: boot, home: null };
}

/** What the drawn home needs besides the answers (the days null when the month's list is incomplete). */
interface HomeData {
  locale: string | null;
  today: string;
  days: MonthDay[] | null;
}

interface BootUser {
  role: string;
  employeeId: number | string | null;
  companyIds: (number | string)[];
  mustChangePassword?: boolean;
  locale?: string | null;
}

/** The first and last date of the month `atMs` falls in, in `zone`. */
export function monthAround(atMs: number, zone: string): { from: string; to: string } {
  const [y, m] = dateIn(atMs, zone).split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const ym = `${y}-${String(m).padStart(2, '0')}`;
  return { from: `${ym}-01`, to: `${ym}-${String(last).padStart(2, '0')}` };
}

/** The date (`YYYY-MM-DD`) `atMs` falls on in `zone` (UTC's when the zone is unknown). */
function dateIn(atMs: number, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(atMs);
  } catch {
    return new Date(atMs).toISOString().slice(0, 10);
  }
}

/**
 * index.html with the build's stylesheets inside it instead of linked (one round trip less before
 * anything can paint; a few KB), or null when one cannot be read or could close the style element.
 */
export function withInlineStyles(root: string, html: string): string | null {
  let out = html;
  for (const link of html.match(/<link rel="stylesheet"[^>]*>/g) ?? []) {
    const href = /href="\/(assets\/[\w.-]+\.css)"/.exec(link)?.[1];
    const file = href ? path.join(root, href) : null;
    if (!file || !existsSync(file)) return null;
    const css = readFileSync(file, 'utf8');
    if (/<\/style/i.test(css)) return null;
    out = out.replace(link, () => `<style>${css}</style>`);
  }
  return out;
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
