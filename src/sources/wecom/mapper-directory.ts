import type { DirectoryDepartment, DirectoryUser } from '../platform/neutral.js';
import type { WeComDepartment, WeComUser } from './wire.js';

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export interface WeComDirectoryOptions {
  /** Custom attribute names that hold the job number (WeCom has no native field). */
  jobNumberAttrs?: readonly string[];
}

const DEFAULT_JOB_ATTRS = ['工号', '员工编号', 'job_number', 'JobNumber'];

/**
 * status: 1 active, 2 disabled, 4 not yet activated, 5 left. A not-yet-activated member is still
 * an employee (they may punch on machines), so only 2 and 5 count as inactive.
 */
export function mapWeComUser(u: WeComUser, opts: WeComDirectoryOptions = {}): DirectoryUser {
  const missing: string[] = [];
  const out: DirectoryUser = {
    externalId: u.userid,
    name: u.name,
    departmentExternalIds: (u.department ?? []).map(String),
    active: u.status !== 2 && u.status !== 5,
    missingFields: missing,
  };
  const names = opts.jobNumberAttrs ?? DEFAULT_JOB_ATTRS;
  const attr = u.extattr?.attrs?.find((a) => names.includes(a.name));
  const job = attr?.text?.value ?? attr?.value;
  if (present(job)) out.jobNumber = job;
  else missing.push('jobNumber');
  const email = present(u.email) ? u.email : present(u.biz_mail) ? u.biz_mail : undefined;
  if (email) out.email = email;
  else missing.push('email');
  if (present(u.mobile)) out.mobile = u.mobile;
  else missing.push('mobile');
  const leader = (u.direct_leader ?? []).find(present);
  if (leader) out.managerExternalId = leader;
  else missing.push('managerExternalId');
  return out;
}

export function mapWeComDepartment(d: WeComDepartment): DirectoryDepartment {
  return {
    externalId: String(d.id),
    name: d.name,
    parentExternalId: d.parentid === undefined || d.parentid === 0 ? null : String(d.parentid),
    managerExternalIds: (d.department_leader ?? []).map(String),
    ...(typeof d.order === 'number' ? { order: d.order } : {}),
  };
}
