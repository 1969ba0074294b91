/**
 * DingTalk → Daka. Vendor field names stop here (DESIGN.md house rule 3): everything these
 * functions return is in Daka's own terms.
 */
export { mapDingTalkRecord, mapDingTalkRecords, type DingTalkMapContext, type PunchMapResult, type SkipReason } from './mapper-punch.js';
export { mapDingTalkUser, mapDingTalkDepartment } from './mapper-directory.js';
export {
  mapDingTalkProcessInstance,
  mapDingTalkLeaveStatus,
  dingTalkApprovalStatus,
  parseFormDate,
  DINGTALK_DEFAULT_TEMPLATE_KINDS,
  type DingTalkApprovalContext,
} from './mapper-approval.js';
export { mapDingTalkEvent, mapDingTalkStreamEvent } from './mapper-event.js';
export { mapDingTalkDayResults } from './mapper-day.js';
