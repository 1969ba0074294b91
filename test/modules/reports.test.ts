import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NewRow } from '../../src/db/schema.js';
import { ReportsRepo } from '../../src/modules/reports/reports.repo.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** October 2026: 1–7 National Day holidays, weekends rest, every other day a workday on shift `shiftId`. */
function octoberRow(companyId: number, employeeId: number, date: string, shiftId: number, patch: Partial<NewRow<'attendance_days'>> = {}): NewRow<'attendance_days'> {
  const day = Number(date.slice(8));
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  const kind = day <= 7 ? 'holiday' : dow === 0 || dow === 6 ? 'rest' : 'work';
  return {
    company_id: companyId, employee_id: employeeId, date, group_id: null, shift_type_id: kind === 'work' ? shiftId : null,
    day_type: kind === 'holiday' ? 'statutory_holiday' : kind === 'rest' ? 'rest_day' : 'workday', status: kind === 'work' ? 'present' : kind,
    late: 0, late_minutes: 0, late_level: 'none', early: 0, early_minutes: 0, missing_in: 0, missing_out: 0,
    worked_minutes: kind === 'work' ? 480 : 0, overtime_minutes: 0, overtime_category: kind === 'holiday' ? 'holiday' : kind === 'rest' ? 'restday' : 'workday',
    overtime_pay_multiplier: 1, unapproved_overtime_minutes: null,
    in_time: kind === 'work' ? `${date}T08:55:00+08:00` : null, out_time: kind === 'work' ? `${date}T18:05:00+08:00` : null,
    ignored_punch_count: 0, duplicate_punch_count: 0, leave_type: null, leave_half: null, corrections_used: 0, explanation: null, computed_at_ms: 1,
    ...patch,
  };
}

const OCT = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
const RARE = '𠮷野䶮龘';

/** The text each page shows, decoded through the fonts' ToUnicode maps (enough of PDF for pdfkit's output). */
function pdfPageTexts(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; data: Buffer | null }>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m; (m = re.exec(s)); ) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, data: null });
      continue;
    }
    const start = m.index + m[0].indexOf(body) + at + 'stream'.length + (body[at + 6] === '\r' ? 2 : 1);
    const end = s.indexOf('endstream', start);
    let data = pdf.subarray(start, end);
    if (/FlateDecode/.test(body.slice(0, at))) data = inflateSync(data);
    objects.set(Number(m[1]), { dict: body.slice(0, at), data });
  }
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const cmapOf = (fontObj: number) => {
    const map = new Map<number, string>();
    const cmap = objects.get(ref(objects.get(fontObj)!.dict, 'ToUnicode'))!.data!.toString('latin1');
    const hex = (h: string) => Buffer.from(h.length % 4 ? h.padStart(4, '0') : h, 'hex').swap16().toString('utf16le');
    for (const r of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
      const dsts = [...r[3].matchAll(/<([0-9a-f ]+)>/gi)].map((x) => hex(x[1].replace(/ /g, '')));
      dsts.forEach((d, i) => map.set(parseInt(r[1], 16) + i, d));
    }
    for (const r of cmap.matchAll(/^<([0-9a-f]+)>\s*<([0-9a-f]+)>$/gim)) map.set(parseInt(r[1], 16), hex(r[2]));
    return map;
  };
  const pages: string[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b(?!s)/.test(dict)) continue;
    const resDict = /\/Resources (\d+) 0 R/.test(dict) ? objects.get(ref(dict, 'Resources'))!.dict : dict;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resDict)![1];
    const fonts = new Map([...fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)].map((f) => [f[1], cmapOf(Number(f[2]))]));
    const content = objects.get(ref(dict, 'Contents'))!.data!.toString('latin1');
    let font = new Map<number, string>();
    let text = '';
    for (const op of content.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) font = fonts.get(op[1]) ?? new Map();
      else for (const h of op[2].matchAll(/<([0-9a-f]+)>/gi)) for (let i = 0; i < h[1].length; i += 4) text += font.get(parseInt(h[1].slice(i, i + 4), 16)) ?? '?';
    }
    pages.push(text);
  }
  return pages;
}

function csvRows(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

describeEachDb('reports', (db) => {
  let t: TestApp;
  let ids: Record<string, number>;
  let rdId: number;
  let marketId: number;
  const q = (path: string, params: Record<string, string | number>) =>
    `/api/v1/reports/${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;

  beforeAll(async () => {
    t = await createTestApp(db());
    const d = db().database.db;
    const now = Date.now();
    const emps = await d.selectFrom('employees').select(['id', 'job_number', 'department_id']).where('company_id', '=', t.companyId).execute();
    ids = Object.fromEntries(emps.map((e) => [e.job_number, e.id]));
    rdId = emps[0].department_id!;
    marketId = (await d.insertInto('departments').values({ company_id: t.companyId, parent_id: null, name: '市场部', code: 'MK', manager_employee_id: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    const east = (await d.insertInto('departments').values({ company_id: t.companyId, parent_id: marketId, name: '华东组', code: null, manager_employee_id: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    ids.R001 = (await d.insertInto('employees').values({ company_id: t.companyId, job_number: 'R001', name: RARE, email: null, mobile: null, department_id: east, manager_id: null, site_id: null, time_zone: null, hire_date: '2025-01-01', leave_date: null, status: 'active', created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    const shiftId = (await d.insertInto('shift_types').values({ company_id: t.companyId, code: 'D', name: '白班', definition: '{}', color: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    await d.insertInto('leave_types').values([
      { company_id: t.companyId, code: 'personal', name: '事假', paid: 0, unit: 'half_day', active: 1 },
      { company_id: t.companyId, code: 'sick', name: '病假', paid: 1, unit: 'half_day', active: 1 },
    ]).execute();
    const special: Record<string, Partial<NewRow<'attendance_days'>>> = {
      '2026-10-03': { worked_minutes: 240, overtime_minutes: 240, overtime_category: 'holiday', overtime_pay_multiplier: 3 },
      '2026-10-08': { late: 1, late_minutes: 5, late_level: 'late', in_time: '2026-10-08T09:05:00+08:00' },
      '2026-10-09': { late: 1, late_minutes: 40, late_level: 'serious', in_time: '2026-10-09T09:40:00+08:00' },
      '2026-10-12': { status: 'absent', worked_minutes: 0, in_time: null, out_time: null },
      '2026-10-13': { status: 'missing_punch', missing_in: 1, in_time: null },
      '2026-10-14': { early: 1, early_minutes: 10, out_time: '2026-10-14T17:50:00+08:00' },
      '2026-10-15': { status: 'on_leave', worked_minutes: 0, in_time: null, out_time: null, leave_type: 'personal' },
      '2026-10-16': { leave_type: 'sick', leave_half: 'am', worked_minutes: 240, in_time: '2026-10-16T13:30:00+08:00' },
      '2026-10-20': { overtime_minutes: 90, out_time: '2026-10-20T21:00:00+08:00' },
      '2026-10-21': { corrections_used: 1 },
    };
    const rows = [
      ...OCT.map((date) => octoberRow(t.companyId, ids.E001, date, shiftId, special[date])),
      ...OCT.map((date) => octoberRow(t.companyId, ids.M001, date, shiftId)),
      ...OCT.map((date) => octoberRow(t.companyId, ids.R001, date, shiftId)),
    ];
    await d.insertInto('attendance_days').values(rows).execute();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('exports the monthly sheet as XLSX: headers, summary columns, day symbols, rare characters, frozen panes; audited', async () => {
    const res = await t.as('hr').get(q('monthly', { companyId: t.companyId, month: '2026-10', format: 'xlsx' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="acme-[a-z0-9]+_2026-10_______\.xlsx"; filename\*=UTF-8''acme-[a-z0-9]+_2026-10_%E6%9C%88%E5%BA%A6/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('2026年10月考勤');
    expect(String(ws.getCell('A1').value)).toMatch(/2026年10月 月度考勤汇总$/);
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 16)).toEqual(['工号', '姓名', '部门', '应出勤天数', '出勤天数', '迟到次数', '迟到时长(分钟)', '严重迟到次数', '旷工迟到次数', '早退次数', '早退时长(分钟)', '上班缺卡次数', '下班缺卡次数', '旷工天数', '半天出勤天数', '事假(天)']);
    expect(header.slice(16, 22)).toEqual(['病假(天)', '工作日加班(小时)', '休息日加班(小时)', '节假日加班(小时)', '补卡次数', '工作时长(小时)']);
    expect(header.slice(22)).toEqual(OCT.map((d) => String(Number(d.slice(8)))));
    expect((ws.getRow(4).values as unknown[]).slice(23, 26)).toEqual(['四', '五', '六']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    expect(ws.getColumn(3).width).toBe(22);

    const rows = new Map<string, unknown[]>();
    ws.eachRow((row, n) => {
      if (n > 4) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect([...rows.keys()].filter((k) => /^[EMR]\d+$/.test(k))).toEqual(['E001', 'M001', 'R001']);
    const e = rows.get('E001')!;
    expect(e.slice(0, 22)).toEqual(['E001', '李员工', '研发部', 17, 15, 2, 45, 1, 0, 1, 10, 1, 0, 1, 0, 1, 0.5, 1.5, 0, 4, 1, 120]);
    const sym = (d: number) => e[21 + d];
    expect([1, 3, 10, 8, 9, 12, 13, 14, 15, 16, 19].map(sym)).toEqual(['节', '节', '休', '迟', '严', '旷', '缺', '早', '假', '½假', '√']);
    expect(rows.get('R001')!.slice(0, 3)).toEqual(['R001', RARE, '市场部/华东组']);
    expect([...rows.keys()].some((k) => k.startsWith('图例'))).toBe(true);

    const audit = (await t.as('admin').get('/api/v1/audit?entity=report&pageSize=5')).json().items;
    expect(audit[0]).toMatchObject({ action: 'report.export', entityId: 'monthly', companyId: t.companyId, after: { kind: 'monthly', format: 'xlsx', month: '2026-10', employees: 3 } });
  });

  it('exports CSV in UTF-8 with a BOM and the same figures', async () => {
    const res = await t.as('admin').get(q('monthly', { companyId: t.companyId, month: '2026-10', format: 'csv' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(res.rawPayload.toString('utf8'));
    expect(rows[0].slice(0, 4)).toEqual(['工号', '姓名', '部门', '应出勤天数']);
    expect(rows[0][22]).toBe('1(四)');
    const e = rows.find((r) => r[0] === 'E001')!;
    expect(e.slice(3, 8)).toEqual(['17', '15', '2', '45', '1']);
    expect(e[22 + 15]).toBe('½假');
    expect(rows.find((r) => r[0] === 'R001')![1]).toBe(RARE);
  });

  it('exports daily detail and anomalies', async () => {
    const daily = csvRows((await t.as('hr').get(q('daily', { companyId: t.companyId, from: '2026-10-08', to: '2026-10-09', format: 'csv' }))).body);
    expect(daily[0]).toEqual(['工号', '姓名', '部门', '日期', '星期', '日期类型', '班次', '上班打卡', '下班打卡', '迟到(分钟)', '早退(分钟)', '工作时长(小时)', '加班(小时)', '加班类别', '请假', '补卡次数', '状态', '标记']);
    expect(daily.slice(1, 7).map((r) => `${r[0]} ${r[3]}`)).toEqual(['E001 2026-10-08', 'E001 2026-10-09', 'M001 2026-10-08', 'M001 2026-10-09', 'R001 2026-10-08', 'R001 2026-10-09']);
    expect(daily[1].slice(4, 18)).toEqual(['四', '工作日', '白班', '09:05', '18:05', '5', '0', '8', '0', '', '', '0', '正常', '迟']);
    const anomalies = csvRows((await t.as('hr').get(q('anomalies', { companyId: t.companyId, from: '2026-10-01', to: '2026-10-31', format: 'csv' }))).body);
    expect(anomalies.filter((r) => /^[EMR]\d+$/.test(r[0])).map((r) => `${r[3]} ${r[18]}`)).toEqual([
      '2026-10-08 迟到', '2026-10-09 严重迟到', '2026-10-12 旷工', '2026-10-13 上班缺卡', '2026-10-14 早退',
    ]);
  });

  it('renders a PDF with Noto Sans SC embedded, repeated headers and 第 n / N 页 on every page', async () => {
    const res = await t.as('hr').get(q('daily', { companyId: t.companyId, from: '2026-10-01', to: '2026-10-31', format: 'pdf' }));
    expect(res.statusCode).toBe(200);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    const pageCount = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)!.length;
    expect(pageCount).toBeGreaterThanOrEqual(2);
    const texts = pdfPageTexts(pdf);
    expect(texts).toHaveLength(pageCount);
    texts.forEach((text, i) => {
      expect(text).toContain(`第 ${i + 1} / ${pageCount} 页`);
      expect(text).toContain('上班打卡');
    });
    // 䶮 and 龘 are in Noto Sans SC; 𠮷 (U+20BB7) is not, and is set in the embedded subset of Noto Sans JP.
    expect(texts.join('')).toContain('𠮷野䶮龘');
    expect(texts.join('')).not.toContain('[U+20BB7]');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(texts[0]).toContain('每日考勤明细');

    const monthly = await t.as('hr').get(q('monthly', { companyId: t.companyId, month: '2026-10', format: 'pdf' }));
    const text = pdfPageTexts(monthly.rawPayload).join('');
    expect(text).toContain('2026年10月 月度考勤汇总');
    expect(text).toContain('½假');
  });

  it('applies the default payroll mapping, then a saved one; validates and audits the mapping', async () => {
    const hr = t.as('hr');
    const def = csvRows((await hr.get(q('payroll', { companyId: t.companyId, month: '2026-10', format: 'csv' }))).body);
    expect(def[0]).toEqual(['工号', '姓名', '部门', '应出勤天数', '出勤天数', '迟到次数', '迟到分钟', '早退次数', '缺卡次数', '旷工天数', '事假天数', '事假小时', '病假天数', '年假天数', '加班小时(工作日)', '加班小时(休息日)', '加班小时(节假日)', '补卡次数']);
    expect(def.find((r) => r[0] === 'E001')).toEqual(['E001', '李员工', '研发部', '17', '15', '2', '45', '1', '1', '1', '1', '0', '0.5', '0', '1.5', '0', '4', '1']);

    const columns = [{ header: '员工编号', field: 'jobNumber' }, { header: '出勤天数', field: 'attendedDays' }, { header: '加班小时(工作日)', field: 'overtimeHours.workday' }, { header: '事假天数', field: 'leaveDays.personal' }];
    const put = await hr.inject({ method: 'PUT', url: `/api/v1/reports/payroll-mapping?companyId=${t.companyId}`, payload: { columns } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ isDefault: false, columns });
    expect((await hr.get(`/api/v1/reports/payroll-mapping?companyId=${t.companyId}`)).json().columns).toEqual(columns);

    const xlsx = await hr.get(q('payroll', { companyId: t.companyId, month: '2026-10', format: 'xlsx' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['员工编号', '出勤天数', '加班小时(工作日)', '事假天数']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['E001', 15, 1.5, 1]);

    const bad = await hr.inject({ method: 'PUT', url: `/api/v1/reports/payroll-mapping?companyId=${t.companyId}`, payload: { columns: [{ header: 'x', field: 'salary' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_PAYROLL_MAPPING', details: { problems: [{ path: 'body.columns[0].field' }] } });
    const forbidden = await t.as('employee').inject({ method: 'PUT', url: `/api/v1/reports/payroll-mapping?companyId=${t.companyId}`, payload: { columns } });
    expect(forbidden.statusCode).toBe(403);
    expect((await t.as('manager').get(q('payroll', { companyId: t.companyId, month: '2026-10' }))).statusCode).toBe(403);
    const audit = (await t.as('admin').get('/api/v1/audit?entity=payroll_mapping')).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'report.payroll_mapping.update', before: null, after: { columns } });
  });

  it('scopes exports like the API: employee sees themselves, manager their subtree, other companies 404', async () => {
    const jobsOf = async (role: 'employee' | 'manager' | 'hr', extra: Record<string, number> = {}) =>
      csvRows((await t.as(role).get(q('monthly', { companyId: t.companyId, month: '2026-10', format: 'csv', ...extra }))).body)
        .slice(1)
        .map((r) => r[0])
        .filter((j) => /^[EMR]\d+$/.test(j));
    expect(await jobsOf('employee')).toEqual(['E001']);
    expect(await jobsOf('manager')).toEqual(['E001', 'M001']);
    expect(await jobsOf('hr', { departmentId: marketId })).toEqual(['R001']);
    expect(await jobsOf('hr', { departmentId: rdId })).toEqual(['E001', 'M001']);
    const other = await t.as('otherHr').get(q('monthly', { companyId: t.companyId, month: '2026-10' }));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOT_FOUND');
    expect((await t.as('hr').get(q('monthly', { companyId: t.companyId, month: '2026-10', departmentId: 999999 }))).statusCode).toBe(404);
    expect((await t.as('anonymous').get(q('monthly', { companyId: t.companyId, month: '2026-10' }))).statusCode).toBe(401);
  });

  it('reports device lag per machine from the devices table and the punches of the period (admin, hr)', async () => {
    const d = db().database.db;
    const at = (iso: string) => Date.parse(iso);
    const sn = `ZK${t.companyId}X`;
    await d.insertInto('devices').values({
      company_id: t.companyId, site_id: null, vendor: 'zkteco', model: 'SpeedFace-V5L', serial_number: sn, mac: null, name: '前台考勤机', time_zone: null,
      status: 'active', status_map: null, push_options: '{}', auth_token_sealed: null, allowed_ips: null, firmware: null, push_version: null, language: null,
      user_count: null, fp_count: null, face_count: null, attlog_count: null, stamps: '{}', last_seen_at_ms: at('2026-10-31T10:00:00Z'),
      last_upload_at_ms: at('2026-10-31T09:30:00Z'), last_punch_at_ms: at('2026-10-31T09:00:00Z'), last_ip: null, offline_after_min: 10, online: 1,
      created_at_ms: 1, updated_at_ms: 1,
    }).execute();
    // Delivered 1, 10 and 120 minutes after the punch; the last one is outside the period.
    const punches = [['2026-10-08T00:55:00Z', 1], ['2026-10-09T00:55:00Z', 10], ['2026-10-12T00:55:00Z', 120], ['2026-11-02T00:55:00Z', 1]] as const;
    await d.insertInto('checkins').values(punches.map(([iso, delay], i) => ({
      company_id: t.companyId, employee_id: ids.E001, provider: 'device', tenant: '', external_id: '1', at_ms: at(iso), wall_time: iso, utc_offset_min: 480,
      time_zone: 'Asia/Shanghai', source: 'zkteco', source_record_id: null, device_sn: sn, verify_method: 'face', direction: null, location: null, photo_ref: null,
      platform_result: null, raw: null, received_at_ms: at(iso) + delay * 60_000, idempotency_key: `lag-${i}`, hold_reason: null,
    }))).execute();
    const res = await t.as('hr').get(q('device-lag', { companyId: t.companyId, from: '2026-10-01', to: '2026-10-31', format: 'csv' }));
    expect(res.statusCode).toBe(200);
    const rows = csvRows(res.body);
    expect(rows[0]).toEqual(['设备名称', '序列号', '厂商/型号', '站点', '状态', '在线', '最后心跳', '最后上传', '最新打卡', '当前滞后(分钟)', '期间打卡数', '平均延迟(分钟)', '最大延迟(分钟)', '延迟超5分钟', '延迟超1小时']);
    expect(rows[1]).toEqual(['前台考勤机', sn, 'zkteco SpeedFace-V5L', '', '启用', '是', '2026-10-31 18:00', '2026-10-31 17:30', '2026-10-31 17:00', '30', '3', '43.7', '120', '2', '1']);
    expect((await t.as('manager').get(q('device-lag', { companyId: t.companyId, from: '2026-10-01', to: '2026-10-31' }))).statusCode).toBe(403);
  });

  it('pages employees by job number with a keyset and counts the days a PDF would hold', async () => {
    const repo = new ReportsRepo(db().database.db, db().database.raw);
    const sel = { companyId: t.companyId, scope: { kind: 'all' as const }, from: '2026-10-01', to: '2026-10-31' };
    const pages: string[][] = [];
    for await (const page of repo.employeeChunks(sel, 2)) pages.push(page.map((e) => e.job_number));
    expect(pages).toEqual([['E001', 'M001'], ['R001']]);
    expect(await repo.countDays(sel, false)).toBe(93);
    expect(await repo.countDays(sel, true)).toBe(5);
    expect(await repo.countDays({ ...sel, scope: { kind: 'self', employeeId: ids.M001 } }, true)).toBe(0);
    const days = await repo.days([ids.R001, ids.E001], '2026-10-30', '2026-10-31');
    expect(days.map((d) => `${d.employee_id === ids.E001 ? 'E' : 'R'} ${d.date} ${d.status}`)).toEqual(
      ids.E001 < ids.R001
        ? ['E 2026-10-30 present', 'E 2026-10-31 rest', 'R 2026-10-30 present', 'R 2026-10-31 rest']
        : ['R 2026-10-30 present', 'R 2026-10-31 rest', 'E 2026-10-30 present', 'E 2026-10-31 rest'],
    );
  });

  it('documents the report endpoints in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/reports/'));
    expect(paths.sort()).toEqual(['/api/v1/reports/anomalies', '/api/v1/reports/daily', '/api/v1/reports/device-lag', '/api/v1/reports/monthly', '/api/v1/reports/payroll', '/api/v1/reports/payroll-mapping']);
    expect(doc.paths['/api/v1/reports/monthly'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['companyId', 'departmentId', 'format', 'month']);
    expect(Object.keys(doc.paths['/api/v1/reports/payroll-mapping']).sort()).toEqual(['get', 'put']);
  });

  it('rejects bad parameters with stable codes before writing anything', async () => {
    const hr = t.as('hr');
    const code = async (url: string) => {
      const res = await hr.get(url);
      expect(res.statusCode).toBe(400);
      return res.json().error.code as string;
    };
    expect(await code(q('monthly', { companyId: t.companyId, month: '2026-13' }))).toBe('INVALID_MONTH');
    expect(await code(q('monthly', { companyId: t.companyId, month: '202610' }))).toBe('INVALID_MONTH');
    expect(await code(q('monthly', { companyId: t.companyId, month: '2026-10', format: 'docx' }))).toBe('UNSUPPORTED_FORMAT');
    expect(await code(q('payroll', { companyId: t.companyId, month: '2026-10', format: 'pdf' }))).toBe('UNSUPPORTED_FORMAT');
    expect(await code(q('daily', { companyId: t.companyId, from: '2026-10-31', to: '2026-10-01' }))).toBe('INVALID_DATE_RANGE');
    expect(await code(q('daily', { companyId: t.companyId, from: '2026-02-30', to: '2026-03-01' }))).toBe('INVALID_DATE');
    expect(await code(q('daily', { companyId: t.companyId, from: '2026-01-01', to: '2026-12-31' }))).toBe('RANGE_TOO_LONG');
    expect(await code(`/api/v1/reports/monthly?month=2026-10`)).toBe('VALIDATION_FAILED');
    expect(await code(q('device-lag', { companyId: t.companyId, from: '2026-10-01', to: '2026-10-31', departmentId: rdId }))).toBe('UNSUPPORTED_FILTER');
    const exports = (await t.as('admin').get('/api/v1/audit?entity=report&pageSize=100')).json().items as { after: { month: string | null } }[];
    expect(exports.some((a) => a.after.month === '2026-13')).toBe(false);
  });
});
