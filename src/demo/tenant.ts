/**
 * The demo company's DingTalk organisation: the same departments and people as in Daka (a
 * company's DingTalk directory holds everyone), so the connector's directory sync matches every
 * member to an existing employee by job number instead of creating strangers. Only sales clock in
 * with DingTalk; their punches are the same day plans the seed used for the past, up to now.
 */
import { FakeCompany, type FakeDepartment, type FakePunch, type FakeUser } from '../sources/platform/simulator/fake-company.js';
import { parseJsonSafe, stringifyWithBigNumbers } from '../sources/platform/json.js';
import { toListRecord } from '../sources/dingtalk/simulator/records.js';
import { mapDingTalkRecord } from '../sources/dingtalk/mapper-punch.js';
import type { CheckinInput } from '../sources/types.js';
import { DEMO_DINGTALK_CORP, DEMO_ZONE, SHIFT_MINUTES, dingTalkUserId } from './plan.js';
import { planDay } from './punches.js';

export interface TenantDepartment {
  id: number;
  name: string;
  parentId: number | null;
}
export interface TenantPerson {
  jobNumber: string;
  name: string;
  email: string | null;
  mobile: string | null;
  departmentId: number | null;
  /** Clocks in with DingTalk (the tenant serves their punches). */
  punchesOnDingTalk: boolean;
}

const HQ = { lat: 31.2035, lng: 121.5907, address: '上海市浦东新区张江路 88 号' };
const ROOT = 1;
const deptExternalId = (dakaId: number) => 1000 + dakaId;

export function demoTenant(opts: { companyName: string; departments: TenantDepartment[]; people: TenantPerson[]; isWorkday: (date: string) => boolean; now: () => number }): FakeCompany {
  const departments: FakeDepartment[] = [{ id: ROOT, name: opts.companyName, parentId: null, managerUserId: null, order: 0 }];
  opts.departments.forEach((d, i) => departments.push({ id: deptExternalId(d.id), name: d.name, parentId: d.parentId === null ? ROOT : deptExternalId(d.parentId), managerUserId: null, order: i }));
  const byUserId = new Map<string, TenantPerson>();
  const users: Omit<FakeUser, 'index'>[] = opts.people.map((p) => {
    const userId = dingTalkUserId(p.jobNumber);
    byUserId.set(userId, p);
    return { userId, name: p.name, jobNumber: p.jobNumber, mobile: p.mobile, email: p.email, deptIds: [p.departmentId === null ? ROOT : deptExternalId(p.departmentId)], managerUserId: null, hiredMs: Date.UTC(2024, 2, 1) };
  });
  const company: FakeCompany = new FakeCompany({
    seed: 'daka-demo',
    timeZone: DEMO_ZONE,
    directory: { departments, users },
    approvals: [],
    now: opts.now,
    punches: (user, date) => {
      const person = byUserId.get(user.userId);
      if (!person?.punchesOnDingTalk) return [];
      const plan = planDay(person.jobNumber, date, opts.isWorkday(date) ? SHIFT_MINUTES.standard : null, DEMO_ZONE, { notAfterMs: opts.now() });
      if (plan.kind !== 'work') return [];
      return plan.punches.map((p, slot) => fakePunch(company, user, date, slot, p.atMs, p.kind));
    },
  });
  return company;
}

function fakePunch(company: FakeCompany, user: FakeUser, date: string, slot: number, atMs: number, kind: 'in' | 'out'): FakePunch {
  const planMs = company.wall(date, kind === 'in' ? '09:00' : '18:00');
  const day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  // 64-bit like DingTalk's, unique per person, day and slot.
  const recordId = '7' + String(Number(user.jobNumber!.replace(/\D/g, '')) * 1_000_000 + day * 10 + slot).padStart(16, '0');
  return {
    recordId, userId: user.userId, atMs, kind, planMs, method: 'MAP',
    lat: HQ.lat + (atMs % 7) / 10_000, lng: HQ.lng, accuracyM: 30, address: HQ.address,
    ssid: null, bssid: null, deviceId: `phone-${user.userId}`, deviceSn: null, photoUrl: null,
    late: kind === 'in' && atMs > planMs, early: kind === 'out' && atMs < planMs, outside: false,
  };
}

/** A person's DingTalk punches of a date exactly as the connector stores them after a sync. */
export function tenantCheckins(company: FakeCompany, jobNumber: string, date: string): CheckinInput[] {
  const user = company.user(dingTalkUserId(jobNumber));
  if (!user) return [];
  const out: CheckinInput[] = [];
  for (const p of company.punchesOn(user, date)) {
    const wire = parseJsonSafe(stringifyWithBigNumbers(toListRecord(p, company, DEMO_DINGTALK_CORP))) as Parameters<typeof mapDingTalkRecord>[0];
    const mapped = mapDingTalkRecord(wire, { corpId: DEMO_DINGTALK_CORP, timeZone: DEMO_ZONE });
    if (mapped.ok) out.push(mapped.checkin);
  }
  return out;
}
