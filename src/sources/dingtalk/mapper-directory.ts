import type { DirectoryDepartment, DirectoryUser } from '../platform/neutral.js';
import type { DingTalkDepartment, DingTalkUser } from './wire.js';

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * A user as listed by DingTalk. Departed employees are not listed at all (they arrive as
 * user_leave_org events), so a listed user is active: DingTalk's own `active` flag only says
 * whether the account was ever logged into, and punch-machine users may never log in.
 */
export function mapDingTalkUser(u: DingTalkUser): DirectoryUser {
  const missing: string[] = [];
  const email = present(u.email) ? u.email : present(u.org_email) ? u.org_email : undefined;
  const out: DirectoryUser = {
    externalId: u.userid,
    name: u.name,
    departmentExternalIds: (u.dept_id_list ?? []).map(String),
    active: true,
    missingFields: missing,
  };
  if (present(u.job_number)) out.jobNumber = u.job_number;
  else missing.push('jobNumber');
  if (email) out.email = email;
  else missing.push('email');
  if (present(u.mobile)) out.mobile = u.mobile;
  else missing.push('mobile');
  if (present(u.manager_userid)) out.managerExternalId = u.manager_userid;
  else missing.push('managerExternalId');
  return out;
}

export function mapDingTalkDepartment(d: DingTalkDepartment): DirectoryDepartment {
  const parent = d.parent_id === undefined || d.parent_id === null ? null : String(d.parent_id);
  return {
    externalId: String(d.dept_id),
    name: d.name,
    // The root department (id 1) reports parent 0 or none.
    parentExternalId: parent === '0' ? null : parent,
    managerExternalIds: (d.dept_manager_userid_list ?? []).map(String),
    ...(typeof d.order === 'number' ? { order: d.order } : {}),
  };
}
