import { addDays, instantOf, wallTimeOf } from '../zone.js';
import { between, hash32, pick, prng } from './random.js';

/**
 * A seeded fake company shared by the DingTalk and WeCom simulators. Punches are computed per
 * (user, date) on demand from the seed, so a 10 000-person company costs no memory and every
 * request sees the same data however it is batched.
 */
export interface FakeCompanyOptions {
  seed?: number | string;
  users?: number;
  /** The month of approvals, `YYYY-MM` (default: last month); punches exist for any date. */
  month?: string;
  timeZone?: string;
  /**
   * A given organisation instead of a generated one, e.g. the people of an existing company so a
   * sync can be shown matching them. The first department is the root (the company itself).
   */
  directory?: { departments: FakeDepartment[]; users: Omit<FakeUser, 'index'>[] };
  /** The punches of a user on a date, instead of generated ones. */
  punches?: (user: FakeUser, date: string) => FakePunch[];
  /** Approvals instead of generated ones. */
  approvals?: FakeApproval[];
  /** A tenant living in the present: no punch is ever later than this clock (default: none). */
  now?: () => number;
}

export interface FakeDepartment {
  id: number;
  name: string;
  parentId: number | null;
  managerUserId: string | null;
  order: number;
}

export interface FakeUser {
  index: number;
  userId: string;
  name: string;
  jobNumber: string | null;
  mobile: string | null;
  email: string | null;
  deptIds: number[];
  managerUserId: string | null;
  hiredMs: number;
}

export type PunchMethod = 'MAP' | 'WIFI' | 'ATM';

export interface FakePunch {
  /** 64-bit (beyond 2^53 on purpose: clients must not round it). */
  recordId: string;
  userId: string;
  atMs: number;
  kind: 'in' | 'out' | 'outing';
  /** Scheduled time of the slot (null for outings and rest-day punches). */
  planMs: number | null;
  method: PunchMethod;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  address: string;
  ssid: string | null;
  bssid: string | null;
  deviceId: string | null;
  deviceSn: string | null;
  photoUrl: string | null;
  late: boolean;
  early: boolean;
  outside: boolean;
}

export interface FakeApproval {
  id: string;
  kind: 'leave' | 'correction' | 'overtime';
  userId: string;
  status: 'approved' | 'pending' | 'rejected' | 'withdrawn';
  /** Form values, tenant-local. */
  fromDate: string;
  toDate: string;
  fromPart: '上午' | '下午' | null;
  toPart: '上午' | '下午' | null;
  leaveType: string | null;
  /** Corrections: the wall time corrected to (`HH:mm`). */
  correctionTime: string | null;
  /** Overtime: `HH:mm` range. */
  overtime: { from: string; to: string } | null;
  createdMs: number;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马诸葛';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰飞鹏辉斌宇浩然梓涵一诺欣怡子轩雨泽思远晨曦佳怡俊杰语桐博文嘉怡昊天梦琪诗涵睿';
const DEPTS = ['研发部', '销售部', '市场部', '财务部', '人力资源部', '行政部', '客服部', '生产部', '质检部', '采购部', '物流部', '法务部'];
const LEAVE_TYPES = ['年假', '事假', '病假', '调休', '婚假'];
/** Record ids are 7·10^16 + seq: beyond 2^53 on purpose, so clients must keep them as strings. */
const EPOCH_DAY = Date.UTC(2020, 0, 1);

function lastMonth(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export class FakeCompany {
  readonly seed: string;
  readonly timeZone: string;
  readonly month: string;
  readonly departments: FakeDepartment[] = [];
  readonly users: FakeUser[] = [];
  readonly approvals: FakeApproval[] = [];
  private readonly byId = new Map<string, FakeUser>();
  private readonly midnights = new Map<string, number>();
  private readonly machineSn: string;
  private readonly givenPunches: FakeCompanyOptions['punches'];
  private readonly now: FakeCompanyOptions['now'];

  constructor(opts: FakeCompanyOptions = {}) {
    this.seed = String(opts.seed ?? 1);
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.month = opts.month ?? lastMonth();
    this.machineSn = `ATM${(hash32(this.seed) % 90000) + 10000}`;
    this.givenPunches = opts.punches;
    this.now = opts.now;
    if (opts.directory) {
      this.departments.push(...opts.directory.departments);
      opts.directory.users.forEach((u, index) => {
        const user = { ...u, index };
        this.users.push(user);
        this.byId.set(user.userId, user);
      });
      this.approvals.push(...(opts.approvals ?? []));
      return;
    }
    const userCount = opts.users ?? 120;
    const r = prng(`${this.seed}:org`);
    this.departments.push({ id: 1, name: '示例科技有限公司', parentId: null, managerUserId: null, order: 0 });
    const top = Math.min(DEPTS.length, Math.max(2, Math.ceil(userCount / 60)));
    for (let i = 0; i < top; i++) this.departments.push({ id: 100 + i, name: DEPTS[i], parentId: 1, managerUserId: null, order: i });
    const subs = Math.max(0, Math.min(400, Math.floor(userCount / 40) - top));
    for (let i = 0; i < subs; i++) {
      const parent = this.departments[1 + (i % top)];
      this.departments.push({ id: 1000 + i, name: `${parent.name}${i + 1}组`, parentId: parent.id, managerUserId: null, order: i });
    }
    const leafs = this.departments.slice(1);
    const names = new Set<string>();
    for (let i = 0; i < userCount; i++) {
      let name = '';
      do {
        const sur = r() < 0.03 ? pick(r, ['欧阳', '司马', '诸葛']) : SURNAMES[Math.floor(r() * 100)];
        name = sur + GIVEN[Math.floor(r() * GIVEN.length)] + (r() < 0.7 ? GIVEN[Math.floor(r() * GIVEN.length)] : '');
      } while (names.has(name) && names.size < 20_000);
      names.add(name);
      const dept = leafs[i % leafs.length];
      const userId = `u${String(i + 1).padStart(6, '0')}`;
      const u: FakeUser = {
        index: i,
        userId,
        name,
        jobNumber: r() < 0.92 ? `E${String(i + 1).padStart(6, '0')}` : null,
        mobile: r() < 0.85 ? `13${String(between(r, 0, 999_999_999)).padStart(9, '0')}` : null,
        email: r() < 0.8 ? `${userId}@example.cn` : null,
        deptIds: r() < 0.05 && leafs.length > 1 ? [dept.id, leafs[(i + 1) % leafs.length].id] : [dept.id],
        managerUserId: null,
        hiredMs: instantOf(addDays(`${this.month}-01`, -between(r, 30, 2000)), '', this.timeZone),
      };
      if (dept.managerUserId === null) dept.managerUserId = userId;
      this.users.push(u);
      this.byId.set(userId, u);
    }
    // The first employee heads the company, so every department head has a manager too.
    this.departments[0].managerUserId = this.users[0]?.userId ?? null;
    const deptById = new Map(this.departments.map((d) => [d.id, d]));
    for (const u of this.users) {
      const dept = deptById.get(u.deptIds[0])!;
      const parent = dept.parentId === null ? undefined : deptById.get(dept.parentId);
      const boss = dept.managerUserId !== u.userId ? dept.managerUserId : (parent?.managerUserId ?? null);
      u.managerUserId = boss === u.userId ? null : boss;
    }
    if (opts.approvals) this.approvals.push(...opts.approvals);
    else this.makeApprovals();
  }

  user(userId: string): FakeUser | undefined {
    return this.byId.get(userId);
  }

  /** Dates of the configured month, `YYYY-MM-DD`. */
  monthDates(): string[] {
    const out: string[] = [];
    for (let d = `${this.month}-01`; d.startsWith(this.month); d = addDays(d, 1)) out.push(d);
    return out;
  }

  /**
   * Instant of a wall time on a date. Memoised per date (Intl is slow at 10 000 users × 30 days);
   * fake schedules never fall on a DST jump, so midnight + minutes is exact enough here.
   */
  wall(date: string, hhmm: string): number {
    let m = this.midnights.get(date);
    if (m === undefined) {
      m = instantOf(date, '', this.timeZone);
      this.midnights.set(date, m);
    }
    const [h, mi] = hhmm.split(':').map(Number);
    return m + (h * 60 + mi) * 60_000;
  }

  /** The punches of one user on one (tenant-local) date, deterministic; none later than `now`. */
  punchesOn(user: FakeUser, date: string): FakePunch[] {
    const all = this.givenPunches ? this.givenPunches(user, date) : this.generatedPunches(user, date);
    if (!this.now) return all;
    const nowMs = this.now();
    return all.filter((p) => p.atMs <= nowMs);
  }

  private generatedPunches(user: FakeUser, date: string): FakePunch[] {
    const r = prng(`${this.seed}:${user.userId}:${date}`);
    const dow = new Date(date + 'T00:00:00Z').getUTCDay();
    const weekend = dow === 0 || dow === 6;
    const out: FakePunch[] = [];
    const day = Math.round((Date.parse(date + 'T00:00:00Z') - EPOCH_DAY) / 86_400_000);
    // 7·10^16 + seq, written out without BigInt (seq < 10^16): this runs millions of times.
    const seqOf = (slot: number) => user.index * 100_000 + day * 10 + slot;
    const idOf = (slot: number) => '7' + String(seqOf(slot)).padStart(16, '0');
    const at = (hhmm: string, jitterMin: number) => this.wall(date, hhmm) + jitterMin * 60_000 + between(r, 0, 59) * 1000;
    const make = (slot: number, kind: FakePunch['kind'], atMs: number, planMs: number | null): FakePunch => {
      const method: PunchMethod = pick(r, ['MAP', 'MAP', 'WIFI', 'ATM'] as const);
      const outside = method === 'MAP' && r() < 0.05;
      return {
        recordId: idOf(slot),
        userId: user.userId,
        atMs,
        kind,
        planMs,
        method,
        lat: method === 'ATM' ? null : +(30.2741 + (r() - 0.5) * (outside ? 0.1 : 0.002)).toFixed(6),
        lng: method === 'ATM' ? null : +(120.1551 + (r() - 0.5) * (outside ? 0.1 : 0.002)).toFixed(6),
        accuracyM: method === 'ATM' ? null : between(r, 5, 60),
        address: method === 'ATM' ? '前台考勤机' : outside ? '杭州市西湖区文三路' : '杭州市余杭区文一西路969号',
        ssid: method === 'WIFI' ? 'Office-5G' : null,
        bssid: method === 'WIFI' ? `a4:56:02:${between(r, 16, 99)}:7b:${between(r, 10, 99)}` : null,
        deviceId: method === 'ATM' ? null : `dev-${hash32(user.userId).toString(16)}`,
        deviceSn: method === 'ATM' ? this.machineSn : null,
        photoUrl: r() < 0.1 ? `https://static.example.cn/punch/${idOf(slot)}.jpg` : null,
        late: kind === 'in' && planMs !== null && atMs > planMs,
        early: kind === 'out' && planMs !== null && atMs < planMs,
        outside,
      };
    };
    if (weekend) {
      if (r() < 0.05) {
        out.push(make(0, 'in', at('10:00', between(r, -20, 20)), null));
        out.push(make(1, 'out', at('15:00', between(r, 0, 60)), null));
      }
      return out;
    }
    if (r() < 0.03) return out; // absent
    out.push(make(0, 'in', at('08:35', between(r, -25, 35)), this.wall(date, '09:00')));
    if (r() < 0.04) out.push(make(2, 'outing', at('14:00', between(r, -60, 60)), null));
    if (r() < 0.95) out.push(make(1, 'out', at('18:00', between(r, -5, 90)), this.wall(date, '18:00')));
    return out.sort((a, b) => a.atMs - b.atMs);
  }

  /** All punches of these users with fromMs ≤ atMs ≤ toMs. */
  punchesBetween(userIds: readonly string[], fromMs: number, toMs: number): FakePunch[] {
    const out: FakePunch[] = [];
    const firstDate = wallTimeOf(fromMs, this.timeZone).wallTime.slice(0, 10);
    const lastDate = wallTimeOf(toMs, this.timeZone).wallTime.slice(0, 10);
    for (const id of userIds) {
      const u = this.byId.get(id);
      if (!u) continue;
      for (let d = firstDate; d <= lastDate; d = addDays(d, 1)) {
        for (const p of this.punchesOn(u, d)) if (p.atMs >= fromMs && p.atMs <= toMs) out.push(p);
      }
    }
    return out;
  }

  private makeApprovals(): void {
    const r = prng(`${this.seed}:approvals`);
    const dates = this.monthDates().filter((d) => {
      const dow = new Date(d + 'T00:00:00Z').getUTCDay();
      return dow !== 0 && dow !== 6;
    });
    let n = 0;
    for (const u of this.users) {
      const roll = r();
      if (roll > 0.16) continue;
      const kind: FakeApproval['kind'] = roll < 0.08 ? 'leave' : roll < 0.13 ? 'correction' : 'overtime';
      const date = pick(r, dates);
      const s = r();
      const status: FakeApproval['status'] = s < 0.8 ? 'approved' : s < 0.9 ? 'pending' : s < 0.95 ? 'rejected' : 'withdrawn';
      n += 1;
      const base = {
        id: `${this.month.replace('-', '')}${String(n).padStart(6, '0')}-${hash32(`${this.seed}:${n}`).toString(16)}`,
        kind,
        userId: u.userId,
        status,
        fromDate: date,
        toDate: date,
        fromPart: null,
        toPart: null,
        leaveType: null,
        correctionTime: null,
        overtime: null,
        createdMs: instantOf(date, '08:00', this.timeZone) - 86_400_000,
      } satisfies FakeApproval;
      if (kind === 'leave') {
        const half = r() < 0.3 ? pick(r, ['上午', '下午'] as const) : null;
        const days = half ? 0 : between(r, 0, 2);
        this.approvals.push({ ...base, toDate: addDays(date, days), fromPart: half, toPart: half, leaveType: pick(r, LEAVE_TYPES) });
      } else if (kind === 'correction') {
        this.approvals.push({ ...base, correctionTime: pick(r, ['09:00', '18:00']) });
      } else {
        this.approvals.push({ ...base, overtime: { from: '19:00', to: pick(r, ['21:00', '22:30']) } });
      }
    }
  }
}
