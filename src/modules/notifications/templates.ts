/**
 * The wording of each notification kind, in zh-CN and en: a title and a body with variables.
 * HR may replace a kind's wording per language (stored per company); without that, the defaults
 * below apply. Syntax:
 * - `{{name}}` is replaced by the variable's text;
 * - `{{#name}}…{{/name}}` keeps its content only when the variable is not empty (no nesting).
 * A template may use only its kind's variables: anything else is refused when saved, so a typo
 * cannot turn into an empty message later. Pure.
 */
import type { Locale, NoticeKind } from './notice-kinds.js';

export interface TemplateText {
  title: string;
  body: string;
}

/** The variables each kind offers (documented for HR in the web app and the README). */
export const TEMPLATE_VARIABLES: Record<NoticeKind, readonly string[]> = {
  anomaly: ['date', 'anomaly', 'reasons', 'needsCorrection', 'link'],
  anomaly_team: ['date', 'anomaly', 'employeeName', 'reasons', 'link'],
  digest: ['period', 'count', 'items', 'link'],
  request_submitted: ['employeeName', 'requestKind', 'period', 'link'],
  request_decided: ['requestKind', 'decision', 'approved', 'comment', 'link'],
  request_waiting: ['employeeName', 'requestKind', 'hours', 'link'],
  remind_in: ['date', 'time', 'link'],
  remind_out: ['date', 'time', 'link'],
  device_offline: ['device', 'lastSeenAt', 'link'],
  connector_failed: ['platform', 'job', 'error', 'link'],
  credentials_refused: ['platform', 'job', 'error', 'link'],
  clock_skew: ['device', 'minutes', 'direction', 'allowedMinutes', 'link'],
  gap_unfilled: ['device', 'from', 'to', 'hours', 'link'],
  budget_low: ['platform', 'connector', 'month', 'used', 'limit', 'percent', 'link'],
  month_unclosed: ['month', 'days', 'link'],
  webhook_disabled: ['url', 'reason', 'link'],
};

export const DEFAULT_TEMPLATES: Record<NoticeKind, Record<Locale, TemplateText>> = {
  anomaly: {
    'zh-CN': { title: '考勤异常：{{date}} {{anomaly}}', body: '{{reasons}}\n{{#needsCorrection}}如有遗漏，请提交补卡申请。{{/needsCorrection}}' },
    en: { title: 'Attendance: {{anomaly}} on {{date}}', body: '{{reasons}}\n{{#needsCorrection}}If a punch was missed, file a punch correction.{{/needsCorrection}}' },
  },
  anomaly_team: {
    'zh-CN': { title: '团队考勤异常：{{employeeName}} {{date}} {{anomaly}}', body: '{{reasons}}' },
    en: { title: 'Team attendance: {{employeeName}} {{anomaly}} on {{date}}', body: '{{reasons}}' },
  },
  digest: {
    'zh-CN': { title: '团队考勤异常汇总（{{period}}，共 {{count}} 条）', body: '{{items}}' },
    en: { title: 'Team attendance digest ({{period}}, {{count}} items)', body: '{{items}}' },
  },
  request_submitted: {
    'zh-CN': { title: '待审批：{{employeeName}} 的{{requestKind}}申请', body: '{{period}}' },
    en: { title: 'To approve: {{requestKind}} request from {{employeeName}}', body: '{{period}}' },
  },
  request_decided: {
    'zh-CN': { title: '您的{{requestKind}}申请已{{decision}}', body: '{{#comment}}审批意见：{{comment}}{{/comment}}' },
    en: { title: 'Your {{requestKind}} request was {{decision}}', body: '{{#comment}}Comment: {{comment}}{{/comment}}' },
  },
  request_waiting: {
    'zh-CN': { title: '提醒：{{employeeName}} 的{{requestKind}}申请已等待 {{hours}} 小时', body: '' },
    en: { title: 'Reminder: {{requestKind}} request from {{employeeName}} has waited {{hours}} h', body: '' },
  },
  remind_in: {
    'zh-CN': { title: '上班打卡提醒：{{time}}', body: '今天（{{date}}）的上班时间是 {{time}}，别忘了打卡。' },
    en: { title: 'Clock-in reminder: {{time}}', body: 'Your shift on {{date}} starts at {{time}}; remember to clock in.' },
  },
  remind_out: {
    'zh-CN': { title: '下班打卡提醒：{{time}}', body: '今天（{{date}}）的下班时间是 {{time}}，别忘了打卡。' },
    en: { title: 'Clock-out reminder: {{time}}', body: 'Your shift on {{date}} ended at {{time}}; remember to clock out.' },
  },
  device_offline: {
    'zh-CN': { title: '考勤机离线：{{device}}', body: '最后在线：{{lastSeenAt}}' },
    en: { title: 'Device offline: {{device}}', body: 'Last seen: {{lastSeenAt}}' },
  },
  connector_failed: {
    'zh-CN': { title: '{{platform}} 同步失败（{{job}}）', body: '{{error}}' },
    en: { title: '{{platform}} sync failed ({{job}})', body: '{{error}}' },
  },
  credentials_refused: {
    'zh-CN': { title: '{{platform}} 拒绝了连接器凭据（{{job}}）', body: '{{error}}\n请在连接器设置中更新 AppKey / AppSecret。' },
    en: { title: '{{platform}} refused the connector credentials ({{job}})', body: '{{error}}\nUpdate the app key and secret in the connector settings.' },
  },
  clock_skew: {
    'zh-CN': { title: '考勤机时钟偏差：{{device}} {{direction}} {{minutes}} 分钟', body: '设备时间与服务器相差 {{minutes}} 分钟（允许 {{allowedMinutes}} 分钟），请校准设备时间。' },
    en: { title: 'Device clock off: {{device}} is {{minutes}} min {{direction}}', body: 'The device clock differs from the server by {{minutes}} minutes (allowed: {{allowedMinutes}}); set the device time.' },
  },
  gap_unfilled: {
    'zh-CN': { title: '考勤机记录缺口未补齐：{{device}}', body: '{{from}} – {{to}} 的打卡记录在设备恢复 {{hours}} 小时后仍未补齐。' },
    en: { title: 'Punch gap not filled: {{device}}', body: 'Punches from {{from}} to {{to}} are still missing {{hours}} hours after the device came back.' },
  },
  budget_low: {
    'zh-CN': { title: '{{platform}} 接口调用额度即将用完：{{connector}}', body: '{{month}} 已用 {{used}} / {{limit}} 次（{{percent}}%）。' },
    en: { title: '{{platform}} call budget nearly used: {{connector}}', body: '{{month}}: {{used}} of {{limit}} calls used ({{percent}}%).' },
  },
  month_unclosed: {
    'zh-CN': { title: '{{month}} 考勤尚未锁定', body: '月末已过 {{days}} 天，请核对并锁定考勤，以便计算工资。' },
    en: { title: '{{month}} attendance not closed yet', body: 'The month ended {{days}} days ago; review and close it for payroll.' },
  },
  webhook_disabled: {
    'zh-CN': { title: 'Webhook 已停用：{{url}}', body: '{{reason}}\n修复接收端后，可在 Webhook 设置中重新启用。' },
    en: { title: 'Webhook disabled: {{url}}', body: '{{reason}}\nFix the receiver, then enable the endpoint again in the webhook settings.' },
  },
};

export const TITLE_MAX = 200;
export const BODY_MAX = 4_000;

const TOKEN = /\{\{\s*([#/]?)([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const SECTION = /\{\{#([A-Za-z][A-Za-z0-9_]*)\}\}([\s\S]*?)\{\{\/\1\}\}/g;

export type TemplateProblem = { code: 'TEMPLATE_UNKNOWN_VARIABLE'; field: 'title' | 'body'; variable: string } | { code: 'TEMPLATE_SYNTAX'; field: 'title' | 'body'; message: string };

/** The first problem of a template for a kind, or null when it can be saved. */
export function templateProblem(kind: NoticeKind, t: TemplateText): TemplateProblem | null {
  const allowed = new Set(TEMPLATE_VARIABLES[kind]);
  for (const field of ['title', 'body'] as const) {
    const text = t[field];
    const open: string[] = [];
    for (const m of text.matchAll(TOKEN)) {
      const [, mark, name] = m;
      if (!allowed.has(name)) return { code: 'TEMPLATE_UNKNOWN_VARIABLE', field, variable: name };
      if (mark === '#') {
        if (open.length) return { code: 'TEMPLATE_SYNTAX', field, message: `section {{#${name}}} inside {{#${open.at(-1)}}}: sections do not nest` };
        open.push(name);
      } else if (mark === '/') {
        if (open.pop() !== name) return { code: 'TEMPLATE_SYNTAX', field, message: `{{/${name}}} closes no open {{#${name}}}` };
      }
    }
    if (open.length) return { code: 'TEMPLATE_SYNTAX', field, message: `{{#${open[0]}}} is not closed` };
    // Braces that are not a variable are a typo (e.g. `{{ date }` or `{{1}}`).
    const leftover = text.replace(TOKEN, '');
    if (leftover.includes('{{') || leftover.includes('}}')) return { code: 'TEMPLATE_SYNTAX', field, message: 'unbalanced {{ or }}' };
  }
  return null;
}

function fill(text: string, vars: Record<string, string>): string {
  const sections = text.replace(SECTION, (_, name: string, inner: string) => (vars[name] ? inner : ''));
  // One pass: a variable's text is never read as a template itself.
  return sections.replace(TOKEN, (_, _mark: string, name: string) => vars[name] ?? '');
}

/** Title (one line) and body lines (empty lines dropped) of a template filled with variables. */
export function fillTemplate(t: TemplateText, vars: Record<string, string>): { title: string; lines: string[] } {
  const title = fill(t.title, vars).replace(/\s*\n\s*/g, ' ').trim();
  const lines = fill(t.body, vars)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  return { title, lines };
}

/** A company's own templates, `kind:locale` → text; the defaults fill in what is missing. */
export type TemplateSet = ReadonlyMap<string, TemplateText>;
export const templateKey = (kind: NoticeKind, locale: Locale) => `${kind}:${locale}`;

export function templateFor(set: TemplateSet | undefined, kind: NoticeKind, locale: Locale): TemplateText {
  return set?.get(templateKey(kind, locale)) ?? DEFAULT_TEMPLATES[kind][locale];
}
