/**
 * The server draws an employee's home (我的考勤) into index.html as plain markup (`#daka-prerender`,
 * beside `#root`; see src/http/employee-home.ts), so a phone on a slow network sees its month
 * before the app's code has arrived. The app renders out of the document meanwhile, so the page
 * never holds two copies of anything (or shows the app's loading states over the drawing), and
 * takes the drawing's place once it shows the same page itself, or at once when it opens another.
 */
const ID = 'daka-prerender';
/** If the app's own page never says it is ready (it failed), the drawing must not stay in its place. */
const LONGEST_MS = 20_000;

let waiting: HTMLElement | null = null;

/** The element the app renders into: `#root`, taken out of the document while the drawing stands in for it. */
export function appContainer(): HTMLElement {
  const root = document.getElementById('root')!;
  const drawn = document.getElementById(ID);
  if (drawn) {
    root.remove();
    waiting = root;
    setTimeout(dropPrerender, LONGEST_MS);
  }
  return root;
}

/** Puts the app where the drawing was (called from a layout effect, so both never paint together). */
export function dropPrerender(): void {
  if (typeof document === 'undefined') return;
  const drawn = document.getElementById(ID);
  if (waiting) {
    if (drawn) drawn.replaceWith(waiting);
    else document.body.prepend(waiting);
    waiting = null;
  } else {
    drawn?.remove();
  }
}

/** The routes the server draws (the employee's landing page and the page it leads to). */
export function isPrerenderedRoute(pathname: string): boolean {
  return pathname === '/' || pathname === '/me/month';
}
