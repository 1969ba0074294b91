/**
 * The few platform operations the sync code needs, in neutral terms, for either platform. Vendor
 * payloads are mapped by the wire layer's mappers before they leave this file.
 */
import {
  DINGTALK_DEFAULT_TEMPLATE_KINDS,
  mapDingTalkDepartment,
  mapDingTalkProcessInstance,
  mapDingTalkUser,
  planDingTalkBackfill,
  runDingTalkBackfill,
} from '../../sources/dingtalk/index.js';
import { mapWeComApproval, mapWeComDepartment, mapWeComUser, planWeComBackfill, runWeComBackfill } from '../../sources/wecom/index.js';
import type { BackfillCursor, BackfillPlan, BackfillProgress } from '../../sources/platform/index.js';
import type { ApprovalRecord, DirectoryDepartment, DirectoryUser } from '../../sources/platform/neutral.js';
import { instantOf, addDays } from '../../sources/platform/zone.js';
import type { CheckinInput } from '../../sources/types.js';
import type { ConnectorSettings, PlatformClient } from './connector-config.js';

export interface Directory {
  departments: DirectoryDepartment[];
  users: DirectoryUser[];
}

/** The whole directory: every department, every member of each (deduplicated). */
export async function fetchDirectory(pc: PlatformClient, settings: ConnectorSettings): Promise<Directory> {
  const users = new Map<string, DirectoryUser>();
  if (pc.platform === 'dingtalk') {
    const departments = (await pc.client.listAllDepartments()).map(mapDingTalkDepartment);
    for (const d of departments) {
      for (const u of await pc.client.listDepartmentUsers(d.externalId)) mergeUser(users, mapDingTalkUser(u));
    }
    return { departments, users: [...users.values()] };
  }
  const departments = (await pc.client.listDepartments()).map(mapWeComDepartment);
  for (const d of departments) {
    for (const u of await pc.client.listDepartmentUsers(Number(d.externalId))) mergeUser(users, mapWeComUser(u, { jobNumberAttrs: settings.jobNumberAttrs }));
  }
  return { departments, users: [...users.values()] };
}

function mergeUser(into: Map<string, DirectoryUser>, u: DirectoryUser) {
  const seen = into.get(u.externalId);
  if (!seen) into.set(u.externalId, u);
  else seen.departmentExternalIds = [...new Set([...seen.departmentExternalIds, ...u.departmentExternalIds])];
}

export async function fetchUser(pc: PlatformClient, settings: ConnectorSettings, userId: string): Promise<DirectoryUser> {
  if (pc.platform === 'dingtalk') return mapDingTalkUser(await pc.client.getUser(userId));
  return mapWeComUser(await pc.client.getUser(userId), { jobNumberAttrs: settings.jobNumberAttrs });
}

export function planPunches(pc: PlatformClient, userIds: string[], fromDate: string, toDate: string): BackfillPlan {
  return pc.platform === 'dingtalk' ? planDingTalkBackfill(userIds, fromDate, toDate) : planWeComBackfill(userIds, fromDate, toDate);
}

export function runPunches(pc: PlatformClient, plan: BackfillPlan, cursor: BackfillCursor | null, concurrency?: number): AsyncGenerator<BackfillProgress<CheckinInput>> {
  return pc.platform === 'dingtalk'
    ? runDingTalkBackfill(pc.client, plan, { cursor, concurrency: concurrency ?? 4 })
    : runWeComBackfill(pc.client, plan, { cursor, concurrency: concurrency ?? 2 });
}

export function templateKinds(pc: PlatformClient, settings: ConnectorSettings) {
  return pc.platform === 'dingtalk' ? { ...DINGTALK_DEFAULT_TEMPLATE_KINDS, ...settings.templateKinds } : { ...settings.templateKinds };
}

/** Approval ids created in [fromDate, toDate] (tenant-local, inclusive). */
export async function listApprovalIds(pc: PlatformClient, settings: ConnectorSettings, fromDate: string, toDate: string): Promise<string[]> {
  const zone = pc.client.timeZone;
  const ids = new Set<string>();
  if (pc.platform === 'dingtalk') {
    // DingTalk lists per process code, at most 120 days per call.
    const codes = Object.keys(templateKinds(pc, settings)).filter((c) => !c.startsWith('attendance.'));
    for (let from = fromDate; from <= toDate; from = addDays(from, 120)) {
      const last = minDate(addDays(from, 119), toDate);
      const startMs = instantOf(from, '', zone);
      const endMs = instantOf(addDays(last, 1), '', zone) - 1;
      for (const code of codes) for (const id of await pc.client.listProcessInstanceIds(code, startMs, endMs)) ids.add(id);
    }
    return [...ids];
  }
  // WeCom: windows of at most 31 days.
  for (let from = fromDate; from <= toDate; from = addDays(from, 30)) {
    const last = minDate(addDays(from, 29), toDate);
    const startSec = Math.floor(instantOf(from, '', zone) / 1000);
    const endSec = Math.floor(instantOf(addDays(last, 1), '', zone) / 1000) - 1;
    for (const id of await pc.client.listApprovalNumbers(startSec, endSec)) ids.add(id);
  }
  return [...ids];
}

export async function fetchApproval(pc: PlatformClient, settings: ConnectorSettings, id: string): Promise<ApprovalRecord | null> {
  const ctx = { templateKinds: templateKinds(pc, settings), timeZone: pc.client.timeZone };
  if (pc.platform === 'dingtalk') return mapDingTalkProcessInstance(await pc.client.getProcessInstance(id), ctx);
  return mapWeComApproval(await pc.client.getApprovalDetail(id), ctx);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
