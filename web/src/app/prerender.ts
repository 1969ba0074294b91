/**
 * The server draws an employee's home (我的考勤) into index.html as plain markup (`#daka-prerender`,
 * beside `#root`; see src/http/employee-home.ts), so a phone on a slow network sees its month
 * before the app's code has arrived. The app removes it once it shows the same page itself, or at
 * once when it opens anything else.
 */
const ID = 'daka-prerender';
/** If the app's own page never says it is ready (it failed), the drawn copy must not stay over it. */
const LONGEST_MS = 20_000;

export function dropPrerender(): void {
  if (typeof document !== 'undefined') document.getElementById(ID)?.remove();
}

/** The routes the server draws (the employee's landing page and the page it leads to). */
export function isPrerenderedRoute(pathname: string): boolean {
  return pathname === '/' || pathname === '/me/month';
}

export function dropPrerenderLater(): void {
  if (typeof document !== 'undefined' && document.getElementById(ID)) setTimeout(dropPrerender, LONGEST_MS);
}
