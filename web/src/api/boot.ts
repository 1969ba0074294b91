/**
 * Answers the server put into index.html for this page's first screen (see src/http/web-ui.ts),
 * keyed `GET <path>?<query>`. Each is used once, by the first identical GET within the first
 * seconds after load; after that, or for any other call, the app asks the server as usual.
 */
type BootAnswer = { status: number; body: unknown };

/** Past this, what the page shows must come from the server again, not from the page's source. */
const FRESH_MS = 30_000;
let answers: Map<string, BootAnswer> | null = null;

function load(): Map<string, BootAnswer> {
  if (answers) return answers;
  answers = new Map();
  const el = typeof document === 'undefined' ? null : document.getElementById('daka-boot');
  if (el?.textContent) {
    try {
      for (const [key, value] of Object.entries(JSON.parse(el.textContent) as Record<string, BootAnswer>)) answers.set(key, value);
    } catch {
      // A damaged boot block only costs the round trips it would have saved.
    }
    el.remove();
  }
  return answers;
}

/** The boot answer to `GET url` (path and query, or an absolute URL), as a Response; once. */
export function takeBootAnswer(method: string, url: string): Response | null {
  if (method.toUpperCase() !== 'GET') return null;
  const map = load();
  if (map.size === 0) return null;
  if (performance.now() > FRESH_MS) {
    map.clear();
    return null;
  }
  const u = new URL(url, window.location.origin);
  const key = `GET ${u.pathname}${u.search}`;
  const answer = map.get(key);
  if (!answer) return null;
  map.delete(key);
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
}
