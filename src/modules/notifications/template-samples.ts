/** One realistic notice per kind, for the template preview when no real one exists yet. */
import { linkTo, type Notice, type NoticeKind } from './messages.js';

const LATE = [{ code: 'late', params: { minutes: 12, in: '09:12', start: '09:00', grace: 0 } }];

export function sampleNotice(kind: NoticeKind, publicUrl: string | null): Notice {
  const at = (path: string) => linkTo(publicUrl, path);
  switch (kind) {
    case 'anomaly':
      return { kind, date: '2026-03-02', anomaly: 'late', reasons: LATE, link: at('/me/month?month=2026-03&date=2026-03-02') };
    case 'anomaly_team':
      return { kind, date: '2026-03-02', anomaly: 'late', employeeName: '张伟', reasons: LATE, link: at('/attendance/daily?date=2026-03-02') };
    case 'digest':
      return {
        kind,
        period: '2026-03-02',
        lines: [
          { team: '研发部', employeeName: '张伟', date: '2026-03-02', anomaly: 'late' },
          { team: '研发部', employeeName: '李娜', date: '2026-03-02', anomaly: 'missing_punch' },
        ],
        link: at('/attendance/daily'),
      };
    case 'request_submitted':
      return { kind, requestId: 7, requestKind: 'leave', employeeName: '张伟', from: '2026-03-05', to: '2026-03-06', link: at('/requests/approvals?request=7') };
    case 'request_decided':
      return { kind, requestId: 7, requestKind: 'leave', approved: false, comment: '项目上线期间不批假', link: at('/requests/mine?request=7') };
    case 'request_waiting':
      return { kind, requestId: 7, requestKind: 'leave', employeeName: '张伟', hours: 26, link: at('/requests/approvals?request=7') };
    case 'remind_in':
      return { kind, date: '2026-03-02', time: '09:00', link: at('/me/clock') };
    case 'remind_out':
      return { kind, date: '2026-03-02', time: '18:00', link: at('/me/clock') };
    case 'device_offline':
      return { kind, name: '前台考勤机', lastSeenAt: '2026-03-02T08:55:00+08:00', link: at('/setup/devices') };
    case 'connector_failed':
      return { kind, platform: 'dingtalk', job: 'punches', error: 'CONNECTOR_RATE_LIMITED: DingTalk answered errcode 88', link: at('/setup/connectors') };
    case 'credentials_refused':
      return { kind, platform: 'wecom', job: 'directory', error: 'CONNECTOR_BAD_CREDENTIALS: WeCom answered errcode 40001 (invalid credential)', link: at('/setup/connectors') };
    case 'clock_skew':
      return { kind, device: '前台考勤机', skewMinutes: 7, allowedMinutes: 5, link: at('/setup/devices') };
    case 'gap_unfilled':
      return { kind, device: '前台考勤机', from: '2026-03-02 08:10', to: '2026-03-02 10:40', hours: 6, link: at('/setup/devices') };
    case 'budget_low':
      return { kind, platform: 'dingtalk', connector: '钉钉', month: '2026-03', used: 8_100, limit: 10_000, link: at('/setup/connectors') };
    case 'month_unclosed':
      return { kind, month: '2026-02', days: 5, link: at('/attendance/month-close?month=2026-02') };
    case 'webhook_disabled':
      return { kind, url: 'https://hr.example.cn/hooks/daka', reason: 'A delivery was given up on: the receiver answered 503', link: at('/setup/webhooks') };
  }
}
