import type { ApprovalStatus, ContactChange, PlatformEvent, TemplateKindMap } from '../platform/neutral.js';

const CONTACT: Record<string, ContactChange> = {
  user_add_org: 'user_created',
  user_modify_org: 'user_updated',
  user_leave_org: 'user_left',
  user_active_org: 'user_activated',
  org_dept_create: 'department_created',
  org_dept_modify: 'department_updated',
  org_dept_remove: 'department_removed',
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
const numOrNull = (v: unknown): number | null => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

function bpmsStatus(type: unknown, result: unknown): ApprovalStatus {
  if (type === 'finish') return result === 'agree' ? 'approved' : 'rejected';
  if (type === 'terminate') return 'withdrawn';
  if (type === 'delete') return 'deleted';
  return 'pending';
}

/**
 * A decrypted DingTalk event (HTTP push plaintext, or a Stream frame's data merged with its
 * headers) → a neutral event. Events are triggers: the caller re-queries the APIs for the truth.
 */
export function mapDingTalkEvent(e: Record<string, unknown>, templateKinds: TemplateKindMap = {}): PlatformEvent {
  const name = String(e.EventType ?? e.eventType ?? '');
  const tenant = String(e.CorpId ?? e.corpId ?? e.eventCorpId ?? '');
  const atMs = numOrNull(e.EventTime ?? e.eventBornTime ?? e.TimeStamp);
  const eventId = String(e.eventId ?? e.EventId ?? `${name}:${e.BizId ?? e.processInstanceId ?? atMs ?? ''}`);
  const base = { eventId, tenant, atMs };
  if (name === 'check_url' || name === 'check_create_suite_url' || name === 'check_update_suite_url') {
    return { ...base, type: 'check_url' };
  }
  if (name === 'attendance_check_record') {
    const list = Array.isArray(e.dataList) ? (e.dataList as Array<Record<string, unknown>>) : [];
    const punches = list
      .map((d) => ({ userExternalId: String(d.userId ?? ''), atMs: Number(d.checkTime) }))
      .filter((p) => p.userExternalId !== '' && Number.isFinite(p.atMs));
    return { ...base, type: 'punch', punches };
  }
  if (name in CONTACT) {
    return {
      ...base,
      type: 'contact',
      change: CONTACT[name],
      userExternalIds: strings(e.UserId ?? e.userId),
      departmentExternalIds: strings(e.DeptId ?? e.deptId),
    };
  }
  if (name === 'bpms_instance_change') {
    const processCode = e.processCode === undefined ? null : String(e.processCode);
    const category = e.bizCategoryId === undefined ? null : String(e.bizCategoryId);
    const kind = (processCode && templateKinds[processCode]) || (category && templateKinds[category]) || null;
    return {
      ...base,
      type: 'approval',
      approvalExternalId: String(e.processInstanceId ?? ''),
      templateExternalId: processCode,
      kind,
      status: bpmsStatus(e.type, e.result),
      userExternalId: e.staffId === undefined ? null : String(e.staffId),
    };
  }
  return { ...base, type: 'other', name };
}

/** Stream mode: `data` is a JSON string, the event metadata travels in the headers. */
export function mapDingTalkStreamEvent(
  headers: Record<string, unknown>,
  data: string,
  templateKinds: TemplateKindMap = {},
): PlatformEvent {
  let payload: Record<string, unknown> = {};
  try {
    const v = JSON.parse(data) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) payload = v as Record<string, unknown>;
  } catch {
    /* an unparsable body still yields a typed 'other' event below */
  }
  return mapDingTalkEvent({ ...payload, ...headers, EventType: headers.eventType ?? payload.EventType }, templateKinds);
}
