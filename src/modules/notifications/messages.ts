/**
 * What each notification says, in zh-CN and en, chosen by the recipient's language: the kind's
 * template (the company's own, else the default in templates.ts) filled with the notice's
 * variables. The facts of an anomaly come from the engine's reason codes, rendered from the one
 * catalogue (src/shared/reasons), so a message explains a day in the words the day page uses.
 * Every message ends with its link back into Daka, whatever the template says.
 */
import { renderReason, type ReasonParams } from '../../shared/reasons/render.js';
import type { OutboundMessage } from '../../sources/platform/channel.js';
import type { AnomalyKind } from './anomalies.js';
import type { Locale, Notice } from './notice-kinds.js';
import { fillTemplate, templateFor, type TemplateSet, type TemplateText } from './templates.js';

export { NOTICE_KINDS, OPS_KINDS, LOCALES, type Locale, type Notice, type NoticeKind } from './notice-kinds.js';

const ANOMALY_NAME: Record<Locale, Record<AnomalyKind, string>> = {
  'zh-CN': { late: '迟到', serious_late: '严重迟到', early: '早退', absent: '旷工', missing_punch: '缺卡', leave_punch: '请假日打卡' },
  en: { late: 'late', serious_late: 'seriously late', early: 'early leave', absent: 'absent', missing_punch: 'missing punch', leave_punch: 'punch on a leave day' },
};

const REQUEST_KIND: Record<Locale, Record<string, string>> = {
  'zh-CN': { correction: '补卡', leave: '请假', overtime: '加班', trip: '出差', outing: '外出' },
  en: { correction: 'punch correction', leave: 'leave', overtime: 'overtime', trip: 'business trip', outing: 'outing' },
};

const PLATFORM: Record<Locale, Record<string, string>> = {
  'zh-CN': { dingtalk: '钉钉', wecom: '企业微信' },
  en: { dingtalk: 'DingTalk', wecom: 'WeCom' },
};

const requestKind = (locale: Locale, kind: string) => REQUEST_KIND[locale][kind] ?? kind;
const platform = (locale: Locale, p: string) => PLATFORM[locale][p] ?? p;
const span = (from: string | null, to: string | null) => [from, to].filter(Boolean).join(' – ');
const reasonLines = (locale: Locale, reasons: { code: string; params: Record<string, unknown> }[]) =>
  reasons.map((r) => `> ${renderReason({ code: r.code, params: r.params as ReasonParams }, locale)}`).join('\n');

/** The variables of a notice in a language: each the text a template puts in its place ('' = nothing). */
export function variablesOf(n: Notice, locale: Locale): Record<string, string> {
  const zh = locale === 'zh-CN';
  const link = n.link ?? '';
  switch (n.kind) {
    case 'anomaly':
      return { date: n.date, anomaly: ANOMALY_NAME[locale][n.anomaly], reasons: reasonLines(locale, n.reasons), needsCorrection: n.anomaly === 'missing_punch' || n.anomaly === 'absent' ? '1' : '', link };
    case 'anomaly_team':
      return { date: n.date, anomaly: ANOMALY_NAME[locale][n.anomaly], employeeName: n.employeeName, reasons: reasonLines(locale, n.reasons), link };
    case 'digest': {
      const byTeam = new Map<string, string[]>();
      for (const l of n.lines) byTeam.set(l.team, [...(byTeam.get(l.team) ?? []), `- ${l.employeeName} ${l.date} ${ANOMALY_NAME[locale][l.anomaly]}`]);
      const items = [...byTeam.entries()].sort(([a], [b]) => a.localeCompare(b)).flatMap(([team, list]) => [`**${team}**`, ...list]);
      return { period: n.period, count: String(n.lines.length), items: items.join('\n'), link };
    }
    case 'request_submitted':
      return { employeeName: n.employeeName, requestKind: requestKind(locale, n.requestKind), period: span(n.from, n.to), link };
    case 'request_decided':
      return { requestKind: requestKind(locale, n.requestKind), decision: zh ? (n.approved ? '通过' : '被驳回') : n.approved ? 'approved' : 'rejected', approved: n.approved ? '1' : '', comment: n.comment ?? '', link };
    case 'request_waiting':
      return { employeeName: n.employeeName, requestKind: requestKind(locale, n.requestKind), hours: String(n.hours), link };
    case 'remind_in':
    case 'remind_out':
      return { date: n.date, time: n.time, link };
    case 'device_offline':
      return { device: n.name, lastSeenAt: n.lastSeenAt ?? (zh ? '未知' : 'unknown'), link };
    case 'connector_failed':
    case 'credentials_refused':
      return { platform: platform(locale, n.platform), job: n.job, error: n.error.slice(0, 300), link };
    case 'clock_skew':
      return { device: n.device, minutes: String(Math.abs(n.skewMinutes)), direction: n.skewMinutes >= 0 ? (zh ? '快' : 'ahead') : zh ? '慢' : 'behind', allowedMinutes: String(n.allowedMinutes), link };
    case 'gap_unfilled':
      return { device: n.device, from: n.from, to: n.to, hours: String(n.hours), link };
    case 'budget_low':
      return { platform: platform(locale, n.platform), connector: n.connector, month: n.month, used: String(n.used), limit: String(n.limit), percent: String(n.limit > 0 ? Math.floor((n.used * 100) / n.limit) : 100), link };
    case 'month_unclosed':
      return { month: n.month, days: String(n.days), link };
    case 'webhook_disabled':
      return { url: n.url, reason: n.reason.slice(0, 300), link };
  }
}

/** Title and markdown of a notice under a template: what the preview shows and what is sent. */
export function renderWith(template: TemplateText, n: Notice, locale: Locale, dedupeToken: string): OutboundMessage {
  const t = fillTemplate(template, variablesOf(n, locale));
  const linkLine = n.link ? [locale === 'zh-CN' ? `[在 Daka 中查看](${n.link})` : `[Open in Daka](${n.link})`] : [];
  return { title: t.title, markdown: [`**${t.title}**`, ...t.lines, ...linkLine].join('\n\n'), ...(n.link ? { url: n.link } : {}), dedupeToken };
}

/** The message as every channel takes it; `dedupeToken` keeps DingTalk from dropping a same-day repeat. */
export function renderNotice(n: Notice, locale: Locale, dedupeToken: string, templates?: TemplateSet): OutboundMessage {
  return renderWith(templateFor(templates, n.kind, locale), n, locale, dedupeToken);
}

/** Links back into the web app (absolute only when the public URL is known). */
export function linkTo(publicUrl: string | null, path: string): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : null;
}

export const correctionLink = (publicUrl: string | null, date: string) => linkTo(publicUrl, `/requests/mine?new=correction&date=${date}`);
