import { describe, expect, it } from 'vitest';
import {
  mapDingTalkDepartment,
  mapDingTalkEvent,
  mapDingTalkLeaveStatus,
  mapDingTalkProcessInstance,
  mapDingTalkRecord,
  mapDingTalkStreamEvent,
  mapDingTalkUser,
  DINGTALK_DEFAULT_TEMPLATE_KINDS,
} from '../../../src/sources/dingtalk/mapper.js';
import type { DingTalkAttendanceRecord } from '../../../src/sources/dingtalk/wire.js';

const corpId = 'dingcorp1';
const at = (iso: string) => Date.parse(iso);
const base: DingTalkAttendanceRecord = {
  id: '70000000000024721',
  userId: 'manager4220',
  checkType: 'OnDuty',
  timeResult: 'Normal',
  locationResult: 'Normal',
  sourceType: 'USER',
  userCheckTime: at('2026-10-08T00:59:30Z'),
  locationMethod: 'MAP',
  userLatitude: 30.274123,
  userLongitude: 120.155456,
  userAccuracy: 20,
  userAddress: '杭州市余杭区文一西路969号',
  deviceId: 'dev-abc',
};

describe('mapDingTalkRecord', () => {
  const cases: Array<[string, Partial<DingTalkAttendanceRecord>, Record<string, unknown>]> = [
    [
      'phone GPS punch',
      {},
      {
        source: 'dingtalk',
        sourceRecordId: '70000000000024721',
        idempotencyKey: 'dingtalk:dingcorp1:70000000000024721',
        identity: { provider: 'dingtalk', tenant: 'dingcorp1', externalId: 'manager4220' },
        atMs: at('2026-10-08T00:59:30Z'),
        wallTime: '2026-10-08T08:59:30',
        utcOffsetMin: 480,
        timeZone: 'Asia/Shanghai',
        verifyMethod: 'gps',
        direction: 'in',
        deviceSn: 'dev-abc',
        platformResult: 'Normal',
        location: { lat: 30.274123, lng: 120.155456, accuracyM: 20, address: '杭州市余杭区文一西路969号', wifiSsid: null, wifiBssid: null },
      },
    ],
    [
      'Wi-Fi off-duty punch, early',
      { checkType: 'OffDuty', timeResult: 'Early', locationMethod: 'WIFI', userSsid: 'Office-5G', userMacAddr: 'a4:56:02:11:7b:22' },
      { verifyMethod: 'wifi', direction: 'out', platformResult: 'Early', location: expect.objectContaining({ wifiSsid: 'Office-5G', wifiBssid: 'a4:56:02:11:7b:22' }) },
    ],
    [
      'attendance machine: serial, no coordinates',
      {
        sourceType: 'ATM',
        locationMethod: 'ATM',
        deviceSN: 'ATM12345',
        deviceId: undefined,
        userLatitude: undefined,
        userLongitude: undefined,
        userAccuracy: undefined,
        userAddress: '前台考勤机',
      },
      { verifyMethod: 'other', deviceSn: 'ATM12345', location: expect.objectContaining({ lat: null, address: '前台考勤机' }) },
    ],
    ['boss re-sign', { sourceType: 'BOSS' }, { verifyMethod: 'manual' }],
    ['approval system', { sourceType: 'APPROVE' }, { verifyMethod: 'manual' }],
    ['bluetooth machine', { sourceType: 'DING_ATM' }, { verifyMethod: 'bluetooth' }],
    [
      'late and outside, flagged invalid, with photo',
      { timeResult: 'Late', locationResult: 'Outside', invalidRecordType: 'Security', photoUrl: 'https://x/p.jpg' },
      { platformResult: 'Late;location=Outside;invalid=Security', photoRef: 'https://x/p.jpg' },
    ],
    ['numeric user check time as a string', { userCheckTime: String(at('2026-10-08T10:00:00Z')) }, { atMs: at('2026-10-08T10:00:00Z'), wallTime: '2026-10-08T18:00:00' }],
  ];

  it.each(cases)('%s', (_name, patch, expected) => {
    const r = mapDingTalkRecord({ ...base, ...patch } as DingTalkAttendanceRecord, { corpId });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.checkin).toMatchObject(expected);
      expect(r.checkin.raw).toEqual({ ...base, ...patch });
    }
  });

  it.each([
    ['NotSigned slot', { timeResult: 'NotSigned' }, 'not_signed'],
    ['missing time', { userCheckTime: '' }, 'no_time'],
    ['missing user', { userId: '' }, 'no_user'],
    ['missing id', { id: '' }, 'no_id'],
  ] as const)('skips %s', (_n, patch, reason) => {
    expect(mapDingTalkRecord({ ...base, ...patch } as DingTalkAttendanceRecord, { corpId })).toMatchObject({ ok: false, reason });
  });

  it('honours a configured tenant zone', () => {
    const r = mapDingTalkRecord(base, { corpId, timeZone: 'Asia/Tokyo' });
    expect(r.ok && r.checkin.wallTime).toBe('2026-10-08T09:59:30');
  });
});

describe('directory mappers', () => {
  it('maps a full user and lists the missing neutral fields of a sparse one', () => {
    expect(
      mapDingTalkUser({
        userid: 'u1',
        name: '张三',
        job_number: 'E001',
        org_email: 'zs@corp.cn',
        mobile: '13800000000',
        dept_id_list: [100, 1001],
        manager_userid: 'boss',
      }),
    ).toEqual({
      externalId: 'u1',
      name: '张三',
      jobNumber: 'E001',
      email: 'zs@corp.cn',
      mobile: '13800000000',
      departmentExternalIds: ['100', '1001'],
      managerExternalId: 'boss',
      active: true,
      missingFields: [],
    });
    expect(mapDingTalkUser({ userid: 'u2', name: '欧阳娜', dept_id_list: [1] })).toEqual({
      externalId: 'u2',
      name: '欧阳娜',
      departmentExternalIds: ['1'],
      active: true,
      missingFields: ['jobNumber', 'email', 'mobile', 'managerExternalId'],
    });
  });

  it('maps departments, the root has no parent', () => {
    expect(mapDingTalkDepartment({ dept_id: 1, name: '公司' })).toEqual({ externalId: '1', name: '公司', parentExternalId: null, managerExternalIds: [] });
    expect(mapDingTalkDepartment({ dept_id: 100, name: '研发部', parent_id: 1, dept_manager_userid_list: ['u1'], order: 3 })).toEqual({
      externalId: '100',
      name: '研发部',
      parentExternalId: '1',
      managerExternalIds: ['u1'],
      order: 3,
    });
  });
});

describe('approval mappers', () => {
  const kinds = { ...DINGTALK_DEFAULT_TEMPLATE_KINDS, 'PROC-LEAVE': 'leave' } as const;
  const ctx = { templateKinds: kinds };
  const leave = (value: unknown[], status = 'COMPLETED', result: string | undefined = 'agree') => ({
    processInstanceId: 'pi-1',
    processCode: 'PROC-LEAVE',
    originatorUserId: 'u1',
    status,
    result,
    formComponentValues: [{ componentType: 'DDHolidayField', value: JSON.stringify(value) }],
  });
  const cst = (s: string) => Date.parse(s + '+08:00');

  it.each([
    ['whole days', leave(['2026-10-09', '2026-10-11', 3, 'day', '年假', '请假类型']), { fromMs: cst('2026-10-09T00:00:00'), toMs: cst('2026-10-12T00:00:00'), leaveType: '年假', durationMin: 3 * 1440, status: 'approved' }],
    ['morning half day', leave(['2026-10-09 上午', '2026-10-09 上午', 0.5, 'day', '事假']), { fromMs: cst('2026-10-09T00:00:00'), toMs: cst('2026-10-09T12:00:00'), half: 'am' }],
    ['afternoon half day', leave(['2026-10-09 下午', '2026-10-09 下午', 0.5, 'day', '事假']), { fromMs: cst('2026-10-09T12:00:00'), toMs: cst('2026-10-10T00:00:00'), half: 'pm' }],
    ['hours', leave(['2026-10-09 14:00', '2026-10-09 16:30', 2.5, 'hour', '调休']), { fromMs: cst('2026-10-09T14:00:00'), toMs: cst('2026-10-09T16:30:00'), durationMin: 150 }],
    ['rejected', leave(['2026-10-09', '2026-10-09', 1, 'day', '病假'], 'COMPLETED', 'refuse'), { status: 'rejected' }],
    ['running', leave(['2026-10-09', '2026-10-09', 1, 'day', '病假'], 'RUNNING', undefined), { status: 'pending' }],
    ['withdrawn', leave(['2026-10-09', '2026-10-09', 1, 'day', '病假'], 'TERMINATED', undefined), { status: 'withdrawn' }],
  ])('leave: %s', (_n, pi, expected) => {
    const out = mapDingTalkProcessInstance(pi, ctx);
    expect(out).toMatchObject({ kind: 'leave', externalId: 'pi-1', userExternalId: 'u1', ...expected });
    if (!('half' in expected)) expect(out?.half).toBeUndefined();
  });

  it('correction and overtime by bizCategoryId; unmapped templates are ignored', () => {
    expect(
      mapDingTalkProcessInstance(
        { processInstanceId: 'c1', processCode: 'X', bizCategoryId: 'attendance.supply', originatorUserId: 'u2', status: 'COMPLETED', result: 'agree', formComponentValues: [{ componentType: 'DDDateField', name: '补卡时间', value: '2026-10-09 09:00' }] },
        ctx,
      ),
    ).toEqual({ kind: 'correction', externalId: 'c1', userExternalId: 'u2', status: 'approved', fromMs: cst('2026-10-09T09:00:00'), toMs: cst('2026-10-09T09:00:00'), correctionAtMs: cst('2026-10-09T09:00:00') });
    expect(
      mapDingTalkProcessInstance(
        { processInstanceId: 'o1', bizCategoryId: 'attendance.batchovertime', originatorUserId: 'u3', status: 'RUNNING', formComponentValues: [{ componentType: 'DDDateRangeField', value: '["2026-10-09 19:00","2026-10-09 21:00",2,"hour"]' }] },
        ctx,
      ),
    ).toMatchObject({ kind: 'overtime', status: 'pending', fromMs: cst('2026-10-09T19:00:00'), toMs: cst('2026-10-09T21:00:00'), durationMin: 120 });
    expect(mapDingTalkProcessInstance({ processInstanceId: 'e1', processCode: 'EXPENSE', originatorUserId: 'u', status: 'COMPLETED' }, ctx)).toBeNull();
    expect(mapDingTalkProcessInstance(leave(['garbage', '2026-10-09', 1, 'day']), ctx)).toBeNull();
  });

  it('leave status rows', () => {
    expect(
      mapDingTalkLeaveStatus({ userid: 'u1', start_time: cst('2026-10-09T00:00:00'), end_time: cst('2026-10-09T12:00:00'), duration_unit: 'percent_day', duration_percent: 50, leave_code: 'abc' }),
    ).toEqual({
      kind: 'leave',
      externalId: `leavestatus:u1:${cst('2026-10-09T00:00:00')}:${cst('2026-10-09T12:00:00')}:abc`,
      userExternalId: 'u1',
      status: 'approved',
      fromMs: cst('2026-10-09T00:00:00'),
      toMs: cst('2026-10-09T12:00:00'),
      leaveType: 'abc',
      durationMin: 720,
    });
  });
});

describe('event mapper', () => {
  it.each([
    [{ EventType: 'check_url' }, { type: 'check_url' }],
    [
      { EventType: 'attendance_check_record', EventTime: 1663143335567, CorpId: 'ding1', eventId: 'ev1', dataList: [{ userId: 'u1', checkTime: 1570791880000 }, { checkTime: 1 }] },
      { type: 'punch', eventId: 'ev1', tenant: 'ding1', atMs: 1663143335567, punches: [{ userExternalId: 'u1', atMs: 1570791880000 }] },
    ],
    [{ EventType: 'user_leave_org', CorpId: 'ding1', UserId: ['u1', 'u2'], TimeStamp: '1700000000000' }, { type: 'contact', change: 'user_left', userExternalIds: ['u1', 'u2'], departmentExternalIds: [], atMs: 1700000000000 }],
    [{ EventType: 'org_dept_create', DeptId: [5] }, { type: 'contact', change: 'department_created', departmentExternalIds: ['5'] }],
    [
      { EventType: 'bpms_instance_change', processInstanceId: 'pi', processCode: 'PROC-LEAVE', type: 'finish', result: 'agree', staffId: 'u9', eventId: 'e2' },
      { type: 'approval', approvalExternalId: 'pi', templateExternalId: 'PROC-LEAVE', kind: 'leave', status: 'approved', userExternalId: 'u9' },
    ],
    [{ EventType: 'bpms_instance_change', processInstanceId: 'pi', type: 'finish', result: 'refuse' }, { type: 'approval', status: 'rejected', kind: null }],
    [{ EventType: 'bpms_instance_change', processInstanceId: 'pi', type: 'terminate' }, { type: 'approval', status: 'withdrawn' }],
    [{ EventType: 'bpms_instance_change', processInstanceId: 'pi', type: 'start', bizCategoryId: 'attendance.supply' }, { type: 'approval', status: 'pending', kind: 'correction' }],
    [{ EventType: 'chat_add_member' }, { type: 'other', name: 'chat_add_member' }],
  ])('%j', (event, expected) => {
    expect(mapDingTalkEvent(event, { 'PROC-LEAVE': 'leave', ...DINGTALK_DEFAULT_TEMPLATE_KINDS })).toMatchObject(expected);
  });

  it('stream frames: metadata from headers, payload from data', () => {
    const ev = mapDingTalkStreamEvent(
      { eventType: 'attendance_check_record', eventId: 'sid', eventCorpId: 'ding2', eventBornTime: '1700000000000' },
      JSON.stringify({ dataList: [{ userId: 'u5', checkTime: 1700000000000 }] }),
    );
    expect(ev).toEqual({ type: 'punch', eventId: 'sid', tenant: 'ding2', atMs: 1700000000000, punches: [{ userExternalId: 'u5', atMs: 1700000000000 }] });
    expect(mapDingTalkStreamEvent({ eventType: 'x', eventId: 'y' }, 'not json')).toMatchObject({ type: 'other', name: 'x' });
  });
});
