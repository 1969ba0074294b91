import type { ContactChange, PlatformEvent, TemplateKindMap } from '../platform/neutral.js';
import { weComApprovalStatus } from './mapper-approval.js';

const CONTACT: Record<string, ContactChange> = {
  create_user: 'user_created',
  update_user: 'user_updated',
  delete_user: 'user_left',
  create_party: 'department_created',
  update_party: 'department_updated',
  delete_party: 'department_removed',
};

const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * A decrypted WeCom callback (XML root children or the JSON object) → a neutral event. There is
 * no punch event for self-built apps; punches are polled.
 */
export function mapWeComEvent(e: Record<string, unknown>, corpId: string, templateKinds: TemplateKindMap = {}): PlatformEvent {
  const name = s(e.Event) ?? s(e.MsgType) ?? '';
  const createSec = Number(e.CreateTime);
  const atMs = Number.isFinite(createSec) && createSec > 0 ? createSec * 1000 : null;
  const info = obj(e.ApprovalInfo);
  // WeCom's suggested key (FromUserName + CreateTime + Event) collides when two approvals or two
  // members change in the same second, so the subject of the event is part of the key.
  const subject = s(info.SpNo) ?? s(e.UserID) ?? s(e.Id) ?? '';
  const status = s(info.SpStatus) ?? '';
  const eventId =
    s(e.MsgId) ?? [s(e.FromUserName) ?? '', s(e.CreateTime) ?? '', name, s(e.ChangeType) ?? '', subject, status].join(':');
  const base = { eventId, tenant: s(e.ToUserName) ?? corpId, atMs };
  if (name === 'sys_approval_change') {
    const template = s(info.TemplateId);
    return {
      ...base,
      type: 'approval',
      approvalExternalId: s(info.SpNo) ?? s(info.SpNoStr) ?? '',
      templateExternalId: template,
      kind: (template && templateKinds[template]) || null,
      status: weComApprovalStatus(s(info.SpStatus) ?? 1),
      userExternalId: s(obj(info.Applyer).UserId),
    };
  }
  if (name === 'change_contact') {
    const change = CONTACT[s(e.ChangeType) ?? ''] ?? 'other';
    const party = change.startsWith('department');
    const depts = party ? [s(e.Id)] : (s(e.Department) ?? '').split(',');
    return {
      ...base,
      type: 'contact',
      change,
      userExternalIds: party ? [] : [s(e.UserID)].filter((x): x is string => !!x),
      departmentExternalIds: depts.filter((x): x is string => !!x && x.trim() !== ''),
    };
  }
  return { ...base, type: 'other', name };
}
