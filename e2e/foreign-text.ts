/**
 * What counts as English on a Chinese page. Allowed in Latin letters: product and vendor names,
 * codes and abbreviations in capitals, anything with a digit (job numbers, serials, versions),
 * units, e-mail addresses, URLs and paths. Everything else (a lower- or mixed-case word, an i18n
 * key like `attendance.status.x`, a field name like `resumedFrom`) is reported.
 */

/** Words that may appear in Latin letters on a Chinese page. */
const ALLOWED = new Set([
  // The platforms' own names for app credentials, as their consoles show them.
  'corpid', 'appkey', 'appsecret', 'agentid', 'client', 'secret', 'encodingaeskey',
  'excel', 'daka', 'wi-fi', 'webhook', 'webhooks', 'token', 'tokens', 'stream', 'dingtalk', 'wecom', 'zkteco', 'hikvision', 'speedface', 'wifi', 'bssid', 'ssid', 'openapi', 'json', 'https', 'http', 'attlog', 'dat', 'max', 'min', 'ms', 'kb', 'mb', 'km', 'zapier', 'chinese-days', 'asia', 'shanghai', 'utc', 'gmt', 'ver', 'noto', 'sans', 'sc', 'jp', 'hr', 'demo']);

/** What on this text is not Chinese: English words (lower or mixed case), i18n keys, raw field names. */
export function foreignWords(text: string): string[] {
  const cleaned = text
    .replace(/\S+@\S+\.\S+/g, ' ') // e-mail addresses
    .replace(/\b(?:https?:\/\/|\/)[\w./:?=&%-]+/g, ' ') // URLs and paths
    .replace(/\b\d{4}-\d{2}(?:-\d{2})?\b/g, ' ')
    .replace(/尾号 \S+/g, ' ') // the last characters of a stored secret
    .replace(/\bStandard Webhooks\b/g, ' ') // the signing specification's name
    .replace(/\bYunShan-[A-Za-z]+\b/g, ' ') // the demo company's Wi-Fi names (data, like people's names)
    .replace(/\b(?:ding|ww)[a-z0-9]+\b/g, ' '); // DingTalk and WeCom corp ids and app keys
  const out = new Set<string>();
  for (const m of cleaned.matchAll(/[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]/g)) {
    const word = m[0];
    if (/\d/.test(word)) continue; // codes, serials, versions, job numbers
    if (/^[A-Z][A-Z-]*$/.test(word)) continue; // abbreviations and codes in capitals (an error code's A_B is reported)
    if (word.length === 1) continue; // single letters: units, list markers
    if (ALLOWED.has(word.toLowerCase())) continue;
    if (word.split(/[.-]/).every((w) => ALLOWED.has(w.toLowerCase()))) continue;
    out.add(word);
  }
  return [...out];
}
