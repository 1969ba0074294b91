/**
 * What each notification says, in zh-CN and en, chosen by the recipient's language. The facts of
 * an anomaly come from the engine's reason codes, rendered from the one catalogue
 * (src/shared/reasons), so a message explains a day in the words the day page uses.
 */
import { renderReason, type ReasonLocale, type ReasonParams } from '../../shared/reasons/render.js';
import type { OutboundMessage } from '../../sources/platform/channel.js';
import type { AnomalyKind } from './anomalies.js';

export type Locale = ReasonLocale;

const ANOMALY_NAME: Record<Locale, Record<AnomalyKind, string>> = {
  'zh-CN': { late: '迟到', serious_late: '严重迟到', early: '早退', absent: '旷工', missing_punch: '缺卡', leave_punch: '请假日打卡' },
  en: { late: 'late', serious_late: 'seriously late', early: 'early leave', absent: 'absent', missing_punch: 'missing punch', leave_punch: 'punch on a leave day' },
};

export type Notice =
  | { kind: 'anomaly'; date: string; anomaly: AnomalyKind; reasons: { code: string; params: Record<string, unknown> }[]; link: string | null }
  | { kind: 'anomaly_team'; date: string; anomaly: AnomalyKind; employeeName: string; reasons: { code: string; params: Record<string, unknown> }[]; link: string | null }
  | { kind: 'digest'; period: string; lines: { team: string; employeeName: string; date: string; anomaly: AnomalyKind }[]; link: string | null }
  | { kind: 'request_submitted'; requestId: number; requestKind: string; employeeName: string; from: string | null; to: string | null; link: string | null }
  | { kind: 'request_decided'; requestId: number; requestKind: string; approved: boolean; comment: string | null; link: string | null }
  | { kind: 'request_waiting'; requestId: number; requestKind: string; employeeName: string; hours: number; link: string | null }
  | { kind: 'remind_in' | 'remind_out'; date: string; time: string; link: string | null }
  | { kind: 'device_offline'; name: string; lastSeenAt: string | null; link: string | null }
  | { kind: 'connector_failed'; platform: string; job: string; error: string; link: string | null };

export type NoticeKind = Notice['kind'];
export const NOTICE_KINDS: readonly NoticeKind[] = ['anomaly', 'anomaly_team', 'digest', 'request_submitted', 'request_decided', 'request_waiting', 'remind_in', 'remind_out', 'device_offline', 'connector_failed'];

const REQUEST_KIND: Record<Locale, Record<string, string>> = {
  'zh-CN': { correction: '补卡', leave: '请假', overtime: '加班', trip: '出差', outing: '外出' },
  en: { correction: 'punch correction', leave: 'leave', overtime: 'overtime', trip: 'business trip', outing: 'outing' },
};

const requestKind = (locale: Locale, kind: string) => REQUEST_KIND[locale][kind] ?? kind;
const span = (from: string | null, to: string | null) => [from, to].filter(Boolean).join(' – ');
const reasonLines = (locale: Locale, reasons: { code: string; params: Record<string, unknown> }[]) =>
  reasons.map((r) => `> ${renderReason({ code: r.code, params: r.params as ReasonParams }, locale)}`);

function text(locale: Locale, n: Notice): { title: string; lines: string[] } {
  const zh = locale === 'zh-CN';
  switch (n.kind) {
    case 'anomaly': {
      const name = ANOMALY_NAME[locale][n.anomaly];
      const fix = n.anomaly === 'missing_punch' || n.anomaly === 'absent' ? [zh ? '如有遗漏，请提交补卡申请。' : 'If a punch was missed, file a punch correction.'] : [];
      return { title: zh ? `考勤异常：${n.date} ${name}` : `Attendance: ${name} on ${n.date}`, lines: [...reasonLines(locale, n.reasons), ...fix] };
    }
    case 'anomaly_team': {
      const name = ANOMALY_NAME[locale][n.anomaly];
      return { title: zh ? `团队考勤异常：${n.employeeName} ${n.date} ${name}` : `Team attendance: ${n.employeeName} ${name} on ${n.date}`, lines: reasonLines(locale, n.reasons) };
    }
    case 'digest': {
      const byTeam = new Map<string, string[]>();
      for (const l of n.lines) {
        const list = byTeam.get(l.team) ?? [];
        list.push(`- ${l.employeeName} ${l.date} ${ANOMALY_NAME[locale][l.anomaly]}`);
        byTeam.set(l.team, list);
      }
      const lines = [...byTeam.entries()].sort(([a], [b]) => a.localeCompare(b)).flatMap(([team, items]) => [`**${team}**`, ...items]);
      return { title: zh ? `团队考勤异常汇总（${n.period}，共 ${n.lines.length} 条）` : `Team attendance digest (${n.period}, ${n.lines.length} items)`, lines };
    }
    case 'request_submitted':
      return {
        title: zh ? `待审批：${n.employeeName} 的${requestKind(locale, n.requestKind)}申请` : `To approve: ${requestKind(locale, n.requestKind)} request from ${n.employeeName}`,
        lines: [span(n.from, n.to)].filter(Boolean),
      };
    case 'request_decided': {
      const what = requestKind(locale, n.requestKind);
      const title = zh ? `您的${what}申请已${n.approved ? '通过' : '被驳回'}` : `Your ${what} request was ${n.approved ? 'approved' : 'rejected'}`;
      return { title, lines: n.comment ? [zh ? `审批意见：${n.comment}` : `Comment: ${n.comment}`] : [] };
    }
    case 'request_waiting':
      return {
        title: zh ? `提醒：${n.employeeName} 的${requestKind(locale, n.requestKind)}申请已等待 ${n.hours} 小时` : `Reminder: ${requestKind(locale, n.requestKind)} request from ${n.employeeName} has waited ${n.hours} h`,
        lines: [],
      };
    case 'remind_in':
      return { title: zh ? `上班打卡提醒：${n.time}` : `Clock-in reminder: ${n.time}`, lines: [zh ? `今天（${n.date}）的上班时间是 ${n.time}，别忘了打卡。` : `Your shift on ${n.date} starts at ${n.time}; remember to clock in.`] };
    case 'remind_out':
      return { title: zh ? `下班打卡提醒：${n.time}` : `Clock-out reminder: ${n.time}`, lines: [zh ? `今天（${n.date}）的下班时间是 ${n.time}，别忘了打卡。` : `Your shift on ${n.date} ended at ${n.time}; remember to clock out.`] };
    case 'device_offline':
      return { title: zh ? `考勤机离线：${n.name}` : `Device offline: ${n.name}`, lines: [zh ? `最后在线：${n.lastSeenAt ?? '未知'}` : `Last seen: ${n.lastSeenAt ?? 'unknown'}`] };
    case 'connector_failed':
      return { title: zh ? `${n.platform} 同步失败（${n.job}）` : `${n.platform} sync failed (${n.job})`, lines: [n.error.slice(0, 300)] };
  }
}

/** The message as every channel takes it; `dedupeToken` keeps DingTalk from dropping a same-day repeat. */
export function renderNotice(n: Notice, locale: Locale, dedupeToken: string): OutboundMessage {
  const t = text(locale, n);
  const linkLine = n.link ? [locale === 'zh-CN' ? `[在 Daka 中查看](${n.link})` : `[Open in Daka](${n.link})`] : [];
  return { title: t.title, markdown: [`**${t.title}**`, ...t.lines, ...linkLine].join('\n\n'), ...(n.link ? { url: n.link } : {}), dedupeToken };
}

/** Links back into the web app (absolute only when the public URL is known). */
export function linkTo(publicUrl: string | null, path: string): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : null;
}

export const correctionLink = (publicUrl: string | null, date: string) => linkTo(publicUrl, `/requests/mine?new=correction&date=${date}`);
