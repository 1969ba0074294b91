/**
 * The one catalogue of reason codes: how the engine explains each figure of a day (a stable `code`
 * with `params`: rule figures, minutes, wall times `HH:MM`, counts), in zh-CN and en.
 *
 * Templates use i18next's `{{name}}`. Params named in LABELED are enum values rendered through
 * LABELS; a null param renders as LABELS.none. `enOne` is the English form when `count` is 1. The web
 * renders the same texts from its locale files (`reasons`, `reasonLabels`), which a test keeps equal
 * to this catalogue. Only ever add codes: stored explanations refer to them.
 */
export interface ReasonTemplate {
  'zh-CN': string;
  en: string;
  enOne?: string;
}

const cap = { 'zh-CN': '最少 {{min}}，单位 {{unit}}，上限 {{cap}}', en: 'min {{min}}, unit {{unit}}, cap {{cap}}' };

export const REASONS = {
  // R1, R3: what was set aside
  ignoredPunches: {
    'zh-CN': '本日有 {{count}} 次打卡不在任何打卡时段或休息日范围内：已忽略',
    en: '{{count}} punches on this date lie in no punch window and no rest-day range: ignored',
    enOne: '{{count}} punch on this date lies in no punch window and no rest-day range: ignored',
  },
  duplicatePunches: {
    'zh-CN': '{{count}} 次打卡距上一次保留的打卡不足 {{windowSec}} 秒：视为重复，已去除',
    en: '{{count}} punches less than {{windowSec}} s after a kept punch: dropped',
    enOne: '{{count}} punch less than {{windowSec}} s after a kept punch: dropped',
  },
  // R4
  pairFirstLast: { 'zh-CN': '上班 {{in}} 取第一次打卡，下班 {{out}} 取最后一次打卡', en: 'in {{in}} = first punch, out {{out}} = last punch (first_last)' },
  pairFirstLastBetween: {
    'zh-CN': '上班 {{in}} 取第一次打卡，下班 {{out}} 取最后一次打卡，中间 {{between}} 次打卡不计',
    en: 'in {{in}} = first punch, out {{out}} = last punch (first_last), {{between}} between ignored',
  },
  pairs: { 'zh-CN': '按成对打卡计：{{spans}}', en: 'pairs {{spans}}' },
  pairsOdd: { 'zh-CN': '按成对打卡计：{{spans}}；{{last}} 没有配对：下班缺卡', en: 'pairs {{spans}}; {{last}} has no partner: check-out missing' },
  noPunch: { 'zh-CN': '本班次没有打卡：上班、下班均缺卡', en: 'no punch attributed to this shift: check-in and check-out missing' },
  singleIn: { 'zh-CN': '只有一次打卡 {{punch}}，不晚于中点 {{mid}}：记为上班 {{in}}，下班缺卡', en: 'single punch {{punch}} ≤ midpoint {{mid}}: check-in {{in}}, check-out missing' },
  singleOut: { 'zh-CN': '只有一次打卡 {{punch}}，晚于中点 {{mid}}：记为下班 {{out}}，上班缺卡', en: 'single punch {{punch}} > midpoint {{mid}}: check-out {{out}}, check-in missing' },
  clusterIn: {
    'zh-CN': '{{count}} 次打卡都在 {{first}} 起 {{gap}} 分钟内，不晚于中点 {{mid}}：记为上班 {{in}}，下班缺卡',
    en: '{{count}} punches within {{gap}} min from {{first}} ≤ midpoint {{mid}}: check-in {{in}}, check-out missing',
  },
  clusterOut: {
    'zh-CN': '{{count}} 次打卡都在 {{first}} 起 {{gap}} 分钟内，晚于中点 {{mid}}：记为下班 {{out}}，上班缺卡',
    en: '{{count}} punches within {{gap}} min from {{first}} > midpoint {{mid}}: check-out {{out}}, check-in missing',
  },
  // R11, R11a
  halfDayLeave: { 'zh-CN': '{{half}}半天假：应出勤时段 {{start}}–{{end}}，半天与旷工阈值减半', en: '{{half}} half-day leave: expected segment {{start}}–{{end}}, thresholds halved' },
  hourlyLeave: {
    'zh-CN': '按小时请假 {{minutes}} 分钟：应出勤时段 {{start}}–{{end}}，半天与旷工阈值减去 {{minutes}} 分钟',
    en: 'hourly leave {{minutes}} min: expected segment {{start}}–{{end}}, thresholds reduced by {{minutes}}',
  },
  punchesOnLeave: {
    'zh-CN': '全天请假日有 {{count}} 次打卡：保留并列出，但不计工时；请核实是否需要撤销请假',
    en: '{{count}} punches on a full-day leave day: kept and listed, not worked time; check whether the leave should be withdrawn',
    enOne: '{{count}} punch on a full-day leave day: kept and listed, not worked time; check whether the leave should be withdrawn',
  },
  // R5a, R5, R6
  flex: {
    'zh-CN': '弹性上班偏移 {{offset}} 分钟（范围 −{{earlyMax}}…+{{lateMax}}）：实际应出勤 {{start}}–{{end}}',
    en: 'flex offset {{offset}} min (within −{{earlyMax}}…+{{lateMax}}): effective {{start}}–{{end}}',
  },
  late: { 'zh-CN': '迟到 {{minutes}} 分钟：上班 {{in}} 晚于 {{start}} + 宽限 {{grace}} 分钟', en: 'late {{minutes}} min: in {{in}} > start {{start}} + grace {{grace}}' },
  notLate: { 'zh-CN': '未迟到：上班 {{in}} 不晚于 {{start}} + 宽限 {{grace}} 分钟', en: 'not late: in {{in}} ≤ start {{start}} + grace {{grace}}' },
  seriousLate: { 'zh-CN': '严重迟到：{{minutes}} 分钟 > 严重迟到阈值 {{threshold}} 分钟', en: 'serious: {{minutes}} > seriousLateMin {{threshold}}' },
  absenteeismLate: { 'zh-CN': '旷工迟到：{{minutes}} 分钟 > 旷工迟到阈值 {{threshold}} 分钟', en: 'absenteeism: {{minutes}} > absenteeismLateMin {{threshold}}' },
  early: { 'zh-CN': '早退 {{minutes}} 分钟：下班 {{out}} 早于 {{end}} − 宽限 {{grace}} 分钟', en: 'early {{minutes}} min: out {{out}} < end {{end}} − grace {{grace}}' },
  notEarly: { 'zh-CN': '未早退：下班 {{out}} 不早于 {{end}} − 宽限 {{grace}} 分钟', en: 'not early: out {{out}} ≥ end {{end}} − grace {{grace}}' },
  // R8
  workedNoPair: { 'zh-CN': '工作时长 0 分钟：没有完整的上下班打卡', en: 'worked 0 min: no complete pair' },
  workedOnLeave: { 'zh-CN': '工作时长 0 分钟：全天请假，打卡不计工时', en: 'worked 0 min: full-day leave, punches are not worked time' },
  worked: { 'zh-CN': '工作时长 {{minutes}} 分钟：{{spans}} − 与休息时间重叠 {{breakMin}}', en: 'worked {{minutes}} min: {{spans}} − break overlap {{breakMin}}' },
  workedHourlyLeave: {
    'zh-CN': '工作时长 {{minutes}} 分钟：{{spans}} − 与休息时间重叠 {{breakMin}} − 按小时请假 {{leaveMin}}',
    en: 'worked {{minutes}} min: {{spans}} − break overlap {{breakMin}} − hourly leave {{leaveMin}}',
  },
  // R7
  otDisabled: { 'zh-CN': '未启用工作日加班', en: 'workday overtime disabled' },
  otLeaveDay: { 'zh-CN': '有请假的日子不计工作日加班', en: 'no workday overtime on a day with leave' },
  otNoPair: { 'zh-CN': '没有完整的上下班打卡，不计工作日加班', en: 'no workday overtime without a complete pair' },
  overtime: {
    'zh-CN': `加班 {{minutes}} 分钟：{{from}} 之后 {{raw}} 分钟（下班 {{end}} + {{startAfter}} 分钟起算）；${cap['zh-CN']}`,
    en: `overtime {{minutes}} min: {{raw}} min after {{from}} (end {{end}} + {{startAfter}}); ${cap.en}`,
  },
  overtimeApproval: {
    'zh-CN': `加班 {{minutes}} 分钟：{{from}} 之后 {{raw}} 分钟，已审批 {{approved}} 分钟（未审批 {{unapproved}} 分钟）；${cap['zh-CN']}`,
    en: `overtime {{minutes}} min: {{raw}} min after {{from}}, {{approved}} approved ({{unapproved}} unapproved); ${cap.en}`,
  },
  // R9
  statusOnLeave: { 'zh-CN': '{{status}}：全天请假已批准', en: '{{status}}: full-day approved leave' },
  statusNoPunch: { 'zh-CN': '{{status}}：没有有效打卡', en: '{{status}}: no valid punch' },
  statusMissing: { 'zh-CN': '{{status}}：缺少上班或下班打卡，不按工时阈值判断', en: '{{status}}: a check-in or check-out is missing, thresholds not applied' },
  statusAbsent: { 'zh-CN': '{{status}}：工作 {{worked}} 分钟 < 旷工阈值 {{threshold}} 分钟', en: '{{status}}: worked {{worked}} < absentBelowMin {{threshold}}' },
  statusHalfDay: { 'zh-CN': '{{status}}：工作 {{worked}} 分钟 < 半天阈值 {{threshold}} 分钟', en: '{{status}}: worked {{worked}} < halfDayBelowMin {{threshold}}' },
  statusPresent: {
    'zh-CN': '{{status}}：工作 {{worked}} 分钟，达到阈值（旷工 < {{absent}}，半天 < {{half}}）',
    en: '{{status}}: worked {{worked}} meets the thresholds (absent < {{absent}}, half day < {{half}})',
  },
  // R10
  unscheduled: { 'zh-CN': '{{dayType}}没有班次：不要求出勤，打卡不计', en: '{{dayType}} without a shift: nothing expected, punches ignored' },
  restDay: { 'zh-CN': '{{status}}：休息日，不计异常', en: '{{status}}: rest day, no anomalies' },
  holidayDay: { 'zh-CN': '{{status}}：法定节假日，不计异常', en: '{{status}}: statutory holiday, no anomalies' },
  restWorked: {
    'zh-CN': '工作时长 {{minutes}} 分钟：{{from}}–{{to}}（{{span}}）− 与休息时段重叠 {{breakMin}}',
    en: 'worked {{minutes}} min: {{from}}–{{to}} ({{span}}) − break window overlap {{breakMin}}',
  },
  restOvertime: {
    'zh-CN': `{{category}} {{minutes}} 分钟：工作时长全部计为加班；${cap['zh-CN']}`,
    en: `{{category}} overtime {{minutes}} min: all worked time; ${cap.en}`,
  },
  restOvertimeDisabled: { 'zh-CN': '未启用{{category}}', en: '{{category}} overtime disabled' },
  restNoPunch: { 'zh-CN': '没有打卡', en: 'no punch' },
  restNoPair: { 'zh-CN': '没有间隔至少 {{gap}} 分钟的两次打卡：工作时长 0', en: 'no pair at least {{gap}} min apart: worked 0' },
  // Free hours (自由工时)
  freeDay: { 'zh-CN': '自由工时：考勤日从 {{from}} 到次日 {{to}}，没有上下班时间', en: 'free hours (自由工时): the attendance day runs {{from}}–{{to}} next day, with no start or end time' },
  freeHalfDayLeave: { 'zh-CN': '{{half}}半天假：要求工时 {{required}} 分钟减半为 {{halved}} 分钟', en: '{{half}} half-day leave: required {{required}} halved to {{halved}} min' },
  freeHourlyLeave: { 'zh-CN': '按小时请假 {{minutes}} 分钟：要求工时减为 {{required}} 分钟', en: 'hourly leave {{minutes}} min: required reduced to {{required}} min' },
  freeNoPunch: { 'zh-CN': '考勤日内没有打卡：上班、下班均缺卡', en: 'no punch in the attendance day: check-in and check-out missing' },
  freeSingle: { 'zh-CN': '只有一次打卡 {{punch}}：第一次打卡记为上班，下班缺卡', en: 'single punch {{punch}}: the first punch is the check-in, check-out missing' },
  freeCluster: {
    'zh-CN': '{{count}} 次打卡都在 {{first}} 起 {{gap}} 分钟内：第一次打卡记为上班，下班缺卡',
    en: '{{count}} punches within {{gap}} min from {{first}}: the first punch is the check-in, check-out missing',
  },
  freeNotLate: { 'zh-CN': '未迟到：自由工时没有上班时间', en: 'not late: free hours have no start time' },
  freeWorked: { 'zh-CN': '工作时长 {{minutes}} 分钟：{{spans}}，不扣休息时间', en: 'worked {{minutes}} min: {{spans}}, no break deducted' },
  freeNotEarlyLeave: { 'zh-CN': '未早退：全天请假', en: 'not early: full-day leave' },
  freeShortfallNotJudged: { 'zh-CN': '缺少上班或下班打卡，不判断工时不足', en: 'shortfall not judged: a check-in or check-out is missing' },
  freeNoRequirement: { 'zh-CN': '未早退：没有要求工时', en: 'not early: no required minutes' },
  freeShort: {
    'zh-CN': '工时不足 {{minutes}} 分钟：工作 {{worked}} < 要求 {{required}} 分钟，记为早退',
    en: 'short {{minutes}} min: worked {{worked}} < required {{required}}, reported as early leave',
  },
  freeNotShort: { 'zh-CN': '工时达标：工作 {{worked}} ≥ 要求 {{required}} 分钟', en: 'not short: worked {{worked}} ≥ required {{required}}' },
  freeOtNoRequirement: { 'zh-CN': '没有要求工时，不计工作日加班', en: 'no workday overtime without required minutes' },
  freeOvertime: {
    'zh-CN': `加班 {{minutes}} 分钟：超出要求 {{required}} + {{startAfter}} 分钟的工作 {{raw}} 分钟；${cap['zh-CN']}`,
    en: `overtime {{minutes}} min: {{raw}} min worked beyond required {{required}} + {{startAfter}}; ${cap.en}`,
  },
  freeOvertimeApproval: {
    'zh-CN': `加班 {{minutes}} 分钟：超出要求 {{required}} + {{startAfter}} 分钟的工作 {{raw}} 分钟，已审批 {{approved}} 分钟（未审批 {{unapproved}} 分钟）；${cap['zh-CN']}`,
    en: `overtime {{minutes}} min: {{raw}} min worked beyond required {{required}} + {{startAfter}}, {{approved}} approved ({{unapproved}} unapproved); ${cap.en}`,
  },
  freeStatusMissing: { 'zh-CN': '{{status}}：缺少上班或下班打卡', en: '{{status}}: a check-in or check-out is missing' },
  freeStatusPresent: { 'zh-CN': '{{status}}：有上班和下班打卡（自由工时没有半天和旷工阈值）', en: '{{status}}: checked in and out (free hours have no half-day or absent thresholds)' },
} as const satisfies Record<string, ReasonTemplate>;

export type ReasonCode = keyof typeof REASONS;

/** Params whose values are enum members, rendered through LABELS. */
export const LABELED = ['status', 'dayType', 'half', 'category'] as const;

export const LABELS: Record<'zh-CN' | 'en', { none: string } & Record<(typeof LABELED)[number], Record<string, string>>> = {
  'zh-CN': {
    none: '无',
    status: { present: '正常', half_day: '半天出勤', absent: '旷工', missing_punch: '缺卡', on_leave: '请假', rest: '休息', holiday: '节假日' },
    dayType: { workday: '工作日', makeup_workday: '调休上班日', rest_day: '休息日', statutory_holiday: '法定节假日' },
    half: { am: '上午', pm: '下午' },
    category: { workday: '工作日加班', restday: '休息日加班', holiday: '节假日加班' },
  },
  // English keeps the engine's own words, as the rules are written.
  en: {
    none: 'none',
    status: { present: 'present', half_day: 'half_day', absent: 'absent', missing_punch: 'missing_punch', on_leave: 'on_leave', rest: 'rest', holiday: 'holiday' },
    dayType: { workday: 'workday', makeup_workday: 'makeup_workday', rest_day: 'rest_day', statutory_holiday: 'statutory_holiday' },
    half: { am: 'am', pm: 'pm' },
    category: { workday: 'workday', restday: 'restday', holiday: 'holiday' },
  },
};
