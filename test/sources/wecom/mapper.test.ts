import { describe, expect, it } from 'vitest';
import { mapWeComApproval, mapWeComCheckin, mapWeComDepartment, mapWeComEvent, mapWeComUser } from '../../../src/sources/wecom/mapper.js';
import type { WeComApprovalDetail, WeComCheckinRecord } from '../../../src/sources/wecom/wire.js';

const corpId = 'wwcorp';
const cstSec = (s: string) => Date.parse(s + '+08:00') / 1000;
const row: WeComCheckinRecord = {
  userid: 'zhangsan',
  groupname: '打卡规则1',
  checkin_type: '上班打卡',
  exception_type: '',
  checkin_time: cstSec('2026-10-08T08:59:30'),
  location_title: '依澜府',
  location_detail: '四川省成都市武侯区益州大道中段784号',
  wifiname: '',
  wifimac: '',
  notes: '',
  mediaids: [],
  lat: 30547645,
  lng: 104063236,
  deviceid: 'E5FA89C2-1234',
  sch_checkin_time: cstSec('2026-10-08T09:00:00'),
};

describe('mapWeComCheckin', () => {
  it.each([
    [
      'on-duty GPS punch',
      {},
      {
        source: 'wecom',
        sourceRecordId: `zhangsan:${cstSec('2026-10-08T08:59:30')}:on`,
        idempotencyKey: `wecom:wwcorp:zhangsan:${cstSec('2026-10-08T08:59:30')}:on`,
        identity: { provider: 'wecom', tenant: 'wwcorp', externalId: 'zhangsan' },
        atMs: cstSec('2026-10-08T08:59:30') * 1000,
        wallTime: '2026-10-08T08:59:30',
        utcOffsetMin: 480,
        direction: 'in',
        verifyMethod: 'gps',
        deviceSn: 'E5FA89C2-1234',
        platformResult: 'Normal',
        photoRef: null,
        location: { lat: 30.547645, lng: 104.063236, accuracyM: null, address: '依澜府 四川省成都市武侯区益州大道中段784号', wifiSsid: null, wifiBssid: null },
      },
    ],
    [
      'off-duty Wi-Fi punch, late and with a photo',
      { checkin_type: '下班打卡', exception_type: '时间异常;地点异常', wifiname: 'Office', wifimac: '3c:46:d8:0c:7a:70', mediaids: ['WWCISP_abc'] },
      { direction: 'out', verifyMethod: 'wifi', platformResult: '时间异常;地点异常', photoRef: 'wecom-media:WWCISP_abc', location: expect.objectContaining({ wifiSsid: 'Office', wifiBssid: '3c:46:d8:0c:7a:70' }) },
    ],
    ['outing punch has no direction', { checkin_type: '外出打卡' }, { direction: null, idempotencyKey: expect.stringMatching(/:outing$/) }],
    ['no location at all', { lat: 0, lng: 0, location_title: '', location_detail: '' }, { location: null, verifyMethod: 'app' }],
  ])('%s', (_n, patch, expected) => {
    const r = mapWeComCheckin({ ...row, ...patch } as WeComCheckinRecord, { corpId });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.checkin).toMatchObject(expected);
  });

  it.each([
    ['未打卡 slot', { exception_type: '未打卡' }, 'missed_slot'],
    ['未打卡 among others', { exception_type: '地点异常;未打卡' }, 'missed_slot'],
    ['zero time', { checkin_time: 0 }, 'no_time'],
    ['no user', { userid: '' }, 'no_user'],
  ] as const)('skips %s', (_n, patch, reason) => {
    expect(mapWeComCheckin({ ...row, ...patch } as WeComCheckinRecord, { corpId })).toMatchObject({ ok: false, reason });
  });

  it('on and off duty in the same second are distinct punches', () => {
    const a = mapWeComCheckin(row, { corpId });
    const b = mapWeComCheckin({ ...row, checkin_type: '下班打卡' }, { corpId });
    expect(a.ok && b.ok && a.checkin.idempotencyKey !== b.checkin.idempotencyKey).toBe(true);
  });
});

describe('WeCom directory', () => {
  it('user with job number attribute, leader and privacy gaps; status drives active', () => {
    expect(
      mapWeComUser({ userid: 'lisi', name: '李四', department: [2, 3], status: 1, direct_leader: ['boss'], extattr: { attrs: [{ type: 0, name: '工号', text: { value: 'A-17' } }] } }),
    ).toEqual({
      externalId: 'lisi',
      name: '李四',
      jobNumber: 'A-17',
      departmentExternalIds: ['2', '3'],
      managerExternalId: 'boss',
      active: true,
      missingFields: ['email', 'mobile'],
    });
    expect(mapWeComUser({ userid: 'x', name: 'X', status: 5 }).active).toBe(false);
    expect(mapWeComUser({ userid: 'x', name: 'X', status: 2 }).active).toBe(false);
    expect(mapWeComUser({ userid: 'x', name: 'X', status: 4 }).active).toBe(true);
    expect(mapWeComUser({ userid: 'x', name: 'X', biz_mail: 'x@corp.cn', extattr: { attrs: [{ name: 'EmpNo', value: '9' }] } }, { jobNumberAttrs: ['EmpNo'] })).toMatchObject({
      email: 'x@corp.cn',
      jobNumber: '9',
    });
  });

  it('departments', () => {
    expect(mapWeComDepartment({ id: 1, name: '公司', parentid: 0 })).toEqual({ externalId: '1', name: '公司', parentExternalId: null, managerExternalIds: [] });
    expect(mapWeComDepartment({ id: 2, name: '研发', parentid: 1, order: 5, department_leader: ['a'] })).toEqual({
      externalId: '2',
      name: '研发',
      parentExternalId: '1',
      managerExternalIds: ['a'],
      order: 5,
    });
  });
});

describe('WeCom approvals', () => {
  const detail = (contents: unknown[], over: Partial<WeComApprovalDetail> = {}): WeComApprovalDetail => ({
    sp_no: '202610080001',
    sp_status: 2,
    template_id: 'tpl',
    applyer: { userid: 'zhangsan' },
    apply_data: { contents: contents as never },
    ...over,
  });
  const vacation = (range: Record<string, unknown>, name = '年假') => ({
    control: 'Vacation',
    value: { vacation: { selector: { options: [{ key: 'k', value: [{ text: name, lang: 'zh_CN' }] }] }, attendance: { date_range: range, type: 1 } } },
  });
  const ms = (s: string) => Date.parse(s + '+08:00');

  it.each([
    ['whole days', vacation({ type: 'day', new_begin: cstSec('2026-10-08T00:00:00'), new_end: cstSec('2026-10-09T00:00:00'), new_duration: 172800 }), { fromMs: ms('2026-10-08T00:00:00'), toMs: ms('2026-10-10T00:00:00'), durationMin: 2880, leaveType: '年假' }],
    ['afternoon half day', vacation({ type: 'halfday', new_begin: cstSec('2026-10-08T12:00:00'), new_end: cstSec('2026-10-08T12:00:00'), new_duration: 43200 }, '事假'), { fromMs: ms('2026-10-08T12:00:00'), toMs: ms('2026-10-09T00:00:00'), half: 'pm', leaveType: '事假' }],
    ['morning half day', vacation({ type: 'halfday', new_begin: cstSec('2026-10-08T00:00:00'), new_end: cstSec('2026-10-08T00:00:00'), new_duration: 43200 }), { toMs: ms('2026-10-08T12:00:00'), half: 'am' }],
    ['hours', vacation({ type: 'hour', new_begin: cstSec('2026-10-08T14:00:00'), new_end: cstSec('2026-10-08T16:00:00'), new_duration: 7200 }), { fromMs: ms('2026-10-08T14:00:00'), toMs: ms('2026-10-08T16:00:00'), durationMin: 120 }],
  ])('leave: %s', (_n, control, expected) => {
    expect(mapWeComApproval(detail([{ control: 'Text', value: {} }, control]))).toMatchObject({ kind: 'leave', externalId: '202610080001', userExternalId: 'zhangsan', status: 'approved', ...expected });
  });

  it('corrections, overtime, statuses, template map and non-attendance forms', () => {
    const punch = { control: 'PunchCorrection', value: { punch_correction: { state: '正常', time: cstSec('2026-10-08T09:00:00') } } };
    expect(mapWeComApproval(detail([punch], { sp_status: 1 }))).toEqual({
      kind: 'correction',
      externalId: '202610080001',
      userExternalId: 'zhangsan',
      status: 'pending',
      fromMs: ms('2026-10-08T09:00:00'),
      toMs: ms('2026-10-08T09:00:00'),
      correctionAtMs: ms('2026-10-08T09:00:00'),
    });
    const ot = { control: 'Attendance', value: { attendance: { type: 5, date_range: { type: 'hour', new_begin: cstSec('2026-10-08T19:00:00'), new_end: cstSec('2026-10-08T21:30:00'), new_duration: 9000 } } } };
    expect(mapWeComApproval(detail([ot], { sp_status: 6 }))).toMatchObject({ kind: 'overtime', status: 'withdrawn', durationMin: 150 });
    const trip = { control: 'Attendance', value: { attendance: { type: 3, date_range: { type: 'hour', new_begin: 1, new_end: 2 } } } };
    expect(mapWeComApproval(detail([trip]))).toBeNull();
    expect(mapWeComApproval(detail([trip]), { templateKinds: { tpl: 'overtime' } })).toBeNull();
    expect(mapWeComApproval(detail([{ control: 'Money', value: {} }]))).toBeNull();
    for (const [sp, status] of [[3, 'rejected'], [4, 'withdrawn'], [7, 'deleted'], [10, 'approved']] as const) {
      expect(mapWeComApproval(detail([punch], { sp_status: sp }))?.status).toBe(status);
    }
  });
});

describe('WeCom events', () => {
  it.each([
    [
      { ToUserName: 'wwcorp', FromUserName: 'sys', CreateTime: '1700000000', MsgType: 'event', Event: 'sys_approval_change', ApprovalInfo: { SpNo: '202311140001', SpStatus: '2', TemplateId: 'tpl-leave', Applyer: { UserId: 'zhangsan' } } },
      { type: 'approval', eventId: 'sys:1700000000:sys_approval_change::202311140001:2', tenant: 'wwcorp', atMs: 1700000000000, approvalExternalId: '202311140001', templateExternalId: 'tpl-leave', kind: 'leave', status: 'approved', userExternalId: 'zhangsan' },
    ],
    [
      { ToUserName: 'wwcorp', FromUserName: 'sys', CreateTime: '1700000001', MsgType: 'event', Event: 'change_contact', ChangeType: 'update_user', UserID: 'lisi', Department: '1,2' },
      { type: 'contact', change: 'user_updated', userExternalIds: ['lisi'], departmentExternalIds: ['1', '2'], eventId: 'sys:1700000001:change_contact:update_user:lisi:' },
    ],
    [{ Event: 'change_contact', ChangeType: 'delete_party', Id: '7', CreateTime: '1' }, { type: 'contact', change: 'department_removed', userExternalIds: [], departmentExternalIds: ['7'] }],
    [{ Event: 'change_contact', ChangeType: 'delete_user', UserID: 'wangwu' }, { type: 'contact', change: 'user_left', userExternalIds: ['wangwu'] }],
    [{ MsgType: 'text', Content: 'hello', MsgId: '4561255354251345929', CreateTime: '1409659813' }, { type: 'other', name: 'text', eventId: '4561255354251345929', tenant: 'wwcorp' }],
  ])('%j', (e, expected) => {
    expect(mapWeComEvent(e, 'wwcorp', { 'tpl-leave': 'leave' })).toMatchObject(expected);
  });
});
